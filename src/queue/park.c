/*
 * park.c: deliveries waiting for a turn of their upstream host on the
 * outbound loop (queue_int.h queue_park/unpark).
 *
 * A host with a backlog larger than what the loop holds for it (half
 * the loop) would otherwise see its deliveries deferred on a timer:
 * each deferral re-reads the message and config and rebuilds the
 * request, and a timer either spins (short) or leaves the host idle
 * (long).  Parked instead, a delivery costs nothing until a request to
 * its host is over; that request's done() moves one parked delivery to
 * the ready list, so the host's backlog flows at the rate the host
 * answers, and a tarpit's backlog just sits here.
 *
 * The race: a worker parks after finding its host full; a request to
 * that host may end between the check and the park, and its unpark
 * would find nothing.  So the worker checks again after parking and
 * unparks itself when the host has room (deliver.c).  The table is a
 * small array scanned under one mutex: hosts with a backlog are few.
 *
 * Turns in batches.  Handing each freed turn on at once woke a sleeping
 * worker per delivery, and the woken worker preempted the loop's
 * thread: two context switches per webhook, the largest cost left at
 * 20 000/s.  While the host still holds UNPARK_LOW requests or more in
 * the loop (waiting ones, already built), its freed turns are counted
 * and handed on UNPARK_BATCH at a time, with one wakeup; below that,
 * at once.  No turn is lost or made up: a host is never given more
 * than it freed, and a host that holds UNPARK_LOW has at least that
 * many requests still to end, each of which counts.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "queue/queue_int.h"
#include "util/xmalloc.h"

#define UNPARK_BATCH	32
#define UNPARK_LOW	(2 * UNPARK_BATCH)

static struct qpark *
park_find(struct queue *q, const char *host)
{
	size_t i;

	for (i = 0; i < q->nparks; i++)
		if (strcasecmp(q->parks[i].host, host) == 0)
			return &q->parks[i];
	return NULL;
}

void
queue_park(struct queue *q, struct qjob *j)
{
	struct qpark *p;

	j->next = NULL;
	pthread_mutex_lock(&q->park_mu);
	if ((p = park_find(q, j->host)) == NULL) {
		q->parks = xgrow(q->parks, q->nparks, &q->aparks,
		    sizeof(*q->parks), 8);
		p = &q->parks[q->nparks++];
		memset(p, 0, sizeof(*p));
		memcpy(p->host, j->host, sizeof(p->host));
	}
	if (p->tail)
		p->tail->next = j;
	else
		p->head = j;
	p->tail = j;
	pthread_mutex_unlock(&q->park_mu);
}

/* Under park_mu: the first n parked under p, in order, out of it. */
static struct qjob *
park_take(struct queue *q, struct qpark *p, int n)
{
	struct qjob *list = p->head, *last = list;

	last->due_ms = 0;
	while (--n > 0 && last->next != NULL) {
		last = last->next;
		last->due_ms = 0;
	}
	if ((p->head = last->next) == NULL)	/* empty: drop it */
		*p = q->parks[--q->nparks];
	last->next = NULL;
	return list;
}

void
queue_unpark(struct queue *q, const char *host)
{
	struct qpark *p;
	struct qjob *j = NULL;

	pthread_mutex_lock(&q->park_mu);
	if ((p = park_find(q, host)) != NULL)
		j = park_take(q, p, 1);
	pthread_mutex_unlock(&q->park_mu);
	queue_push_list(q, j);
}

void
queue_unpark_turn(struct queue *q, const char *host, int left)
{
	struct qpark *p;
	struct qjob *list = NULL;

	pthread_mutex_lock(&q->park_mu);
	if ((p = park_find(q, host)) != NULL &&
	    (++p->credit >= UNPARK_BATCH || left < UNPARK_LOW)) {
		int n = p->credit;

		p->credit = 0;	/* before the take: p may move */
		list = park_take(q, p, n);
	}
	pthread_mutex_unlock(&q->park_mu);
	queue_push_list(q, list);
}

void
queue_park_free(struct queue *q)
{
	size_t i;

	for (i = 0; i < q->nparks; i++)
		queue_free_jobs(q->parks[i].head);
	free(q->parks);
	q->parks = NULL;
	q->nparks = q->aparks = 0;
	pthread_mutex_destroy(&q->park_mu);
}
