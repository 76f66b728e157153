/*
 * deliver.c: the worker threads: each takes due jobs from the schedule
 * (sched.c) and makes one delivery attempt at a time, from the driver to
 * the store.
 *
 * The worker runs the channel driver (blocking at most the driver's
 * timeout) and submits a finish op.  The writer applies, in the group
 * commit: the delivery's new status (final, or pending again with a
 * retry time), the inbox item for inbox channels, the message's status
 * once every delivery is final, and the callback row.  After the commit
 * the inbox event goes to the recipient's live streams and retries go
 * back on the delayed list, due on the shared schedule (core/retry.h).
 *
 * Cheap common case: a message with a single delivery settles from that
 * delivery's outcome directly (no count query), and the message is read
 * back only when someone needs it (a live stream, a callback); the copy
 * read in the transaction is kept in the op until the publish.
 *
 * Drivers with the loop form (channel.h build/judge: every webhook
 * type) do not block the worker: it builds the request, hands it to the
 * outbound loop (channel/xloop.h) and takes the next job; the loop's
 * done() judges the reply and submits the same finish op on the loop's
 * thread.  cp and ClawBot have the loop form too (cp's gettoken, when
 * its token is not cached, blocks the worker); mail and the other
 * drivers still run on the worker and block it at most the driver's
 * timeout.
 *
 * A delivery whose upstream host already has its share (the loop's
 * per-host limit, or for blocking drivers half the workers,
 * channel/hostlimit.c) is not attempted: it goes back on the delayed
 * list for DEFER_MS, with no write and no attempt counted; on the loop
 * it is parked under its host instead (queue/park.c) and goes back on
 * the ready list when a request to that host is over, so a backlog for
 * one busy host costs no re-reads and waits no timer.  The config's
 * host, once refused, is remembered, so the next deliveries of a full
 * host are parked before anything is read (host_memo below).
 *
 * The loop's done() calls of one turn gather their finish ops, and the
 * turn's end hands them to the writer as one list (deliver_turn_end):
 * one wakeup of the writer a turn, not one a reply.
 *
 * Every upstream request of an attempt carries the delivery's id
 * (X-Feige-Delivery, channel_delivery_begin()): on a shared PostgreSQL
 * a delivery is at least once, and a repeat is visible.
 *
 * Statuses: a delivery is 0 until its first attempt, 1 "sending" while a
 * retry is scheduled (with the last error), then 2 or 3 for good.
 */
#include <stdlib.h>
#include <string.h>

#include "channel/callback.h"
#include "channel/channel.h"
#include "channel/xloop.h"
#include "queue/queue_int.h"
#include "stream/hub.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/metrics.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

/* A delivery deferred because its host is busy is due again after this. */
#define DEFER_MS	250

struct finish_op {
	struct writer_op	 op;
	struct queue		*q;
	struct qjob		*job;
	int			 status;	/* new delivery status */
	int64_t			 next_ms;	/* retry time (wall), 0 */
	char			*error;
	unsigned int		 caps;
	int64_t			 inbox_id;
	struct message		 msg;		/* to publish, if have_msg */
	int			 have_msg;
	int			 cb_added;
	int			 push_added;
};

static int
finish_apply(struct writer_op *op, struct store *s)
{
	struct finish_op *f = (struct finish_op *)op;
	struct qjob *j = f->job;
	struct message *m = &f->msg;
	struct strbuf err = STRBUF_INIT;
	int rc, settled = 0, mstatus = f->status, need_msg;

	f->cb_added = f->push_added = 0;
	f->inbox_id = 0;
	if (f->have_msg)	/* a batch retried op by op runs us again */
		message_release(m);
	f->have_msg = 0;
	if ((rc = spool_delivery_update(s, j->delivery_id, f->status,
	    j->attempts + 1, f->next_ms, f->error)) != 0)
		return rc;
	if (f->status == MSG_SENT && (f->caps & CHANNEL_CAP_INBOX) &&
	    ((rc = spool_inbox_add(s, j->user_id, j->message_id,
		  j->delivery_id, &f->inbox_id)) != 0 ||
		(rc = spool_push_add(s, j->message_id, &j->user_id,
		     &f->inbox_id, 1, clock_ms(), &f->push_added)) != 0))
		return rc;
	/*
	 * A retry is due: the message is in progress (sendStatus 1), for a
	 * fan-out too; it cannot be final while this delivery is not.
	 */
	if (f->status == MSG_SENDING)
		return spool_message_set_status(s, j->message_id, MSG_SENDING,
		    f->error);
	if (j->single == 1) {
		rc = spool_message_set_status(s, j->message_id, f->status,
		    f->error);
		settled = 1;
		strbuf_addstr(&err, f->error);
	} else {
		rc = spool_message_settle(s, j->message_id, &mstatus, &err);
		settled = rc == 1;
		rc = rc < 0 ? rc : 0;
	}
	need_msg = (f->inbox_id && f->q->cfg.hub &&
	    hub_count(f->q->cfg.hub) > 0) || (settled && j->has_cb != 0);
	if (rc == 0 && need_msg &&
	    (rc = spool_message_get_id(s, j->message_id, m)) == 0) {
		f->have_msg = 1;
		if (settled && *m->callback_url) {
			struct strbuf body = STRBUF_INIT;

			callback_message_body(&body, m->short_code, mstatus,
			    err.buf);
			rc = spool_outbox_add(s, m->callback_url, body.buf,
			    clock_ms());
			f->cb_added = rc == 0;
			strbuf_release(&body);
		}
	}
	strbuf_release(&err);
	return rc;
}

