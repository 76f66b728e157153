/*
 * sqlite_rows.c: fg_rows, a table-valued function that lets one SQL
 * statement read C arrays, so the backend can write or look up
 * thousands of rows with a single sqlite3_step (sqlite_bulk.c).
 *
 * SQLite's own carray extension does this for one array but is not
 * compiled into Debian's libsqlite3, and passing JSON to json_each would
 * cost a format and a parse per value.  fg_rows reads columns straight
 * from caller memory described by a struct sq_rows: each column is a
 * base pointer and a stride, so it can read a plain int64_t array or a
 * field of an array of structs in place.  The descriptor travels as a
 * typed pointer (sqlite3_bind_pointer with the type "fg_rows"), which
 * SQL text cannot forge.
 *
 *   SELECT i, c0, c1 FROM fg_rows(?1)        -- ?1 bound to a sq_rows
 *
 * Rows come out in index order; i is the row index, c0..c3 the columns
 * (NULL where the descriptor has none).  The module is eponymous-only
 * and registered on every connection at open.
 */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xmalloc.h"

enum { COL_I, COL_C0, COL_SRC = COL_C0 + SQ_ROWS_COLS };

struct rows_cursor {
	sqlite3_vtab_cursor	 base;
	const struct sq_rows	*rows;
	size_t			 at;
};

static int
rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
    sqlite3_vtab **out, char **err)
{
	sqlite3_vtab *vt;
	int rc;

	(void)aux;
	(void)argc;
	(void)argv;
	(void)err;
	rc = sqlite3_declare_vtab(db, "CREATE TABLE x(i, c0, c1, c2, c3, "
	    "src HIDDEN)");
	if (rc != SQLITE_OK)
		return rc;
	vt = xcalloc(1, sizeof(*vt));
	*out = vt;
	return SQLITE_OK;
}

static int
rows_disconnect(sqlite3_vtab *vt)
{
	free(vt);
	return SQLITE_OK;
}

static int
rows_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	struct rows_cursor *c = xcalloc(1, sizeof(*c));

	(void)vt;
	*out = &c->base;
	return SQLITE_OK;
}

static int
rows_close(sqlite3_vtab_cursor *cur)
{
	free(cur);
	return SQLITE_OK;
}

/* The only plan: src = ? is required; without it there is no table. */
static int
rows_best_index(sqlite3_vtab *vt, sqlite3_index_info *ix)
{
	int i;

	(void)vt;
	for (i = 0; i < ix->nConstraint; i++) {
		const struct sqlite3_index_constraint *k = &ix->aConstraint[i];

		if (k->iColumn == COL_SRC && k->op == SQLITE_INDEX_CONSTRAINT_EQ &&
		    k->usable) {
			ix->aConstraintUsage[i].argvIndex = 1;
			ix->aConstraintUsage[i].omit = 1;
			ix->estimatedCost = 1;
			ix->estimatedRows = 1000;
			if (ix->nOrderBy == 1 && ix->aOrderBy[0].iColumn == COL_I &&
			    !ix->aOrderBy[0].desc)
				ix->orderByConsumed = 1;
			return SQLITE_OK;
		}
	}
	return SQLITE_CONSTRAINT;
}

static int
rows_filter(sqlite3_vtab_cursor *cur, int idx, const char *idx_str, int argc,
    sqlite3_value **argv)
{
	struct rows_cursor *c = (struct rows_cursor *)cur;

	(void)idx;
	(void)idx_str;
	c->rows = argc == 1 ? sqlite3_value_pointer(argv[0], "fg_rows") : NULL;
	c->at = 0;
	return SQLITE_OK;
}

static int
rows_next(sqlite3_vtab_cursor *cur)
{
	((struct rows_cursor *)cur)->at++;
	return SQLITE_OK;
}

static int
rows_eof(sqlite3_vtab_cursor *cur)
{
	struct rows_cursor *c = (struct rows_cursor *)cur;

	return c->rows == NULL || c->at >= c->rows->n;
}

static int
rows_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	struct rows_cursor *c = (struct rows_cursor *)cur;
	const struct sq_col *k;
	const char *p, *str;
	int64_t v;
	int iv;

	if (col == COL_I) {
		sqlite3_result_int64(ctx, (sqlite3_int64)c->at);
		return SQLITE_OK;
	}
	if (col < COL_C0 || col >= COL_SRC ||
	    (k = &c->rows->col[col - COL_C0])->base == NULL) {
		sqlite3_result_null(ctx);
		return SQLITE_OK;
	}
	p = (const char *)k->base + c->at * k->stride;
	switch (k->type) {
	case SQ_COL_I64:
		memcpy(&v, p, sizeof(v));
		sqlite3_result_int64(ctx, v);
		break;
	case SQ_COL_INT:
		memcpy(&iv, p, sizeof(iv));
		sqlite3_result_int(ctx, iv);
		break;
	case SQ_COL_STR:		/* a char array inside the row */
		sqlite3_result_text(ctx, p, -1, SQLITE_STATIC);
		break;
	default:			/* SQ_COL_PTR: a const char * field */
		memcpy(&str, p, sizeof(str));
		sqlite3_result_text(ctx, str ? str : "", -1, SQLITE_STATIC);
		break;
	}
	return SQLITE_OK;
}

static int
rows_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *out)
{
	*out = (sqlite3_int64)((struct rows_cursor *)cur)->at;
	return SQLITE_OK;
}

static const sqlite3_module rows_module = {
	.xConnect = rows_connect,
	.xBestIndex = rows_best_index,
	.xDisconnect = rows_disconnect,
	.xOpen = rows_open,
	.xClose = rows_close,
	.xFilter = rows_filter,
	.xNext = rows_next,
	.xEof = rows_eof,
	.xColumn = rows_column,
	.xRowid = rows_rowid,
};

int
sq_rows_register(sqlite3 *db)
{
	return sqlite3_create_module(db, "fg_rows", &rows_module, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

void
sq_rows_col(struct sq_rows *r, int i, int type, const void *base,
    size_t stride)
{
	r->col[i].type = type;
	r->col[i].base = base;
	r->col[i].stride = stride;
}

int
sq_rows_bind(sqlite3_stmt *st, int param, struct sq_rows *r)
{
	return sqlite3_bind_pointer(st, param, r, "fg_rows", NULL) ==
	    SQLITE_OK ? 0 : -1;
}
