/*
 * queue.c: the life of the delivery queue: queue_start() rebuilds the
 * in-memory schedule (sched.c) from the store's pending deliveries and
 * starts the worker threads (deliver.c); queue_stop() stops them.  The
 * store is the source of truth; the schedule only holds delivery ids
 * that are known to be due, so nothing is lost with it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "channel/xloop.h"
#include "queue/queue_int.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

struct recover {
	struct queue	*q;
	size_t		 n;
};

struct qjob *
queue_job_from(const struct store_delivery *d)
{
	struct qjob *j = xcalloc(1, sizeof(*j));

	j->delivery_id = d->id;
	j->message_id = d->message_id;
	j->user_id = d->user_id;
	j->attempts = d->attempts;
	snprintf(j->channel, sizeof(j->channel), "%s", d->channel);
	j->single = -1;
	j->has_cb = -1;
	/* retry times are wall-clock in the store; make them relative */
	if (d->next_ms > clock_ms())
		j->due_ms = clock_mono_ms() + (d->next_ms - clock_ms());
	return j;
}

static int
recover_one(void *arg, const struct store_delivery *d)
{
	struct recover *r = arg;

	queue_push(r->q, queue_job_from(d));
	r->n++;
	return 0;
}

int
queue_start(struct queue **out, const struct queue_config *cfg,
    struct strbuf *err)
{
	struct queue *q = xcalloc(1, sizeof(*q));
	struct store *s;
	struct recover r = { q, 0 };
	int i, rc;

	q->cfg = *cfg;
	q->retry.tries = cfg->retry_max;
	q->retry.first_ms = cfg->retry_base_ms;
	q->retry.max_doublings = RETRY_DELIVERY_DOUBLINGS;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	pthread_mutex_init(&q->rq_mu, NULL);
	pthread_mutex_init(&q->park_mu, NULL);
	pthread_cond_init(&q->rq_cv, NULL);
	if ((rc = store_open_dir(cfg->data_dir, cfg->sync_full, &s,
	    err)) != 0) {
		free(q);
		return rc;
	}
	/* retries asked for while stopped are pending like the rest */
	if ((rc = spool_admin_claim(s, 0)) == 0)
		rc = spool_delivery_pending(s, recover_one, &r);
	store_close(s);
	if (rc != 0) {
		strbuf_setf(err, "cannot read pending deliveries");
		free(q);
		return rc;
	}
	if (r.n)
		log_info("msg=\"resuming deliveries\" count=%zu", r.n);
	if (cfg->loop_max > 0) {
		struct xloop_config xc = { cfg->loop_per_host, cfg->loop_max,
		    4 * cfg->loop_max, deliver_turn_end, q };

		q->loop_ops_tail = &q->loop_ops;
		if ((rc = xloop_start(&q->loop, &xc, err)) != 0) {
			free(q);
			return rc;
		}
	}
	q->n_threads = cfg->workers;
	q->threads = xcalloc((size_t)q->n_threads, sizeof(*q->threads));
	q->workers = xcalloc((size_t)q->n_threads, sizeof(*q->workers));
	for (i = 0; i < q->n_threads; i++) {
		q->workers[i].q = q;
		pthread_create(&q->threads[i], NULL, deliver_main,
		    &q->workers[i]);
	}
	pthread_create(&q->rq_thread, NULL, requeue_main, q);
	*out = q;
	return 0;
}

static int
queue_nop_apply(struct writer_op *op, struct store *s)
{
	(void)op;
	(void)s;
	return 0;
}

static void
queue_nop_done(struct writer_op *op, int rc)
{
	(void)op;
	(void)rc;
}

void
queue_stop(struct queue *q)
{
	int i;

	if (q == NULL)
		return;
	pthread_mutex_lock(&q->rq_mu);
	q->rq_stopping = 1;
	pthread_cond_signal(&q->rq_cv);
	pthread_mutex_unlock(&q->rq_mu);
	pthread_join(q->rq_thread, NULL);
	pthread_mutex_lock(&q->mu);
	q->stopping = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	for (i = 0; i < q->n_threads; i++)
		pthread_join(q->threads[i], NULL);
	/* requests cut off stay pending; outcomes on the way are written */
	if (q->loop != NULL) {
		xloop_stop(q->loop);
		if (q->cfg.writer != NULL)
			(void)writer_submit_wait(q->cfg.writer,
			    &(struct writer_op){ .apply = queue_nop_apply,
			    .done = queue_nop_done });
	}
	free(q->threads);
	free(q->workers);
	queue_free_jobs(q->ready);
	queue_free_jobs(q->delayed);
	queue_park_free(q);
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->rq_mu);
	pthread_cond_destroy(&q->rq_cv);
	free(q);
}
