/*
 * channel.c: the channel registry.
 *
 * pushplus's channel names map to drivers here.  `wechat` is delivered to
 * the recipient's inbox on this server (design.md: what "wechat" means on
 * a self-hosted server); webhook, cp and mail have drivers of their own
 * (webhook.c, cp.c, mail.c), sms and voice go through the operator's
 * SMS provider (sms.c).  Channels named by the pushplus docs that feige
 * cannot serve have drivers too (refused.c) whose ready() says why: the
 * send API asks channel_ready() and refuses them at once (999), so
 * nothing is accepted that could only fail.
 *
 * channel_configure() sits here, above every driver: it checks the
 * settings (the SMS provider must exist) and stores them in settings.c,
 * which the drivers read.  The drivers never call back up into this file.
 */
#include <strings.h>

#include "channel/channel_int.h"
#include "channel/sms_int.h"

int
channel_configure(const struct channel_settings *cs, struct strbuf *err)
{
	if (cs->sms.provider && *cs->sms.provider &&
	    sms_provider_lookup(cs->sms.provider, err) == NULL)
		return -1;
	channel_settings_store(cs);
	return 0;
}

static const struct {
	const char			*name;
	const struct channel_driver	*drv;
} registry[] = {
	{ "wechat", &channel_inbox },
	{ "webhook", &channel_webhook },
	{ "cp", &channel_cp },
	{ "mail", &channel_mail },
	{ "sms", &channel_sms },
	{ "voice", &channel_voice },
	{ "extension", &channel_extension },
	{ "app", &channel_app },
	{ "clawbot", &channel_clawbot },
	{ "qq", &channel_qq },
	{ "cmcc", &channel_cmcc },
};

int
channel_ready(const struct channel_driver *drv, struct strbuf *why)
{
	return drv->ready ? drv->ready(drv, why) : 0;
}

const struct channel_driver *
channel_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(registry) / sizeof(registry[0]); i++)
		if (strcasecmp(registry[i].name, name) == 0)
			return registry[i].drv;
	return NULL;
}
