/*
 * sqlite_row.c: the binder, the row reader and the runners of the
 * SQLite backend (sqlite_row.h).
 *
 * They keep the contracts the hand-written calls had: a cached
 * statement (sq_stmt) is reset and keeps its prepared plan, a statement
 * prepared for one call (sq_prep, SQ_FINAL) is finalized; one-row reads
 * are 0, FG_ENOENT or FG_ESTORE; writes map a constraint to FG_EEXIST
 * unless SQ_PLAIN.  A walk over a cached statement stops at a failed
 * step as at the last row, as the cached calls always did; a walk over
 * a prepared one reports it as FG_ESTORE.
 *
 * Strings are bound SQLITE_STATIC, so the binder copies nothing: the
 * /send path (sq_message_insert) binds its message in place.
 */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_row.h"
#include "util/errors.h"
#include "util/xmalloc.h"

static void
vbind(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	const char *str;
	size_t len;
	int i;

	for (i = 1; *fmt; fmt++, i++) {
		switch (*fmt) {
		case 'I':
			sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'i':
			sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'b':
			str = va_arg(ap, const char *);
			len = va_arg(ap, size_t);
			sqlite3_bind_text(st, i, str, (int)len, SQLITE_STATIC);
			break;
		case 'p':
			(void)sq_rows_bind(st, i, va_arg(ap, struct sq_rows *));
			break;
		default:		/* 't', 's' */
			str = va_arg(ap, const char *);
			if (str == NULL && *fmt == 's')
				str = "";
			sqlite3_bind_text(st, i, str, -1, SQLITE_STATIC);
			break;
		}
	}
}

/* Bind the variable arguments of the function it stands in. */
#define BIND(st, fmt) do {						\
	va_list ap;							\
									\
	va_start(ap, fmt);						\
	vbind(st, fmt, ap);						\
	va_end(ap);							\
} while (0)

void
sq_bind(sqlite3_stmt *st, const char *fmt, ...)
{
	BIND(st, fmt);
}

sqlite3_stmt *
sq_prep(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(SQ(s)->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	return st;
}

void
sq_read(sqlite3_stmt *st, int col, const struct sq_row *r, void *out)
{
	const struct sq_fld *f;
	char *p;

	memset(out, 0, r->size);
	for (f = r->f; f < r->f + SQ_ROW_MAX && f->size; f++, col++) {
		p = (char *)out + f->off;
		switch (f->type) {
		case SQ_I64:
			*(int64_t *)(void *)p = sqlite3_column_int64(st, col);
			break;
		case SQ_INT:
			*(int *)(void *)p = sqlite3_column_int(st, col);
			break;
		case SQ_DUP:
			*(char **)(void *)p = sq_col_dup(st, col);
			break;
		default:
			sq_col_copy(st, col, p, f->size);
			break;
		}
	}
}

/* Free the heap fields of a row read by sq_read. */
static void
row_free(const struct sq_row *r, void *row)
{
	const struct sq_fld *f;

	for (f = r->f; f < r->f + SQ_ROW_MAX && f->size; f++)
		if (f->type == SQ_DUP)
			free(*(char **)(void *)((char *)row + f->off));
}

int
sq_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

/* Reset or finalize st; pass rc on. */
static int
end(sqlite3_stmt *st, int flags, int rc)
{
	if (flags & SQ_FINAL)
		sqlite3_finalize(st);
	else
		sqlite3_reset(st);
	return rc;
}

int
sq_vwrite(sqlite3_stmt *st, int flags, int64_t *id, const char *fmt,
    va_list ap)
{
	sqlite3 *db;
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	db = sqlite3_db_handle(st);
	vbind(st, fmt, ap);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = (flags & SQ_CHANGES) && sqlite3_changes(db) == 0 ?
		    FG_ENOENT : 0;
	else if (rc == SQLITE_CONSTRAINT && !(flags & SQ_PLAIN))
		rc = FG_EEXIST;
	else
		rc = FG_ESTORE;
	if (rc == 0 && id != NULL)
		*id = sqlite3_last_insert_rowid(db);
	return end(st, flags, rc);
}

int
sq_write(sqlite3_stmt *st, int flags, int64_t *id, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = sq_vwrite(st, flags, id, fmt, ap);
	va_end(ap);
	return rc;
}

int
sq_one(sqlite3_stmt *st, int flags, const struct sq_row *r, void *out,
    const char *fmt, ...)
{
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	BIND(st, fmt);
	if ((rc = sq_step(st)) == 0)
		sq_read(st, 0, r, out);
	return end(st, flags, rc);
}

int
sq_each(sqlite3_stmt *st, int flags, const struct sq_row *r, sq_row_cb cb,
    void *arg, const char *fmt, ...)
{
	void *row;
	int rc = 0, step = SQLITE_DONE;

	if (st == NULL)
		return FG_ESTORE;
	BIND(st, fmt);
	row = xmalloc(r->size);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		sq_read(st, 0, r, row);
		rc = cb(arg, row);
		row_free(r, row);
	}
	free(row);
	if (rc == 0 && step != SQLITE_DONE && (flags & SQ_FINAL))
		rc = FG_ESTORE;
	return end(st, flags, rc);
}

int
sq_ids(sqlite3_stmt *st, int64_t **ids, size_t *n, const char *fmt, ...)
{
	size_t alloc = 0;

	*ids = NULL;
	*n = 0;
	if (st == NULL)
		return FG_ESTORE;
	BIND(st, fmt);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*ids = xgrow(*ids, *n, &alloc, sizeof(**ids), 16);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	return end(st, 0, 0);
}

int
sq_int64(sqlite3_stmt *st, int flags, int64_t *out, const char *fmt, ...)
{
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	BIND(st, fmt);
	if ((rc = sq_step(st)) == 0)
		*out = sqlite3_column_int64(st, 0);
	return end(st, flags, rc);
}

int
sq_page(struct store *s, const struct sq_page *pg, int64_t key, int offset,
    int limit, int64_t *total, sq_row_cb cb, void *arg)
{
	if (sq_int64(sq_prep(s, pg->count), SQ_FINAL, total, "I", key) != 0)
		return FG_ESTORE;
	return sq_each(sq_prep(s, pg->list), SQ_FINAL, pg->row, cb, arg,
	    "Iii", key, limit, offset);
}

char *
sq_col_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return xstrndup(t ? (const char *)t : "",
	    (size_t)sqlite3_column_bytes(st, col));
}

void
sq_col_copy(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);

	if (n >= size)
		n = size - 1;
	memcpy(dst, t ? (const char *)t : "", n);
	dst[n] = '\0';
}
