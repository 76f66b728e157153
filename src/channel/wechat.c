/*
 * wechat.c: the operator's official account as an upstream: settings,
 * the shared access token and parametric QR codes (wechat.h).
 *
 *   POST {api_base}/cgi-bin/stable_token
 *        {"grant_type":"client_credential","appid":…,"secret":…,
 *         "force_refresh":false}
 *        -> {"access_token":"…","expires_in":7200}
 *   POST {api_base}/cgi-bin/qrcode/create?access_token=TOKEN
 *        {"expire_seconds":N,"action_name":"QR_STR_SCENE",
 *         "action_info":{"scene":{"scene_str":"fg…"}}}
 *        -> {"ticket":"…","expire_seconds":N,"url":"http://weixin.qq.com/q/…"}
 *
 * api_base is an operator setting, so these calls are not
 * address-guarded (tests point it at a stand-in on loopback).  Fetches
 * run outside the lock: two threads missing the cache together both
 * fetch, and stable_token hands both the same token.
 *
 * Several nodes on one store (PostgreSQL, store/cluster.h) share one
 * token and one refresher: a node whose cache is empty reads the
 * token the others keep in the store; when that is missing, stale or
 * the one refused, the node holding the cluster's advisory lock
 * fetches and stores it while the others wait for it (tok_shared()).
 * WeChat counts token fetches per day, and every fetch of a new token
 * ends the old one's life five minutes later, so N nodes must not
 * each refresh.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel_int.h"
#include "channel/wechat.h"
#include "store/cluster.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define WECHAT_EARLY_MS		(300 * 1000)	/* refresh 5 min early */
#define WECHAT_FORCE_GAP_MS	(30 * 1000)	/* force_refresh spacing */
#define WECHAT_SHARED_KEY	"wechat.access_token"
#define WECHAT_WAIT_TRIES	30	/* x 100 ms for another node */

static struct wechat_settings ws = { "", "", "", "", "", "", "", 0, 0 };
static char *ws_strs[7];

static pthread_mutex_t tok_mu = PTHREAD_MUTEX_INITIALIZER;
static char tok_cur[WECHAT_TOKEN_MAX];
static char tok_bad[WECHAT_TOKEN_MAX];	/* the last one refused */
static char tok_dropped[WECHAT_TOKEN_MAX]; /* the last one invalidated */
static int64_t tok_until_ms;		/* monotonic; 0 = none */
static int64_t tok_forced_ms;

static const char *
ws_keep(int i, const char *v)
{
	size_t n;

	free(ws_strs[i]);
	ws_strs[i] = xstrdup(v ? v : "");
	n = strlen(ws_strs[i]);
	while (n && ws_strs[i][n - 1] == '/')
		ws_strs[i][--n] = '\0';
	return ws_strs[i];
}

void
wechat_configure(const struct wechat_settings *s)
{
	ws = *s;
	ws.appid = ws_keep(0, s->appid);
	ws.secret = ws_keep(1, s->secret);
	ws.template_id = ws_keep(2, s->template_id);
	ws.token = ws_keep(3, s->token);
	ws.api_base = ws_keep(4, s->api_base);
	ws.qr_base = ws_keep(5, s->qr_base);
	ws.template_keys = ws_keep(6, s->template_keys);
	pthread_mutex_lock(&tok_mu);
	tok_cur[0] = '\0';
	tok_until_ms = 0;
	pthread_mutex_unlock(&tok_mu);
}

const struct wechat_settings *
wechat_settings(void)
{
	return &ws;
}

int
wechat_enabled(void)
{
	return *ws.appid && *ws.secret && *ws.token;
}

int
wechat_token_errcode(long e)
{
	return e == 40001 || e == 40014 || e == 41001 || e == 42001;
}

/* POST body to {api_base}path; the parsed reply, or NULL with err. */
static json_t *
wechat_post(const char *path, const char *token, const char *body,
    const char *what, struct strbuf *err)
{
	struct chan_http_reply rep;
	struct chan_http_req req;
	struct strbuf url = STRBUF_INIT;
	json_t *j = NULL;

	strbuf_addf(&url, "%s%s", ws.api_base, path);
	if (token) {
		char *t = curl_easy_escape(NULL, token, 0);

		strbuf_addf(&url, "?access_token=%s", t ? t : "");
		curl_free(t);
	}
	memset(&req, 0, sizeof(req));
	req.url = url.buf;
	req.body = body;
	chan_http_reply_init(&rep);
	if (chan_http_send(&req, &rep) != 0)
		strbuf_setf(err, "WeChat %s: %s", what, rep.error);
	else if (rep.status < 200 || rep.status > 299)
		strbuf_setf(err, "WeChat %s: HTTP %ld", what, rep.status);
	else if ((j = json_loadb(rep.body.buf, rep.body.len, 0, NULL)) ==
	    NULL || !json_is_object(j)) {
		json_decref(j);
		j = NULL;
		strbuf_setf(err, "WeChat %s: reply is not JSON", what);
	}
	chan_http_reply_release(&rep);
	strbuf_release(&url);
	return j;
}

