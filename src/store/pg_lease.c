/*
 * pg_lease.c: claims with leases, so that several feige nodes share one
 * PostgreSQL database without two of them sending the same delivery,
 * callback or push at once, and without losing what a dead node held
 * (issue 13, docs/scale.md "Phase 2").
 *
 * A row is held by a node when claimed_by names it and lease_until (ms
 * on the database server's clock, the one clock every node shares) is
 * ahead; a row nobody holds, or whose lease ran out, is free for any
 * node to claim.  The node id and the lease length are settings of
 * every connection (pg.c session_setup, from store_node_start()), read
 * by the functions of migration 5: feige_node(), feige_lease().
 *
 * Where claims are made:
 *   - a new delivery is the inserting node's (the columns' defaults):
 *     its writer committed it and its queue holds it in memory;
 *   - deliveries nobody holds are claimed in batches with UPDATE ...
 *     WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n)
 *     RETURNING: all of them at start (pg_delivery_pending), the rest
 *     by the queue's sweep (pg_delivery_claim, queue/requeue.c), which
 *     is how a dead node's deliveries are taken over;
 *   - due callbacks and pushes are claimed by the query that reads them
 *     (Q_OUTBOX_DUE, pg_push_due), and their own node's claims are
 *     returned again (each sender skips what it has in flight);
 *   - a final status (and for callbacks and pushes every verdict, a
 *     retry being due again for anyone) ends the claim.
 *
 * While a node lives it renews every claim it holds (pg_lease, every
 * third of the lease), and at a clean stop it lets them go, so a
 * restarted node, or any other, takes them at once instead of after the
 * lease.  Rows are renewed and released with SKIP LOCKED: a row the
 * writer is updating right now is skipped (the next renewal has it)
 * instead of waiting, which could deadlock against the writer's batch.
 *
 * Deliveries are therefore at least once: a node that stopped renewing
 * without dying (a long pause, a lost connection) finds its rows taken,
 * and both may send.  Every upstream request carries the delivery's id
 * (X-Feige-Delivery) so a receiver sees the repeat.
 *
 * pg_purge_turn(): retention runs on one node at a time: each step
 * takes a transaction-level advisory lock and skips when another node's
 * step holds it.
 */
#include "store/pg_row.h"
#include "util/errors.h"

/* This node's open rows of a table, renewed or let go (lease NULL). */
#define MINE(t, open) \
	" WHERE id IN (SELECT id FROM " t " WHERE claimed_by = feige_node() " \
	"AND " open " FOR UPDATE SKIP LOCKED)"
#define RENEW(t, open) \
	"UPDATE " t " SET lease_until = feige_lease()" MINE(t, open)
#define RELEASE(t, open) \
	"UPDATE " t " SET claimed_by = NULL, lease_until = NULL" MINE(t, open)
#define DLV_OPEN "status >= 0 AND status < 2"
#define OUTBOX_OPEN "status = 0"
#define PUSH_OPEN "status = 'pending'"

static const char *const lease_sql[2][3] = {
	{ RENEW("deliveries", DLV_OPEN), RENEW("outbox", OUTBOX_OPEN),
	    RENEW("pushes", PUSH_OPEN) },
	{ RELEASE("deliveries", DLV_OPEN), RELEASE("outbox", OUTBOX_OPEN),
	    RELEASE("pushes", PUSH_OPEN) },
};

int
pg_lease(struct store *s, int release)
{
	size_t i;
	int rc;

	if (*store_node_id() == '\0') /* not a node: holds nothing */
		return 0;
	for (i = 0; i < 3; i++)
		if ((rc = pg_run(pg_prep(s, lease_sql[release != 0][i]),
			 PGO_RUN, "")) != 0)
			return rc;
	return 0;
}

/*
 * The advisory lock key of retention; the others: the schema 435459531621,
 * the inbox order 435459531622 (pg_live.c), cluster.h's from ...630.
 */
#define PURGE_LOCK "435459531623"

int
pg_purge_turn(struct store *s)
{
	int64_t got = 0;

	if (pg_i64(pg_prep(s,
		       "SELECT pg_try_advisory_xact_lock(" PURGE_LOCK
		       ")::int"),
		PG_FINAL, &got, "") != 0)
		return FG_ESTORE;
	return got == 1;
}
