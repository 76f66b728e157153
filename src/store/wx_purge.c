/*
 * wx_purge.c: the WxPusher retention purge thread (wx_purge.h), a
 * maintenance thread on the store side: it only submits writer ops.
 *
 * Design: one thread sleeps on a condition variable for interval_s (or
 * until stopped) and runs a purge at start and after each sleep.  A run
 * is a loop of steps; each step is one writer op (store/writer.h) that
 * calls the store's wx_purge() with the cut-offs of that moment and a
 * limit of `batch` rows, inside the writer's group commit, and the loop
 * goes on while a step deleted a full batch.  The thread waits for each
 * step's commit (writer_submit_wait), so it never queues more than one
 * op and requests queued meanwhile commit between two steps.  Nothing
 * here touches a store connection: the purge only ever writes through
 * the writer's.
 *
 * The same thread keeps the push outbox (store_push.h) within
 * push.retention_days: after the WxPusher steps of a run it walks the
 * outbox from its oldest row, one bounded push_purge() step per writer
 * op, with a cursor that lives for the run (old rows that must stay,
 * pending or waiting, are stepped over, and looked at again next run,
 * when they may have become final).  One maintenance thread, one
 * pattern: a second thread would only add a second writer client doing
 * the same thing.
 *
 * The daily counters have no index on their day, so their step scans
 * the table; it is passed only while its cut-off (the day before
 * yesterday, UTC+8, as the daily limit counts) has not been fully purged
 * yet, which is once a day.  The day number is the key of the wx_daily
 * rows (ops_wx_day() in ops/wx_message.c); it is computed here so the
 * store side never includes the operations above it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "store/writer.h"
#include "store/wx_purge.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define DAY_MS	86400000LL
#define UTC8_MS	(8 * 3600 * 1000LL)	/* WxPusher days are UTC+8 */

struct wx_purge {
	struct wx_purge_config	 cf;
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	atomic_int		 stopping;
	int64_t			 daily_done;	/* daily cut-off purged */
};

struct purge_op {
	struct writer_op	 op;
	struct store_wx_purge	 p;
	struct strbuf		 err;
};

struct purge_totals {
	int64_t	records, deliveries, qrcodes, daily;
	int	batches;
};

struct push_purge_op {
	struct writer_op	 op;
	struct store_push_purge	 p;
	struct strbuf		 err;
};

static int
purge_apply(struct writer_op *o, struct store *s)
{
	struct purge_op *po = (struct purge_op *)o;

	return spool_wx_purge(s, &po->p, &po->err);
}

static void
purge_done(struct writer_op *o, int rc)
{
	(void)o;
	(void)rc;
}

static int
push_purge_apply(struct writer_op *o, struct store *s)
{
	struct push_purge_op *po = (struct push_purge_op *)o;

	return spool_push_purge(s, &po->p, &po->err);
}

/*
 * The outbox part of a run: steps from the oldest push until one finds
 * no more old rows, or stopping; *deleted and *batches get the totals.
 */
static int
push_run(struct wx_purge *w, int64_t *deleted, int *batches)
{
	struct push_purge_op po;
	int64_t cursor = 0;
	int rc = 0;

	*deleted = 0;
	*batches = 0;
	memset(&po, 0, sizeof(po));
	strbuf_init(&po.err, 0);
	while (w->cf.push_retention_ms > 0 && !atomic_load(&w->stopping)) {
		po.op.apply = push_purge_apply;
		po.op.done = purge_done;
		memset(&po.p, 0, sizeof(po.p));
		po.p.before_ms = clock_ms() - w->cf.push_retention_ms;
		po.p.after_id = cursor;
		po.p.limit = w->cf.batch;
		if ((rc = writer_submit_wait(w->cf.writer, &po.op)) != 0) {
			log_error("msg=\"push purge failed\" rc=%d "
			    "detail=\"%s\"", rc, po.err.buf);
			break;
		}
		(*batches)++;
		*deleted += po.p.deleted;
		cursor = po.p.after_id;
		if (!po.p.more)
			break;
	}
	strbuf_release(&po.err);
	return rc;
}