/* errcode of a reply (0 when none). */
static long
wechat_errcode(json_t *j, const char *what, struct strbuf *err)
{
	json_int_t e = json_integer_value(json_object_get(j, "errcode"));

	if (e != 0)
		strbuf_setf(err, "WeChat %s: errcode %lld %s", what,
		    (long long)e,
		    json_string_value(json_object_get(j, "errmsg")) ?
			json_string_value(json_object_get(j, "errmsg")) :
			"");
	return (long)e;
}

static int
wechat_fetch(int force, char out[WECHAT_TOKEN_MAX], int64_t *ttl_ms,
    struct strbuf *err)
{
	json_t *body, *j;
	const char *t;
	char *text;
	long e0;
	int rc = -1;

	body = json_pack("{s:s,s:s,s:s,s:b}", "grant_type",
	    "client_credential", "appid", ws.appid, "secret", ws.secret,
	    "force_refresh", force);
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	j = wechat_post("/cgi-bin/stable_token", NULL, text, "stable_token",
	    err);
	free(text);
	if (j == NULL)
		return -1;
	t = json_string_value(json_object_get(j, "access_token"));
	if ((e0 = wechat_errcode(j, "stable_token", err)) != 0 && e0 != -1)
		rc = WECHAT_REFUSED;
	else if (e0 == 0) {
		if (t == NULL || *t == '\0' || strlen(t) >= WECHAT_TOKEN_MAX)
			strbuf_setf(err, "WeChat stable_token: no token");
		else {
			json_int_t e = json_integer_value(
			    json_object_get(j, "expires_in"));

			snprintf(out, WECHAT_TOKEN_MAX, "%s", t);
			*ttl_ms = (e > 0 ? e : 7200) * 1000LL;
			rc = 0;
		}
	}
	json_decref(j);
	return rc;
}

int
wechat_token_cached(char out[WECHAT_TOKEN_MAX])
{
	int rc = -1;

	pthread_mutex_lock(&tok_mu);
	if (tok_until_ms > clock_mono_ms() && *tok_cur) {
		memcpy(out, tok_cur, WECHAT_TOKEN_MAX);
		rc = 0;
	}
	pthread_mutex_unlock(&tok_mu);
	return rc;
}

/* Cache t, valid for ttl_ms from now (refreshed early). */
static void
tok_keep(const char *t, int64_t ttl_ms)
{
	pthread_mutex_lock(&tok_mu);
	snprintf(tok_cur, sizeof(tok_cur), "%s", t);
	tok_until_ms = clock_mono_ms() + (ttl_ms > 2 * WECHAT_EARLY_MS ?
	    ttl_ms - WECHAT_EARLY_MS : ttl_ms / 2);
	pthread_mutex_unlock(&tok_mu);
}

/* Fetch a token from WeChat, forcing a new one if it is the refused. */
static int
tok_fetch(char out[WECHAT_TOKEN_MAX], int64_t *ttl, struct strbuf *err)
{
	int64_t now = clock_mono_ms();
	int force = 0, rc;

	if ((rc = wechat_fetch(0, out, ttl, err)) != 0)
		return rc;
	pthread_mutex_lock(&tok_mu);
	if (strcmp(out, tok_bad) == 0 &&
	    now - tok_forced_ms >= WECHAT_FORCE_GAP_MS) {
		tok_forced_ms = now;
		force = 1;
	}
	pthread_mutex_unlock(&tok_mu);
	if (force && (rc = wechat_fetch(1, out, ttl, err)) != 0)
		return rc;
	return 0;
}

/* The token the cluster keeps, if good for a while and not refused. */
static int
tok_stored(const struct cluster_ops *c, struct store *s,
    char out[WECHAT_TOKEN_MAX])
{
	int64_t until = 0, left;
	int bad;

	if (c->shared_get(s, WECHAT_SHARED_KEY, out, WECHAT_TOKEN_MAX,
	    &until) != 0 || (left = until - clock_ms()) <= WECHAT_EARLY_MS)
		return -1;
	pthread_mutex_lock(&tok_mu);
	bad = strcmp(out, tok_bad) == 0 || strcmp(out, tok_dropped) == 0;
	pthread_mutex_unlock(&tok_mu);
	if (bad)
		return -1;
	tok_keep(out, left);
	return 0;
}

/*
 * One refresher for the cluster: the stored token, else under the
 * advisory lock a fetch that is stored for the others; a node that
 * finds the lock taken waits for the token the holder stores (up to
 * 3 s, then fetches itself rather than fail a push).
 */
