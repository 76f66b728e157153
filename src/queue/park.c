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
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "queue/queue_int.h"
#include "util/xmalloc.h"

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

void
queue_unpark(struct queue *q, const char *host)
{
	struct qpark *p;
	struct qjob *j = NULL;

	pthread_mutex_lock(&q->park_mu);
	if ((p = park_find(q, host)) != NULL) {
		j = p->head;
		if ((p->head = j->next) == NULL)	/* empty: drop it */
			*p = q->parks[--q->nparks];
	}
	pthread_mutex_unlock(&q->park_mu);
	if (j != NULL) {
		j->due_ms = 0;
		queue_push(q, j);
	}
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
