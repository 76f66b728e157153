/*
 * writer.c: the group-commit writer thread (writer.h).
 *
 * Design: a mutex-protected singly linked queue (tail pointer for O(1)
 * append) and a condition variable.  The thread swaps the whole queue out
 * under the lock, so submitters never wait for the transaction.  A second
 * thread runs passive WAL checkpoints once a second on its own
 * connection; automatic checkpoints are off (sqlite.c), so the writer's
 * commit never pays for one.  A passive checkpoint never blocks writers.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "store/writer.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/metrics.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

struct writer {
	struct store			*db;	/* writer connection */
	struct store			*ckpt;	/* checkpointer connection */
	int				 max_batch;
	pthread_mutex_t			 mu;
	pthread_cond_t			 cv;
	pthread_cond_t			 ckpt_cv;
	struct writer_op		*head, *tail;
	int				 stopping;
	pthread_t			 thread, ckpt_thread;
	struct writer_stats		 stats;
	/* heartbeat: when the batch in progress began (mono ms), 0 idle */
	atomic_llong			 busy_ms;
};

struct waiter {
	struct writer_op	 op;
	struct writer_op	*inner;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	int			 finished;
};

static int
run_batch(struct writer *w, struct writer_op *ops, int alone)
{
	struct strbuf err = STRBUF_INIT;
	struct writer_op *op;
	int rc;

	if ((rc = store_begin(w->db)) != 0) {
		log_error("msg=\"store begin failed\"");
		return rc;
	}
	for (op = ops; op; op = alone ? NULL : op->next) {
		op->rc = op->apply(op, w->db);
		if (op->rc != 0) {
			/* never commit a failed op's partial writes */
			store_rollback(w->db);
			return alone ? op->rc : FG_ESTORE;
		}
	}
	if ((rc = store_commit(w->db, &err)) != 0) {
		log_error("msg=\"store commit failed\" detail=\"%s\"", err.buf);
		store_rollback(w->db);
	}
	strbuf_release(&err);
	return rc;
}

static void
finish(struct writer_op *ops, int rc, int alone)
{
	struct writer_op *op, *next;

	for (op = ops; op; op = next) {
		next = alone ? NULL : op->next;
		op->done(op, rc ? rc : op->rc);
	}
}

/* One batch: together, or op by op if that fails; timed for /metrics. */
static void
writer_run(struct writer *w, struct writer_op *ops)
{
	struct writer_op *op, *rest;
	int64_t t0 = clock_mono_us();

	if (run_batch(w, ops, 0) == 0) {
		metrics_observe(&metric_writer_commit_seconds, NULL,
		    (uint64_t)(clock_mono_us() - t0));
		finish(ops, 0, 0);
		return;
	}
	/* retry one by one so a bad op fails alone */
	for (op = ops; op; op = rest) {
		rest = op->next;
		op->next = NULL;
		finish(op, run_batch(w, op, 1), 1);
	}
}

static void *
writer_main(void *arg)
{
	struct writer *w = arg;

	for (;;) {
		struct writer_op *ops, *op, *rest;
		uint64_t n = 0;

		pthread_mutex_lock(&w->mu);
		while (w->head == NULL && !w->stopping)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->head == NULL) {
			pthread_mutex_unlock(&w->mu);
			break;
		}
		/* take at most max_batch ops */
		ops = w->head;
		for (op = ops, n = 1; op->next && n < (uint64_t)w->max_batch;
		    op = op->next)
			n++;
		rest = op->next;
		op->next = NULL;
		w->head = rest;
		if (rest == NULL)
			w->tail = NULL;
		w->stats.batches++;
		w->stats.ops += n;
		if (n > w->stats.max_batch)
			w->stats.max_batch = n;
		pthread_mutex_unlock(&w->mu);

		atomic_store(&w->busy_ms, clock_mono_ms());
		metrics_observe(&metric_writer_batch, NULL, n);
		writer_run(w, ops);
		atomic_store(&w->busy_ms, 0);
	}
	return NULL;
}