static int
tok_shared(const struct cluster_ops *c, struct store *s,
    char out[WECHAT_TOKEN_MAX], struct strbuf *err)
{
	int64_t ttl = 0;
	int got = 0, i, rc;

	for (i = 0; i < WECHAT_WAIT_TRIES; i++) {
		if (tok_stored(c, s, out) == 0)
			return 0;
		if (c->try_lock(s, CLUSTER_LOCK_WECHAT_TOKEN, &got) != 0)
			break;
		if (got)
			break;
		(void)poll(NULL, 0, 100);
	}
	if (got && tok_stored(c, s, out) == 0)
		rc = 0;
	else if ((rc = tok_fetch(out, &ttl, err)) == 0) {
		tok_keep(out, ttl);
		pthread_mutex_lock(&tok_mu);
		tok_dropped[0] = '\0'; /* WeChat just handed it out */
		pthread_mutex_unlock(&tok_mu);
		if (c->shared_put(s, WECHAT_SHARED_KEY, out, clock_ms() + ttl) !=
		    0)
			log_warnx("wechat: the access token was not stored "
			    "for the other nodes");
	}
	if (got)
		(void)c->unlock(s, CLUSTER_LOCK_WECHAT_TOKEN);
	return rc;
}

int
wechat_token(char out[WECHAT_TOKEN_MAX], struct strbuf *err)
{
	struct store *s;
	const struct cluster_ops *c;
	int64_t ttl = 0;
	int rc;

	if (!wechat_enabled()) {
		strbuf_setf(err, "WeChat is not configured (wechat.appid, "
				 "wechat.secret, wechat.token)");
		return WECHAT_REFUSED;
	}
	if (wechat_token_cached(out) == 0)
		return 0;
	s = store_reader();
	if ((c = store_cluster(s)) != NULL)
		return tok_shared(c, s, out, err);
	if ((rc = tok_fetch(out, &ttl, err)) != 0)
		return rc;
	tok_keep(out, ttl);
	return 0;
}

void
wechat_token_invalidate(const char *tok)
{
	pthread_mutex_lock(&tok_mu);
	if (tok)
		snprintf(tok_bad, sizeof(tok_bad), "%s", tok);
	/* the cluster's stored copy of it is no good either */
	snprintf(tok_dropped, sizeof(tok_dropped), "%s", tok ? tok : tok_cur);
	if (tok == NULL || strcmp(tok_cur, tok) == 0) {
		tok_cur[0] = '\0';
		tok_until_ms = 0;
	}
	pthread_mutex_unlock(&tok_mu);
}

void
wechat_token_state(struct strbuf *out)
{
	int64_t now = clock_mono_ms();

	pthread_mutex_lock(&tok_mu);
	if (*tok_cur && tok_until_ms > now)
		strbuf_addf(out, "valid, refreshed in %lld s",
		    (long long)((tok_until_ms - now) / 1000));
	else
		strbuf_addstr(out, "none cached");
	pthread_mutex_unlock(&tok_mu);
}

/* One qrcode/create; 1 when the token was refused. */
static int
wechat_qr_once(const char *tok, const char *body, struct wechat_qr *qr,
    struct strbuf *err)
{
	json_t *j = wechat_post("/cgi-bin/qrcode/create", tok, body,
	    "qrcode/create", err);
	const char *t, *u;
	long e;
	int rc = -1;

	if (j == NULL)
		return -1;
	e = wechat_errcode(j, "qrcode/create", err);
	t = json_string_value(json_object_get(j, "ticket"));
	u = json_string_value(json_object_get(j, "url"));
	if (e == 0 && (t == NULL || *t == '\0' || strlen(t) >= WECHAT_TICKET_MAX))
		strbuf_setf(err, "WeChat qrcode/create: no ticket");
	else if (e == 0) {
		char *esc = curl_easy_escape(NULL, t, 0);

		snprintf(qr->ticket, sizeof(qr->ticket), "%s", t);
		snprintf(qr->url, sizeof(qr->url), "%s", u ? u : "");
		snprintf(qr->image, sizeof(qr->image), "%s?ticket=%s",
		    ws.qr_base, esc ? esc : "");
		curl_free(esc);
		rc = 0;
	} else if (wechat_token_errcode(e))
		rc = 1;
	json_decref(j);
	return rc;
}

int
wechat_qr_create(const char *scene, int expire_s, struct wechat_qr *qr,
    struct strbuf *err)
{
	char tok[WECHAT_TOKEN_MAX];
	json_t *b;
	char *body;
	int rc;

	memset(qr, 0, sizeof(*qr));
	qr->expire_s = expire_s;
	if (wechat_token(tok, err) != 0)
		return -1;
	b = json_pack("{s:i,s:s,s:{s:{s:s}}}", "expire_seconds", expire_s,
	    "action_name", "QR_STR_SCENE", "action_info", "scene",
	    "scene_str", scene);
	body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	rc = wechat_qr_once(tok, body, qr, err);
	if (rc == 1) {
		wechat_token_invalidate(tok);
		strbuf_reset(err);
		rc = wechat_token(tok, err) == 0 ?
		    wechat_qr_once(tok, body, qr, err) :
		    -1;
	}
	free(body);
	return rc == 0 ? 0 : -1;
}
