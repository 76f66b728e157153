/*
 * queue.c: the in-memory side of the delivery queue: a ready FIFO, a
 * delayed list sorted by due time, and a pool of worker threads
 * (libuv's threadpool shape: mutex + condvar, workers sleep until the
 * earliest due job).  The store is the source of truth; this queue only
 * holds delivery ids that are known to be due, and is rebuilt from the
 * store's pending rows at start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "channel/channel.h"
#include "util/errors.h"
#include "queue/queue_int.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

void
queue_push(struct queue *q, struct qjob *j)
{
	struct qjob **pp;

	j->next = NULL;
	pthread_mutex_lock(&q->mu);
	if (j->due_ms == 0) {
		if (q->ready_tail)
			q->ready_tail->next = j;
		else
			q->ready = j;
		q->ready_tail = j;
	} else {
		for (pp = &q->delayed; *pp && (*pp)->due_ms <= j->due_ms;
		    pp = &(*pp)->next)
			;
		j->next = *pp;
		*pp = j;
	}
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

void
queue_push_list(struct queue *q, struct qjob *list)
{
	struct qjob *last;

	if (list == NULL)
		return;
	for (last = list; last->next; last = last->next)
		;
	pthread_mutex_lock(&q->mu);
	if (q->ready_tail)
		q->ready_tail->next = list;
	else
		q->ready = list;
	q->ready_tail = last;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

/* Under q->mu: move due delayed jobs to ready; ms until the next one. */
static int64_t
promote(struct queue *q)
{
	int64_t now = clock_mono_ms();

	while (q->delayed && q->delayed->due_ms <= now) {
		struct qjob *j = q->delayed;

		q->delayed = j->next;
		j->next = NULL;
		if (q->ready_tail)
			q->ready_tail->next = j;
		else
			q->ready = j;
		q->ready_tail = j;
	}
	return q->delayed ? q->delayed->due_ms - now : -1;
}

static void *
worker_main(void *arg)
{
	struct queue *q = arg;
	struct store *reader = NULL;

	pthread_mutex_lock(&q->mu);
	while (!q->stopping) {
		struct qjob *j;
		int64_t wait = promote(q);

		if ((j = q->ready) == NULL) {
			if (wait < 0) {
				pthread_cond_wait(&q->cv, &q->mu);
			} else {
				struct timespec ts;

				clock_gettime(CLOCK_REALTIME, &ts);
				ts.tv_sec += wait / 1000;
				ts.tv_nsec += (wait % 1000) * 1000000;
				if (ts.tv_nsec >= 1000000000) {
					ts.tv_sec++;
					ts.tv_nsec -= 1000000000;
				}
				pthread_cond_timedwait(&q->cv, &q->mu, &ts);
			}
			continue;
		}
		q->ready = j->next;
		if (q->ready == NULL)
			q->ready_tail = NULL;
		pthread_mutex_unlock(&q->mu);
		deliver_job(q, j, &reader);
		pthread_mutex_lock(&q->mu);
	}
	pthread_mutex_unlock(&q->mu);
	if (reader)
		store_close(reader);
	return NULL;
}

struct recover {
	struct queue	*q;
	size_t		 n;
};

static int
recover_one(void *arg, const struct store_delivery *d)
{
	struct recover *r = arg;
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
	queue_push(r->q, j);
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
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	if ((rc = store_open_dir(cfg->data_dir, cfg->sync_full, &s,
	    err)) != 0) {
		free(q);
		return rc;
	}
	rc = spool_delivery_pending(s, recover_one, &r);
	store_close(s);
	if (rc != 0) {
		strbuf_setf(err, "cannot read pending deliveries");
		free(q);
		return rc;
	}
	if (r.n)
		log_info("msg=\"resuming deliveries\" count=%zu", r.n);
	q->n_threads = cfg->workers;
	q->threads = xcalloc((size_t)q->n_threads, sizeof(*q->threads));
	for (i = 0; i < q->n_threads; i++)
		pthread_create(&q->threads[i], NULL, worker_main, q);
	*out = q;
	return 0;
}

static void
free_list(struct qjob *j)
{
	while (j) {
		struct qjob *n = j->next;

		free(j);
		j = n;
	}
}

void
queue_stop(struct queue *q)
{
	int i;

	if (q == NULL)
		return;
	pthread_mutex_lock(&q->mu);
	q->stopping = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	for (i = 0; i < q->n_threads; i++)
		pthread_join(q->threads[i], NULL);
	free(q->threads);
	free_list(q->ready);
	free_list(q->delayed);
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
	free(q);
}

int
queue_callback_body(struct strbuf *sb, const char *short_code, int status,
    const char *error)
{
	int rc = strbuf_addstr(sb, "{\"event\":\"message_complate\","
	    "\"messageInfo\":{\"message\":");

	if (rc == 0)
		rc = strbuf_add_json_str(sb, error ? error : "",
		    error ? strlen(error) : 0);
	if (rc == 0)
		rc = strbuf_addstr(sb, ",\"shortCode\":");
	if (rc == 0)
		rc = strbuf_add_json_str(sb, short_code, strlen(short_code));
	if (rc == 0)
		rc = strbuf_addf(sb, ",\"sendStatus\":%d}}", status);
	return rc;
}
