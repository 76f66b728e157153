/*
 * sqlite_pushpurge.c: the retention of the push outbox in the SQLite
 * backend (spool.h push_purge, struct store_push_purge in store_push.h).
 *
 * What goes: pushes that are final (sent, failed, gone) and were created
 * before the cut-off.  What stays: pending and waiting rows however old,
 * since the sender still owes them a verdict.  Messages, inbox items and
 * devices are not touched.
 *
 * Like the WxPusher purge (sqlite_wxpurge.c) a call runs inside the
 * writer's group commit and must stay short, so it is bounded: it reads
 * at most limit rows by primary key from the caller's cursor (after_id)
 * and stops at the first young row.  Ids grow with created_ms (a push
 * is written when its inbox item is), so the old rows are a prefix of
 * the table and the walk needs no index on created_ms or status; the
 * delete is a rowid range with the status as a filter, which SQLite
 * runs as a range search of the primary key (checked with EXPLAIN QUERY
 * PLAN: "SEARCH pushes USING INTEGER PRIMARY KEY (rowid>? AND
 * rowid<?)").  The cursor is what lets old rows that must stay (a
 * device waiting for weeks) not stall the walk: the next step starts
 * after them.  A row out of order (a clock set back) only waits until
 * the rows before it are old too.
 */
#include <stdint.h>

#include "store/sqlite_int.h"
#include "util/errors.h"
#include "util/strbuf.h"

#define SQL_HEAD "SELECT id, created_ms FROM pushes WHERE id > ?1 " \
	"ORDER BY id LIMIT ?2"
#define SQL_DELETE "DELETE FROM pushes WHERE id > ?1 AND id <= ?2 AND " \
	"status IN ('sent', 'failed', 'gone')"

static int
fail(struct store *s, sqlite3_stmt *st, struct strbuf *err)
{
	if (err)
		strbuf_setf(err, "push purge: %s", sqlite3_errmsg(SQ(s)->db));
	sqlite3_finalize(st);
	return FG_ESTORE;
}

/*
 * *hi = the last id of the run of old rows after p->after_id (after_id
 * itself when none); p->more = the run filled the limit.
 */
static int
purge_head(struct store *s, struct store_push_purge *p, int64_t *hi,
    struct strbuf *err)
{
	sqlite3_stmt *st = NULL;
	int rc, n = 0;

	*hi = p->after_id;
	if (sqlite3_prepare_v2(SQ(s)->db, SQL_HEAD, -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(s, st, err);
	sqlite3_bind_int64(st, 1, p->after_id);
	sqlite3_bind_int(st, 2, p->limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_int64(st, 1) < p->before_ms) {
		*hi = sqlite3_column_int64(st, 0);
		n++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(s, st, err);
	sqlite3_finalize(st);
	p->more = n == p->limit;
	return 0;
}

int
sq_push_purge(struct store *s, struct store_push_purge *p, struct strbuf *err)
{
	sqlite3_stmt *st = NULL;
	int64_t hi;
	int rc;

	p->deleted = p->more = 0;
	if (p->limit <= 0 || p->before_ms <= 0)
		return FG_EINVAL;
	if ((rc = purge_head(s, p, &hi, err)) != 0)
		return rc;
	if (hi == p->after_id)
		return 0;
	if (sqlite3_prepare_v2(SQ(s)->db, SQL_DELETE, -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(s, st, err);
	sqlite3_bind_int64(st, 1, p->after_id);
	sqlite3_bind_int64(st, 2, hi);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(s, st, err);
	p->deleted = sqlite3_changes(SQ(s)->db);
	sqlite3_finalize(st);
	p->after_id = hi;
	return 0;
}
