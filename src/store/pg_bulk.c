/*
 * pg_bulk.c: the bulk members of the PostgreSQL backend (store.h), as
 * sqlite_bulk.c: many deliveries, inbox items, send records and daily
 * counters written with one statement each, and the uids of a send
 * looked up with one query.
 *
 * The caller's arrays go to the server as one jsonb parameter (struct
 * pg_rows, bound with p), read back as a table by jsonb_to_recordset
 * (PG_ROWS): one round trip for a fan-out of 1999, where a statement
 * per row would cost 1999.
 *
 * Ids of inserted rows: each INSERT ... SELECT orders its rows by the
 * row index i and returns the ids it gave.  The identity draws them in
 * the order the rows are inserted, so sorted, they are the rows' ids in
 * row order (RETURNING's own order is not promised, the sequence's
 * is); insert_rows() checks that exactly n came back.
 */
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "store/pg_row.h"
#include "util/ids.h"
#include "util/xmalloc.h"

#define ROWS_I64 PG_ROWS("?1", "c0 bigint, c1 bigint")

const char *const pg_bulk_sql[Q__COUNT - Q_BULK_FIRST] = {
#define B(q) [(q)-Q_BULK_FIRST]
	B(Q_BULK_DLV) =
	    "INSERT INTO deliveries(message_id, user_id, "
	    "record_id, channel, status, error, updated_ms, attempts) "
	    "SELECT ?2, c0, coalesce(c1, 0), ?3, ?4, '', ?5, ?6 "
	    "FROM " ROWS_I64 " ORDER BY i RETURNING id",
	B(Q_BULK_INBOX) =
	    "INSERT INTO inbox(user_id, message_id, "
	    "delivery_id, created_ms) SELECT c0, ?2, c1, ?3 FROM " ROWS_I64
	    " ORDER BY i RETURNING id",
	B(Q_BULK_WX_REC) =
	    "INSERT INTO wx_records(message_id, app_id, "
	    "user_id, topic_id, code, text, created_ms) "
	    "SELECT ?2, ?3, c0, c1, c2, c3, ?4 FROM " PG_ROWS("?1",
		"c0 bigint, c1 bigint, c2 bigint, c3 text") " ORDER BY i "
							    "RETURNING id",
	B(Q_BULK_WX_DAILY) =
	    "INSERT INTO wx_daily AS w (user_id, day, n) "
	    "SELECT c0, ?2, count(*) FROM " ROWS_I64 " GROUP BY c0 "
	    "ON CONFLICT(user_id, day) DO UPDATE SET n = w.n + excluded.n",
	B(Q_BULK_WX_UIDS) =
	    "SELECT r.i, u.id, coalesce(f.id, 0), "
	    "coalesce(f.reject, 0), coalesce(f.pay_end_ms, 0), "
	    "coalesce(d.n, 0), coalesce(u.daily_limit, -1) FROM " PG_ROWS("?1",
		"c0 text") " JOIN users u ON u.uid = r.c0 "
			   "LEFT JOIN wx_follows f ON f.user_id = u.id AND "
			   "f.app_id = ?2 "
			   "AND f.topic_id = 0 "
			   "LEFT JOIN wx_daily d ON d.user_id = u.id AND "
			   "d.day = ?3",
	B(Q_BULK_WX_UNDER) =
	    "SELECT r.i FROM " ROWS_I64
	    " JOIN users u ON u.id = r.c0 "
	    "LEFT JOIN wx_daily d ON d.user_id = r.c0 AND d.day = ?2 "
	    "WHERE coalesce(u.daily_limit, ?3) = 0 OR "
	    "coalesce(d.n, 0) < coalesce(u.daily_limit, ?3)",
	B(Q_BULK_RECEIVING) =
	    "SELECT r.i FROM " ROWS_I64
	    " LEFT JOIN open_settings o ON o.user_id = r.c0 "
	    "WHERE r.c0 = ?2 OR coalesce(o.recevie_limit, 0) != 1",
	B(Q_BULK_PHONE) = "SELECT r.i FROM " ROWS_I64
			  " JOIN users u ON u.id = r.c0 WHERE u.phone != ''",
	/* the pushes of new inbox items (pg_push.c) */
	B(Q_BULK_PUSH) =
	    "INSERT INTO pushes(device_id, user_id, "
	    "message_id, inbox_id, next_ms, created_ms, updated_ms) "
	    "SELECT d.id, d.user_id, ?2, r.c1, ?3, ?3, ?3 FROM " ROWS_I64
	    " JOIN devices d ON d.user_id = r.c0 AND d.verify = ''",
	B(Q_BULK_PUSH_ONE) =
	    "INSERT INTO pushes(device_id, user_id, "
	    "message_id, inbox_id, next_ms, created_ms, updated_ms) "
	    "SELECT id, user_id, ?2, ?3, ?4, ?4, ?4 FROM devices "
	    "WHERE user_id = ?1 AND verify = ''",
	/* unused here: pg_push.c inserts straight away */
	B(Q_BULK_PUSH_ANY) =
	    ("SELECT 1 FROM devices WHERE user_id = ?1 AND verify = '' "
	     "LIMIT 1"),
#undef B
};

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Run an INSERT over rows, bound from fmt; the ids of its n rows go to
 * ids[0], ids[stride], ... (stride in bytes).
 */
