/*
 * clawbot_qr.c: binding a person's ClawBot by QR code (phones.md §2.3),
 * on the poller's loop (clawbot.c).
 *
 * clawbot_qr_new() takes a slot for the person (one code per person: a
 * new request replaces their old code) and wakes the loop, which asks
 * iLink for a code (get_bot_qrcode) and hands it to the waiting request
 * (the open API's getBotQrcode, the person's page).  From then on the
 * loop polls get_qrcode_status once a second: wait and scaned keep
 * polling, scaned_but_redirect moves the polls to the host iLink names
 * (with the scheme of clawbot.api_base), expired, need_verifycode (feige
 * has no way to ask the person for the number WeChat shows), and
 * verify_code_blocked end the code with a reason; confirmed stores the
 * bot through the writer (ops_clawbot_bind: bot row and device row) and
 * kicks the pollers so the person's getupdates starts at once.  A code
 * nobody confirmed within 8 minutes expires (the plugin's limit).
 *
 * The slots sit under the poller's mutex: the API threads read a code's
 * state (getQrcodeStatus, the page), the writer's thread settles a bind.
 * A slot keeps its final state for CB_QR_KEEP_MS so that the last polls
 * of a client see it, then it is free again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/ilink.h"
#include "ops/clawbot.h"
#include "queue/clawbot_int.h"
#include "store/writer.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define CB_QR_POLL_MS 1000
#define CB_QR_LIFE_MS (8 * 60 * 1000)
#define CB_QR_HOLD_MS 35000L
#define CB_QR_ASK_MS 8000L /* under HTTP's 10 s drain at a stop */

static void
qr_set(struct cb_qr *s, int state, const char *why)
{
	s->q.state = state;
	s->changed = 1;
	snprintf(s->q.why, sizeof(s->q.why), "%s", why);
}

/* The slot of user, or a free (or the oldest settled) one; locked. */
static struct cb_qr *
qr_slot(struct clawbot *c, int64_t user)
{
	struct cb_qr *s, *pick = NULL;
	int i;

	for (i = 0; i < CB_QR_MAX; i++) {
		s = &c->qr[i];
		if (s->user == user)
			return s;
		if (s->user == 0 && pick == NULL)
			pick = s;
	}
	if (pick != NULL)
		return pick;
	for (i = 0; i < CB_QR_MAX; i++) {
		s = &c->qr[i];
		if (s->x == NULL && s->done == NULL &&
		    s->q.state != CLAWBOT_QR_BINDING &&
		    (pick == NULL || s->created_ms < pick->created_ms))
			pick = s;
	}
	return pick;
}

void
clawbot_qr_new(struct clawbot *c, int64_t user,
    void (*done)(void *, int, const struct clawbot_qr *), void *arg)
{
	struct clawbot_qr busy;
	struct cb_qr *s;

	pthread_mutex_lock(&c->mu);
	s = qr_slot(c, user);
	if (s == NULL || s->done != NULL ||
	    (s->user == user && s->q.state == CLAWBOT_QR_BINDING)) {
		pthread_mutex_unlock(&c->mu);
		memset(&busy, 0, sizeof(busy));
		snprintf(busy.why, sizeof(busy.why),
		    "ClawBot二维码请求过多，"
		    "请稍后再试 (too many QR requests, try again shortly)");
		return done(arg, FG_EBUSY, &busy);
	}
	if (s->user != user) {
		memset(s, 0, sizeof(*s));
		s->user = user;
	}
	s->want_new = 1;
	s->done = done;
	s->arg = arg;
	s->created_ms = clock_ms();
	qr_set(s, CLAWBOT_QR_ASKING, "");
	pthread_mutex_unlock(&c->mu);
	curl_multi_wakeup(c->multi);
}

void
clawbot_qr_state(struct clawbot *c, int64_t user, const char *qrcode,
    struct clawbot_qr *q)
{
	struct clawbot_qr *other = xcalloc(1, sizeof(*other));
	int64_t mine = -1, theirs = 0;
	int i;

	memset(q, 0, sizeof(*q));
	pthread_mutex_lock(&c->mu);
	for (i = 0; i < CB_QR_MAX; i++)
		if (c->qr[i].user == user &&
		    (*qrcode == '\0' ||
			strcmp(c->qr[i].q.qrcode, qrcode) == 0)) {
			*q = c->qr[i].q;
			mine = c->qr[i].created_ms;
		}
	pthread_mutex_unlock(&c->mu);
	/* asked of another node (clawbot_qrshare.c) */
	if (cb_qr_shared(user, qrcode, other, &theirs) == 0 && theirs > mine)
		*q = *other;
	free(other);
}

