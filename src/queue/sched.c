/*
 * sched.c: the in-memory schedule of the delivery queue: a ready FIFO
 * and a delayed list sorted by due time (monotonic), under one mutex
 * and condition variable (libuv's threadpool shape).  Submitters and
 * the writer's done callbacks push; worker threads take, sleeping until
 * the earliest due job or a push wakes them.
 *
 * The bottom of queue/: it calls nothing else in the folder, so the
 * dependency runs one way: queue.c (start, stop) -> deliver.c (the
 * workers) -> sched.c, and submit.c -> sched.c.
 */
#include <stdlib.h>
#include <time.h>

#include "queue/queue_int.h"
#include "util/ids.h"

void
queue_push(struct queue *q, struct qjob *j)
{
	struct qjob **pp;

	j->next = NULL;
	j->ready_ms = j->due_ms ? j->due_ms : clock_mono_ms();
	pthread_mutex_lock(&q->mu);
	if (j->due_ms == 0) {
		q->n_ready++;
		if (q->ready_tail)
			q->ready_tail->next = j;
		else
			q->ready = j;
		q->ready_tail = j;
	} else {
		/* most land last (a retry or a deferral from now): O(1) */
		if (q->delayed_tail && q->delayed_tail->due_ms <= j->due_ms)
			pp = &q->delayed_tail->next;
		else
			for (pp = &q->delayed; *pp &&
			    (*pp)->due_ms <= j->due_ms; pp = &(*pp)->next)
				;
		j->next = *pp;
		*pp = j;
		if (j->next == NULL)
			q->delayed_tail = j;
		q->n_delayed++;
	}
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

void
queue_push_list(struct queue *q, struct qjob *list)
{
	struct qjob *last;
	int64_t now = clock_mono_ms();
	size_t n = 1;

	if (list == NULL)
		return;
	for (last = list; ; last = last->next, n++) {
		last->ready_ms = now;
		if (last->next == NULL)
			break;
	}
	pthread_mutex_lock(&q->mu);
	q->n_ready += n;
	if (q->ready_tail)
		q->ready_tail->next = list;
	else
		q->ready = list;
	q->ready_tail = last;
	if (n == 1)
		pthread_cond_signal(&q->cv);
	else
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
		if (q->delayed == NULL)
			q->delayed_tail = NULL;
		j->next = NULL;
		q->n_delayed--;
		q->n_ready++;
		if (q->ready_tail)
			q->ready_tail->next = j;
		else
			q->ready = j;
		q->ready_tail = j;
	}
	return q->delayed ? q->delayed->due_ms - now : -1;
}

void
queue_deadline(struct timespec *ts, int64_t wait_ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += wait_ms / 1000;
	ts->tv_nsec += (wait_ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

/* Under q->mu: sleep wait ms (< 0: until signalled). */
static void
sleep_locked(struct queue *q, int64_t wait)
{
	struct timespec ts;

	if (wait < 0) {
		pthread_cond_wait(&q->cv, &q->mu);
		return;
	}
	queue_deadline(&ts, wait);
	pthread_cond_timedwait(&q->cv, &q->mu, &ts);
}

struct qjob *
queue_take(struct queue *q)
{
	struct qjob *j = NULL;

	pthread_mutex_lock(&q->mu);
	while (!q->stopping) {
		int64_t wait = promote(q);

		if ((j = q->ready) != NULL) {
			q->ready = j->next;
			q->n_ready--;
			if (q->ready == NULL)
				q->ready_tail = NULL;
			break;
		}
		sleep_locked(q, wait);
	}
	pthread_mutex_unlock(&q->mu);
	return j;
}

void
queue_stats(struct queue *q, int64_t stuck_ms, struct queue_stats *st)
{
	int64_t now = clock_mono_ms(), oldest = now, b;
	int i;

	pthread_mutex_lock(&q->mu);
	st->depth = q->n_ready + q->n_delayed;
	if (q->ready)
		oldest = q->ready->ready_ms;
	if (q->delayed && q->delayed->due_ms < oldest)
		oldest = q->delayed->due_ms;
	pthread_mutex_unlock(&q->mu);
	st->oldest_due_ms = now - oldest;
	st->workers = q->n_threads;
	st->alive = atomic_load(&q->alive);
	st->stuck = st->busy = 0;
	for (i = 0; i < q->n_threads; i++) {
		if ((b = atomic_load(&q->workers[i].busy_ms)) == 0)
			continue;
		st->busy++;
		if (now - b > stuck_ms)
			st->stuck++;
	}
}

void
queue_free_jobs(struct qjob *j)
{
	while (j) {
		struct qjob *n = j->next;

		free(j);
		j = n;
	}
}
