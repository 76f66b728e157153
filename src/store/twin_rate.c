/*
 * twin_rate.c: reading a per-minute rate counter (spool.h rate_count),
 * written once for both backends (twin.h).  The counters table is
 * PostgreSQL migration 6's and SQLite migration 25's, the same columns
 * in both: (key, win, n), one row per key and calendar minute.
 *
 * Only the read is here.  The count itself (rate_take) is on the hot
 * path of every rate-limited send and differs between the dialects:
 * PostgreSQL drops a key's older windows in a data-modifying WITH of
 * the same statement (pg_sql.c Q_RATE_TAKE, prepared once per
 * connection), which SQLite has not, so SQLite's table does it with a
 * trigger on the insert of a new window and its upsert is plainer
 * (sqlite.c Q_RATE_TAKE, kept prepared too).  Both count one only
 * while the count is under the limit, and both answer through the
 * rows the statement changed or returned.
 */
#include "store/store.h"
#include "store/twin.h"
#include "store/twin_tables.h"

int
twin_rate_count(struct store *s, const char *key, int64_t win, int64_t *n)
{
	*n = 0;
	return twin_i64(s,
	    "SELECT coalesce((SELECT n FROM counters WHERE key = ? AND "
	    "win = ?), 0)",
	    0, n, "sI", key, win);
}
