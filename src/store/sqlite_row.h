/*
 * sqlite_row.h: rows as data for the SQLite backend (sqlite_row.c).
 *
 * Every call of the backend used to spell out the same three things by
 * hand: a run of sqlite3_bind_* calls, a run of sqlite3_column_* calls
 * into the fields of a struct, and the step/reset/finalize dance with
 * its mapping to FG_ENOENT, FG_EEXIST and FG_ESTORE.  Here the first is
 * a format string (sq_bind), the second a table (struct sq_row: which
 * field each result column lands in, its type taken from the field by
 * _Generic), and the third a few runners: sq_write (sq_run) for a
 * statement that returns no rows, sq_one for one row, sq_each for a
 * walk with a callback, sq_ids for a column of ids, sq_int64 for one
 * number and sq_page for a count and a page of a list.  A call of the
 * backend is now mostly one runner call with its SQL, its row and its
 * parameters.  (sqlite_rows.c, with an s, is something else: the
 * fg_rows table-valued function over C arrays.)
 *
 * A runner takes the statement straight from sq_stmt() (cached: it is
 * reset at the end) or sq_prep() (prepared for this call: SQ_FINAL, it
 * is finalized); a NULL statement, a failed prepare, is FG_ESTORE.
 *
 * The lists' callbacks are typed (store_user_cb takes a const struct
 * store_user *); sq_each calls them through sq_row_cb, which differs
 * only in the pointer type of the row: the same calling convention on
 * every ABI the project builds for.
 */
#ifndef FG_SQLITE_ROW_H
#define FG_SQLITE_ROW_H

#include <stdarg.h>
#include <stddef.h>

#include "store/row.h"
#include "store/sqlite_int.h"

/* Runner flags. */
#define SQ_FINAL	0x1	/* from sq_prep: finalize; a failed step in
				 * a walk is FG_ESTORE */
#define SQ_CHANGES	0x2	/* sq_run: no row changed is FG_ENOENT */
#define SQ_PLAIN	0x4	/* sq_run: a constraint is FG_ESTORE, not
				 * FG_EEXIST */

extern const struct sq_row sq_user_row;	/* USER_COLS, sqlite.c */

/*
 * Bind parameters 1, 2, ... from fmt: I int64_t, i int, t const char *
 * (NULL binds NULL), s const char * (NULL binds ""), b const char * and
 * size_t length, p struct sq_rows * (fg_rows).  Strings are SQLITE_STATIC:
 * they must live until the statement is reset.
 */
void		 sq_bind(sqlite3_stmt *, const char *fmt, ...);
sqlite3_stmt	*sq_prep(struct store *, const char *sql);
void		 sq_read(sqlite3_stmt *, int col, const struct sq_row *,
		    void *out);

/* Step to the first row: 0 (st is on it), FG_ENOENT or FG_ESTORE. */
int	sq_step(sqlite3_stmt *);
/*
 * Run a statement that returns no rows: 0, FG_EEXIST (a constraint),
 * FG_ENOENT (SQ_CHANGES) or FG_ESTORE; on 0, *id (when not NULL) is the
 * id of the row it inserted.
 */
int	sq_write(sqlite3_stmt *, int flags, int64_t *id, const char *fmt, ...);
int	sq_vwrite(sqlite3_stmt *, int flags, int64_t *id, const char *fmt,
	    va_list);
#define sq_run(st, flags, ...)	sq_write(st, flags, NULL, __VA_ARGS__)
/* Read the first row into out: 0, FG_ENOENT when none, FG_ESTORE. */
int	sq_one(sqlite3_stmt *, int flags, const struct sq_row *, void *out,
	    const char *fmt, ...);
/*
 * Call cb with each row (heap fields freed after it) until it returns
 * non-zero; that value, or 0 at the end.
 */
int	sq_each(sqlite3_stmt *, int flags, const struct sq_row *, sq_row_cb,
	    void *arg, const char *fmt, ...);
/* Column 0 of every row into a heap array. */
int	sq_ids(sqlite3_stmt *, int64_t **ids, size_t *n, const char *fmt,
	    ...);
/* The int64 column 0 of the first row: 0, FG_ENOENT or FG_ESTORE. */
int	sq_int64(sqlite3_stmt *, int flags, int64_t *out, const char *fmt,
	    ...);

/*
 * A page of a list, prepared per call: count (one int64 parameter, the
 * key) into *total, then walk list (parameters key, LIMIT, OFFSET).
 */
struct sq_page {
	const char		*count;
	const char		*list;
	const struct sq_row	*row;
};
int	sq_page(struct store *, const struct sq_page *, int64_t key,
	    int offset, int limit, int64_t *total, sq_row_cb, void *arg);

#endif