static void *
ckpt_main(void *arg)
{
	struct writer *w = arg;
	struct timespec ts;

	pthread_mutex_lock(&w->mu);
	while (!w->stopping) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&w->ckpt_cv, &w->mu, &ts);
		if (w->stopping)
			break;
		pthread_mutex_unlock(&w->mu);
		if (store_checkpoint(w->ckpt, 0) != 0)
			log_warnx("msg=\"checkpoint failed\"");
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int
writer_start(struct writer **out, const char *data_dir, int sync_full,
    int max_batch, struct strbuf *err)
{
	struct writer *w = xcalloc(1, sizeof(*w));
	int rc;

	if ((rc = store_open_dir(data_dir, sync_full, &w->db, err)) != 0 ||
	    (rc = store_open_dir(data_dir, sync_full, &w->ckpt, err)) != 0) {
		if (w->db)
			store_close(w->db);
		free(w);
		return rc;
	}
	w->max_batch = max_batch;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	pthread_cond_init(&w->ckpt_cv, NULL);
	pthread_create(&w->thread, NULL, writer_main, w);
	pthread_create(&w->ckpt_thread, NULL, ckpt_main, w);
	*out = w;
	return 0;
}

void
writer_submit(struct writer *w, struct writer_op *op)
{
	op->next = NULL;
	writer_submit_list(w, op);
}

void
writer_submit_list(struct writer *w, struct writer_op *ops)
{
	struct writer_op *last;

	if (ops == NULL)
		return;
	for (last = ops; ; last = last->next) {
		last->rc = 0;
		if (last->next == NULL)
			break;
	}
	pthread_mutex_lock(&w->mu);
	if (w->tail)
		w->tail->next = ops;
	else
		w->head = ops;
	w->tail = last;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

static int
wait_apply(struct writer_op *op, struct store *s)
{
	struct waiter *wt = (struct waiter *)op;

	return wt->inner->apply(wt->inner, s);
}

static void
wait_done(struct writer_op *op, int rc)
{
	struct waiter *wt = (struct waiter *)op;

	wt->inner->done(wt->inner, rc);
	pthread_mutex_lock(&wt->mu);
	op->rc = rc;
	wt->finished = 1;
	pthread_cond_signal(&wt->cv);
	pthread_mutex_unlock(&wt->mu);
}

int
writer_submit_wait(struct writer *w, struct writer_op *inner)
{
	struct waiter wt;

	memset(&wt, 0, sizeof(wt));
	wt.op.apply = wait_apply;
	wt.op.done = wait_done;
	wt.inner = inner;
	pthread_mutex_init(&wt.mu, NULL);
	pthread_cond_init(&wt.cv, NULL);
	writer_submit(w, &wt.op);
	pthread_mutex_lock(&wt.mu);
	while (!wt.finished)
		pthread_cond_wait(&wt.cv, &wt.mu);
	pthread_mutex_unlock(&wt.mu);
	pthread_mutex_destroy(&wt.mu);
	pthread_cond_destroy(&wt.cv);
	return wt.op.rc;
}

void
writer_stop(struct writer *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_cond_broadcast(&w->ckpt_cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_join(w->ckpt_thread, NULL);
	log_info("msg=\"writer stopped\" batches=%llu ops=%llu max_batch=%llu",
	    (unsigned long long)w->stats.batches,
	    (unsigned long long)w->stats.ops,
	    (unsigned long long)w->stats.max_batch);
	if (store_checkpoint(w->ckpt, 1) != 0)
		log_warnx("msg=\"final checkpoint failed\"");
	store_close(w->ckpt);
	store_close(w->db);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	pthread_cond_destroy(&w->ckpt_cv);
	free(w);
}

void
writer_get_stats(struct writer *w, struct writer_stats *st)
{
	pthread_mutex_lock(&w->mu);
	*st = w->stats;
	pthread_mutex_unlock(&w->mu);
}

int64_t
writer_busy_ms(struct writer *w)
{
	int64_t b = atomic_load(&w->busy_ms);

	return b ? clock_mono_ms() - b : 0;
}
