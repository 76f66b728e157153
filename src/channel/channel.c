/*
 * channel.c: the channel registry.
 *
 * pushplus's channel names map to drivers here.  `wechat` is delivered to
 * the recipient's inbox on this server (design.md: what "wechat" means on
 * a self-hosted server); webhook, cp and mail have drivers of their own
 * (webhook.c, cp.c, mail.c).  Channels named by the pushplus docs that
 * feige does not drive yet are accepted by the API and fail each delivery
 * with a clear reason (status 3), never silently: see unsupported_send.
 *
 * The network drivers' settings live here too: channel_configure() copies
 * them once at start, before any worker runs, so workers read them
 * without locks.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/channel_int.h"
#include "util/xmalloc.h"

static struct channel_settings settings = {
	.timeout_ms = 10000,
	.wecom_base = "https://qyapi.weixin.qq.com",
	.mail_host = "", .mail_port = 25, .mail_account = "",
	.mail_password = "", .mail_from = "", .ca_file = "",
};

static char *
keep(char **slot, const char *v)
{
	free(*slot);
	*slot = xstrdup(v ? v : "");
	return *slot;
}

void
channel_configure(const struct channel_settings *cs)
{
	static char *strs[6];

	settings = *cs;
	settings.wecom_base = keep(&strs[0], cs->wecom_base);
	while (*strs[0] && strs[0][strlen(strs[0]) - 1] == '/')
		strs[0][strlen(strs[0]) - 1] = '\0';	/* base without '/' */
	settings.mail_host = keep(&strs[1], cs->mail_host);
	settings.mail_account = keep(&strs[2], cs->mail_account);
	settings.mail_password = keep(&strs[3], cs->mail_password);
	settings.mail_from = keep(&strs[4], cs->mail_from);
	settings.ca_file = keep(&strs[5], cs->ca_file);
}

const struct channel_settings *
channel_settings(void)
{
	return &settings;
}

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
	{ "webhook", &channel_webhook },
	{ "cp", &channel_cp },
	{ "mail", &channel_mail },
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