/* Start the calls due: new codes asked for, status polls; locked. */
static void
qr_start(struct clawbot *c, struct cb_qr *s, int64_t now)
{
	int kind;

	if (s->x != NULL && s->want_new && s->x->kind == X_QRSTATUS) {
		cb_xfer_free(c, s->x); /* the old code's poll */
		s->x = NULL;
	}
	if (s->x != NULL)
		return;
	if (s->want_new) {
		kind = X_QRNEW;
		s->want_new = 0;
		s->base[0] = '\0';
	} else if ((s->q.state == CLAWBOT_QR_WAIT ||
		       s->q.state == CLAWBOT_QR_SCANNED) &&
	    now >= s->next_ms)
		kind = X_QRSTATUS;
	else
		return;
	s->x = cb_xfer_new(kind, s);
	if ((kind == X_QRNEW ?
		    ilink_req_qrcode(&s->x->req) :
		    ilink_req_qrstatus(&s->x->req, *s->base ? s->base : NULL,
			s->q.qrcode)) != 0) {
		cb_xfer_free(c, s->x);
		s->x = NULL;
		qr_set(s, CLAWBOT_QR_FAILED,
		    "ClawBot请求过大 (request too "
		    "large)");
		return;
	}
	cb_xfer_go(c, s->x, kind == X_QRNEW ? CB_QR_ASK_MS : CB_QR_HOLD_MS);
}

void
cb_qr_due(struct clawbot *c, int64_t now)
{
	struct cb_qr *s;
	int i;

	pthread_mutex_lock(&c->mu);
	for (i = 0; i < CB_QR_MAX; i++) {
		s = &c->qr[i];
		if (s->user == 0)
			continue;
		if (s->x == NULL && s->done == NULL &&
		    now - s->created_ms > CB_QR_KEEP_MS &&
		    s->q.state != CLAWBOT_QR_BINDING) {
			memset(s, 0, sizeof(*s));
			continue;
		}
		if ((s->q.state == CLAWBOT_QR_WAIT ||
			s->q.state == CLAWBOT_QR_SCANNED) &&
		    now - s->created_ms > CB_QR_LIFE_MS) {
			cb_xfer_free(c, s->x);
			s->x = NULL;
			qr_set(s, CLAWBOT_QR_EXPIRED,
			    "二维码已过期，请重新"
			    "获取 (the QR code expired: get a new one)");
		}
		qr_start(c, s, now);
	}
	pthread_mutex_unlock(&c->mu);
	cb_qr_publish(c);
}

/* The writer op of a confirmed bind. */
struct bind_op {
	struct writer_op op;
	struct clawbot *c;
	struct ilink_qrstatus st;
	char qrcode[128];
	int64_t user;
	struct strbuf err;
};

static int
bind_apply(struct writer_op *op, struct store *s)
{
	struct bind_op *b = (struct bind_op *)op;
	struct ops_clawbot_bind_in in = { b->user, b->st.bot_token,
		b->st.bot_id, b->st.user_id, b->st.baseurl };

	return ops_clawbot_bind(s, &in, clock_ms(), &b->err);
}

static void
bind_done(struct writer_op *op, int rc)
{
	struct bind_op *b = (struct bind_op *)op;
	struct clawbot *c = b->c;
	char why[256] = "";
	int i;

	if (rc != 0)
		snprintf(why, sizeof(why), "ClawBot绑定失败 (bind failed): %s",
		    b->err.len ? b->err.buf : "store");
	pthread_mutex_lock(&c->mu);
	for (i = 0; i < CB_QR_MAX; i++)
		if (c->qr[i].user == b->user &&
		    strcmp(c->qr[i].q.qrcode, b->qrcode) == 0)
			qr_set(&c->qr[i],
			    rc == 0 ? CLAWBOT_QR_CONFIRMED : CLAWBOT_QR_FAILED,
			    rc == 0 ? "" : why);
	pthread_mutex_unlock(&c->mu);
	log_info("msg=\"clawbot: %s\" user=%lld",
	    rc == 0 ? "bound" : "bind failed", (long long)b->user);
	clawbot_kick(c);
	strbuf_release(&b->err);
	explicit_bzero(b->st.bot_token, sizeof(b->st.bot_token));
	free(b);
}

static void
qr_confirmed(struct clawbot *c, struct cb_qr *s,
    const struct ilink_qrstatus *st)
{
	struct bind_op *b;

	if (*st->bot_id == '\0' || *st->bot_token == '\0' ||
	    *st->user_id == '\0')
		return qr_set(s, CLAWBOT_QR_FAILED,
		    "ClawBot绑定失败：iLink"
		    "未返回机器人信息 (iLink confirmed without the bot's "
		    "ids)");
	qr_set(s, CLAWBOT_QR_BINDING, "");
	b = xcalloc(1, sizeof(*b));
	b->op.apply = bind_apply;
	b->op.done = bind_done;
	b->c = c;
	b->st = *st;
	b->user = s->user;
	memcpy(b->qrcode, s->q.qrcode, sizeof(b->qrcode));
	strbuf_init(&b->err, 512);
	writer_submit(c->cfg.writer, &b->op);
}

