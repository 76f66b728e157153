/*
 * twin_pg.c: the PostgreSQL half of twin.h.  It includes twin.h beside
 * pg_row.h, so the runners twin.h declares again for its macros are
 * checked against the real declarations (a drift fails to compile here)
 * and so are the flags; and it reads the members of the backend's
 * private struct that twin.c hands to statements written once.
 */
#include "store/pg_row.h"
#include "store/twin.h"

_Static_assert(TWIN_FINAL == PG_FINAL && TWIN_CHANGES == PG_CHANGES &&
	TWIN_PLAIN == PG_PLAIN,
    "twin.h: the runner flags must be pg_row.h's");

int64_t
twin_pg_changes(struct store *s)
{
	return PG(s)->changes;
}

const uint8_t *
twin_pg_code_key(struct store *s)
{
	return PG(s)->code_key;
}

const char *
twin_pg_errmsg(struct store *s)
{
	return PG(s)->error;
}
