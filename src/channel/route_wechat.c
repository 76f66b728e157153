/*
 * route_wechat.c: a person's WeChat route (route.h, issue 11 §1,
 * phones.md §1.3): a template message from the operator's official
 * account to the openid the person bound by a scan (device type
 * "wechat", endpoint = openid).
 *
 *   POST {api_base}/cgi-bin/message/template/send?access_token=TOKEN
 *   {"touser":"OPENID","template_id":"…","url":"<message page>",
 *    "data":{"title":{"value":"…"},"content":{"value":"…"},
 *            "source":{"value":"…"}}}
 *
 * (the keys are wechat.template_keys: a test account's template names
 * its own, a service account's library template has typed ones such as
 * thing1, thing2, so the operator maps title, summary and source).
 *   -> {"errcode":0,"errmsg":"ok","msgid":200228332}
 *
 * record() applies a receipt that came before the send's verdict was
 * stored (ops/wechat.c applies one that comes after).
 *
 * Since 2023-05 WeChat shows each field on one line of at most 20
 * characters (and a category template refuses a longer "thing" value
 * with 47003), so every value is cut to 20 code points, the last one an
 * ellipsis when cut; the full message is behind url, feige's message
 * page.  The suggested test-account template is in docs/wechat.md.
 *
 * The token comes from the shared cache (channel/wechat.c) and is never
 * fetched on the push sender's thread: when the cache is empty,
 * may_start() has a refresh run on a thread of its own
 * (wechat_refresh.c) and the push stays due until the token is there,
 * so a slow token endpoint delays WeChat pushes only, never the Web
 * Push, Bark or e-mail pushes beside them.  Credentials WeChat refuses
 * fail the push with its errcode (the operator's to fix, and `feige
 * wechat status` says it too); a token call that went unanswered never
 * fails one (below).  Verdicts on errcode (match on the number
 * only: errmsg carries a changing rid):
 *
 *   0                     OK, upstream_id = msgid (the receipt's key)
 *   40001 40014 41001 42001  token refused or missing (build had
 *                         none to give: the token call went
 *                         unanswered): the cache is emptied, RETRY
 *   -1                    system busy: RETRY
 *   45009                 daily quota: RETRY, not before an hour
 *   43004                 not following any more: GONE (the binding
 *                         goes, as on unsubscribe; a new scan binds)
 *   40003                 invalid openid: FAIL
 *   anything else         FAIL (template id, data rule: config errors)
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/route.h"
#include "channel/wechat.h"
#include "store/store_wechat.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"

#define WECHAT_FIELD_CHARS	20
#define WECHAT_QUOTA_WAIT_MS	(3600 * 1000LL)

/* v cut to the template's field limit, into obj as {"value":…}. */
static void
wechat_field(json_t *data, const char *key, const char *v)
{
	size_t len = strlen(v), cut;
	char buf[WECHAT_FIELD_CHARS * 4 + 8];

	if (utf8_chars(v, len) <= WECHAT_FIELD_CHARS)
		snprintf(buf, sizeof(buf), "%s", v);
	else {
		cut = utf8_prefix(v, len, WECHAT_FIELD_CHARS - 1);
		snprintf(buf, sizeof(buf), "%.*s…", (int)cut, v);
	}
	json_object_set_new(data, key, json_pack("{s:s}", "value", buf));
}

/* The n-th name of keys (comma separated) into key; "" when empty. */
static void
wechat_key(const char *keys, int n, char *key, size_t size)
{
	size_t len;

	while (n-- > 0 && keys != NULL)
		if ((keys = strchr(keys, ',')) != NULL)
			keys++;
	if (keys == NULL) {
		*key = '\0';
		return;
	}
	len = strcspn(keys, ",");
	snprintf(key, size, "%.*s", (int)len, keys);
}

int
wechat_template_body(struct strbuf *sb, const char *openid,
    const char *template_id, const char *keys, const struct wechat_tpl *t)
{
	const char *v[3] = { *t->title ? t->title : "新消息",
		*t->summary ? t->summary : t->title,
		*t->source ? t->source : "feige" };
	json_t *body, *data;
	char *text, key[64];
	int i, rc;

	data = json_object();
	for (i = 0; i < 3; i++) {
		wechat_key(keys, i, key, sizeof(key));
		if (*key)
			wechat_field(data, key, v[i]);
	}
	body = json_pack("{s:s,s:s,s:s,s:o}", "touser", openid, "template_id",
	    template_id, "url", t->url, "data", data);
	text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(body);
	rc = text ? strbuf_addstr(sb, text) : FG_ENOMEM;
	free(text);
	return rc;
}

static int
wechat_build(const struct route_driver *drv, struct store *rd,
    const struct store_device *d, const struct route_msg *m,
    struct route_req *req, struct strbuf *err)
{
	const struct wechat_settings *ws = wechat_settings();
	struct wechat_tpl t = { m->title, m->summary, m->source, m->url };
	char tok[WECHAT_TOKEN_MAX];
	int rc;