/* scaned_but_redirect: the same scheme as api_base, iLink's host. */
static void
qr_redirect(struct cb_qr *s, const char *host)
{
	const char *base = ilink_api_base();

	snprintf(s->base, sizeof(s->base), "%.*s%s",
	    strncmp(base, "http://", 7) == 0 ? 7 : 8, base, host);
}

/* A get_qrcode_status answer; locked. */
static void
qr_status(struct clawbot *c, struct cb_qr *s, const struct ilink_qrstatus *st)
{
	static const struct {
		const char *status;
		int state;
		const char *why;
	} map[] = {
		{ "wait", CLAWBOT_QR_WAIT, "等待扫码 (waiting for the scan)" },
		{ "scaned", CLAWBOT_QR_SCANNED,
		    "已扫码，请在微信中确认 "
		    "(scanned: confirm in WeChat)" },
		{ "scaned_but_redirect", CLAWBOT_QR_SCANNED,
		    "已扫码，请在"
		    "微信中确认 (scanned: confirm in WeChat)" },
		{ "expired", CLAWBOT_QR_EXPIRED,
		    "二维码已过期，请重新获取 "
		    "(the QR code expired: get a new one)" },
		{ "need_verifycode", CLAWBOT_QR_FAILED,
		    "微信要求输入验证码，"
		    "请重新获取二维码 (WeChat asked for a verify code: get a "
		    "new QR code)" },
		{ "verify_code_blocked", CLAWBOT_QR_FAILED,
		    "验证码错误次数过多"
		    "，请重新获取二维码 (too many wrong verify codes)" },
		{ "binded_redirect", CLAWBOT_QR_FAILED,
		    "此机器人已绑定 "
		    "(this bot is already bound)" },
	};
	size_t i;

	if (strcmp(st->status, "confirmed") == 0)
		return qr_confirmed(c, s, st);
	if (strcmp(st->status, "scaned_but_redirect") == 0 &&
	    *st->redirect_host)
		qr_redirect(s, st->redirect_host);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].status, st->status) == 0)
			return qr_set(s, map[i].state, map[i].why);
	/* unknown: keep polling in the state it had */
}

void
cb_qr_finish(struct clawbot *c, struct cb_xfer *x, CURLcode cc)
{
	struct cb_qr *s = x->owner;
	struct ilink_qrstatus *st = xcalloc(1, sizeof(*st));
	struct ilink_qr qr;
	struct clawbot_qr copy;
	void (*done)(void *, int, const struct clawbot_qr *) = NULL;
	void *arg = NULL;
	long status = 0;
	int rc = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	pthread_mutex_lock(&c->mu);
	s->x = NULL;
	s->next_ms = clock_ms() + CB_QR_POLL_MS;
	if (x->kind == X_QRNEW) {
		done = s->done;
		arg = s->arg;
		s->done = NULL;
		if (cc != CURLE_OK || status < 200 || status > 299 ||
		    ilink_parse_qr(x->reply.buf, x->reply.len, &qr) != 0) {
			rc = FG_EIO;
			qr_set(s, CLAWBOT_QR_FAILED,
			    "无法从iLink获取ClawBot"
			    "二维码 (iLink gave no QR code)");
		} else {
			memcpy(s->q.qrcode, qr.qrcode, sizeof(qr.qrcode));
			memcpy(s->q.url, qr.url, sizeof(qr.url));
			qr_set(s, CLAWBOT_QR_WAIT,
			    "等待扫码 (waiting for the "
			    "scan)");
		}
		copy = s->q;
	} else if (cc == CURLE_OK && status >= 200 && status < 300 &&
	    ilink_parse_qrstatus(x->reply.buf, x->reply.len, st) == 0)
		qr_status(c, s, st);
	/* a timeout, 5xx or 524 counts as wait: poll again */
	pthread_mutex_unlock(&c->mu);
	explicit_bzero(st, sizeof(*st));
	free(st);
	cb_xfer_free(c, x);
	cb_qr_publish(c);
	if (done != NULL)
		done(arg, rc, &copy);
}

void
cb_qr_stop(struct clawbot *c)
{
	struct clawbot_qr gone;
	int i;

	memset(&gone, 0, sizeof(gone));
	snprintf(gone.why, sizeof(gone.why),
	    "服务器正在关闭 (the server is "
	    "stopping)");
	for (i = 0; i < CB_QR_MAX; i++) {
		cb_xfer_free(c, c->qr[i].x);
		c->qr[i].x = NULL;
		if (c->qr[i].done != NULL)
			c->qr[i].done(c->qr[i].arg, FG_ECLOSED, &gone);
		c->qr[i].done = NULL;
	}
}
