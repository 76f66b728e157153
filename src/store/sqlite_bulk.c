/*
 * sqlite_bulk.c: the bulk members of the SQLite backend (store.h): many
 * deliveries, inbox items, send records and daily counters written with
 * one statement each, and the uids of a send looked up with one query.
 *
 * A WxPusher send to 1999 uids used to cost some 10 000 sqlite3_step
 * calls (three point reads per uid on the request thread; a record, a
 * delivery, an inbox item and a counter per uid in the writer), and the
 * per-call overhead (bind, step, reset, a read transaction per lookup)
 * was two thirds of the time.  Here every statement reads its rows from
 * the caller's arrays through fg_rows (sqlite_rows.c), so SQLite does
 * the loop inside one step.
 *
 * Ids of inserted rows: every table written here has an INTEGER PRIMARY
 * KEY without AUTOINCREMENT, so each new row gets the largest rowid plus
 * one (SQLite's documented algorithm; it falls back to random rowids
 * only once the largest possible one is taken), and INSERT ... SELECT
 * inserts in the order fg_rows yields, which is index order.  The n ids
 * are therefore last_insert_rowid() - n + 1 .. last_insert_rowid(), in
 * row order.  insert_rows() checks that exactly n rows went in and
 * fails the statement (and so the transaction) otherwise; the unit
 * tests check the ids against the rows they name.
 */
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_row.h"
#include "util/ids.h"
#include "util/xmalloc.h"

const char *const sq_bulk_sql[Q__COUNT - Q_BULK_FIRST] = {
#define B(q) [(q) - Q_BULK_FIRST]
	B(Q_BULK_DLV) =
	    "INSERT INTO deliveries(message_id, user_id, "
	    "record_id, channel, status, error, updated_ms, attempts) "
	    "SELECT ?2, c0, coalesce(c1, 0), ?3, ?4, '', ?5, ?6 "
	    "FROM fg_rows(?1)",
	B(Q_BULK_INBOX) =
	    "INSERT INTO inbox(user_id, message_id, "
	    "delivery_id, created_ms) SELECT c0, ?2, c1, ?3 FROM fg_rows(?1)",
	B(Q_BULK_WX_REC) =
	    "INSERT INTO wx_records(message_id, app_id, "
	    "user_id, topic_id, code, text, created_ms) "
	    "SELECT ?2, ?3, c0, c1, c2, c3, ?4 FROM fg_rows(?1)",
	B(Q_BULK_WX_DAILY) =
	    "INSERT INTO wx_daily(user_id, day, n) "
	    "SELECT c0, ?2, 1 FROM fg_rows(?1) WHERE true "
	    "ON CONFLICT(user_id, day) DO UPDATE SET n = n + 1",
	B(Q_BULK_WX_UIDS) =
	    "SELECT r.i, u.id, coalesce(f.id, 0), "
	    "coalesce(f.reject, 0), coalesce(f.pay_end_ms, 0), "
	    "coalesce(d.n, 0), coalesce(u.daily_limit, -1) FROM fg_rows(?1) r "
	    "JOIN users u ON u.uid = r.c0 "
	    "LEFT JOIN wx_follows f ON f.user_id = u.id AND f.app_id = ?2 "
	    "AND f.topic_id = 0 "
	    "LEFT JOIN wx_daily d ON d.user_id = u.id AND d.day = ?3",
	B(Q_BULK_WX_UNDER) =
	    "SELECT r.i FROM fg_rows(?1) r JOIN users u ON u.id = r.c0 "
	    "LEFT JOIN wx_daily d ON d.user_id = r.c0 AND d.day = ?2 "
	    "WHERE coalesce(u.daily_limit, ?3) = 0 OR "
	    "coalesce(d.n, 0) < coalesce(u.daily_limit, ?3)",
	B(Q_BULK_RECEIVING) =
	    "SELECT r.i FROM fg_rows(?1) r "
	    "LEFT JOIN open_settings o ON o.user_id = r.c0 "
	    "WHERE r.c0 = ?2 OR coalesce(o.recevie_limit, 0) != 1",
	B(Q_BULK_PHONE) = "SELECT r.i FROM fg_rows(?1) r "
			  "JOIN users u ON u.id = r.c0 WHERE u.phone != ''",
	/* the pushes of new inbox items (sqlite_push.c) */
	B(Q_BULK_PUSH) =
	    "INSERT INTO pushes(device_id, user_id, "
	    "message_id, inbox_id, next_ms, created_ms, updated_ms) "
	    "SELECT d.id, d.user_id, ?2, r.c1, ?3, ?3, ?3 FROM fg_rows(?1) r "
	    "JOIN devices d ON d.user_id = r.c0 AND d.verify = ''",
	B(Q_BULK_PUSH_ONE) =
	    "INSERT INTO pushes(device_id, user_id, "
	    "message_id, inbox_id, next_ms, created_ms, updated_ms) "
	    "SELECT id, user_id, ?2, ?3, ?4, ?4, ?4 FROM devices "
	    "WHERE user_id = ?1 AND verify = ''",
	B(Q_BULK_PUSH_ANY) = "SELECT 1 FROM devices WHERE user_id = ?1 "
	    "AND verify = '' LIMIT 1",
#undef B
};

