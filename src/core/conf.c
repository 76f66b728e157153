/*
 * conf.c: the option table and the key = value parser (conf.h).
 *
 * File syntax: one "key = value" per line, '#' starts a comment, blank
 * lines ignored, values may be wrapped in double quotes.  Booleans take
 * yes/no/true/false/on/off/1/0.  Unknown keys are errors, so a typo never
 * silently leaves a default in place.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/conf.h"
#include "util/errors.h"
#include "util/iplist.h"
#include "util/strbuf.h"

enum opt_type { OPT_STR, OPT_INT, OPT_BOOL };

struct conf_option {
	const char	*name;
	enum opt_type	 type;
	size_t		 off;
	size_t		 size;		/* OPT_STR buffer size */
	long		 min, max;
	const char	*def;
	const char	*help;
};

#define S(f) offsetof(struct conf, f), sizeof(((struct conf *)0)->f)
#define I(f) offsetof(struct conf, f), 0

static const struct conf_option conf_options[] = {
	{ "listen", OPT_STR, S(listen), 0, 0, "127.0.0.1:8080",
	    "address:port to listen on (port 0 picks a free port)" },
	{ "data_dir", OPT_STR, S(data_dir), 0, 0, "./var",
	    "directory holding the SQLite database" },
	{ "public_url", OPT_STR, S(public_url), 0, 0, "",
	    "base URL used in printed links (default http://LISTEN)" },
	{ "log_level", OPT_STR, S(log_level), 0, 0, "info",
	    "error, warn, info or debug" },
	{ "log.access", OPT_BOOL, I(log_access), 0, 1, "yes",
	    "one info line per HTTP request (method, path without the query, "
	    "status, API code, bytes, duration, client address)" },
	{ "metrics.enable", OPT_BOOL, I(metrics_enable), 0, 1, "no",
	    "serve Prometheus /metrics on the main listen address, to "
	    "metrics.allow only" },
	{ "metrics.listen", OPT_STR, S(metrics_listen), 0, 0, "",
	    "ADDR:PORT of a separate listener serving only /metrics (and "
	    "/healthz); empty = none" },
	{ "metrics.allow", OPT_STR, S(metrics_allow), 0, 0, "127.0.0.1,::1",
	    "client addresses and CIDR blocks allowed to read /metrics, on "
	    "either listener; others get 404" },
	{ "http.threads", OPT_INT, I(http_threads), 1, 64, "1",
	    "HTTP event-loop threads" },
	{ "http.max_connections", OPT_INT, I(http_conn_limit), 16, 1000000,
	    "10000", "simultaneous client connections" },
	{ "http.timeout", OPT_INT, I(http_timeout_s), 1, 86400, "60",
	    "seconds an idle keep-alive connection is kept" },
	{ "http.max_per_ip", OPT_INT, I(http_per_ip), 1, 1000000, "256",
	    "open connections from one IPv4 address or IPv6 /64 (trusted "
	    "proxies exempt); more are refused" },
	{ "http.header_timeout_s", OPT_INT, I(http_head_timeout_s), 1, 3600,
	    "20",
	    "seconds a connection has to send each request's headers "
	    "(also the keep-alive wait between requests)" },
	{ "http.header_kb", OPT_INT, I(http_header_kb), 8, 4096, "32",
	    "KB per connection for the request line and headers (long GETs)" },
	{ "http.trusted_proxies", OPT_STR, S(http_trusted_proxies), 0, 0, "",
	    "reverse proxies (addresses, CIDR) whose X-Forwarded-For / "
	    "X-Real-IP names the client; empty: believe no header" },
	{ "queue.workers", OPT_INT, I(workers), 0, 256, "4",
	    "delivery worker threads; 0 accepts and stores but delivers "
	    "nothing (maintenance)" },
	{ "queue.inline_inbox", OPT_BOOL, I(inline_inbox), 0, 1, "yes",
	    "complete inbox (wechat) deliveries in the accepting "
	    "transaction" },
	{ "queue.retry_max", OPT_INT, I(retry_max), 1, 100, "5",
	    "attempts before a temporarily failing delivery is failed" },
	{ "queue.retry_base_ms", OPT_INT, I(retry_base_ms), 10, 3600000,
	    "1000", "first retry delay; doubles on each attempt" },
	{ "store.sync_full", OPT_BOOL, I(store_sync_full), 0, 1, "yes",
	    "fsync every commit (synchronous=FULL); no = NORMAL" },
	{ "store.url", OPT_STR, S(store_url), 0, 0, "",
	    "postgresql://... to keep the store in PostgreSQL; empty = "
	    "SQLite in data_dir" },
	{ "store.lease_s", OPT_INT, I(store_lease_s), 2, 3600, "60",
	    "PostgreSQL: how long a node's claim on a delivery, callback or "
	    "push holds after the node stops renewing it (it died)" },
	{ "store.batch", OPT_INT, I(writer_batch), 1, 100000, "1024",
	    "most requests committed together in one transaction" },
	{ "stream.buffer_kb", OPT_INT, I(stream_buffer_kb), 16, 65536,
	    "1024", "bytes a live stream (SSE, WebSocket, ntfy) may fall "
	    "behind before it is cut off; the client resumes from its last "
	    "id (KiB)" },
	{ "pushplus.title_max", OPT_INT, I(pp_title_max), 1, 100000, "100",
	    "longest title, in characters" },
	{ "pushplus.content_max", OPT_INT, I(pp_content_max), 1, 200000,
	    "20000", "longest content, in characters" },
	{ "pushplus.to_max", OPT_INT, I(pp_to_max), 1, 1000, "10",
	    "most friend tokens in one `to`" },
	{ "pushplus.rate_limit", OPT_INT, I(pp_rate_limit), 0, 100000000, "0",
	    "sends per minute per token; 0 = unlimited" },
	{ "pushplus.form_base", OPT_STR, S(pp_form_base), 0, 0, "",
	    "site of pushplus push forms/docs/sheets "
	    "(https://www.pushplus.plus)"
	    " linked from form, doc and excel messages; empty = no link" },
	{ "wxpusher.content_max", OPT_INT, I(wx_content_max), 1, 1000000,
	    "40000", "content must be shorter than this many characters" },
	{ "wxpusher.summary_max", OPT_INT, I(wx_summary_max), 1, 10000, "100",
	    "summary must be shorter than this many characters" },
	{ "wxpusher.url_max", OPT_INT, I(wx_url_max), 1, 1024, "1000",
	    "longest url, in characters (the 2022 docs said < 400)" },
	{ "wxpusher.uids_max", OPT_INT, I(wx_uids_max), 1, 100000, "2000",
	    "uids per send must be fewer than this" },
	{ "wxpusher.topics_max", OPT_INT, I(wx_topics_max), 1, 1000, "5",
	    "topicIds per send must be fewer than this" },
	{ "wxpusher.daily_max", OPT_INT, I(wx_daily_max), 0, 100000000, "500",
	    "messages one UID receives per day (UTC+8); 0 = unlimited" },
	{ "wxpusher.retention_days", OPT_INT, I(wx_retention_days), 1, 3650,
	    "7",
	    "days a send record's status can be queried; older records "
	    "are purged" },
	{ "wxpusher.purge_interval_s", OPT_INT, I(wx_purge_interval_s), 0,
	    86400, "300",
	    "seconds between retention purges (also one at "
	    "start); 0 = never purge" },
	{ "wxpusher.qr_poll_s", OPT_INT, I(wx_qr_poll_s), 0, 3600, "10",
	    "least seconds between two scan-qrcode-uid polls of one code" },
	{ "openapi.key_ttl_s", OPT_INT, I(oa_key_ttl_s), 1, 86400 * 30, "7200",
	    "lifetime of an open API AccessKey (expiresIn)" },
	{ "openapi.key_overlap_s", OPT_INT, I(oa_key_overlap_s), 0, 86400,
	    "300", "how long the previous AccessKey works after a refresh" },
	{ "person.new_per_hour", OPT_INT, I(person_new_per_hour), 0, 100000,
	    "5", "new persons (inboxes) one client address may create per hour "
	    "from follow and join pages; 0 = none" },
	{ "person.session_days", OPT_INT, I(person_session_days), 1, 3650,
	    "30", "days a browser session lasts after sign-in" },
	{ "pre.workers", OPT_INT, I(pre_workers), 1, 32, "2",
	    "processes running pre-processing scripts (one script each)" },
	{ "pre.per_user", OPT_INT, I(pre_per_user), 1, 64, "2",
	    "a user's scripts queued or running at once (one runs at a time); "
	    "more are refused with 999 at once" },
	{ "pre.timeout_ms", OPT_INT, I(pre_timeout_ms), 100, 60000, "2000",
	    "wall clock of one script; then its worker is killed and "
	    "replaced" },
	{ "pre.memory_kb", OPT_INT, I(pre_memory_kb), 1024, 1048576, "32768",
	    "memory one script's engine may hold (KiB)" },
	{ "ntfy.keepalive_s", OPT_INT, I(ntfy_keepalive_s), 1, 3600, "45",
	    "seconds between keepalive events on an ntfy subscription "
	    "(/<topic>/json, /sse, /raw, /ws)" },
	{ "callback.timeout_ms", OPT_INT, I(cb_timeout_ms), 100, 60000, "5000",
	    "timeout of one callback POST" },
	{ "callback.tries", OPT_INT, I(cb_tries), 1, 20, "3",
	    "attempts per callback" },
	{ "callback.allow_private", OPT_BOOL, I(cb_allow_private), 0, 1, "no",
	    "allow callbacks to loopback and private addresses" },
	{ "channel.timeout_ms", OPT_INT, I(ch_timeout_ms), 100, 300000,
	    "10000", "timeout of one upstream request (webhook, cp, mail)" },
	{ "channel.allow_private", OPT_BOOL, I(ch_allow_private), 0, 1, "no",
	    "allow webhooks and users' SMTP servers on loopback and private "
	    "addresses" },
	{ "channel.wecom_base", OPT_STR, S(ch_wecom_base), 0, 0,
	    "https://qyapi.weixin.qq.com", "base URL of the WeCom API (cp)" },
	{ "channel.ca_file", OPT_STR, S(ch_ca_file), 0, 0, "",
	    "CA certificates (PEM) trusted for upstream TLS (webhooks, cp, "
	    "mail); empty = the system's" },
	{ "channel.proxy", OPT_STR, S(ch_proxy), 0, 0, "",
	    "proxy for upstream requests (channels, callbacks, pushes): "
	    "http://, https://, socks5:// or socks5h:// HOST:PORT; empty = "
	    "direct (proxy environment variables are ignored)" },
	{ "channel.per_host", OPT_INT, I(ch_per_host), 1, 1024, "16",
	    "webhook-type requests in flight to one upstream host at a time "
	    "(the outbound loop)" },
	{ "channel.max_inflight", OPT_INT, I(ch_max_inflight), 0, 65536,
	    "512", "webhook-type requests in flight in all (the outbound "
	    "loop); 0 = no loop, each request blocks a queue worker" },
	{ "push.retention_days", OPT_INT, I(push_retention_days), 0, 3650,
	    "30",
	    "days a device push (sent, failed, gone) is kept in the outbox; "
	    "purged every wxpusher.purge_interval_s; 0 = keep" },
	{ "webpush.contact", OPT_STR, S(webpush_contact), 0, 0, "",
	    "VAPID contact (sub) sent to push services: mailto:ADDRESS or an "
	    "https URL; empty = mailto:feige@ the public_url host (Apple "
	    "refuses localhost, .local and IP hosts: set it)" },
	{ "wechat.appid", OPT_STR, S(wechat_appid), 0, 0, "",
	    "appID of the operator's WeChat official account or test account "
	    "(公众平台测试号); empty = no WeChat (docs/wechat.md)" },
	{ "wechat.secret", OPT_STR, S(wechat_secret), 0, 0, "",
	    "appsecret of that account (never logged)" },
	{ "wechat.template_id", OPT_STR, S(wechat_template_id), 0, 0, "",
	    "template message id deliveries use (its keys: "
	    "wechat.template_keys)" },
	{ "wechat.template_keys", OPT_STR, S(wechat_template_keys), 0, 0,
	    "title,content,source", "the template's keys that take the title, "
	    "the summary and the source, in that order (a service account's "
	    "library template: e.g. thing1,thing2,thing3); an empty one is "
	    "left out" },
	{ "wechat.token", OPT_STR, S(wechat_token), 0, 0, "",
	    "Token of the account's server URL <public_url>/wechat/mp: "
	    "events are taken only when signed with it" },
	{ "wechat.api_base", OPT_STR, S(wechat_api_base), 0, 0,
	    "https://api.weixin.qq.com", "base URL of the WeChat API" },
	{ "wechat.qr_base", OPT_STR, S(wechat_qr_base), 0, 0,
	    "https://mp.weixin.qq.com/cgi-bin/showqrcode",
	    "where a QR ticket is shown as an image (?ticket=...)" },
	{ "wechat.follower_limit", OPT_INT, I(wechat_follower_limit), 0,
	    100000000, "100", "followers the account takes (a test account: "
	    "100); a follow beyond it is refused with a message; 0 = none" },
	{ "wechat.bind_ttl_s", OPT_INT, I(wechat_bind_ttl_s), 60, 2592000,
	    "1800", "lifetime of a bind QR code (seconds)" },
	{ "mail.host", OPT_STR, S(mail_host), 0, 0, "",
	    "default SMTP server for channel=mail without a mail code; "
	    "empty = none" },
	{ "mail.port", OPT_INT, I(mail_port), 1, 65535, "25",
	    "port of the default SMTP server" },
	{ "mail.ssl", OPT_BOOL, I(mail_ssl), 0, 1, "no",
	    "yes: implicit TLS (smtps, port 465); no: STARTTLS when offered" },
	{ "mail.account", OPT_STR, S(mail_account), 0, 0, "",
	    "SMTP login of the default sender; empty = no login" },
	{ "mail.password", OPT_STR, S(mail_password), 0, 0, "",
	    "SMTP password of the default sender" },
	{ "mail.from", OPT_STR, S(mail_from), 0, 0, "",
	    "From address of the default sender; empty = mail.account" },
	{ "sms.provider", OPT_STR, S(sms_provider), 0, 0, "none",
	    "SMS provider for channel=sms and channel=voice: none or tencent; "
	    "none refuses both at send time" },
	{ "sms.secret_id", OPT_STR, S(sms_secret_id), 0, 0, "",
	    "API key id (Tencent Cloud SecretId)" },
	{ "sms.secret_key", OPT_STR, S(sms_secret_key), 0, 0, "",
	    "API key secret (Tencent Cloud SecretKey)" },
	{ "sms.region", OPT_STR, S(sms_region), 0, 0, "ap-guangzhou",
	    "API region (X-TC-Region)" },
	{ "sms.sdk_app_id", OPT_STR, S(sms_sdk_app_id), 0, 0, "",
	    "SMS application id (SmsSdkAppId)" },
	{ "sms.sign_name", OPT_STR, S(sms_sign_name), 0, 0, "",
	    "approved SMS signature (SignName; needed for mainland numbers)" },
	{ "sms.template_id", OPT_STR, S(sms_template_id), 0, 0, "",
	    "approved SMS template; the title fills its variable {1}" },
	{ "sms.voice_app_id", OPT_STR, S(sms_voice_app_id), 0, 0, "",
	    "voice application id (VoiceSdkAppid) for channel=voice" },
	{ "sms.voice_template_id", OPT_STR, S(sms_voice_template_id), 0, 0, "",
	    "approved voice template; the title fills its variable {1}" },
	{ "sms.endpoint", OPT_STR, S(sms_endpoint), 0, 0, "",
	    "base URL replacing https://sms.tencentcloudapi.com and "
	    "https://vms.tencentcloudapi.com (a proxy, tests); empty = "
	    "those" },
	{ "clawbot.enable", OPT_BOOL, I(clawbot_enable), 0, 1, "no",
	    "WeChat ClawBot (iLink): people bind a bot by QR scan and "
	    "channel=clawbot delivers to it; no refuses clawbot at send "
	    "time" },
	{ "clawbot.api_base", OPT_STR, S(clawbot_api_base), 0, 0,
	    "https://ilinkai.weixin.qq.com",
	    "base URL of the iLink bot API "
	    "(the QR login calls; a bot's own calls use the baseurl iLink "
	    "gave it)" },
	{ "clawbot.app_id", OPT_STR, S(clawbot_app_id), 0, 0, "bot",
	    "iLink-App-Id header" },
	{ "clawbot.version", OPT_STR, S(clawbot_version), 0, 0, "2.4.8",
	    "plugin protocol version sent as base_info.channel_version and "
	    "(as 0x00MMNNPP) iLink-App-ClientVersion" },
	{ "clawbot.bot_agent", OPT_STR, S(clawbot_bot_agent), 0, 0,
	    "Feige/1.0", "base_info.bot_agent (Name/Version, ASCII)" },
};