static int
insert_rows(struct pg_q *q, size_t n, int64_t *ids, size_t stride,
    const char *fmt, ...)
{
	PGresult *res;
	va_list ap;
	int64_t *got;
	size_t i;
	int rc;

	va_start(ap, fmt);
	res = pg_vexec(q, 0, &rc, fmt, ap);
	va_end(ap);
	if (res == NULL)
		return rc;
	if ((size_t)PQntuples(res) != n) {
		PQclear(res);
		return FG_ESTORE;
	}
	got = xcalloc(n, sizeof(*got));
	for (i = 0; i < n; i++)
		got[i] = pg_col_i64(res, (int)i, 0);
	PQclear(res);
	qsort(got, n, sizeof(*got), cmp_i64);
	for (i = 0; i < n; i++)
		*(int64_t *)(void *)((char *)ids + i * stride) = got[i];
	free(got);
	return 0;
}

/* The row source of one int64 array (column c0) or two (c0, c1). */
static void
rows_ints(struct pg_rows *r, size_t n, const int64_t *a, const int64_t *b)
{
	memset(r, 0, sizeof(*r));
	r->n = n;
	pg_rows_col(r, 0, PG_COL_I64, a, sizeof(*a));
	if (b)
		pg_rows_col(r, 1, PG_COL_I64, b, sizeof(*b));
}

int
pg_delivery_add_many(struct store *s, int64_t message, const int64_t *users,
    const int64_t *records, size_t n, const char *channel, int status,
    int64_t *dids)
{
	struct pg_rows rows;

	if (n == 0)
		return 0;
	rows_ints(&rows, n, users, records);
	return insert_rows(pg_stmt(s, Q_BULK_DLV), n, dids, sizeof(*dids),
	    "pItiIi", &rows, message, channel, status, clock_ms(),
	    status == MSG_SENT);
}

int
pg_inbox_add_many(struct store *s, int64_t message, const int64_t *users,
    const int64_t *dids, size_t n, int64_t *inbox_ids)
{
	struct pg_rows rows;

	if (n == 0)
		return 0;
	int rc;

	rows_ints(&rows, n, users, dids);
	if ((rc = pg_live_lock(s)) != 0 ||
	    (rc = insert_rows(pg_stmt(s, Q_BULK_INBOX), n, inbox_ids,
		 sizeof(*inbox_ids), "pII", &rows, message, clock_ms())) != 0)
		return rc;
	return pg_live_note(s, inbox_ids, users, n);
}

int
pg_wx_records_add(struct store *s, struct store_wx_record *r, size_t n)
{
	struct pg_rows rows;

	if (n == 0)
		return 0;
	if (r[0].created_ms == 0)
		r[0].created_ms = clock_ms();
	memset(&rows, 0, sizeof(rows));
	rows.n = n;
	pg_rows_col(&rows, 0, PG_COL_I64, &r[0].user_id, sizeof(*r));
	pg_rows_col(&rows, 1, PG_COL_I64, &r[0].topic_id, sizeof(*r));
	pg_rows_col(&rows, 2, PG_COL_INT, &r[0].code, sizeof(*r));
	pg_rows_col(&rows, 3, PG_COL_STR, r[0].text, sizeof(*r));
	return insert_rows(pg_stmt(s, Q_BULK_WX_REC), n, &r[0].id, sizeof(*r),
	    "pIII", &rows, r[0].message_id, r[0].app_id, r[0].created_ms);
}

