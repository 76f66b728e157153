/*
 * cp.c: the `cp` channel, a WeCom (企业微信) application message through
 * WeCom's server API, with the corpid, agentid and secret of one of the
 * sender's cp configs.
 *
 *   GET  {base}/cgi-bin/gettoken?corpid=ID&corpsecret=SECRET
 *        -> {"errcode":0,"errmsg":"ok","access_token":"…","expires_in":7200}
 *   POST {base}/cgi-bin/message/send?access_token=TOKEN
 *        {"touser":"a|b" or "@all","msgtype":"markdown","agentid":N,
 *         "markdown":{"content":"### title\n\n…"}}
 *        (txt: "msgtype":"text","text":{"content":"title\n\n…"})
 *        -> {"errcode":0,"errmsg":"ok",…}
 *
 * {base} is channel.wecom_base (https://qyapi.weixin.qq.com), an operator
 * setting, so these requests are not address-guarded.  `to` holds WeCom
 * user ids, comma-separated as pushplus takes them; unset means @all.
 *
 * Token cache: WeCom limits gettoken calls, so a token is kept per
 * config (keyed by config id, corpid and secret, so an edited config
 * never uses a stale token) until 60 s before it expires.  When a send
 * answers 40014 (invalid token), 42001 (expired) or 40001 (bad
 * credential), the cached token is dropped and the send is tried once
 * more with a fresh one.  The cache is a small fixed table under one
 * mutex; tokens are fetched outside the lock, so two workers may fetch
 * at once and the later one wins, which is harmless.
 *
 * The driver has the loop form (channel.h build/judge): gettoken, when
 * the cache has no token, runs on the worker (blocking, once per token
 * lifetime), and message/send runs on the outbound loop (xloop.c), so
 * a WeCom API host that holds its requests costs only its own
 * deliveries, not a worker each.  The retry with a fresh token is then
 * a second build: judge() answers DEFER (not an attempt) for a cached
 * token that was refused, and the delivery is built again shortly with
 * a token fetched anew; a fresh token refused is the delivery's outcome.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/webhook_int.h"
#include "util/errors.h"
#include "render/render.h"
#include "store/store.h"
#include "util/ids.h"

#define CP_CACHE	32
#define CP_TOKEN_MAX	512
#define CP_MD_MAX	4096
#define CP_TEXT_MAX	2048
#define CP_TO_MAX	2048

struct cp_token {
	int64_t	chan_id;
	char	key[2 * STORE_CHAN_FIELD];	/* corpid \n secret */
	char	token[CP_TOKEN_MAX];
	int64_t	expires_ms;			/* monotonic */
	int64_t	used_ms;
};

static pthread_mutex_t cp_mu = PTHREAD_MUTEX_INITIALIZER;
static struct cp_token cp_cache[CP_CACHE];

static void
cp_key(const struct store_chan *c, char *key, size_t size)
{
	snprintf(key, size, "%s\n%s", c->corpid, c->secret);
}

static int
cache_get(const struct store_chan *c, char *token)
{
	char key[2 * STORE_CHAN_FIELD];
	int64_t now = clock_mono_ms();
	int i, hit = 0;

	cp_key(c, key, sizeof(key));
	pthread_mutex_lock(&cp_mu);
	for (i = 0; i < CP_CACHE; i++) {
		struct cp_token *t = &cp_cache[i];

		if (t->chan_id == c->id && strcmp(t->key, key) == 0 &&
		    t->expires_ms > now) {
			memcpy(token, t->token, CP_TOKEN_MAX);
			t->used_ms = now;
			hit = 1;
			break;
		}
	}
	pthread_mutex_unlock(&cp_mu);
	return hit;
}

static void
cache_put(const struct store_chan *c, const char *token, int64_t ttl_ms)
{
	struct cp_token *slot = &cp_cache[0];
	int64_t now = clock_mono_ms();
	int i;

	pthread_mutex_lock(&cp_mu);
	for (i = 0; i < CP_CACHE; i++) {
		if (cp_cache[i].chan_id == c->id) {
			slot = &cp_cache[i];
			break;
		}
		if (cp_cache[i].used_ms < slot->used_ms)
			slot = &cp_cache[i];	/* least recently used */
	}
	slot->chan_id = c->id;
	cp_key(c, slot->key, sizeof(slot->key));
	snprintf(slot->token, sizeof(slot->token), "%s", token);
	slot->expires_ms = now + ttl_ms;
	slot->used_ms = now;
	pthread_mutex_unlock(&cp_mu);
}