/*
 * Run an INSERT over fg_rows, bound from fmt; the ids of its n rows go
 * to ids[0], ids[stride], ... (stride in bytes).
 */
static int
insert_rows(sqlite3_stmt *st, size_t n, int64_t *ids, size_t stride,
    const char *fmt, ...)
{
	va_list ap;
	int64_t last;
	size_t i;
	int rc;

	va_start(ap, fmt);
	rc = sq_vwrite(st, 0, &last, fmt, ap);
	va_end(ap);
	if (rc != 0)
		return rc;
	if ((size_t)sqlite3_changes64(sqlite3_db_handle(st)) != n)
		return FG_ESTORE;
	for (i = 0; i < n; i++)
		*(int64_t *)(void *)((char *)ids + i * stride) =
		    last - (int64_t)(n - i) + 1;
	return 0;
}

/* The row source of one int64 array (column c0) or two (c0, c1). */
static void
rows_ints(struct sq_rows *r, size_t n, const int64_t *a, const int64_t *b)
{
	memset(r, 0, sizeof(*r));
	r->n = n;
	sq_rows_col(r, 0, SQ_COL_I64, a, sizeof(*a));
	if (b)
		sq_rows_col(r, 1, SQ_COL_I64, b, sizeof(*b));
}

int
sq_delivery_add_many(struct store *s, int64_t message, const int64_t *users,
    const int64_t *records, size_t n, const char *channel, int status,
    int64_t *dids)
{
	struct sq_rows rows;

	if (n == 0)
		return 0;
	rows_ints(&rows, n, users, records);
	return insert_rows(sq_stmt(s, Q_BULK_DLV), n, dids, sizeof(*dids),
	    "pItiIi", &rows, message, channel, status, clock_ms(),
	    status == MSG_SENT);
}

int
sq_inbox_add_many(struct store *s, int64_t message, const int64_t *users,
    const int64_t *dids, size_t n, int64_t *inbox_ids)
{
	struct sq_rows rows;

	if (n == 0)
		return 0;
	rows_ints(&rows, n, users, dids);
	return insert_rows(sq_stmt(s, Q_BULK_INBOX), n, inbox_ids,
	    sizeof(*inbox_ids), "pII", &rows, message, clock_ms());
}

int
sq_wx_records_add(struct store *s, struct store_wx_record *r, size_t n)
{
	struct sq_rows rows;

	if (n == 0)
		return 0;
	if (r[0].created_ms == 0)
		r[0].created_ms = clock_ms();
	memset(&rows, 0, sizeof(rows));
	rows.n = n;
	sq_rows_col(&rows, 0, SQ_COL_I64, &r[0].user_id, sizeof(*r));
	sq_rows_col(&rows, 1, SQ_COL_I64, &r[0].topic_id, sizeof(*r));
	sq_rows_col(&rows, 2, SQ_COL_INT, &r[0].code, sizeof(*r));
	sq_rows_col(&rows, 3, SQ_COL_STR, r[0].text, sizeof(*r));
	return insert_rows(sq_stmt(s, Q_BULK_WX_REC), n, &r[0].id, sizeof(*r),
	    "pIII", &rows, r[0].message_id, r[0].app_id, r[0].created_ms);
}

