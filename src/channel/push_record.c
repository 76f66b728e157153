/*
 * push_record.c: the push sender's verdicts (push.c), from a driver's
 * enum route_verdict to a row of the push outbox, recorded through the
 * writer, and the backoff of hosts that asked for it.
 *
 *   ROUTE_OK     sent
 *   ROUTE_RETRY  pending again at the retry schedule's next step, or
 *                after Retry-After when that is later; failed once the
 *                tries are used up.  A 429 (or any Retry-After) also
 *                puts the host in backoff until then.
 *   ROUTE_FAIL   failed
 *   ROUTE_GONE   gone, and the device is deleted
 *   ROUTE_WAIT   waiting, until the driver wakes the device
 *
 * Verdicts are queued as answers come in and recorded together, one
 * writer transaction per batch (push_flush), each with its driver's
 * record() hook in the same transaction: when PUSH_FLUSH_N are queued
 * or the oldest has waited PUSH_FLUSH_MS (push_flush_due), and always
 * before the sender reads due rows, so a row whose verdict is not yet
 * on disk is never read as still due.  The sender waits for each
 * commit; batching keeps it from waiting for an fsync per answer.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/push_int.h"
#include "store/writer.h"
#include "stream/hub.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/metrics.h"
#include "util/xmalloc.h"

static const char *const verdict_status[] = {
	[ROUTE_OK] = "sent",
	[ROUTE_RETRY] = "pending",
	[ROUTE_FAIL] = "failed",
	[ROUTE_GONE] = "gone",
	[ROUTE_WAIT] = "waiting",
};

static const char *const verdict_metric[] = {
	[ROUTE_OK] = "ok",
	[ROUTE_RETRY] = "retry",
	[ROUTE_FAIL] = "failed",
	[ROUTE_GONE] = "gone",
	[ROUTE_WAIT] = "waiting",
};

int64_t
push_backoff_until(const struct push_sender *ps, const char *host)
{
	int i;

	for (i = 0; i < PUSH_BACKOFF_HOSTS; i++)
		if (ps->backoff[i].until_ms &&
		    strcasecmp(ps->backoff[i].host, host) == 0)
			return ps->backoff[i].until_ms;
	return 0;
}

void
push_backoff_set(struct push_sender *ps, const char *host, int64_t until)
{
	struct push_backoff *b = ps->backoff, *pick = NULL;
	int i;

	for (i = 0; i < PUSH_BACKOFF_HOSTS && pick == NULL; i++)
		if (b[i].until_ms && strcasecmp(b[i].host, host) == 0)
			pick = &b[i];
	if (pick == NULL) { /* the slot that frees first; unused is 0 */
		for (pick = b, i = 1; i < PUSH_BACKOFF_HOSTS; i++)
			if (b[i].until_ms < pick->until_ms)
				pick = &b[i];
		snprintf(pick->host, CHAN_HOST_MAX, "%s", host);
		pick->until_ms = 0;
	}
	if (until > pick->until_ms)
		pick->until_ms = until;
}

void
push_settle_out(struct push_sender *ps, struct pxfer *x,
    struct route_verdict_out *v, long status)
{
	char lerr[LOG_VALUE_MAX];
	struct precord *r;
	int64_t now = clock_ms(), after;
	int more;

	if (ps->nrec == 0)
		ps->rec_first_ms = clock_mono_ms();
	ps->rec = xgrow(ps->rec, ps->nrec, &ps->arec, sizeof(*ps->rec), 16);
	r = &ps->rec[ps->nrec++];
	r->job = x->job;
	r->drv = x->drv;
	r->out = *v; /* the detail is the record's now */
	r->attempts = x->job.p.attempts + 1;
	r->next_ms = 0;
	if (v->verdict == ROUTE_RETRY) {
		more = retry_next(&ps->retry, r->attempts, now, &r->next_ms);
		after = v->retry_after_ms > 0 ? now + v->retry_after_ms : 0;
		if (after > r->next_ms)
			r->next_ms = after;
		if (status == 429 || after > 0)
			push_backoff_set(ps, x->host, r->next_ms);
		if (!more)
			r->out.verdict = ROUTE_FAIL;
	}
	r->status = verdict_status[r->out.verdict];
	chan_health_note(x->host, r->out.verdict == ROUTE_OK, status,
	    r->out.detail.buf);
	metrics_add(&metric_pushes,
	    (const char *[]){ r->job.d.type, verdict_metric[r->out.verdict] },
	    1);
	if (r->out.verdict == ROUTE_OK)
		log_debug("push id=%lld device=%lld type=%s outcome=sent",
		    (long long)r->job.p.id, (long long)r->job.d.id,
		    r->job.d.type);
	else
		log_info("push id=%lld device=%lld type=%s attempt=%d "
			 "outcome=%s detail=\"%s\"",
		    (long long)r->job.p.id, (long long)r->job.d.id,
		    r->job.d.type, r->attempts, r->status,
		    log_quote(lerr, sizeof(lerr), r->out.detail.buf));
}

