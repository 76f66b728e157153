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
#include <time.h>

#include "queue/queue_int.h"
#include "util/ids.h"

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

/* Under q->mu: sleep wait ms (< 0: until signalled). */
static void
sleep_locked(struct queue *q, int64_t wait)
{
	struct timespec ts;

	if (wait < 0) {
		pthread_cond_wait(&q->cv, &q->mu);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += wait / 1000;
	ts.tv_nsec += (wait % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
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
			if (q->ready == NULL)
				q->ready_tail = NULL;
			break;
		}
		sleep_locked(q, wait);
	}
	pthread_mutex_unlock(&q->mu);
	return j;
}