int
pg_wx_daily_add_many(struct store *s, const int64_t *users, size_t n,
    int64_t day)
{
	struct pg_rows rows;

	if (n == 0)
		return 0;
	rows_ints(&rows, n, users, NULL);
	return pg_run(pg_stmt(s, Q_BULK_WX_DAILY), 0, "pI", &rows, day);
}

/*
 * Keep in ids[0..*n), in order, the rows whose index the result res
 * (of a statement over the rows of ids) has in its first column.
 */
static int
keep_returned(PGresult *res, int rc, int64_t *ids, size_t *n)
{
	unsigned char *keep;
	size_t i, k;
	int r;

	if (res == NULL)
		return rc;
	keep = xcalloc(*n, 1);
	for (r = 0; r < PQntuples(res); r++) {
		i = (size_t)pg_col_i64(res, r, 0);
		if (i < *n)
			keep[i] = 1;
	}
	PQclear(res);
	for (i = k = 0; i < *n; i++)
		if (keep[i])
			ids[k++] = ids[i];
	*n = k;
	free(keep);
	return 0;
}

int
pg_wx_daily_filter(struct store *s, int64_t day, int max, int64_t *ids,
    size_t *n)
{
	struct pg_rows rows;
	PGresult *res;
	int rc;

	if (*n == 0)
		return 0;
	rows_ints(&rows, *n, ids, NULL);
	res = pg_exec(pg_stmt(s, Q_BULK_WX_UNDER), 0, &rc, "pIi", &rows, day,
	    max);
	return keep_returned(res, rc, ids, n);
}

int
pg_receiving_filter(struct store *s, int64_t sender, int64_t *ids, size_t *n)
{
	struct pg_rows rows;
	PGresult *res;
	int rc;

	if (*n == 0)
		return 0;
	rows_ints(&rows, *n, ids, NULL);
	res = pg_exec(pg_stmt(s, Q_BULK_RECEIVING), 0, &rc, "pI", &rows,
	    sender);
	return keep_returned(res, rc, ids, n);
}

int
pg_phone_filter(struct store *s, int64_t *ids, size_t *n)
{
	struct pg_rows rows;
	PGresult *res;
	int rc;

	if (*n == 0)
		return 0;
	rows_ints(&rows, *n, ids, NULL);
	res = pg_exec(pg_stmt(s, Q_BULK_PHONE), 0, &rc, "p", &rows);
	return keep_returned(res, rc, ids, n);
}

int
pg_wx_uid_states(struct store *s, int64_t app, int64_t day,
    struct store_wx_uid *u, size_t n)
{
	struct pg_rows rows;
	PGresult *res;
	size_t i;
	int r, rc;

	for (i = 0; i < n; i++) {
		u[i].user_id = u[i].follow_id = u[i].pay_end_ms = 0;
		u[i].reject = u[i].day_n = 0;
		u[i].daily_limit = -1;
	}
	if (n == 0)
		return 0;
	memset(&rows, 0, sizeof(rows));
	rows.n = n;
	pg_rows_col(&rows, 0, PG_COL_PTR, &u[0].uid, sizeof(*u));
	if ((res = pg_exec(pg_stmt(s, Q_BULK_WX_UIDS), 0, &rc, "pII", &rows,
		 app, day)) == NULL)
		return rc;
	for (r = 0; r < PQntuples(res); r++) {
		if ((i = (size_t)pg_col_i64(res, r, 0)) >= n)
			continue;
		u[i].user_id = pg_col_i64(res, r, 1);
		u[i].follow_id = pg_col_i64(res, r, 2);
		u[i].reject = (int)pg_col_i64(res, r, 3);
		u[i].pay_end_ms = pg_col_i64(res, r, 4);
		u[i].day_n = (int)pg_col_i64(res, r, 5);
		u[i].daily_limit = (int)pg_col_i64(res, r, 6);
	}
	PQclear(res);
	return 0;
}
