/*
 * requeue.c: retries asked for by an operator reach the workers.
 *
 * The console and `feige delivery retry` turn failed deliveries into
 * requested ones (STORE_DLV_REQUESTED, store_admin.h) in their own
 * transaction; neither hands anything to this process's memory.  A
 * thread of the queue claims them: it lists requested rows on its own
 * read connection, and one writer op turns each back into a pending
 * row (status 0) if it is still requested; after the commit the
 * claimed ones go on the ready list like a new message's deliveries.
 * Claiming through the writer makes it exactly-once: a row listed twice
 * (a pass racing the commit of the previous one) is claimed by one op,
 * and the other finds it pending already (FG_ENOENT) and drops it.
 *
 * When: at once when kicked (queue_requeue_kick(), called by the
 * console after its commit), and every LIM_REQUEUE_POLL_MS for the
 * CLI's, which runs in another process.  An idle pass is one probe of
 * the deliveries_open index on the reader, no write.  At start,
 * queue_start() claims every requested row before it reads the pending
 * ones, so a retry asked for while the server was down is delivered
 * with the rest of the recovery.
 *
 * Several nodes on one PostgreSQL (store/pg_lease.c): the same thread
 * keeps this node's claims alive, renewing their leases every third of
 * the lease (store.lease_s), and sweeps for open deliveries nobody
 * holds: a node that died mid-delivery stops renewing, and once its
 * leases run out its deliveries are claimed here and go on the ready
 * list like recovered ones.  On SQLite both are no-ops.
 */
#include <stdlib.h>
#include <time.h>

#include "core/limits.h"
#include "queue/queue_int.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

struct claim_op {
	struct writer_op op;
	struct qjob *jobs; /* listed, in id order */
};

static int
list_one(void *arg, const struct store_delivery *d)
{
	struct claim_op *c = arg;
	struct qjob *j = queue_job_from(d);

	j->next = c->jobs;
	c->jobs = j;
	return 0;
}

/* Runs again op by op if its batch failed: start from the list each time. */
static int
claim_apply(struct writer_op *op, struct store *s)
{
	struct claim_op *c = (struct claim_op *)op;
	struct qjob *j;
	int rc;

	for (j = c->jobs; j; j = j->next) {
		j->claimed = 0;
		if ((rc = spool_admin_claim(s, j->delivery_id)) == FG_ENOENT)
			continue;
		if (rc != 0)
			return rc;
		j->claimed = 1;
	}
	return 0;
}

static void
claim_done(struct writer_op *op, int rc)
{
	(void)op;
	(void)rc;
}

/* One pass: list what is requested, claim it, push what was claimed. */
static void
requeue_pass(struct queue *q, struct store **reader)
{
	struct claim_op c = { 0 };
	struct strbuf err = STRBUF_INIT;
	struct qjob *j, *next, *list = NULL;
	size_t n = 0;

	if (*reader == NULL &&
	    store_open_dir(q->cfg.data_dir, q->cfg.sync_full, reader, &err) !=
		0) {
		log_warnx("msg=\"requeue: cannot open the store\" "
			  "error=\"%s\"",
		    err.buf);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	if (spool_admin_requested(*reader, LIM_REQUEUE_BATCH, list_one, &c) !=
		0 ||
	    c.jobs == NULL) {
		queue_free_jobs(c.jobs);
		return;
	}
	c.op.apply = claim_apply;
	c.op.done = claim_done;
	if (writer_submit_wait(q->cfg.writer, &c.op) != 0) {
		queue_free_jobs(c.jobs); /* still requested: the next pass */
		return;
	}
	for (j = c.jobs; j; j = next) {
		next = j->next;
		if (j->claimed) {
			j->next = list;
			list = j;
			n++;
		} else
			free(j);
	}
	if (n)
		log_info("msg=\"retries claimed\" count=%zu", n);
	queue_push_list(q, list);
}

static int
takeover_one(void *arg, const struct store_delivery *d)
{
	struct qjob **list = arg;
	struct qjob *j = queue_job_from(d);

	j->next = *list;
	*list = j;
	return 0;
}

/* Renew this node's leases; claim deliveries nobody holds any more. */
static void
lease_pass(struct queue *q, struct store *reader)
{
	struct qjob *list = NULL, *j;
	size_t n = 0;

	if (spool_lease_renew(reader) != 0)
		log_warnx("msg=\"cannot renew the leases of this node\"");
	if (spool_delivery_claim(reader, LIM_REQUEUE_BATCH, takeover_one,
		&list) != 0) {
		queue_free_jobs(list);
		return;
	}
	for (j = list; j; j = j->next)
		n++;
	if (n)
		log_info("msg=\"deliveries taken over\" count=%zu", n);
	while ((j = list) != NULL) { /* each at its own due time */
		list = j->next;
		queue_push(q, j);
	}
}

void
queue_requeue_kick(struct queue *q)
{
	if (q == NULL)
		return;
	pthread_mutex_lock(&q->rq_mu);
	q->rq_kicked = 1;
	pthread_cond_signal(&q->rq_cv);
	pthread_mutex_unlock(&q->rq_mu);
}

void *
requeue_main(void *arg)
{
	struct queue *q = arg;
	struct store *reader = NULL;
	struct timespec ts;
	int64_t poll = LIM_REQUEUE_POLL_MS, every = store_lease_ms() / 3;
	int64_t last = 0;

	if (every < poll)
		poll = every;
	pthread_mutex_lock(&q->rq_mu);
	while (!q->rq_stopping) {
		if (!q->rq_kicked) {
			queue_deadline(&ts, poll);
			pthread_cond_timedwait(&q->rq_cv, &q->rq_mu, &ts);
		}
		if (q->rq_stopping)
			break;
		q->rq_kicked = 0;
		pthread_mutex_unlock(&q->rq_mu);
		requeue_pass(q, &reader);
		if (reader && clock_mono_ms() - last >= every) {
			last = clock_mono_ms();
			lease_pass(q, reader);
		}
		pthread_mutex_lock(&q->rq_mu);
	}
	pthread_mutex_unlock(&q->rq_mu);
	if (reader)
		store_close(reader);
	return NULL;
}
