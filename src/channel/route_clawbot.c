/*
 * route_clawbot.c: a person's WeChat ClawBot as one of their routes
 * (route.h, issue 11 §2, phones.md §2.5-2.6).
 *
 * build(): the person's bot row (store_clawbot.h, read on the sender's
 * connection) must be the device's (dkey = bot id) and must be able to
 * take a push now: activated by a message from the person less than
 * 24 h ago, fewer than 10 pushes since, the session not paused.  Else
 * FG_EBUSY with the reason and the push waits (ROUTE_WAIT) instead of
 * being thrown at iLink, which would refuse it with ret -2 anyway; the
 * sender wakes it when the person writes again (queue/clawbot.c).  The
 * request is one sendmessage of one text item: the title, the summary
 * and the message page's URL; the 9th push of a window ends with a note
 * asking the person to reply, so the 10th is not the last they ever see
 * (Horizon and hermes-agent reserve the last sends the same way).
 *
 * judge(): HTTP first (no answer, 429 and 5xx retry; other non-2xx
 * fail), then iLink's ret: 0 is delivered; -2 means iLink will take no
 * more in this window (budget, 24 h, or burst throttling) and -14 the
 * session expired: both WAIT, since both end when the person writes
 * again (-14 also pauses the bot for an hour, as the plugin does).  The
 * code rides in upstream_id as "ret:-2" / "ret:-14" so that record()
 * can tell them apart; other codes fail with iLink's errmsg.
 *
 * record(): in the writer's transaction, a delivered push counts one
 * against the window; a -2 closes the window (iLink says it is spent,
 * whatever we counted); a -14 sets the pause.
 *
 * Pacing (phones.md §2.5-2.6): about three sends to one bot within a
 * second made iLink answer -2 and block the bot for an hour.  So pushes
 * to one person go one at a time, at least CLAWBOT_PACE_MS apart:
 * may_start() takes the person's slot (the push sender leaves the push
 * due while it is taken), record() gives it back.  One at a time also
 * means build() reads the count the previous push committed, so the
 * 9th is the 9th and no two pushes take the 10th.  The slots are a
 * small table hashed by user id: two people sharing a slot are only
 * paced together, never mixed up.  The clawbot channel (ch_clawbot.c)
 * takes the same slots.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "channel/ilink.h"
#include "channel/route_clawbot.h"
#include "store/dir.h"
#include "util/errors.h"
#include "util/ids.h"

#define PACE_SLOTS 256

static pthread_mutex_t pace_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	int64_t next_ms;
	int busy;
} pace[PACE_SLOTS];

int
route_clawbot_pace_take(int64_t user)
{
	size_t i = (size_t)user % PACE_SLOTS;
	int rc = -1;

	pthread_mutex_lock(&pace_lock);
	if (!pace[i].busy && clock_mono_ms() >= pace[i].next_ms) {
		pace[i].busy = 1;
		rc = 0;
	}
	pthread_mutex_unlock(&pace_lock);
	return rc;
}

void
route_clawbot_pace_release(int64_t user)
{
	size_t i = (size_t)user % PACE_SLOTS;

	pthread_mutex_lock(&pace_lock);
	pace[i].busy = 0;
	pace[i].next_ms = clock_mono_ms() + CLAWBOT_PACE_MS;
	pthread_mutex_unlock(&pace_lock);
}

int
route_clawbot_left(const struct store_clawbot *b, int64_t now)
{
	if (now < b->paused_until_ms || now >= b->window_end_ms ||
	    b->used >= CLAWBOT_BUDGET)
		return 0;
	return (int)(CLAWBOT_BUDGET - b->used);
}

const char *
route_clawbot_status(const struct store_clawbot *b, int64_t now)
{
	if (now < b->paused_until_ms)
		return "paused";
	return route_clawbot_left(b, now) > 0 ? "active" : "inactive";
}

int
route_clawbot_sendable(const struct store_clawbot *b, int64_t now,
    struct strbuf *why)
{
	char when[20];

	if (now < b->paused_until_ms) {
		clock_format_cn(b->paused_until_ms, when);
		strbuf_setf(why,
		    "ClawBot会话已过期，%s前暂停；%s "
		    "(the bot's session expired, paused until %s)",
		    when, CLAWBOT_WAIT_REASON, when);
		return FG_EBUSY;
	}
	if (route_clawbot_left(b, now) == 0) {
		strbuf_setf(why, "%s", CLAWBOT_WAIT_REASON);
		return FG_EBUSY;
	}
	return 0;
}

int
route_clawbot_text(struct strbuf *sb, const struct route_msg *m, int64_t nth)
{
	int rc = 0;

	if (*m->title)
		rc = strbuf_addf(sb, "%s\n", m->title);
	if (rc == 0 && *m->summary)
		rc = strbuf_addf(sb, "%s\n", m->summary);
	if (rc == 0)
		rc = strbuf_addf(sb, "详情 (details): %s", m->url);
	if (rc == 0 && nth == CLAWBOT_NOTE_AT)
		rc = strbuf_addstr(sb, "\n\n" CLAWBOT_NOTE);
	return rc;
}

static int
clawbot_build(const struct route_driver *drv, struct store *rd,
    const struct store_device *d, const struct route_msg *m,
    struct route_req *req, struct strbuf *err)
{
	struct store_clawbot b;
	struct strbuf text = STRBUF_INIT;
	int rc;

	(void)drv;
	if ((rc = dir_clawbot_get(rd, d->user_id, &b)) != 0 ||
	    strcmp(b.bot_id, d->dkey) != 0) {
		strbuf_setf(err, "ClawBot未绑定 (no ClawBot is bound)");
		return rc == FG_ESTORE ? rc : FG_ENOENT;
	}
	if ((rc = route_clawbot_sendable(&b, clock_ms(), err)) != 0)
		return rc;
	if ((rc = route_clawbot_text(&text, m, b.used + 1)) == 0)
		rc = ilink_req_send(req, &b, text.buf, text.len);
	strbuf_release(&text);
	if (rc != 0)
		strbuf_setf(err, "ClawBot: request too large");
	return rc;
}

static void
clawbot_judge(const struct route_driver *drv, const struct store_device *d,
    const struct route_answer *a, struct route_verdict_out *v)
{
	char msg[256];
	int code = 0;

	(void)drv;
	(void)d;
	v->verdict = ROUTE_FAIL;
	if (a->transport != 0 || a->status == 0 || a->status == 429 ||
	    a->status >= 500) {
		v->verdict = ROUTE_RETRY;
		strbuf_setf(&v->detail, "ClawBot: %s",
		    a->transport ? a->transport_msg : "upstream busy");
		return;
	}
	if (a->status < 200 || a->status > 299) {
		strbuf_setf(&v->detail, "ClawBot: upstream %ld", a->status);
		return;
	}
	if (ilink_ret(a->body, a->len, &code, msg, sizeof(msg)) != 0) {
		v->verdict = ROUTE_RETRY;
		strbuf_setf(&v->detail, "ClawBot: answer is not JSON");
		return;
	}
	if (code == 0) {
		v->verdict = ROUTE_OK;
		return;
	}
	if (code == ILINK_RET_BUSY || code == ILINK_RET_EXPIRED) {
		v->verdict = ROUTE_WAIT;
		snprintf(v->upstream_id, sizeof(v->upstream_id), "ret:%d",
		    code);
		strbuf_setf(&v->detail, "%s%s: iLink ret %d %s",
		    CLAWBOT_WAIT_REASON,
		    code == ILINK_RET_EXPIRED ? " (session expired)" : "",
		    code, msg);
		return;
	}
	strbuf_setf(&v->detail, "ClawBot: iLink ret %d %s", code, msg);
}

int
route_clawbot_count(struct store *s, int64_t user,
    const struct route_verdict_out *v, int64_t now)
{
	struct store_clawbot b;
	int rc;

	if ((rc = dir_clawbot_get(s, user, &b)) != 0)
		return rc == FG_ENOENT ? 0 : rc; /* unbound since */
	if (v->verdict == ROUTE_OK)
		b.used++;
	else if (strcmp(v->upstream_id, "ret:-2") == 0)
		b.used = CLAWBOT_BUDGET;
	else if (strcmp(v->upstream_id, "ret:-14") == 0)
		b.paused_until_ms = now + ILINK_PAUSE_MS;
	else
		return 0;
	return dir_clawbot_put(s, &b);
}

static int
clawbot_may_start(const struct route_driver *drv, const struct store_device *d)
{
	(void)drv;
	return route_clawbot_pace_take(d->user_id);
}

static int
clawbot_record(const struct route_driver *drv, struct store *s,
    const struct store_device *d, const struct route_verdict_out *v)
{
	(void)drv;
	route_clawbot_pace_release(d->user_id);
	return route_clawbot_count(s, d->user_id, v, clock_ms());
}

const struct route_driver route_clawbot = {
	.type = "clawbot",
	.flags = 0,
	.build = clawbot_build,
	.judge = clawbot_judge,
	.record = clawbot_record,
	.may_start = clawbot_may_start,
};
