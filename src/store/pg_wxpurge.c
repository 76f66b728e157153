/*
 * pg_wxpurge.c: the WxPusher retention purge of the PostgreSQL backend
 * (store.h wx_purge, struct store_wx_purge in store_wx.h), step for
 * step as sqlite_wxpurge.c, whose reasoning follows.
 *
 * What goes: send records older than the retention and the deliveries
 * tied to them (deliveries.record_id), parametric QR codes well past
 * their expiry, and daily receive counters of past days.  What stays:
 * messages and inbox rows, which are people's inbox history, and the
 * deliveries of pushplus sends and follow tips (record_id 0).
 *
 * Every call deletes at most p->limit rows in all, because it runs
 * inside the writer's group commit (queue/writer.c): a purge step shares
 * its transaction with live requests and must never hold their commit
 * for long.  The caller repeats until a call deletes fewer rows than the
 * limit.
 *
 * Records are purged from the oldest id up, stopping at the first one
 * that is still young.  Ids grow with created_ms (a send's time is taken
 * when it is accepted, its ids when it commits moments later), so this
 * reads at most limit rows by primary key and needs no index on
 * created_ms; a record out of order (a clock set back) only waits until
 * the records before it are old too.  A record's
 * deliveries are deleted before the record, in earlier calls if there
 * are many (a topic record may have tens of thousands), so a record
 * never outlives its deliveries' cleanup, and a record caught halfway is
 * already past the retention, which the status query reports as not
 * found anyway.  deliveries_record (a partial index on record_id) finds
 * them.
 *
 * QR codes and daily counters have no index on the column compared, so
 * their steps scan the table; both are small (codes expire within 30
 * days, counters are kept for two days), and the caller skips the daily
 * step when its cut-off has not moved (daily_before 0).
 *
 * Statements are prepared per call, not cached: the purge runs every few
 * minutes, and the shared statement table stays untouched.
 */
#include <stdint.h>

#include "util/errors.h"
#include "store/pg_row.h"
#include "util/strbuf.h"

#define SQL_RECORDS_HEAD \
	"SELECT id, created_ms FROM wx_records " \
	"ORDER BY id LIMIT ?1"
#define SQL_DELIVERIES \
	"DELETE FROM deliveries WHERE id IN (SELECT id " \
	"FROM deliveries WHERE record_id != 0 AND record_id <= ?1 LIMIT ?2)"
#define SQL_RECORDS \
	"DELETE FROM wx_records WHERE id IN (SELECT id " \
	"FROM wx_records WHERE id <= ?1 ORDER BY id LIMIT ?2)"
#define SQL_QRCODES \
	"DELETE FROM wx_qrcodes WHERE id IN (SELECT id " \
	"FROM wx_qrcodes WHERE expires_ms < ?1 LIMIT ?2)"
#define SQL_DAILY \
	"DELETE FROM wx_daily WHERE (user_id, day) IN (SELECT " \
	"user_id, day FROM wx_daily WHERE day < ?1 LIMIT ?2)"

static int
fail(struct store *s, const char *what, struct strbuf *err)
{
	if (err)
		strbuf_setf(err, "wx purge: %s: %s", what, PG(s)->error);
	return FG_ESTORE;
}

/*
 * Run one bounded DELETE (?1 the cut-off, ?2 the limit); *n gets the
 * rows it deleted.
 */
static int
purge_step(struct store *s, const char *sql, const char *what, int64_t cut,
    int limit, int *n, struct strbuf *err)
{
	if (pg_run(pg_prep(s, sql), PGO_RUN, "Ii", cut, limit) != 0)
		return fail(s, what, err);
	*n = (int)PG(s)->changes;
	return 0;
}

/*
 * *hi = the id of the last record in the run of old records at the
 * start of the table (0: none), looking at most limit rows.
 */
static int
records_end(struct store *s, int64_t before, int limit, int64_t *hi,
    struct strbuf *err)
{
	PGresult *res;
	int i, rc;

	*hi = 0;
	if ((res = pg_exec(pg_prep(s, SQL_RECORDS_HEAD), 0, &rc, "i",
		 limit)) == NULL)
		return fail(s, "records", err);
	for (i = 0; i < PQntuples(res) && pg_col_i64(res, i, 1) < before; i++)
		*hi = pg_col_i64(res, i, 0);
	PQclear(res);
	return 0;
}

int
pg_wx_purge(struct store *s, struct store_wx_purge *p, struct strbuf *err)
{
	int64_t hi = 0;
	int left = p->limit, rc;

	p->records = p->deliveries = p->qrcodes = p->daily = 0;
	if (p->limit <= 0)
		return FG_EINVAL;
	if ((rc = pg_purge_turn(s)) <= 0) /* another node's turn: 0 */
		return rc;
	if (p->records_before_ms > 0 &&
	    (rc = records_end(s, p->records_before_ms, left, &hi, err)) != 0)
		return rc;
	if (hi > 0) {
		if ((rc = purge_step(s, SQL_DELIVERIES, "deliveries", hi, left,
			 &p->deliveries, err)) != 0)
			return rc;
		/* fewer than asked: no delivery of a record <= hi is left */
		if ((left -= p->deliveries) > 0 &&
		    (rc = purge_step(s, SQL_RECORDS, "records", hi, left,
			 &p->records, err)) != 0)
			return rc;
		left -= p->records;
	}
	if (left > 0 && p->qrcodes_before_ms > 0) {
		if ((rc = purge_step(s, SQL_QRCODES, "qrcodes",
			 p->qrcodes_before_ms, left, &p->qrcodes, err)) != 0)
			return rc;
		left -= p->qrcodes;
	}
	if (left > 0 && p->daily_before > 0 &&
	    (rc = purge_step(s, SQL_DAILY, "daily", p->daily_before, left,
		 &p->daily, err)) != 0)
		return rc;
	return 0;
}
