/*
 * pg_push.c: the push outbox of the PostgreSQL backend (store_push.h),
 * statement for statement as sqlite_push.c: push_add is one INSERT ...
 * SELECT from devices (one recipient) or from the rows of a fan-out
 * joined to devices, on the hot path of every accepted send; push_due
 * reads the due rows with their device and the name the message came
 * from; push_done records a verdict, and for a gone device deletes it
 * and marks its other open pushes gone, in the same transaction.
 *
 * One recipient is one INSERT ... SELECT here, without the read first
 * that sqlite_push.c does (that spares SQLite's write cursors when the
 * person has no device; here it would cost a round trip per send).
 *
 * SQLite's recall took "any row of the group" for the columns it did
 * not aggregate; PostgreSQL wants them named: they are the same for
 * every row of a device's group (one device, one user, one message).
 */
#include <string.h>

#include "util/errors.h"
#include "store/pg_row.h"
#include "util/ids.h"

#define PUSH_COLS \
	"p.id, p.device_id, p.user_id, p.message_id, p.inbox_id, p.kind, " \
	"p.status, p.attempts, p.next_ms, p.error, p.upstream_id, " \
	"p.created_ms, p.updated_ms, coalesce(d.type, '')"
#define PUSH_NCOLS 14
#define PUSH_DEV_COLS \
	"d.id, d.user_id, d.type, d.endpoint, d.dkey, d.p256dh, d.auth, " \
	"d.created_ms, d.last_seen_ms, d.verify"
#define PUSH_SOURCE \
	"coalesce((SELECT name FROM wx_apps WHERE id = m.app_id), " \
	"(SELECT name FROM topics WHERE id = m.topic_id AND " \
	"m.topic_id != 0), '')"

static const struct sq_row push_row = SQ_ROW(struct store_push, id, device_id,
    user_id, message_id, inbox_id, kind, status, attempts, next_ms, error,
    upstream_id, created_ms, updated_ms, type);
static const struct sq_row pdev_row = SQ_ROW(struct store_device, id, user_id,
    type, endpoint, dkey, p256dh, auth, created_ms, last_seen_ms, verify);

int
pg_push_add(struct store *s, int64_t message, const int64_t *users,
    const int64_t *inbox_ids, size_t n, int64_t now_ms, int *added)
{
	struct pg_rows rows;
	int rc;

	*added = 0;
	if (n == 0)
		return 0;
	if (n == 1) /* the hot path: into the pipeline, *added when read */
		return pg_defer(pg_stmt(s, Q_BULK_PUSH_ONE), added, "IIII",
		    users[0], message, inbox_ids[0], now_ms);
	else {
		memset(&rows, 0, sizeof(rows));
		rows.n = n;
		pg_rows_col(&rows, 0, PG_COL_I64, users, sizeof(*users));
		pg_rows_col(&rows, 1, PG_COL_I64, inbox_ids,
		    sizeof(*inbox_ids));
		rc = pg_run(pg_stmt(s, Q_BULK_PUSH), 0, "pII", &rows, message,
		    now_ms);
	}
	if (rc == 0)
		*added = PG(s)->changes > 0;
	return rc;
}

int
pg_push_recall(struct store *s, int64_t message, int64_t now_ms, int *added)
{
	int rc;

	*added = 0;
	rc = pg_run(
	    pg_prep(s,
		"INSERT INTO pushes(device_id, user_id, "
		"message_id, inbox_id, kind, next_ms, created_ms, updated_ms) "
		"SELECT p.device_id, min(p.user_id), min(p.message_id), "
		"max(p.inbox_id), 1, ?2, ?2, ?2 FROM pushes p JOIN devices d "
		"ON "
		"d.id = p.device_id WHERE p.message_id = ?1 AND p.kind = 0 "
		"AND "
		"p.status IN ('sent', 'pending') GROUP BY p.device_id"),
	    PG_FINAL, "II", message, now_ms);
	if (rc == 0)
		*added = PG(s)->changes > 0;
	/* what was not sent yet never will be */
	if (rc == 0)
		rc = pg_run(pg_prep(s,
				"UPDATE pushes SET status = 'failed', "
				"error = 'recalled before it was sent', "
				"updated_ms = ?2 "
				"WHERE message_id = ?1 AND kind = 0 AND "
				"status IN "
				"('pending', 'waiting')"),
		    PG_FINAL, "II", message, now_ms);
	return rc;
}

/* A push of kind to d without a message (verify, test), due now. */
static int
own_push(struct store *s, const struct store_device *d, int kind,
    int64_t now_ms)
{
	return pg_run(pg_prep(s,
			  "INSERT INTO pushes(device_id, user_id, "
			  "message_id, kind, next_ms, created_ms, updated_ms) "
			  "VALUES (?1, ?2, 0, ?4, ?3, ?3, ?3)"),
	    PG_FINAL, "IIIi", d->id, d->user_id, now_ms, kind);
}