static void
cache_drop(const struct store_chan *c)
{
	int i;

	pthread_mutex_lock(&cp_mu);
	for (i = 0; i < CP_CACHE; i++)
		if (cp_cache[i].chan_id == c->id)
			cp_cache[i].expires_ms = 0;
	pthread_mutex_unlock(&cp_mu);
}

/* Fetch a token; 0, or -1 with res set. */
static int
fetch_token(const struct store_chan *c, const char *what, char *token,
    struct delivery_result *res)
{
	struct chan_http_reply rep;
	struct strbuf url = STRBUF_INIT;
	char *id = curl_easy_escape(NULL, c->corpid, 0);
	char *sec = curl_easy_escape(NULL, c->secret, 0);
	json_t *j = NULL, *tok, *exp;
	int rc = -1;

	strbuf_addf(&url, "%s/cgi-bin/gettoken?corpid=%s&corpsecret=%s",
	    channel_settings()->wecom_base, id ? id : "", sec ? sec : "");
	curl_free(id);
	curl_free(sec);
	chan_http_reply_init(&rep);
	(void)chan_http_request(url.buf, NULL, NULL, 0, &rep);
	if (chan_http_outcome(&rep, what, res) == 0) {
		j = json_loadb(rep.body.buf, rep.body.len, 0, NULL);
		tok = json_object_get(j, "access_token");
		exp = json_object_get(j, "expires_in");
		if (json_is_string(tok) && *json_string_value(tok) &&
		    json_string_length(tok) < CP_TOKEN_MAX) {
			json_int_t ttl = json_is_integer(exp) ?
			    json_integer_value(exp) : 7200;

			snprintf(token, CP_TOKEN_MAX, "%s",
			    json_string_value(tok));
			cache_put(c, token, ttl > 120 ? (ttl - 60) * 1000 :
			    ttl * 500);
			rc = 0;
		} else {
			static const int temp[] = { -1, 0 };
			struct strbuf w = STRBUF_INIT;

			strbuf_addf(&w, "%s gettoken", what);
			webhook_check_code(rep.body.buf, rep.body.len, w.buf,
			    rep.status, "errcode", "errmsg", NULL, NULL, temp,
			    res);
			if (res->outcome == DELIVERY_OK)
				chan_fail(res, DELIVERY_PERMFAIL, w.buf,
				    rep.status, "no access_token in reply");
			strbuf_release(&w);
		}
		json_decref(j);
	}
	chan_http_reply_release(&rep);
	strbuf_release(&url);
	return rc;
}

/* "a|b|c" from "a, b,c"; "@all" when empty. */
static void
cp_touser(struct strbuf *out, const char *to)
{
	const char *p = to ? to : "";

	while (*p) {
		const char *e = strchr(p, ','), *s = p;
		size_t n = e ? (size_t)(e - p) : strlen(p);

		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n) {
			if (out->len)
				(void)strbuf_addch(out, '|');
			(void)strbuf_add(out, s, n);
		}
		p = e ? e + 1 : p + strlen(p);
	}
	if (out->len == 0)
		(void)strbuf_addstr(out, "@all");
}

/* The message/send body (channel_int.h, for the unit tests too). */
int
cp_build(struct strbuf *out, const struct message *m,
    const struct store_chan *c, const char *to)
{
	struct strbuf t = STRBUF_INIT, who;
	int rc;

	strbuf_init(&who, CP_TO_MAX);
	cp_touser(&who, to);
	if (m->tpl == TPL_TXT) {
		rc = webhook_text_body(&t, m, CP_TEXT_MAX);
		rc = rc ? rc : webhook_dump(out, json_pack(
		    "{s:s,s:s,s:I,s:{s:s%}}", "touser", who.buf, "msgtype",
		    "text", "agentid", (json_int_t)c->agentid, "text",
		    "content", t.buf, t.len));
	} else {
		rc = webhook_md_body(&t, m, "### ", CP_MD_MAX);
		rc = rc ? rc : webhook_dump(out, json_pack(
		    "{s:s,s:s,s:I,s:{s:s%}}", "touser", who.buf, "msgtype",
		    "markdown", "agentid", (json_int_t)c->agentid, "markdown",
		    "content", t.buf, t.len));
	}
	strbuf_release(&t);
	strbuf_release(&who);
	return rc;
}

