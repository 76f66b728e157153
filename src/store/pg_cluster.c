/*
 * pg_cluster.c: counters, advisory locks, leases and shared values for
 * several nodes on one PostgreSQL database (cluster.h; the tables are
 * migration 6's).
 *
 * Each call is one statement on the caller's connection; the rate
 * limit's take (pg_rate_take, a spool.h member since SQLite counts in
 * its writer too: both backends share queue/submit.c's path) runs on
 * the writer's, in the batch of the send it counts (its statement is
 * prepared: one per rate-limited send).  The counters table is
 * UNLOGGED, so a count writes no WAL and its commit waits for no
 * fsync (a crash empties it: the limits start over, the lesser harm);
 * the same statement deletes the key's older windows, so the table
 * holds one row per active key.
 *
 * A lease is a row (name, owner node, until): taken when absent,
 * expired or already ours, in one INSERT ... ON CONFLICT DO UPDATE
 * ... WHERE, which returns a row only when this node holds it after.
 * Row locks make two nodes racing for an expired lease agree: the
 * second sees the first's fresh until and gets nothing.
 */
#include <string.h>

#include "store/cluster.h"
#include "store/pg_row.h"
#include "store/twin_tables.h"
#include "util/errors.h"

static int
pc_count(struct store *s, const char *key, int64_t win, int add, int64_t *n)
{
	if (add == 0)
		return twin_rate_count(s, key, win, n);
	return pg_i64(pg_prep(s,
			  "WITH gone AS (DELETE FROM counters WHERE key = ?1 "
			  "AND win < ?2) INSERT INTO counters(key, win, n) "
			  "VALUES (?1, ?2, ?3) ON CONFLICT (key, win) DO "
			  "UPDATE SET n = counters.n + excluded.n RETURNING "
			  "n"),
	    PG_FINAL, n, "tII", key, win, (int64_t)add);
}

int
pg_rate_take(struct store *s, const char *key, int64_t win, int64_t limit,
    int *taken)
{
	int64_t n = 0;
	int rc = pg_i64(pg_stmt(s, Q_RATE_TAKE), 0, &n, "tII", key, win,
	    limit);

	*taken = rc == 0;
	return rc == FG_ENOENT ? 0 : rc;
}

static int
pc_try_lock(struct store *s, int64_t key, int *got)
{
	int64_t v = 0;
	int rc = pg_i64(pg_prep(s, "SELECT pg_try_advisory_lock(?)::int"),
	    PG_FINAL, &v, "I", key);

	*got = rc == 0 && v == 1;
	return rc;
}

static int
pc_unlock(struct store *s, int64_t key)
{
	int64_t v = 0;

	return pg_i64(pg_prep(s, "SELECT pg_advisory_unlock(?)::int"),
	    PG_FINAL, &v, "I", key);
}

static int
pc_lease(struct store *s, const char *name, int64_t now_ms, int64_t ttl_ms,
    int *held)
{
	int64_t v = 0;
	int rc = pg_i64(pg_prep(s,
			    "INSERT INTO leases(name, owner, until_ms) "
			    "VALUES (?1, ?2, ?3 + ?4) ON CONFLICT (name) DO "
			    "UPDATE SET owner = excluded.owner, until_ms = "
			    "excluded.until_ms WHERE leases.owner = "
			    "excluded.owner OR leases.until_ms < ?3 "
			    "RETURNING 1"),
	    PG_FINAL, &v, "ttII", name, pg_node_id(), now_ms, ttl_ms);

	*held = rc == 0;
	return rc == FG_ENOENT ? 0 : rc;
}

static int
pc_lease_drop(struct store *s, const char *name)
{
	return pg_run(pg_prep(s,
			  "DELETE FROM leases WHERE name = ? AND owner = ?"),
	    PGO_RUN, "tt", name, pg_node_id());
}

static int
pc_shared_get(struct store *s, const char *key, char *out, size_t size,
    int64_t *until_ms)
{
	PGresult *res;
	int rc = pg_first(pg_prep(s,
			      "SELECT value, until_ms FROM shared WHERE key = "
			      "?"),
	    &res, "t", key);

	if (rc != 0)
		return rc;
	pg_col_copy(res, 0, 0, out, size);
	*until_ms = pg_col_i64(res, 0, 1);
	PQclear(res);
	return 0;
}

static int
pc_shared_put(struct store *s, const char *key, const char *value,
    int64_t until_ms)
{
	return pg_run(pg_prep(s,
			  "INSERT INTO shared(key, value, until_ms) VALUES "
			  "(?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = "
			  "excluded.value, until_ms = excluded.until_ms"),
	    PGO_RUN, "ttI", key, value, until_ms);
}

const struct cluster_ops pg_cluster = {
	.count = pc_count,
	.try_lock = pc_try_lock,
	.unlock = pc_unlock,
	.lease = pc_lease,
	.lease_drop = pc_lease_drop,
	.shared_get = pc_shared_get,
	.shared_put = pc_shared_put,
};