int
pg_push_verify(struct store *s, const struct store_device *d, int64_t now_ms)
{
	return own_push(s, d, STORE_PUSH_VERIFY, now_ms);
}

int
pg_push_test(struct store *s, const struct store_device *d, int64_t now_ms)
{
	return own_push(s, d, STORE_PUSH_TEST, now_ms);
}

int
pg_push_due(struct store *s, int64_t now_ms, int limit, store_push_job_cb cb,
    void *arg)
{
	struct store_push_job j;
	PGresult *res;
	int i, rc;

	/*
	 * Due rows become this node's (pg_lease.c): unclaimed, its own
	 * (the sender skips those in flight) or a silent node's.
	 */
	res = pg_exec(
	    pg_prep(s,
		"WITH c AS (UPDATE pushes SET claimed_by = feige_node(), "
		"lease_until = feige_lease() WHERE id IN (SELECT p.id FROM "
		"pushes p LEFT JOIN messages m ON m.id = p.message_id "
		"WHERE p.status = 'pending' AND p.next_ms <= ? AND "
		"(p.kind != 0 OR m.deleted = 0) AND (p.lease_until IS NULL OR "
		"p.lease_until < feige_now_ms() OR feige_mine(p.claimed_by)) "
		"ORDER BY p.next_ms LIMIT ? FOR UPDATE OF p "
		"SKIP LOCKED) RETURNING *) "
		"SELECT " PUSH_COLS ", " PUSH_DEV_COLS ", " PUSH_SOURCE
		" FROM c p JOIN devices d ON d.id = p.device_id "
		"LEFT JOIN messages m ON m.id = p.message_id "
		"ORDER BY p.next_ms"),
	    0, &rc, "Ii", now_ms, limit);
	if (res == NULL)
		return rc;
	for (i = 0; rc == 0 && i < PQntuples(res); i++) {
		pg_read(res, i, 0, &push_row, &j.p);
		pg_read(res, i, PUSH_NCOLS, &pdev_row, &j.d);
		pg_col_copy(res, i, PUSH_NCOLS + 10, j.source,
		    sizeof(j.source));
		rc = cb(arg, &j);
	}
	PQclear(res);
	return rc;
}

int
pg_push_done(struct store *s, const struct store_push_done *v)
{
	int rc;

	rc = pg_run(pg_prep(s,
			"UPDATE pushes SET status = ?, attempts = ?, "
			"next_ms = ?, error = ?, upstream_id = ?, updated_ms "
			"= ?, claimed_by = NULL, lease_until = NULL "
			"WHERE id = ?"),
	    PG_FINAL, "siIssII", v->status, v->attempts, v->next_ms, v->error,
	    v->upstream_id, v->now_ms, v->id);
	if (rc == 0 && v->gone)
		rc = pg_run(
		    pg_prep(s,
			"UPDATE pushes SET status = 'gone', "
			"error = 'the device is gone', updated_ms = ?2 WHERE "
			"device_id = ?1 AND status IN ('pending', 'waiting')"),
		    PG_FINAL, "II", v->device_id, v->now_ms);
	if (rc == 0 && v->gone)
		rc = pg_run(pg_prep(s, "DELETE FROM devices WHERE id = ?"),
		    PG_FINAL, "I", v->device_id);
	return rc;
}

int
pg_push_wake(struct store *s, int64_t device, int64_t now_ms)
{
	return pg_run(pg_prep(s,
			  "UPDATE pushes SET status = 'pending', "
			  "next_ms = ?2, updated_ms = ?2 WHERE device_id = ?1 "
			  "AND "
			  "status = 'waiting'"),
	    PG_FINAL, "II", device, now_ms);
}

int
pg_push_list(struct store *s, int64_t message, store_push_cb cb, void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT " PUSH_COLS " FROM pushes p "
			   "LEFT JOIN devices d ON d.id = p.device_id WHERE "
			   "p.message_id = ? AND p.kind != 2 ORDER BY p.id"),
	    PG_FINAL, &push_row, (sq_row_cb)cb, arg, "I", message);
}

int
pg_push_last(struct store *s, int64_t device, struct store_push *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " PUSH_COLS " FROM pushes p "
			  "LEFT JOIN devices d ON d.id = p.device_id WHERE "
			  "p.device_id = ? AND p.kind != 1 AND p.status != "
			  "'pending' "
			  "ORDER BY p.id DESC LIMIT 1"),
	    PG_FINAL, &push_row, out, "I", device);
}
