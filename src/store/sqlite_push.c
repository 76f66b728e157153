/*
 * sqlite_push.c: the push outbox of the SQLite backend (store_push.h,
 * migration 13).
 *
 * push_add is on the hot path of every accepted send: it runs in the
 * writer's transaction right after the inbox item(s), as one cached
 * INSERT ... SELECT from devices (one recipient) or from fg_rows joined
 * to devices (a fan-out).  A recipient without a device costs one probe
 * of the devices index (user_id leads its UNIQUE key) and writes
 * nothing; *added says whether any row went in, so the caller kicks the
 * sender only then.
 *
 * push_due reads the due rows with their device and the name the
 * message came from (WxPusher app, pushplus group), in the order they
 * fell due; a push of a message deleted since is not due (its recall
 * is), and an address confirmation (kind 2) has no message.  push_done records a verdict, and for a gone device deletes it
 * and marks its other open pushes gone, in the same transaction.
 */
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_row.h"
#include "util/ids.h"

#define PUSH_COLS							\
	"p.id, p.device_id, p.user_id, p.message_id, p.inbox_id, p.kind, " \
	"p.status, p.attempts, p.next_ms, p.error, p.upstream_id, "	\
	"p.created_ms, p.updated_ms, coalesce(d.type, '')"
#define PUSH_NCOLS	14
#define PUSH_DEV_COLS							\
	"d.id, d.user_id, d.type, d.endpoint, d.dkey, d.p256dh, d.auth, " \
	"d.created_ms, d.last_seen_ms, d.verify"
#define PUSH_SOURCE							\
	"coalesce((SELECT name FROM wx_apps WHERE id = m.app_id), "	\
	"(SELECT name FROM topics WHERE id = m.topic_id AND "		\
	"m.topic_id != 0), '')"

static const struct sq_row push_row = SQ_ROW(struct store_push, id,
    device_id, user_id, message_id, inbox_id, kind, status, attempts,
    next_ms, error, upstream_id, created_ms, updated_ms, type);
static const struct sq_row pdev_row = SQ_ROW(struct store_device, id,
    user_id, type, endpoint, dkey, p256dh, auth, created_ms, last_seen_ms,
    verify);

int
sq_push_add(struct store *s, int64_t message, const int64_t *users,
    const int64_t *inbox_ids, size_t n, int64_t now_ms, int *added)
{
	struct sq_rows rows;
	int64_t any;
	int rc;

	*added = 0;
	if (n == 0)
		return 0;
	if (n == 1) {
		/* a read first: most people have no device, and a read
		 * cursor is cheaper than the INSERT's write cursors */
		rc = sq_int64(sq_stmt(s, Q_BULK_PUSH_ANY), 0, &any, "I",
		    users[0]);
		if (rc == FG_ENOENT)
			return 0;
		if (rc == 0)
			rc = sq_run(sq_stmt(s, Q_BULK_PUSH_ONE), 0, "IIII",
			    users[0], message, inbox_ids[0], now_ms);
	} else {
		memset(&rows, 0, sizeof(rows));
		rows.n = n;
		sq_rows_col(&rows, 0, SQ_COL_I64, users, sizeof(*users));
		sq_rows_col(&rows, 1, SQ_COL_I64, inbox_ids,
		    sizeof(*inbox_ids));
		rc = sq_run(sq_stmt(s, Q_BULK_PUSH), 0, "pII", &rows, message,
		    now_ms);
	}
	if (rc == 0)
		*added = sqlite3_changes(SQ(s)->db) > 0;
	return rc;
}

int
sq_push_recall(struct store *s, int64_t message, int64_t now_ms, int *added)
{
	int rc;

	*added = 0;
	rc = sq_run(sq_prep(s, "INSERT INTO pushes(device_id, user_id, "
	    "message_id, inbox_id, kind, next_ms, created_ms, updated_ms) "
	    "SELECT p.device_id, p.user_id, p.message_id, max(p.inbox_id), "
	    "1, ?2, ?2, ?2 FROM pushes p JOIN devices d ON d.id = "
	    "p.device_id WHERE p.message_id = ?1 AND p.kind = 0 AND "
	    "p.status IN ('sent', 'pending') GROUP BY p.device_id"),
	    SQ_FINAL, "II", message, now_ms);
	if (rc == 0)
		*added = sqlite3_changes(SQ(s)->db) > 0;
	/* what was not sent yet never will be */
	if (rc == 0)
		rc = sq_run(sq_prep(s, "UPDATE pushes SET status = 'failed', "
		    "error = 'recalled before it was sent', updated_ms = ?2 "
		    "WHERE message_id = ?1 AND kind = 0 AND status IN "
		    "('pending', 'waiting')"), SQ_FINAL, "II", message, now_ms);
	return rc;
}

