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
 * The network drivers' settings live here too: channel_configure() copies
 * them once at start, before any worker runs, so workers read them
 * without locks.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/channel_int.h"
#include "channel/sms_int.h"
#include "util/xmalloc.h"

static struct channel_settings settings = {
	.timeout_ms = 10000,
	.wecom_base = "https://qyapi.weixin.qq.com",
	.mail_host = "", .mail_port = 25, .mail_account = "",
	.mail_password = "", .mail_from = "", .ca_file = "", .proxy = "",
	.sms = { .provider = "none", .secret_id = "", .secret_key = "",
	    .region = "", .sdk_app_id = "", .sign_name = "",
	    .template_id = "", .voice_app_id = "", .voice_template_id = "",
	    .endpoint = "" },
	.clawbot = { .api_base = "https://ilinkai.weixin.qq.com",
	    .app_id = "bot", .version = "2.4.8", .bot_agent = "Feige/1.0" },
};

static char *
keep(char **slot, const char *v)
{
	free(*slot);
	*slot = xstrdup(v ? v : "");
	return *slot;
}

/* Drop the final '/'s of a base URL. */
static void
trim_slash(char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == '/')
		s[--n] = '\0';
}

int
channel_configure(const struct channel_settings *cs, struct strbuf *err)
{
	static char *strs[21];
	struct {
		const char	**slot;
		int		  base;		/* a base URL */
	} str[] = { { &settings.wecom_base, 1 }, { &settings.mail_host, 0 },
	    { &settings.mail_account, 0 }, { &settings.mail_password, 0 },
	    { &settings.mail_from, 0 }, { &settings.ca_file, 0 },
	    { &settings.sms.provider, 0 }, { &settings.sms.secret_id, 0 },
	    { &settings.sms.secret_key, 0 }, { &settings.sms.region, 0 },
	    { &settings.sms.sdk_app_id, 0 }, { &settings.sms.sign_name, 0 },
	    { &settings.sms.template_id, 0 },
	    { &settings.sms.voice_app_id, 0 },
	    { &settings.sms.voice_template_id, 0 },
	    { &settings.sms.endpoint, 1 },
	    { &settings.clawbot.api_base, 1 },
	    { &settings.clawbot.app_id, 0 },
	    { &settings.clawbot.version, 0 },
	    { &settings.clawbot.bot_agent, 0 }, { &settings.proxy, 0 } };
	size_t i;

	_Static_assert(sizeof(str) / sizeof(str[0]) ==
	    sizeof(strs) / sizeof(strs[0]), "one copy per string setting");
	if (cs->sms.provider && *cs->sms.provider &&
	    sms_provider_lookup(cs->sms.provider, err) == NULL)
		return -1;
	settings = *cs;
	for (i = 0; i < sizeof(str) / sizeof(str[0]); i++) {
		*str[i].slot = keep(&strs[i], *str[i].slot);
		if (str[i].base)
			trim_slash(strs[i]);
	}
	if (*settings.sms.provider == '\0')
		settings.sms.provider = "none";
	return 0;
}

const struct channel_settings *
channel_settings(void)
{
	return &settings;
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
