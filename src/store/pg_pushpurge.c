/*
 * pg_pushpurge.c: the retention of the push outbox in the PostgreSQL
 * backend (spool.h push_purge, struct store_push_purge in store_push.h).
 *
 * What goes: pushes that are final (sent, failed, gone) and were created
 * before the cut-off.  What stays: pending and waiting rows however old,
 * since the sender still owes them a verdict.  Messages, inbox items and
 * devices are not touched.
 *
 * Like the WxPusher purge (pg_wxpurge.c) a call runs inside the
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

#include "store/pg_row.h"
#include "util/errors.h"
#include "util/strbuf.h"

#define SQL_HEAD "SELECT id, created_ms FROM pushes WHERE id > ?1 " \
	"ORDER BY id LIMIT ?2"
#define SQL_DELETE "DELETE FROM pushes WHERE id > ?1 AND id <= ?2 AND " \
	"status IN ('sent', 'failed', 'gone')"

static int
fail(struct store *s, struct strbuf *err)
{
	if (err)
		strbuf_setf(err, "push purge: %s", PG(s)->error);
	return FG_ESTORE;
}

/*
 * *hi = the id of the last push in the run of old pushes after
 * p->after_id, looking at most p->limit rows.
 */
static int
purge_head(struct store *s, struct store_push_purge *p, int64_t *hi,
    struct strbuf *err)
{
	PGresult *res;
	int i, rc, n = 0;

	*hi = p->after_id;
	if ((res = pg_exec(pg_prep(s, SQL_HEAD), 0, &rc, "Ii", p->after_id,
	    p->limit)) == NULL)
		return fail(s, err);
	for (i = 0; i < PQntuples(res) && pg_col_i64(res, i, 1) <
	    p->before_ms; i++, n++)
		*hi = pg_col_i64(res, i, 0);
	PQclear(res);
	p->more = n == p->limit;
	return 0;
}

int
pg_push_purge(struct store *s, struct store_push_purge *p, struct strbuf *err)
{
	int64_t hi;
	int rc;

	p->deleted = p->more = 0;
	if (p->limit <= 0 || p->before_ms <= 0)
		return FG_EINVAL;
	if ((rc = pg_purge_turn(s)) <= 0) /* another node's turn: 0 */
		return rc;
	if ((rc = purge_head(s, p, &hi, err)) != 0)
		return rc;
	if (hi == p->after_id)
		return 0;
	if (pg_run(pg_prep(s, SQL_DELETE), PGO_RUN, "II", p->after_id,
	    hi) != 0)
		return fail(s, err);
	p->deleted = (int)PG(s)->changes;
	p->after_id = hi;
	return 0;
}