/* A request made with a cached token (req->ctx), not a fresh one. */
static const char cp_cached;

/*
 * The message/send request of one delivery (the loop form, channel.h):
 * the token comes from the cache, or from gettoken on this thread (a
 * blocking call, once per config per token lifetime).
 */
static int
cp_req_build(const struct channel_driver *drv, const struct delivery_job *job,
    struct chan_req *req, struct delivery_result *res)
{
	const struct store_chan *c = job->cfg;
	char token[CP_TOKEN_MAX], *tok;
	int cached;

	(void)drv;
	if (c == NULL || job->msg == NULL) {
		res->outcome = DELIVERY_PERMFAIL;
		strbuf_setf(&res->detail, "cp: no WeCom app config");
		return -1;
	}
	snprintf(req->what, sizeof(req->what), "cp '%s' (WeCom app %lld)",
	    c->code, (long long)c->agentid);
	if (cp_build(&req->body, job->msg, c, job->to) != 0) {
		chan_fail(res, DELIVERY_PERMFAIL, req->what, 0,
		    "the message cannot be encoded (too large, or not UTF-8)");
		return -1;
	}
	if (!(cached = cache_get(c, token)) &&
	    fetch_token(c, req->what, token, res) != 0)
		return -1;
	req->has_body = 1;
	req->tag = c->id;
	req->ctx = cached ? &cp_cached : NULL;
	tok = curl_easy_escape(NULL, token, 0);
	if (tok == NULL ||
	    strbuf_addf(&req->url, "%s/cgi-bin/message/send?access_token=%s",
		channel_settings()->wecom_base, tok) != 0 ||
	    chan_req_header(req,
		"Content-Type: application/json;charset=UTF-8") != 0) {
		curl_free(tok);
		chan_fail(res, DELIVERY_TEMPFAIL, req->what, 0, "no memory");
		return -1;
	}
	curl_free(tok);
	return 0;
}

/*
 * The answer.  A refused token (40014, 42001, 40001) is dropped from
 * the cache; when it was a cached one the delivery is DEFER (not an
 * attempt): it is built again shortly with a fresh token, so the send
 * is tried once more, as one attempt.  A fresh token refused is final.
 */
static void
cp_judge(const struct channel_driver *drv, const struct chan_req *req,
    struct delivery_result *res)
{
	static const int temp[] = { 45009, -1, 0 };
	const struct chan_http_reply *rep = &req->rep;
	json_t *j;
	json_int_t code = 0;

	(void)drv;
	if (chan_http_outcome(rep, req->what, res) != 0)
		return;
	j = json_loadb(rep->body.buf, rep->body.len, 0, NULL);
	if (json_is_integer(json_object_get(j, "errcode")))
		code = json_integer_value(json_object_get(j, "errcode"));
	json_decref(j);
	if (code == 40014 || code == 42001 || code == 40001) {
		struct store_chan c = { .id = req->tag };

		cache_drop(&c);
		if (req->ctx == &cp_cached) {
			res->outcome = DELIVERY_DEFER;
			strbuf_setf(&res->detail,
			    "%s: access_token refused (errcode %lld), "
			    "fetching a new one",
			    req->what, (long long)code);
			return;
		}
	}
	webhook_check_code(rep->body.buf, rep->body.len, req->what,
	    rep->status, "errcode", "errmsg", NULL, NULL, temp, res);
}

/* The blocking form (test sends, no loop): a refused token once more. */
static void
cp_send(const struct channel_driver *drv, const struct delivery_job *job,
    struct delivery_result *res)
{
	chan_send_blocking(drv, job, res);
	if (res->outcome == DELIVERY_DEFER) {
		strbuf_reset(&res->detail);
		res->outcome = DELIVERY_OK;
		chan_send_blocking(drv, job, res);
	}
}

const struct channel_driver channel_cp = {
	.name = "cp",
	.caps = CHANNEL_CAP_NEEDS_MESSAGE | CHANNEL_CAP_NEEDS_CONFIG,
	.send = cp_send,
	.build = cp_req_build,
	.judge = cp_judge,
};