static void
finish_done(struct writer_op *op, int rc)
{
	struct finish_op *f = (struct finish_op *)op;
	struct queue *q = f->q;

	if (rc != 0) {
		/* not recorded: leave it pending in memory and try again */
		log_warnx("msg=\"delivery outcome not stored\" delivery=%lld",
		    (long long)f->job->delivery_id);
		f->job->due_ms = clock_mono_ms() + 1000;
		queue_push(q, f->job);
	} else if (f->status == MSG_SENDING) {
		f->job->attempts++;
		f->job->due_ms = clock_mono_ms() + (f->next_ms - clock_ms());
		if (f->job->due_ms == 0)
			f->job->due_ms = 1;
		queue_push(q, f->job);
	} else {
		if (f->inbox_id && f->have_msg) {
			struct hub_event ev = { HUB_EVENT_MESSAGE, f->inbox_id,
			    f->job->user_id, &f->msg };

			hub_publish(q->cfg.hub, &ev);
		}
		free(f->job);
	}
	if (rc == 0 && f->cb_added && q->cfg.callback_kick)
		q->cfg.callback_kick(q->cfg.callback_arg);
	if (rc == 0 && f->push_added && q->cfg.push_kick)
		q->cfg.push_kick(q->cfg.push_arg);
	if (f->have_msg)
		message_release(&f->msg);
	free(f->error);
	free(f);
}

/* What a channel driver reads besides the message (channel.h caps). */
struct deliver_ctx {
	struct store_chan	cfg;
	struct store_msg_chan	mc;
	char			email[STORE_EMAIL_MAX + 1];
	char			phone[STORE_PHONE_MAX + 1];
};

/*
 * Load the channel config the message was accepted with and the
 * recipient's e-mail address or phone number, for drivers that ask.  0, or -1 with res
 * final: TEMPFAIL when the store could not be read, PERMFAIL when the
 * config was deleted since.
 */
static int
deliver_load_config(struct store *rd, const struct channel_driver *drv,
    struct delivery_job *dj, struct deliver_ctx *ctx,
    struct delivery_result *res)
{
	int rc;

	if (!(drv->caps & (CHANNEL_CAP_NEEDS_CONFIG |
	    CHANNEL_CAP_NEEDS_EMAIL | CHANNEL_CAP_NEEDS_PHONE)))
		return 0;
	if (rd == NULL) {
		res->outcome = DELIVERY_TEMPFAIL;
		strbuf_setf(&res->detail, "store not readable");
		return -1;
	}
	if (drv->caps & CHANNEL_CAP_NEEDS_CONFIG) {
		rc = spool_msg_chan_get(rd, dj->message_id, &ctx->mc);
		if (rc == 0 && ctx->mc.chan_id &&
		    (rc = dir_chan_get(rd, ctx->mc.chan_id, &ctx->cfg)) ==
		    FG_ENOENT) {
			res->outcome = DELIVERY_PERMFAIL;
			strbuf_setf(&res->detail, "%s: config %lld was deleted",
			    drv->name, (long long)ctx->mc.chan_id);
			return -1;
		}
		if (rc != 0 && rc != FG_ENOENT)
			goto unreadable;
		dj->cfg = rc == 0 && ctx->mc.chan_id ? &ctx->cfg : NULL;
		dj->to = ctx->mc.to;
	}
	if (drv->caps & CHANNEL_CAP_NEEDS_EMAIL) {
		if ((rc = dir_user_email_get(rd, dj->user_id,
		    ctx->email)) != 0 && rc != FG_ENOENT)
			goto unreadable;
		dj->email = ctx->email;
	}
	if (drv->caps & CHANNEL_CAP_NEEDS_PHONE) {
		if ((rc = dir_user_phone_get(rd, dj->user_id,
		    ctx->phone)) != 0 && rc != FG_ENOENT)
			goto unreadable;
		dj->phone = ctx->phone;
	}
	return 0;
unreadable:
	res->outcome = DELIVERY_TEMPFAIL;
	strbuf_setf(&res->detail, "%s: channel config not readable",
	    drv->name);
	return -1;
}

