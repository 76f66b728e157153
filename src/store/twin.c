/*
 * twin.c: the few pieces of twin.h that are not runner macros: the
 * page of a list (a count, then the page), the row of one text, and
 * the members of the backends' private structs a statement written
 * once may need: the rows a write changed, the short-code key and the
 * connection's last error.  Those are asked of twin_sqlite.c or
 * twin_pg.c, each of which alone may see its backend's struct (the two
 * private headers cannot meet in one file).
 */
#include <stdio.h>
#include <stdlib.h>

#include "util/errors.h"
#include "store/twin.h"

const struct sq_row twin_text_row = SQ_ROW(struct twin_text, text);

int
twin_page(struct store *s, const struct twin_page *pg, int64_t key, int offset,
    int limit, int64_t *total, sq_row_cb cb, void *arg)
{
	if (twin_i64(s, pg->count, 0, total, "I", key) != 0)
		return FG_ESTORE;
	return twin_each(s, pg->list, 0, pg->row, cb, arg, "Iii", key, limit,
	    offset);
}

int64_t
twin_changes(struct store *s)
{
	return twin_pg(s) ? twin_pg_changes(s) : twin_sq_changes(s);
}

const uint8_t *
twin_code_key(struct store *s)
{
	return twin_pg(s) ? twin_pg_code_key(s) : twin_sq_code_key(s);
}

const char *
twin_errmsg(struct store *s)
{
	return twin_pg(s) ? twin_pg_errmsg(s) : twin_sq_errmsg(s);
}

int
twin_text_by_id(struct store *s, const char *sql, int64_t id, char *out,
    size_t size)
{
	struct twin_text t;
	int rc;

	if ((rc = twin_one(s, sql, 0, &twin_text_row, &t, "I", id)) == 0) {
		snprintf(out, size, "%s", t.text);
		free(t.text);
	}
	return rc;
}