#define N_OPTIONS (sizeof(conf_options) / sizeof(conf_options[0]))

/*
 * The options whose values are secrets (passwords, API keys): never
 * printed or shown, only whether they are set (conf_each).  A new
 * option holding a password, secret or token is added here too.
 */
/* store.url: a libpq URL may carry a password */
static const char *const secret_options[] = { "mail.password", "sms.secret_id",
	"sms.secret_key", "store.url" };

static int
is_secret(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(secret_options) / sizeof(secret_options[0]);
	     i++)
		if (strcmp(secret_options[i], name) == 0)
			return 1;
	return 0;
}

static int
parse_bool(const char *v, int *out)
{
	static const char *yes[] = { "yes", "true", "on", "1" };
	static const char *no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

/* channel.proxy: empty, or a URL of a scheme libcurl proxies through. */
static int
proxy_check(const char *v, struct strbuf *err)
{
	static const char *schemes[] = { "http://", "https://", "socks4://",
	    "socks4a://", "socks5://", "socks5h://" };
	size_t i;

	if (*v == '\0')
		return 0;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncasecmp(v, schemes[i], strlen(schemes[i])) == 0 &&
		    v[strlen(schemes[i])] != '\0')
			return 0;
	strbuf_setf(err, "a proxy URL: http://, https://, socks4://, "
	    "socks4a://, socks5:// or socks5h:// HOST:PORT");
	return -1;
}