/* One run: steps until one deletes less than a batch, or stopping. */
static int
purge_run(struct wx_purge *w, struct purge_totals *t)
{
	struct purge_op po;
	int64_t now, daily_cut = 0;
	int rc = 0, n;

	memset(t, 0, sizeof(*t));
	memset(&po, 0, sizeof(po));
	strbuf_init(&po.err, 0);
	while (!atomic_load(&w->stopping)) {
		now = clock_ms();
		daily_cut = (now + UTC8_MS) / DAY_MS - 1;
		po.op.apply = purge_apply;
		po.op.done = purge_done;
		memset(&po.p, 0, sizeof(po.p));
		po.p.records_before_ms = now -
		    (int64_t)w->cf.retention_days * DAY_MS;
		po.p.qrcodes_before_ms = now - DAY_MS;
		po.p.daily_before = daily_cut != w->daily_done ? daily_cut : 0;
		po.p.limit = w->cf.batch;
		if ((rc = writer_submit_wait(w->cf.writer, &po.op)) != 0) {
			log_error("msg=\"wxpusher purge failed\" rc=%d "
			    "detail=\"%s\"", rc, po.err.buf);
			break;
		}
		t->batches++;
		t->records += po.p.records;
		t->deliveries += po.p.deliveries;
		t->qrcodes += po.p.qrcodes;
		t->daily += po.p.daily;
		n = po.p.records + po.p.deliveries + po.p.qrcodes + po.p.daily;
		if (n < po.p.limit) {
			w->daily_done = daily_cut;
			break;
		}
	}
	strbuf_release(&po.err);
	return rc;
}

static void *
purge_main(void *arg)
{
	struct wx_purge *w = arg;
	struct purge_totals t;
	struct timespec ts;
	int64_t t0, pushes;
	int batches;

	while (!atomic_load(&w->stopping)) {
		t0 = clock_ms();
		if (purge_run(w, &t) == 0 && (t.records || t.deliveries ||
		    t.qrcodes || t.daily))
			log_info("msg=\"wxpusher purge\" records=%lld "
			    "deliveries=%lld qrcodes=%lld daily=%lld "
			    "batches=%d ms=%lld", (long long)t.records,
			    (long long)t.deliveries, (long long)t.qrcodes,
			    (long long)t.daily, t.batches,
			    (long long)(clock_ms() - t0));
		t0 = clock_ms();
		if (push_run(w, &pushes, &batches) == 0 && pushes > 0)
			log_info("msg=\"push purge\" pushes=%lld batches=%d "
			    "ms=%lld", (long long)pushes, batches,
			    (long long)(clock_ms() - t0));
		pthread_mutex_lock(&w->mu);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += w->cf.interval_s;
		while (!atomic_load(&w->stopping) &&
		    pthread_cond_timedwait(&w->cv, &w->mu, &ts) != ETIMEDOUT)
			;
		pthread_mutex_unlock(&w->mu);
	}
	return NULL;
}

int
wx_purge_start(struct wx_purge **out, const struct wx_purge_config *cf,
    struct strbuf *err)
{
	struct wx_purge *w;

	*out = NULL;
	if (cf->writer == NULL || cf->retention_days <= 0 ||
	    cf->interval_s <= 0 || cf->batch <= 0 ||
	    cf->push_retention_ms < 0) {
		strbuf_setf(err, "wxpusher purge: bad configuration");
		return FG_EINVAL;
	}
	w = xcalloc(1, sizeof(*w));
	w->cf = *cf;
	atomic_init(&w->stopping, 0);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->thread, NULL, purge_main, w) != 0) {
		strbuf_setf(err, "wxpusher purge: cannot start thread");
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		free(w);
		return FG_ENOMEM;
	}
	*out = w;
	return 0;
}

void
wx_purge_stop(struct wx_purge *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	atomic_store(&w->stopping, 1);
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
