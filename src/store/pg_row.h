/*
 * pg_row.h: the statement handle, binder, row reader and runners of the
 * PostgreSQL backend (pg_row.c), the counterparts of sqlite_row.h.
 *
 * The backend's files are written like the SQLite ones on purpose: a
 * call is one runner call with its SQL, its row table (store/row.h, the
 * same tables) and a bind format, so the two backends can be read side
 * by side and a new entry point is ported by translating its SQL.
 *
 * Statements are written with SQLite's placeholders (?, ?N): pg_row.c
 * numbers them $1, $2, ... once, when it first prepares a statement, by
 * SQLite's rule (a bare ? takes the largest number so far plus one).
 * The bind format also gives each parameter its type (I and i int8, t
 * and s text, b bytea sent as its bytes, p jsonb), so PostgreSQL never has to
 * guess one from the context.
 *
 * A handle from pg_stmt() names one of the backend's statements (enum
 * pg_stmt): prepared once per connection with PQprepare, by name, on
 * first use.  A handle from pg_prep() is a statement run once
 * (PQexecParams, the unnamed statement), for the rare calls, as
 * sq_prep() is for the SQLite backend.
 */
#ifndef FG_PG_ROW_H
#define FG_PG_ROW_H

#include <stdarg.h>
#include <stddef.h>

#include "store/pg_int.h"
#include "store/row.h"

/* Runner flags (as sqlite_row.h's). */
#define PG_FINAL 0x1   /* from pg_prep (kept for symmetry) */
#define PG_CHANGES 0x2 /* pg_run: no row changed is FG_ENOENT */
#define PG_PLAIN \
	0x4 /* pg_run: a constraint is FG_ESTORE, not
				 * FG_EEXIST */
#define PGO_RUN (PG_FINAL | PG_PLAIN)

struct pg_q *pg_prep(struct store *, const char *sql);

/*
 * Run q with parameters from fmt; the result (or NULL after an error,
 * *rc saying which) is the caller's to PQclear.
 */
PGresult *pg_exec(struct pg_q *, int flags, int *rc, const char *fmt, ...);
PGresult *pg_vexec(struct pg_q *, int flags, int *rc, const char *fmt,
    va_list);
/*
 * Run q for its first row: 0 with *res holding the result (the caller
 * PQclears it), FG_ENOENT or FG_ESTORE with *res NULL.
 */
int pg_first(struct pg_q *, PGresult **res, const char *fmt, ...);
void pg_read(const PGresult *, int row, int col, const struct sq_row *,
    void *out);
int64_t pg_col_i64(const PGresult *, int row, int col);
void pg_col_copy(const PGresult *, int row, int col, char *dst, size_t size);

/*
 * Run a statement: 0, FG_EEXIST (a constraint), FG_ENOENT (PG_CHANGES)
 * or FG_ESTORE; on 0, *id (when not NULL) is column 0 of its first row,
 * the id its RETURNING clause gave.
 */
int pg_write(struct pg_q *, int flags, int64_t *id, const char *fmt, ...);
int pg_vwrite(struct pg_q *, int flags, int64_t *id, const char *fmt, va_list);
#define pg_run(q, flags, ...) pg_write(q, flags, NULL, __VA_ARGS__)
/*
 * Run a write inside the writer's transaction without waiting for it
 * (pg_pipe.c): 0 once sent; its failure fails the next statement or
 * the COMMIT.  *changed (when not NULL) is set, when its result is
 * read, to whether it changed rows.  Outside a transaction, or a
 * statement not yet prepared on the connection: run as pg_run.
 */
int pg_defer(struct pg_q *, int *changed, const char *fmt, ...);
int pg_one(struct pg_q *, int flags, const struct sq_row *, void *out,
    const char *fmt, ...);
int pg_each(struct pg_q *, int flags, const struct sq_row *, sq_row_cb,
    void *arg, const char *fmt, ...);
int pg_ids(struct pg_q *, int64_t **ids, size_t *n, const char *fmt, ...);
int pg_i64(struct pg_q *, int flags, int64_t *out, const char *fmt, ...);

extern const struct sq_row pg_user_row; /* USER_COLS, pg_sql.c */

struct pg_page {
	const char *count;
	const char *list;
	const struct sq_row *row;
};
int pg_page(struct store *, const struct pg_page *, int64_t key, int offset,
    int limit, int64_t *total, sq_row_cb, void *arg);

#endif