/* String options with a syntax of their own: 0 if val is acceptable. */
static const struct {
	const char	*name;
	int		(*check)(const char *, struct strbuf *);
} str_checks[] = {
	{ "http.trusted_proxies", iplist_check },
	{ "metrics.allow", iplist_check },
	{ "channel.proxy", proxy_check },
};

static int
str_check(const char *key, const char *val, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < sizeof(str_checks) / sizeof(str_checks[0]); i++)
		if (strcmp(str_checks[i].name, key) == 0)
			return str_checks[i].check(val, err);
	return 0;
}

int
conf_set(struct conf *c, const char *key, const char *val,
    struct strbuf *err)
{
	size_t i;

	for (i = 0; i < N_OPTIONS; i++) {
		const struct conf_option *o = &conf_options[i];
		char *base = (char *)c + o->off, *end;
		long n;

		if (strcmp(o->name, key) != 0)
			continue;
		switch (o->type) {
		case OPT_STR:
			if (strlen(val) >= o->size)
				return strbuf_setf(err, "option '%s': value too "
				    "long", key), FG_EINVAL;
			if (str_check(key, val, err) != 0) {
				char why[256];

				snprintf(why, sizeof(why), "%s", err->buf);
				return strbuf_setf(err, "option '%s': %s", key,
				    why), FG_EINVAL;
			}
			memcpy(base, val, strlen(val) + 1);
			return 0;
		case OPT_INT:
			errno = 0;
			n = strtol(val, &end, 10);
			if (errno || end == val || *end || n < o->min ||
			    n > o->max)
				return strbuf_setf(err, "option '%s': '%s' is not "
				    "a number in %ld..%ld", key, val, o->min,
				    o->max), FG_EINVAL;
			*(int *)(void *)base = (int)n;
			return 0;
		case OPT_BOOL:
			if (parse_bool(val, (int *)(void *)base) != 0)
				return strbuf_setf(err, "option '%s': '%s' is not "
				    "yes or no", key, val), FG_EINVAL;
			return 0;
		}
	}
	strbuf_setf(err, "unknown option '%s'", key);
	return FG_EINVAL;
}