/*
 * The attempt's outcome in the metrics and the log: a failed delivery
 * (final) at warn with its reason, the rest at debug.  The channel is
 * counted by its driver's name as the job names it; a job naming no
 * driver counts as "unknown" (label values stay a bounded set).
 */
static void
deliver_count(const struct qjob *j, const struct finish_op *f)
{
	const struct channel_driver *drv = channel_lookup(j->channel);
	const char *ch = drv ? drv->name : "unknown";
	const char *outcome = f->status == MSG_SENT ? "ok" :
	    f->status == MSG_SENDING ? "retry" : "failed";
	char q[LOG_VALUE_MAX];

	metrics_add(&metric_deliveries, (const char *[]){ ch, outcome }, 1);
	if (f->status == MSG_SENDING)
		metrics_add(&metric_retries, (const char *[]){ ch }, 1);
	if (f->status == MSG_FAILED)
		log_warnx("msg=\"delivery failed\" delivery=%lld message=%lld "
		    "channel=%s attempt=%d reason=\"%s\"",
		    (long long)j->delivery_id, (long long)j->message_id, ch,
		    j->attempts + 1, log_quote(q, sizeof(q), f->error));
	else
		log_debug("delivery id=%lld channel=%s status=%d attempt=%d",
		    (long long)j->delivery_id, ch, f->status,
		    j->attempts + 1);
}

/*
 * The attempt is over (or was not made: DEFER): its outcome as a finish
 * op for the writer, or NULL with the job back on the schedule.  Takes
 * res->detail.
 */
static struct writer_op *
deliver_outcome(struct queue *q, struct qjob *j,
    const struct channel_driver *drv, struct delivery_result *res)
{
	struct finish_op *f;
	int64_t next_ms;

	if (res->outcome == DELIVERY_DEFER) {	/* not an attempt */
		log_debug("delivery id=%lld channel=%s deferred: %s",
		    (long long)j->delivery_id, j->channel, res->detail.buf);
		strbuf_release(&res->detail);
		if (*j->host && q->loop) {	/* the loop frees its turn */
			queue_park(q, j);
			if (!xloop_host_full(q->loop, j->host))
				queue_unpark(q, j->host);
			return NULL;
		}
		j->due_ms = clock_mono_ms() + DEFER_MS;
		queue_push(q, j);
		return NULL;
	}

	f = xcalloc(1, sizeof(*f));
	f->q = q;
	f->job = j;
	f->caps = drv ? drv->caps : 0;
	switch (res->outcome) {
	case DELIVERY_OK:
		f->status = MSG_SENT;
		break;
	case DELIVERY_TEMPFAIL:
		if (retry_next(&q->retry, j->attempts + 1, clock_ms(),
		    &next_ms)) {
			f->status = MSG_SENDING;	/* retry due later */
			f->next_ms = next_ms;
			break;
		}
		/* FALLTHROUGH */
	case DELIVERY_PERMFAIL:
	case DELIVERY_DEFER:	/* handled above */
		f->status = MSG_FAILED;
		break;
	}
	f->error = xstrdup(res->detail.buf);
	strbuf_release(&res->detail);
	deliver_count(j, f);
	f->op.apply = finish_apply;
	f->op.done = finish_done;
	f->op.next = NULL;
	return &f->op;
}

/* A worker's attempt is over: its outcome to the writer now. */
static void
deliver_finish(struct queue *q, struct qjob *j,
    const struct channel_driver *drv, struct delivery_result *res)
{
	struct writer_op *op = deliver_outcome(q, j, drv, res);

	if (op != NULL)
		writer_submit(q->cfg.writer, op);
}

/*
 * The loop's turn is over (its thread): the outcomes its done() calls
 * gathered go to the writer in one list, with one wakeup of the writer
 * instead of one per reply.
 */
void
deliver_turn_end(void *arg)
{
	struct queue *q = arg;
	struct writer_op *ops = q->loop_ops;

	q->loop_ops = NULL;
	q->loop_ops_tail = &q->loop_ops;
	writer_submit_list(q->cfg.writer, ops);
}

