/*
 * settings.c: where the network drivers' settings live.  channel.c's
 * channel_configure() checks them and stores them here once at start,
 * before any worker runs, so workers read them without locks.  The
 * strings are copied, so the caller's configuration may go away.
 */
#include <stdlib.h>
#include <string.h>

#include "channel/settings.h"
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

void
channel_settings_store(const struct channel_settings *cs)
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
	settings = *cs;
	for (i = 0; i < sizeof(str) / sizeof(str[0]); i++) {
		*str[i].slot = keep(&strs[i], *str[i].slot);
		if (str[i].base)
			trim_slash(strs[i]);
	}
	if (*settings.sms.provider == '\0')
		settings.sms.provider = "none";
}

const struct channel_settings *
channel_settings(void)
{
	return &settings;
}