void
conf_defaults(struct conf *c)
{
	struct strbuf err = STRBUF_INIT;
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < N_OPTIONS; i++)
		if (conf_set(c, conf_options[i].name, conf_options[i].def,
		    &err) != 0)
			abort();	/* a bad default is a programming error */
	strbuf_release(&err);
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
conf_env(struct conf *c, struct strbuf *err)
{
	char name[96];
	const char *v;
	size_t i, k;

	for (i = 0; i < N_OPTIONS; i++) {
		const char *o = conf_options[i].name;

		snprintf(name, sizeof(name), "FEIGE_%s", o);
		for (k = 6; name[k]; k++)
			name[k] = name[k] == '.' ? '_' :
			    (char)toupper((unsigned char)name[k]);
		if ((v = getenv(name)) == NULL &&
		    strcmp(o, "data_dir") == 0)
			v = getenv("FEIGE_DATA");	/* the short alias */
		if (v != NULL && conf_set(c, o, v, err) != 0) {
			char why[320];

			snprintf(why, sizeof(why), "%s", err->buf);
			strbuf_setf(err, "environment %s: %s", name, why);
			return FG_EINVAL;
		}
	}
	return 0;
}

int
conf_load(struct conf *c, const char *path, struct strbuf *err)
{
	char line[1024];
	FILE *f;
	int lineno = 0, rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		strbuf_setf(err, "%s: %s", path, strerror(errno));
		return FG_EIO;
	}
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		char *hash, *eq, *k, *v;
		size_t vl;

		lineno++;
		/* '#' starts a comment unless it is inside double quotes */
		for (hash = line; *hash; hash++) {
			if (*hash == '"') {
				char *q = strchr(hash + 1, '"');

				if (q == NULL)
					break;
				hash = q;
			} else if (*hash == '#') {
				*hash = '\0';
				break;
			}
		}
		k = trim(line);
		if (*k == '\0')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			strbuf_setf(err, "%s:%d: expected 'key = value'", path,
			    lineno);
			rc = FG_EINVAL;
			break;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		vl = strlen(v);
		if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
			v[vl - 1] = '\0';
			v++;
		}
		if ((rc = conf_set(c, k, v, err)) != 0) {
			struct strbuf tmp = STRBUF_INIT;

			strbuf_addf(&tmp, "%s:%d: %s", path, lineno, err->buf);
			strbuf_setf(err, "%s", tmp.buf);
			strbuf_release(&tmp);
		}
	}
	fclose(f);
	return rc;
}

/*
 * Every option's value as text, a secret one masked: "" when unset (so
 * an operator sees whether it is set), else CONF_MASK.  The value is in
 * a buffer of this call; cb must copy what it keeps.
 */
int
conf_each(const struct conf *c, conf_each_cb cb, void *arg)
{
	char num[24];
	size_t i;
	int rc;

	for (i = 0; i < N_OPTIONS; i++) {
		const struct conf_option *o = &conf_options[i];
		const char *base = (const char *)c + o->off, *v = num;
		int secret = is_secret(o->name);

		if (o->type == OPT_STR)
			v = secret && *base ? CONF_MASK : base;
		else if (o->type == OPT_INT)
			snprintf(num, sizeof(num), "%d",
			    *(const int *)(const void *)base);
		else
			v = *(const int *)(const void *)base ? "yes" : "no";
		if ((rc = cb(arg, o->name, v, o->help, secret)) != 0)
			return rc;
	}
	return 0;
}

static int
print_one(void *arg, const char *name, const char *value, const char *help,
    int secret)
{
	(void)arg;
	(void)secret;
	printf("# %s\n%s = %s\n", help, name, value);
	return 0;
}

void
conf_print(const struct conf *c)
{
	(void)conf_each(c, print_one, NULL);
}
