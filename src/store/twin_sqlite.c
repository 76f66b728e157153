/*
 * twin_sqlite.c: the SQLite half of twin.h.  It includes twin.h beside
 * sqlite_row.h, so the runners twin.h declares again for its macros are
 * checked against the real declarations (a drift fails to compile here)
 * and so are the flags; and it reads the members of the backend's
 * private struct that twin.c hands to statements written once.
 */
#include "store/sqlite_row.h"
#include "store/twin.h"

_Static_assert(TWIN_FINAL == SQ_FINAL && TWIN_CHANGES == SQ_CHANGES &&
	TWIN_PLAIN == SQ_PLAIN,
    "twin.h: the runner flags must be sqlite_row.h's");

int64_t
twin_sq_changes(struct store *s)
{
	return sqlite3_changes(SQ(s)->db);
}

const uint8_t *
twin_sq_code_key(struct store *s)
{
	return SQ(s)->code_key;
}

const char *
twin_sq_errmsg(struct store *s)
{
	return sqlite3_errmsg(SQ(s)->db);
}

sqlite3_stmt *
twin_sq_cached(struct store *s, enum twin_slot slot, const char *sql)
{
	return sq_cached(s, slot == TWIN_Q_CHAN_GET ? Q_CHAN_GET :
	    Q_MSG_CHAN_GET, sql);
}