/*
 * Each worker remembers, by channel config, the upstream host the loop
 * last refused as full (a small direct-mapped table, the worker's own:
 * no lock).  A delivery whose config names a host the loop still holds
 * full is parked before its message is read or its request built: with
 * a backlog for one busy host (or a tarpit), every delivery used to be
 * read and built once to learn that it must wait, and again when its
 * turn came.  Only a hint: a config whose host changed since (an edit,
 * or a custom webhook's URL template) is parked under the old host at
 * worst, and the loop's own check after the build stays the rule.
 */
#define HOST_MEMO	64

struct host_memo {
	int64_t	chan_id;
	char	host[QUEUE_HOST_MAX];
};

static struct host_memo *
memo_slot(struct host_memo *memo, int64_t chan_id)
{
	return &memo[(uint64_t)chan_id % HOST_MEMO];
}

/* The job's host is full on the loop (by the memo): 1 and res DEFER. */
static int
deliver_host_full(struct queue *q, struct host_memo *memo, struct qjob *j,
    const struct delivery_job *dj, const struct channel_driver *drv,
    struct delivery_result *res)
{
	struct host_memo *m;

	if (q->loop == NULL || drv->build == NULL || dj->cfg == NULL ||
	    (m = memo_slot(memo, dj->cfg->id))->chan_id != dj->cfg->id ||
	    !xloop_host_full(q->loop, m->host))
		return 0;
	memcpy(j->host, m->host, sizeof(j->host));
	res->outcome = DELIVERY_DEFER;
	strbuf_setf(&res->detail, "%s: upstream host busy", drv->name);
	return 1;
}

/* A delivery on the outbound loop: what its done() needs. */
struct loop_job {
	struct queue			*q;
	struct qjob			*job;
	const struct channel_driver	*drv;
	int64_t				 t0;	/* monotonic us */
};

/*
 * The loop has the reply (loop thread): the driver judges it, and the
 * outcome goes the way of a blocking attempt's.  Cut off by a stop, the
 * delivery stays pending in the store, sent again after the restart.
 */
static void
deliver_done(struct chan_req *r, int aborted, void *arg)
{
	struct loop_job *lj = arg;
	struct queue *q = lj->q;
	struct delivery_result res;
	struct writer_op *op;

	if (aborted) {
		free(lj->job);
	} else {
		/* a turn of this host is free: a parked delivery takes it */
		queue_unpark_turn(q, chan_req_host(r), chan_req_host_left(r));
		memset(&res, 0, sizeof(res));
		strbuf_init(&res.detail, 4096);
		lj->drv->judge(lj->drv, r, &res);
		metrics_observe(&metric_upstream_seconds,
		    (const char *[]){ lj->drv->name },
		    (uint64_t)(clock_mono_us() - lj->t0));
		/* to the writer at the end of the turn (deliver_turn_end) */
		if ((op = deliver_outcome(q, lj->job, lj->drv, &res)) != NULL) {
			*q->loop_ops_tail = op;
			q->loop_ops_tail = &op->next;
		}
	}
	chan_req_free(r);
	free(lj);
}

/*
 * Build the delivery's request and hand it to the loop: 0 when taken
 * (the loop owns the job now), or -1 with res final (the driver settled
 * it) or DEFER (the host or the loop is full).
 */
static int
deliver_submit(struct queue *q, struct qjob *j,
    const struct channel_driver *drv, const struct delivery_job *dj,
    struct delivery_result *res, struct host_memo *memo)
{
	struct chan_req *r = chan_req_new();
	struct loop_job *lj;

	j->host[0] = '\0';	/* a DEFER from build() waits on the timer */
	if (drv->build(drv, dj, r, res) != 0) {
		chan_req_free(r);
		return -1;
	}
	if (chan_req_delivery(r, dj->delivery_id) != 0) {
		chan_req_free(r);
		res->outcome = DELIVERY_TEMPFAIL;
		strbuf_setf(&res->detail, "%s: out of memory", drv->name);
		return -1;
	}
	lj = xcalloc(1, sizeof(*lj));
	lj->q = q;
	lj->job = j;
	lj->drv = drv;
	lj->t0 = clock_mono_us();
	if (xloop_submit(q->loop, r, deliver_done, lj) != 0) {
		res->outcome = DELIVERY_DEFER;
		strbuf_setf(&res->detail, "%s: upstream host busy", drv->name);
		/* remembered: next time it is asked before any read */
		if (strlen(chan_req_host(r)) < sizeof(j->host))
			memcpy(j->host, chan_req_host(r),
			    strlen(chan_req_host(r)) + 1);
		if (dj->cfg != NULL) {	/* and so is this config's next */
			struct host_memo *mo = memo_slot(memo, dj->cfg->id);

			mo->chan_id = dj->cfg->id;
			memcpy(mo->host, j->host, sizeof(mo->host));
		}
		chan_req_free(r);
		free(lj);
		return -1;
	}
	return 0;
}