void
push_settle(struct push_sender *ps, struct pxfer *x, enum route_verdict vd,
    const char *detail)
{
	struct route_verdict_out v;

	memset(&v, 0, sizeof(v));
	strbuf_init(&v.detail, STORE_PUSH_ERROR_MAX - 1);
	v.verdict = vd;
	strbuf_addstr(&v.detail, detail);
	push_settle_out(ps, x, &v, 0);
}

struct flush_op {
	struct writer_op op;
	struct push_sender *ps;
};

static int
flush_apply(struct writer_op *op, struct store *s)
{
	struct push_sender *ps = ((struct flush_op *)op)->ps;
	struct store_push_done d;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < ps->nrec; i++) {
		struct precord *r = &ps->rec[i];

		memset(&d, 0, sizeof(d));
		d.id = r->job.p.id;
		d.status = r->status;
		d.attempts = r->attempts;
		d.next_ms = r->next_ms;
		d.error = r->out.detail.buf;
		d.upstream_id = r->out.upstream_id;
		d.gone = r->out.verdict == ROUTE_GONE;
		d.device_id = r->job.d.id;
		d.now_ms = clock_ms();
		rc = spool_push_done(s, &d);
		if (rc == 0 && r->drv != NULL && r->drv->record != NULL)
			rc = r->drv->record(r->drv, s, &r->job.d, &r->out);
	}
	return rc;
}

/*
 * After the commit: each verdict on a message's push is an update event
 * to its person's live inbox streams (stream/hub.h), so an open inbox
 * shows what each device answered.  Recall and confirmation pushes have
 * no inbox item to show it on.
 */
static void
flush_publish(struct push_sender *ps)
{
	struct hub *h = ps->cfg.hub;
	struct hub_update u;
	size_t i;

	if (h == NULL || hub_count(h) == 0)
		return;
	for (i = 0; i < ps->nrec; i++) {
		const struct precord *r = &ps->rec[i];

		if (r->job.p.kind != STORE_PUSH_MESSAGE ||
		    r->job.p.inbox_id == 0)
			continue;
		memset(&u, 0, sizeof(u));
		u.ev.kind = HUB_EVENT_UPDATE;
		u.ev.user = r->job.p.user_id;
		u.inbox_id = r->job.p.inbox_id;
		u.device_id = r->job.d.id;
		u.device_type = r->job.d.type;
		u.status = r->status;
		u.error = r->out.detail.buf ? r->out.detail.buf : "";
		hub_publish(h, &u.ev);
	}
}

static void
flush_done(struct writer_op *op, int rc)
{
	if (rc != 0)
		log_warnx("msg=\"push verdicts not stored\" rc=%d", rc);
	else
		flush_publish(((struct flush_op *)op)->ps);
}

void
push_flush_due(struct push_sender *ps)
{
	if (ps->nrec >= PUSH_FLUSH_N ||
	    (ps->nrec > 0 &&
		clock_mono_ms() - ps->rec_first_ms >= PUSH_FLUSH_MS))
		push_flush(ps);
}

void
push_flush(struct push_sender *ps)
{
	struct flush_op f;
	size_t i;

	if (ps->nrec == 0)
		return;
	memset(&f, 0, sizeof(f));
	f.op.apply = flush_apply;
	f.op.done = flush_done;
	f.ps = ps;
	(void)writer_submit_wait(ps->cfg.writer, &f.op);
	for (i = 0; i < ps->nrec; i++)
		strbuf_release(&ps->rec[i].out.detail);
	ps->nrec = 0;
}