int
sq_wx_daily_add_many(struct store *s, const int64_t *users, size_t n,
    int64_t day)
{
	struct sq_rows rows;

	if (n == 0)
		return 0;
	rows_ints(&rows, n, users, NULL);
	return sq_run(sq_stmt(s, Q_BULK_WX_DAILY), 0, "pI", &rows, day);
}

/*
 * Keep in ids[0..*n), in order, the rows whose index the bound
 * statement st (over fg_rows of ids) returns in its first column.
 */
static int
keep_returned(sqlite3_stmt *st, int64_t *ids, size_t *n)
{
	unsigned char *keep = xcalloc(*n, 1);
	size_t i, k;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		i = (size_t)sqlite3_column_int64(st, 0);
		if (i < *n)
			keep[i] = 1;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		for (i = k = 0; i < *n; i++)
			if (keep[i])
				ids[k++] = ids[i];
		*n = k;
	}
	free(keep);
	return rc == SQLITE_DONE ? 0 : FG_ESTORE;
}

int
sq_wx_daily_filter(struct store *s, int64_t day, int max, int64_t *ids,
    size_t *n)
{
	sqlite3_stmt *st;
	struct sq_rows rows;

	if (*n == 0)
		return 0;
	if ((st = sq_stmt(s, Q_BULK_WX_UNDER)) == NULL)
		return FG_ESTORE;
	rows_ints(&rows, *n, ids, NULL);
	sq_bind(st, "pIi", &rows, day, max);
	return keep_returned(st, ids, n);
}

int
sq_receiving_filter(struct store *s, int64_t sender, int64_t *ids,
    size_t *n)
{
	sqlite3_stmt *st;
	struct sq_rows rows;

	if (*n == 0)
		return 0;
	if ((st = sq_stmt(s, Q_BULK_RECEIVING)) == NULL)
		return FG_ESTORE;
	rows_ints(&rows, *n, ids, NULL);
	sq_bind(st, "pI", &rows, sender);
	return keep_returned(st, ids, n);
}

int
sq_phone_filter(struct store *s, int64_t *ids, size_t *n)
{
	sqlite3_stmt *st;
	struct sq_rows rows;

	if (*n == 0)
		return 0;
	if ((st = sq_stmt(s, Q_BULK_PHONE)) == NULL)
		return FG_ESTORE;
	rows_ints(&rows, *n, ids, NULL);
	sq_bind(st, "p", &rows);
	return keep_returned(st, ids, n);
}

int
sq_wx_uid_states(struct store *s, int64_t app, int64_t day,
    struct store_wx_uid *u, size_t n)
{
	sqlite3_stmt *st;
	struct sq_rows rows;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		u[i].user_id = u[i].follow_id = u[i].pay_end_ms = 0;
		u[i].reject = u[i].day_n = 0;
		u[i].daily_limit = -1;
	}
	if (n == 0)
		return 0;
	if ((st = sq_stmt(s, Q_BULK_WX_UIDS)) == NULL)
		return FG_ESTORE;
	memset(&rows, 0, sizeof(rows));
	rows.n = n;
	sq_rows_col(&rows, 0, SQ_COL_PTR, &u[0].uid, sizeof(*u));
	sq_bind(st, "pII", &rows, app, day);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((i = (size_t)sqlite3_column_int64(st, 0)) >= n)
			continue;
		u[i].user_id = sqlite3_column_int64(st, 1);
		u[i].follow_id = sqlite3_column_int64(st, 2);
		u[i].reject = sqlite3_column_int(st, 3);
		u[i].pay_end_ms = sqlite3_column_int64(st, 4);
		u[i].day_n = sqlite3_column_int(st, 5);
		u[i].daily_limit = sqlite3_column_int(st, 6);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : FG_ESTORE;
}
