/*
 * device.c: a person's devices (issue 10 §3, phones.md §3 and §5.1):
 * where feige will push their notifications, whatever the adapter that
 * registers them (the device API today, pages and the CLI later).
 *
 * The checks are those of the services that will be called with the
 * values, so that a device that could never be reached is refused when
 * it is added, not when a message is sent to it:
 *
 *   webpush      an https endpoint (http and private hosts only with
 *                channel.allow_private, as every upstream feige calls),
 *                p256dh a valid P-256 point (65 bytes base64url), auth
 *                16 bytes: exactly what webpush_encrypt() will need.
 *   unifiedpush  an endpoint and keys as for webpush: a UnifiedPush
 *                message is a Web Push message (phones.md §4.1), the
 *                app could not read one without its keys.
 *   bark         a server URL as above (default https://api.day.app)
 *                and a device key of URL-safe characters.
 *   email        an address with one '@', no space or bracket, and an
 *                SMTP server to mail it through (mail.host).
 *   wechat       never from a client: the openid of the operator's
 *                official account comes only from a signed scan event
 *                (ops/wechat.c), through ops_device_wechat().
 *   clawbot      never from a client: only a bind iLink confirmed
 *                makes one (ops/clawbot.c), with its own message.
 *
 * Adding is an upsert on the device's identity (store_device.h): a
 * browser re-subscribing at every start keeps one row.  A new e-mail
 * address is not pushed to until it is confirmed: it gets a secret
 * (devices.verify) and, in the same transaction, a confirmation push
 * that mails it the link (/api/devices/verify?secret=…); opening the
 * link clears the secret (ops_device_verify).  Adding the address
 * again sends no second mail (delete the device and add it anew).  A person has at
 * most OPS_DEVICE_MAX devices; the cap is counted inside the writer's
 * transaction, so two adds racing cannot pass it together.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "ops/device.h"
#include "store/store_wechat.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/netguard.h"

#define DEVICE_BARK_SERVER "https://api.day.app"

static int
device_bad(struct strbuf *err, const char *zh, const char *en)
{
	strbuf_setf(err, "%s (%s)", zh, en);
	return FG_EINVAL;
}

/* 0 when url is https (or http, allowed) and its host may be called. */
static int
device_url_ok(const char *url, int allow_private)
{
	CURLU *h;
	char *host = NULL;
	int bad;

	if (strlen(url) > STORE_DEVICE_URL_MAX)
		return -1;
	if (strncmp(url, "https://", 8) != 0 &&
	    (!allow_private || strncmp(url, "http://", 7) != 0))
		return -1;
	if (url[strcspn(url, " \t\r\n\"<>\\")] != '\0' ||
	    (h = curl_url()) == NULL)
		return -1;
	bad = curl_url_set(h, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK;
	curl_url_cleanup(h);
	if (!bad && !allow_private && netguard_host_private(host))
		bad = 1;
	curl_free(host);
	return bad ? -1 : 0;
}

static int
device_url(const char *url, int allow_private, char *out, struct strbuf *err)
{
	if (url == NULL || device_url_ok(url, allow_private) != 0)
		return device_bad(err,
		    "地址格式不正确，须为https地址，且不能指向"
		    "本机或内网（除非设置 channel.allow_private = yes）",
		    "the URL must be https and not a loopback or private "
		    "address unless channel.allow_private = yes");
	snprintf(out, STORE_DEVICE_URL_MAX + 1, "%s", url);
	return 0;
}

static int
device_webpush(const struct ops_device_in *in, struct store_device *d,
    struct strbuf *err)
{
	if (device_url(in->endpoint, in->allow_private, d->endpoint, err))
		return FG_EINVAL;
	if (in->p256dh == NULL || in->auth == NULL ||
	    strlen(in->p256dh) >= sizeof(d->p256dh) ||
	    strlen(in->auth) >= sizeof(d->auth) || in->keys_ok == NULL ||
	    !in->keys_ok(in->p256dh, in->auth))
		return device_bad(err,
		    "订阅密钥不正确：keys.p256dh须为base64url"
		    "编码的P-256公钥（65字节），keys.auth须为16字节",
		    "keys.p256dh must be a base64url P-256 public key of 65 "
		    "bytes and keys.auth 16 bytes");
	snprintf(d->p256dh, sizeof(d->p256dh), "%s", in->p256dh);
	snprintf(d->auth, sizeof(d->auth), "%s", in->auth);
	return 0;
}

static int
device_bark(const struct ops_device_in *in, struct store_device *d,
    struct strbuf *err)
{
	const char *k = in->key;
	size_t n;

	if (device_url(in->server ? in->server : DEVICE_BARK_SERVER,
		in->allow_private, d->endpoint, err))
		return FG_EINVAL;
	n = strlen(d->endpoint);
	while (n > 0 && d->endpoint[n - 1] == '/')
		d->endpoint[--n] = '\0';
	if (k == NULL || *k == '\0' || strlen(k) > STORE_DEVICE_KEY_MAX ||
	    k[strspn(k,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_")] != '\0')
		return device_bad(err, "Bark设备key不正确",
		    "bad Bark device "
		    "key: letters, digits, '-' and '_'");
	snprintf(d->dkey, sizeof(d->dkey), "%s", k);
	return 0;
}

static int
device_email(const struct ops_device_in *in, struct store_device *d,
    struct strbuf *err)
{
	const char *a = in->address, *at;

	if (!in->mail_ok)
		return device_bad(err,
		    "服务器未配置邮件发送（mail.host），不能添加邮箱设备",
		    "no SMTP server is configured (mail.host): e-mail "
		    "devices cannot be added");
	if (a == NULL || strlen(a) > STORE_EMAIL_MAX ||
	    (at = strchr(a, '@')) == NULL || at == a || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || strchr(at + 1, '.') == NULL ||
	    a[strcspn(a, " \t\r\n<>,;\"()")] != '\0')
		return device_bad(err, "邮箱地址格式不正确",
		    "invalid e-mail address");
	snprintf(d->endpoint, sizeof(d->endpoint), "%s", a);
	return 0;
}

int
ops_device_check(const struct ops_device_in *in, struct store_device *d,
    struct strbuf *err)
{
	const char *t = in->type ? in->type : "";

	memset(d, 0, sizeof(*d));
	if (strcmp(t, "clawbot") == 0)
		return device_bad(err,
		    "ClawBot设备不能直接添加，请在个人页面(/me)或"
		    "通过clawBot/getBotQrcode扫码绑定",
		    "a clawbot device is made by binding: scan the bot's QR "
		    "code from /me or clawBot/getBotQrcode");
	if (strcmp(t, "wechat") == 0)
		return device_bad(err,
		    "微信须扫码绑定：请在「我的」页面点「绑定微信」",
		    "a WeChat device is bound by scanning the code on /me");
	if (strcmp(t, "webpush") != 0 && strcmp(t, "bark") != 0 &&
	    strcmp(t, "email") != 0 && strcmp(t, "unifiedpush") != 0)
		return device_bad(err,
		    "设备类型不正确，须为webpush、bark、email"
		    "或unifiedpush",
		    "type must be webpush, bark, email or "
		    "unifiedpush");
	snprintf(d->type, sizeof(d->type), "%s", t);
	if (strcmp(t, "webpush") == 0)
		return device_webpush(in, d, err);
	if (strcmp(t, "bark") == 0)
		return device_bark(in, d, err);
	if (strcmp(t, "email") == 0)
		return device_email(in, d, err);
	return device_webpush(in, d, err); /* unifiedpush */
}

int
ops_device_wechat(const char *openid, int64_t user, struct store_device *d,
    struct strbuf *err)
{
	memset(d, 0, sizeof(*d));
	if (*openid == '\0' || strlen(openid) > STORE_WECHAT_OPENID_MAX ||
	    openid[strspn(openid,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_")] != '\0')
		return device_bad(err, "openid不正确", "bad WeChat openid");
	snprintf(d->type, sizeof(d->type), "wechat");
	snprintf(d->endpoint, sizeof(d->endpoint), "%s", openid);
	d->user_id = user;
	return 0;
}

int
ops_device_add(struct store *s, struct store_device *d, int64_t now_ms,
    struct strbuf *err)
{
	struct store_device old;
	int64_t n = 0;
	int rc, fresh = 0;

	rc = dir_device_find(s, d, &old);
	if (rc == FG_ENOENT) {
		if ((rc = dir_device_count(s, d->user_id, &n)) != 0)
			return fg_err(rc, err, "devices of user %lld",
			    (long long)d->user_id);
		if (n >= OPS_DEVICE_MAX) {
			strbuf_setf(err,
			    "设备数量已达上限（%d个），请先删除不用"
			    "的设备 (at most %d devices per person)",
			    OPS_DEVICE_MAX, OPS_DEVICE_MAX);
			return FG_ETOOBIG;
		}
		d->created_ms = now_ms;
		fresh = 1;
		if (strcmp(d->type, "email") == 0) /* to be confirmed */
			ids_token(d->verify);
	} else if (rc != 0)
		return fg_err(rc, err, "device lookup");
	else {
		d->created_ms = old.created_ms;
		memcpy(d->verify, old.verify, sizeof(d->verify));
	}
	d->last_seen_ms = now_ms;
	if ((rc = dir_device_put(s, d)) == 0 && fresh && *d->verify)
		rc = spool_push_verify(s, d, now_ms);
	return fg_err(rc, err, "device of user %lld", (long long)d->user_id);
}

int
ops_device_verify(struct store *s, const char *secret, struct store_device *d,
    struct strbuf *err)
{
	return fg_err(dir_device_verify(s, secret, d), err,
	    "device confirmation");
}

int
ops_device_test_push(struct store *s, int64_t user, int64_t id, int64_t now_ms,
    struct strbuf *err)
{
	struct store_device d;
	int rc;

	if ((rc = dir_device_get(s, id, &d)) == 0 && d.user_id != user)
		rc = FG_ENOENT;
	if (rc == 0 && *d.verify)
		return device_bad(err,
		    "邮箱地址尚未确认，请先打开确认邮件中的链接",
		    "the e-mail address is not confirmed yet");
	if (rc == 0)
		rc = spool_push_test(s, &d, now_ms);
	return fg_err(rc, err, "device %lld", (long long)id);
}

int
ops_device_delete(struct store *s, int64_t user, int64_t id,
    struct strbuf *err)
{
	struct store_device d;
	int rc;

	if ((rc = dir_device_get(s, id, &d)) == 0 && d.user_id != user)
		rc = FG_ENOENT;
	if (rc == 0)
		rc = dir_device_delete(s, id);
	return fg_err(rc, err, "device %lld", (long long)id);
}
