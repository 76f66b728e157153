/*
 * conf.h: feige's configuration.  One table (conf.c, conf_options[])
 * defines every option: name, type, bounds, default and help, like
 * redis's static_configs[].  It drives the file parser, flag overrides
 * (--listen, --data) and `feige check-config`; etc/feige.conf is the
 * commented reference.
 *
 * A struct conf is filled once at start and read-only afterwards, so any
 * thread may read it without locks.
 */
#ifndef FG_CONF_H
#define FG_CONF_H

#include <stddef.h>

struct strbuf;

struct conf {
	char	listen[128];		/* "127.0.0.1:8080" */
	char	data_dir[512];
	char	public_url[256];	/* base of links printed/shown */
	char	log_level[16];
	int	log_access;		/* access log line per request */
	int	metrics_enable;		/* /metrics on the main listener */
	char	metrics_listen[128];	/* separate /metrics listener, "" */
	char	metrics_allow[1024];	/* iplist allowed to scrape */
	int	http_threads;		/* MHD worker threads */
	int	http_conn_limit;
	int	http_timeout_s;		/* idle connection timeout */
	int	http_header_kb;		/* request line + headers */
	int	http_per_ip;		/* connections per address */
	int	http_head_timeout_s;	/* deadline of each head */
	char	http_trusted_proxies[1024];	/* iplist of proxies */
	int	workers;		/* delivery worker threads */
	int	inline_inbox;		/* inbox deliveries in the accept txn */
	int	store_sync_full;	/* synchronous=FULL (else NORMAL) */
	char store_url[1024];		/* postgresql://...; "" = SQLite */
	int store_lease_s;		/* claims held by a silent node */
	int	writer_batch;		/* max requests per group commit */
	int	pp_title_max;
	int	pp_content_max;
	int	pp_to_max;
	int	pp_rate_limit;		/* sends/minute/token, 0 = off */
	char	pp_form_base[256];	/* form/doc/excel links, "" = none */
	int	wx_content_max;		/* WxPusher limits, see conf.c */
	int	wx_summary_max;
	int	wx_url_max;
	int	wx_uids_max;
	int	wx_topics_max;
	int	wx_daily_max;
	int	wx_retention_days;
	int	wx_purge_interval_s;	/* 0 = never purge */
	int	wx_qr_poll_s;
	int	oa_key_ttl_s;		/* open API AccessKey lifetime */
	int	oa_key_overlap_s;	/* old key's grace after a refresh */
	int	person_new_per_hour;	/* new persons per address, hour */
	int	person_session_days;	/* a browser session's life */
	int	pre_workers;		/* script worker processes */
	int	pre_per_user;		/* a user's scripts queued+running */
	int	pre_timeout_ms;		/* wall clock of one script */
	int	pre_memory_kb;		/* engine memory of one script */
	int	ntfy_keepalive_s;	/* ntfy stream keepalive period */
	int	stream_buffer_kb;	/* a stream's backlog cap */
	int	cb_timeout_ms;
	int	cb_tries;
	int	cb_allow_private;
	int	ch_timeout_ms;		/* one upstream request (channels) */
	int	ch_allow_private;	/* webhooks/SMTP to private nets */
	char	ch_wecom_base[256];	/* cp: WeCom API base URL */
	char	ch_ca_file[512];	/* CA bundle for upstream TLS, "" */
	char	ch_proxy[512];		/* proxy for upstream requests, "" */
	int	ch_per_host;		/* loop requests to one host */
	int	ch_max_inflight;	/* loop requests in all, 0: no loop */
	int	push_retention_days;	/* final pushes kept; 0 = keep */
	char webpush_contact[256];	/* VAPID sub, "" = mailto:feige@host */
	char	wechat_appid[64];	/* official account, "" = none */
	char	wechat_secret[128];
	char	wechat_template_id[128];
	char	wechat_template_keys[128];	/* title,summary,source keys */
	char	wechat_token[64];	/* server URL token */
	char	wechat_api_base[256];
	char	wechat_qr_base[256];	/* showqrcode */
	int	wechat_follower_limit;	/* 0 = none */
	int	wechat_bind_ttl_s;	/* bind QR lifetime */
	char	mail_host[256];		/* default SMTP sender, "" = none */
	int	mail_port;
	int	mail_ssl;
	char	mail_account[256];
	char	mail_password[256];
	char	mail_from[256];
	char	sms_provider[32];	/* sms and voice: none, tencent */
	char	sms_secret_id[128];
	char	sms_secret_key[128];
	char	sms_region[64];
	char	sms_sdk_app_id[64];
	char	sms_sign_name[128];
	char	sms_template_id[64];
	char	sms_voice_app_id[64];
	char	sms_voice_template_id[64];
	char	sms_endpoint[256];	/* base URL override, "" */
	int	clawbot_enable;		/* WeChat ClawBot (iLink) */
	char	clawbot_api_base[256];	/* iLink base URL */
	char	clawbot_app_id[32];	/* iLink-App-Id */
	char	clawbot_version[32];	/* plugin version we speak */
	char	clawbot_bot_agent[128];	/* base_info.bot_agent */
	int	retry_max;		/* delivery attempts before failing */
	int	retry_base_ms;
};

void	conf_defaults(struct conf *);
/* Parse a key = value file; errors name file:line. */
int	conf_load(struct conf *, const char *path, struct strbuf *err);
/*
 * Options from the environment (containers): FEIGE_ and the option name
 * in upper case with '.' as '_' (FEIGE_LISTEN, FEIGE_HTTP_THREADS,
 * FEIGE_MAIL_PASSWORD); FEIGE_DATA is short for FEIGE_DATA_DIR.
 * Applied after the file, before command-line flags.
 */
int	conf_env(struct conf *, struct strbuf *err);
/* Set one option by name (used by the file parser and flags). */
int	conf_set(struct conf *, const char *key, const char *val,
	    struct strbuf *err);
/*
 * Every option in table order: its name, its value as text (a number,
 * yes/no, a string), its help, and whether it is a secret (passwords,
 * API keys), whose value is given as CONF_MASK when set and "" when
 * not: check-config, the operator's console and `feige status` never
 * print a secret.  A non-zero return of cb stops the walk and is
 * returned.
 */
#define CONF_MASK "********"
typedef int (*conf_each_cb)(void *arg, const char *name, const char *value,
    const char *help, int secret);
int conf_each(const struct conf *, conf_each_cb, void *arg);
/* Print every option with its current value (secrets masked) and help. */
void	conf_print(const struct conf *);

#endif
