/*
 * settings.h: the process-wide settings of the network drivers, from
 * feige.conf.  Their own file so that every driver can read them
 * without depending on the registry (channel.c), which in turn knows
 * every driver: reading a setting and being listed are two concerns.
 *
 * channel_configure() (channel.h) checks them and stores them here once,
 * before the workers start; after that they are read-only, so workers
 * read them without locks.
 */
#ifndef FG_CHANNEL_SETTINGS_H
#define FG_CHANNEL_SETTINGS_H

/* Set once by channel_configure() before the workers start. */
struct channel_settings {
	int		 timeout_ms;		/* one upstream request */
	int		 allow_private;		/* webhooks to private nets */
	const char	*wecom_base;		/* cp API base URL */
	const char	*ca_file;		/* TLS trust, "" = system */
	int		 per_host;		/* blocking requests to one host */
	int		 loop_per_host;		/* on the loop (xloop.c), 0 any */
	int		 loop_max;		/* on the loop in all */
	const char	*proxy;			/* channel.proxy, "" = none */
	const char	*mail_host;		/* default SMTP sender, "" */
	int		 mail_port;
	int		 mail_ssl;		/* 1 implicit TLS (smtps) */
	const char	*mail_account;		/* login, "" = none */
	const char	*mail_password;
	const char	*mail_from;		/* "" = mail_account */
	struct channel_sms_settings {		/* sms and voice */
		const char	*provider;	/* "none", "tencent" */
		const char	*secret_id;
		const char	*secret_key;
		const char	*region;
		const char	*sdk_app_id;	/* SMS application */
		const char	*sign_name;
		const char	*template_id;	/* SMS template, {1} = title */
		const char	*voice_app_id;	/* voice application */
		const char	*voice_template_id;
		const char	*endpoint;	/* base URL override, "" */
	}		 sms;
	struct channel_clawbot_settings {	/* WeChat ClawBot (iLink) */
		int		 enable;
		const char	*api_base;	/* QR login calls */
		const char	*app_id;	/* iLink-App-Id */
		const char	*version;	/* "2.4.8" */
		const char	*bot_agent;	/* "Feige/1.0" */
	}		 clawbot;
};

/*
 * Copy cs (its strings too) into the settings every driver reads; base
 * URLs lose their final '/', an empty sms.provider becomes "none".  No
 * check: channel_configure() checks first.
 */
void	channel_settings_store(const struct channel_settings *cs);
/* The settings stored last (the defaults before any store). */
const struct channel_settings	*channel_settings(void);

#endif