/* A push of kind to d without a message (verify, test), due now. */
static int
own_push(struct store *s, const struct store_device *d, int kind,
    int64_t now_ms)
{
	return sq_run(sq_prep(s,
			  "INSERT INTO pushes(device_id, user_id, "
			  "message_id, kind, next_ms, created_ms, updated_ms) "
			  "VALUES "
			  "(?1, ?2, 0, ?4, ?3, ?3, ?3)"),
	    SQ_FINAL, "IIIi", d->id, d->user_id, now_ms, kind);
}

int
sq_push_verify(struct store *s, const struct store_device *d, int64_t now_ms)
{
	return own_push(s, d, STORE_PUSH_VERIFY, now_ms);
}

int
sq_push_test(struct store *s, const struct store_device *d, int64_t now_ms)
{
	return own_push(s, d, STORE_PUSH_TEST, now_ms);
}

int
sq_push_due(struct store *s, int64_t now_ms, int limit, store_push_job_cb cb,
    void *arg)
{
	struct store_push_job j;
	sqlite3_stmt *st;
	int rc;

	st = sq_prep(s, "SELECT " PUSH_COLS ", " PUSH_DEV_COLS ", "
	    PUSH_SOURCE " FROM pushes p JOIN devices d ON d.id = p.device_id "
	    "LEFT JOIN messages m ON m.id = p.message_id "
	    "WHERE p.status = 'pending' AND p.next_ms <= ? AND "
	    "(p.kind != 0 OR m.deleted = 0) ORDER BY p.next_ms LIMIT ?");
	if (st == NULL)
		return FG_ESTORE;
	sq_bind(st, "Ii", now_ms, limit);
	rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		sq_read(st, 0, &push_row, &j.p);
		sq_read(st, PUSH_NCOLS, &pdev_row, &j.d);
		sq_col_copy(st, PUSH_NCOLS + 10, j.source, sizeof(j.source));
		rc = cb(arg, &j);
	}
	sqlite3_finalize(st);
	return rc;
}

int
sq_push_done(struct store *s, const struct store_push_done *v)
{
	int rc;

	rc = sq_run(sq_prep(s, "UPDATE pushes SET status = ?, attempts = ?, "
	    "next_ms = ?, error = ?, upstream_id = ?, updated_ms = ? "
	    "WHERE id = ?"), SQ_FINAL, "siIssII", v->status, v->attempts,
	    v->next_ms, v->error, v->upstream_id, v->now_ms, v->id);
	if (rc == 0 && v->gone)
		rc = sq_run(sq_prep(s, "UPDATE pushes SET status = 'gone', "
		    "error = 'the device is gone', updated_ms = ?2 WHERE "
		    "device_id = ?1 AND status IN ('pending', 'waiting')"),
		    SQ_FINAL, "II", v->device_id, v->now_ms);
	if (rc == 0 && v->gone)
		rc = sq_run(sq_prep(s, "DELETE FROM devices WHERE id = ?"),
		    SQ_FINAL, "I", v->device_id);
	return rc;
}

int
sq_push_wake(struct store *s, int64_t device, int64_t now_ms)
{
	return sq_run(sq_prep(s, "UPDATE pushes SET status = 'pending', "
	    "next_ms = ?2, updated_ms = ?2 WHERE device_id = ?1 AND "
	    "status = 'waiting'"), SQ_FINAL, "II", device, now_ms);
}

int
sq_push_list(struct store *s, int64_t message, store_push_cb cb, void *arg)
{
	return sq_each(sq_prep(s, "SELECT " PUSH_COLS " FROM pushes p "
	    "LEFT JOIN devices d ON d.id = p.device_id WHERE "
	    "p.message_id = ? AND p.kind != 2 ORDER BY p.id"), SQ_FINAL,
	    &push_row, (sq_row_cb)cb, arg, "I", message);
}

int
sq_push_last(struct store *s, int64_t device, struct store_push *out)
{
	return sq_one(sq_prep(s, "SELECT " PUSH_COLS " FROM pushes p "
	    "LEFT JOIN devices d ON d.id = p.device_id WHERE "
	    "p.device_id = ? AND p.kind != 1 AND p.status != 'pending' "
	    "ORDER BY p.id DESC LIMIT 1"), SQ_FINAL, &push_row, out, "I",
	    device);
}
