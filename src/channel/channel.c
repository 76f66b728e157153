/*
 * channel.c: the channel registry.
 *
 * pushplus's channel names map to drivers here.  `wechat` is delivered to
 * the recipient's inbox on this server (design.md: what "wechat" means on
 * a self-hosted server).  Channels named by the pushplus docs that feige
 * does not drive yet are accepted by the API and fail each delivery with
 * a clear reason (status 3), never silently: see unsupported_send.
 */
#include <string.h>
#include <strings.h>

#include "channel/channel.h"

static void
unsupported_send(const struct channel_driver *drv,
    const struct delivery_job *job, struct delivery_result *res)
{
	(void)job;
	res->outcome = DELIVERY_PERMFAIL;
	strbuf_setf(&res->detail, "渠道 '%s' 暂未在此服务器上实现 "
	    "(channel '%s' is not implemented by this server yet)",
	    drv->name, drv->name);
}

#define UNSUPPORTED(id, nm) \
	static const struct channel_driver id = { \
		.name = nm, .caps = 0, .send = unsupported_send }

UNSUPPORTED(ch_webhook, "webhook");
UNSUPPORTED(ch_cp, "cp");
UNSUPPORTED(ch_mail, "mail");
UNSUPPORTED(ch_sms, "sms");
UNSUPPORTED(ch_extension, "extension");
UNSUPPORTED(ch_voice, "voice");
UNSUPPORTED(ch_app, "app");
UNSUPPORTED(ch_clawbot, "clawbot");

static const struct {
	const char			*name;
	const struct channel_driver	*drv;
} registry[] = {
	{ "wechat", &channel_inbox },
	{ "webhook", &ch_webhook },
	{ "cp", &ch_cp },
	{ "mail", &ch_mail },
	{ "sms", &ch_sms },
	{ "extension", &ch_extension },
	{ "voice", &ch_voice },
	{ "app", &ch_app },
	{ "clawbot", &ch_clawbot },
};

const struct channel_driver *
channel_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(registry) / sizeof(registry[0]); i++)
		if (strcasecmp(registry[i].name, name) == 0)
			return registry[i].drv;
	return NULL;
}