	(void)drv;
	(void)rd;
	if (*ws->template_id == '\0') {
		strbuf_setf(err, "微信模板未配置 (wechat.template_id is not set)");
		return FG_EINVAL;
	}
	if ((rc = wechat_token_nowait(tok, err)) == WECHAT_REFUSED)
		return FG_EINVAL;
	if (rc == WECHAT_PENDING) /* expired since may_start() */
		strbuf_setf(err, "WeChat stable_token: a refresh is running");
	if (rc != 0) {
		/*
		 * No answer from the token call: a push is never failed for
		 * that.  The request goes without a token, WeChat's 41001
		 * (or the same transport error) makes it a retry, and the
		 * reason is logged here.
		 */
		log_warnx("wechat: no access token: %s", err->buf);
		strbuf_reset(err);
		tok[0] = '\0';
	}
	rc = wechat_template_body(&req->body, d->endpoint, ws->template_id,
	    ws->template_keys, &t);
	snprintf(req->url, sizeof(req->url),
	    "%s/cgi-bin/message/template/send?access_token=%s", ws->api_base,
	    tok);
	req->method = "POST";
	req->guard = 0; /* an operator setting, not a user's URL */
	if (rc == 0)
		rc = route_req_header(req, "Content-Type", "application/json");
	return rc;
}

/*
 * A push starts only with the token at hand (or the last refresh's
 * failure to report): while a refresh runs it stays due, and the push
 * sender goes on with the others.
 */
static int
wechat_may_start(const struct route_driver *drv, const struct store_device *d)
{
	struct strbuf err = STRBUF_INIT;
	char tok[WECHAT_TOKEN_MAX];
	int rc;

	(void)drv;
	(void)d;
	rc = wechat_token_nowait(tok, &err);
	strbuf_release(&err);
	return rc == WECHAT_PENDING;
}

static void
wechat_judge(const struct route_driver *drv, const struct store_device *d,
    const struct route_answer *a, struct route_verdict_out *v)
{
	json_t *j;
	json_int_t e, id;
	const char *msg;

	(void)drv;
	(void)d;
	v->verdict = ROUTE_RETRY;
	if (a->status == 0 || a->status == 429 || a->status >= 500) {
		strbuf_setf(&v->detail, "WeChat template/send: %s",
		    a->status ? "upstream busy" :
				(a->transport_msg ? a->transport_msg :
						    "no answer"));
		if (a->status)
			strbuf_addf(&v->detail, " (HTTP %ld)", a->status);
		return;
	}
	j = json_loadb(a->body ? a->body : "", a->len, 0, NULL);
	if (a->status < 200 || a->status > 299 || !json_is_object(j)) {
		v->verdict = ROUTE_FAIL;
		strbuf_setf(&v->detail, "WeChat template/send: HTTP %ld, %s",
		    a->status, j ? "unexpected reply" : "reply is not JSON");
		json_decref(j);
		return;
	}
	e = json_integer_value(json_object_get(j, "errcode"));
	msg = json_string_value(json_object_get(j, "errmsg"));
	if (e == 0) {
		v->verdict = ROUTE_OK;
		id = json_integer_value(json_object_get(j, "msgid"));
		snprintf(v->upstream_id, sizeof(v->upstream_id), "%lld",
		    (long long)id);
		json_decref(j);
		return;
	}
	strbuf_setf(&v->detail, "WeChat template/send: errcode %lld %s",
	    (long long)e, msg ? msg : "");
	if (wechat_token_errcode((long)e))
		wechat_token_invalidate(NULL);
	else if (e == 45009)
		v->retry_after_ms = WECHAT_QUOTA_WAIT_MS;
	else if (e == 43004)
		v->verdict = ROUTE_GONE;
	else if (e != -1)
		v->verdict = ROUTE_FAIL;
	json_decref(j);
}

/*
 * In the transaction that records a sent push: a receipt WeChat pushed
 * before this record was written (it may come within milliseconds of
 * the send's answer) sets the push's final status now.
 */
static int
wechat_record(const struct route_driver *drv, struct store *s,
    const struct store_device *d, const struct route_verdict_out *v)
{
	char st[64], detail[160];
	const char *final;
	int rc;

	(void)drv;
	(void)d;
	if (v->verdict != ROUTE_OK || v->upstream_id[0] == '\0')
		return 0;
	rc = dir_wechat_receipt_get(s, v->upstream_id, st, sizeof(st));
	if (rc == FG_ENOENT)
		return 0;
	if (rc != 0)
		return rc;
	final = store_wechat_receipt_outcome(st, detail, sizeof(detail));
	return dir_wechat_push_final(s, v->upstream_id, final, detail,
	    clock_ms());
}

const struct route_driver route_wechat = {
	.type = "wechat",
	.flags = 0,
	.build = wechat_build,
	.judge = wechat_judge,
	.record = wechat_record,
	.may_start = wechat_may_start,
};