/*
 * What the driver reads: the channel config first, so that a delivery
 * whose host is full (by the memo) is parked before its message is
 * read; then the message.  0 with dj filled (dj->msg set when m was
 * read), or -1 with res final or DEFER.
 */
static int
deliver_read(struct queue *q, struct qjob *j,
    const struct channel_driver *drv, struct store **reader,
    struct host_memo *memo, struct delivery_job *dj, struct deliver_ctx *ctx,
    struct message *m, struct delivery_result *res)
{
	if (*reader == NULL) {
		struct strbuf err = STRBUF_INIT;

		(void)store_open_dir(q->cfg.data_dir, q->cfg.sync_full,
		    reader, &err);
		strbuf_release(&err);
	}
	if (deliver_load_config(*reader, drv, dj, ctx, res) != 0 ||
	    deliver_host_full(q, memo, j, dj, drv, res))
		return -1;
	if (!(drv->caps & CHANNEL_CAP_NEEDS_MESSAGE))
		return 0;
	if (*reader == NULL ||
	    spool_message_get_id(*reader, j->message_id, m) != 0) {
		res->outcome = DELIVERY_TEMPFAIL;
		strbuf_setf(&res->detail, "message %lld not readable",
		    (long long)j->message_id);
		return -1;
	}
	dj->msg = m;
	return 0;
}

static void
deliver_job(struct queue *q, struct qjob *j, struct store **reader,
    struct host_memo *memo)
{
	const struct channel_driver *drv = channel_lookup(j->channel);
	struct delivery_result res;
	struct delivery_job dj;
	struct message m;
	struct deliver_ctx ctx;
	int have_msg = 0;

	memset(&res, 0, sizeof(res));
	strbuf_init(&res.detail, 4096);
	memset(&dj, 0, sizeof(dj));
	dj.delivery_id = j->delivery_id;
	dj.message_id = j->message_id;
	dj.user_id = j->user_id;
	dj.attempts = j->attempts;
	if (drv == NULL) {
		res.outcome = DELIVERY_PERMFAIL;
		strbuf_setf(&res.detail, "unknown channel '%s'", j->channel);
	} else if (*j->host && q->loop && xloop_host_full(q->loop, j->host)) {
		res.outcome = DELIVERY_DEFER;
		strbuf_setf(&res.detail, "%s: upstream host busy", drv->name);
	} else if (deliver_read(q, j, drv, reader, memo, &dj, &ctx, &m,
	    &res) == 0) {	/* else res is final, or DEFER */
		have_msg = dj.msg != NULL;
		if (drv->build && q->loop) {
			if (deliver_submit(q, j, drv, &dj, &res, memo) == 0) {
				if (have_msg)	/* the request has its bytes */
					message_release(&m);
				strbuf_release(&res.detail);
				return;
			}
		} else {
			int64_t t0 = clock_mono_us();

			channel_delivery_begin(j->delivery_id);
			drv->send(drv, &dj, &res);
			channel_delivery_end();
			metrics_observe(&metric_upstream_seconds,
			    (const char *[]){ drv->name },
			    (uint64_t)(clock_mono_us() - t0));
		}
	}
	if (have_msg)
		message_release(&m);
	deliver_finish(q, j, drv, &res);
}

/*
 * The worker's heartbeat (queue_stats()): busy_ms holds when the
 * current attempt began, 0 while the worker waits.  An idle worker
 * needs no tick: waiting is not being stuck.
 */
void *
deliver_main(void *arg)
{
	struct qworker *w = arg;
	struct queue *q = w->q;
	struct store *reader = NULL;
	struct host_memo memo[HOST_MEMO];
	struct qjob *j;

	memset(memo, 0, sizeof(memo));
	atomic_fetch_add(&q->alive, 1);
	while ((j = queue_take(q)) != NULL) {
		atomic_store(&w->busy_ms, clock_mono_ms());
		deliver_job(q, j, &reader, memo);
		atomic_store(&w->busy_ms, 0);
	}
	if (reader)
		store_close(reader);
	atomic_fetch_sub(&q->alive, 1);
	return NULL;
}
