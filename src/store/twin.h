/*
 * twin.h: a statement written once for both backends.
 *
 * The SQLite and PostgreSQL backends grew one file per table each
 * (sqlite_device.c and pg_device.c, ...), and most pairs were the same
 * file twice: the same SQL, the same row table (store/row.h), the same
 * bind format, only sq_one(sq_prep(...)) in one and pg_one(pg_prep(...))
 * in the other.  The two runner families already agree on everything
 * that matters: the row tables are shared, pg_row.c numbers SQLite's
 * ?-placeholders $1, $2, ... itself, the flags have the same values and
 * the errors the same meaning.  So a table whose statements are the
 * same in both dialects is now one twin_<table>.c, and its functions sit
 * in both backends' vtables (each backend keeps its own const vtable).
 *
 * The runners here are macros on purpose: they pick the backend's
 * runner (twin_pg(), one pointer comparison) and hand it the caller's
 * arguments as they are, so nothing new is run, no va_list copy of the
 * binders is needed and every call is still type-checked against the
 * real runner.  Each statement is prepared for the call (sq_prep,
 * pg_prep: the flag TWIN_FINAL is added by the macro); the hot paths
 * (the send, deliver and claim statements, cached by name) are not for
 * this layer and stay in each backend's own files.
 *
 * The few real differences between the dialects are said where they
 * are, not papered over: twin_insert() appends RETURNING id for
 * PostgreSQL (SQLite's id is last_insert_rowid: RETURNING needs SQLite
 * 3.35), and TWIN_SQL(s, sqlite, pg) picks one of two texts where the
 * statement itself differs (the cluster's lease columns of a claim).
 * ON CONFLICT ... DO NOTHING / DO UPDATE is the same in both (SQLite
 * 3.24), so SQLite's INSERT OR IGNORE became the former and INSERT OR
 * REPLACE an upsert of every column (the same row, on tables that have
 * no other column); "3 AS status" and the like are plain SQL in both.
 * What cannot be a row table or a macro (the rows a write changed, the
 * short-code key, the last error) is a small function pair in
 * twin_sqlite.c and twin_pg.c.
 */
#ifndef FG_STORE_TWIN_H
#define FG_STORE_TWIN_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store/row.h"
#include "store/store.h"

/* Runner flags, the values of both sqlite_row.h's and pg_row.h's. */
#define TWIN_FINAL 0x1	 /* prepared for the call (added by the macros) */
#define TWIN_CHANGES 0x2 /* no row changed is FG_ENOENT */
#define TWIN_PLAIN 0x4	 /* a constraint is FG_ESTORE, not FG_EEXIST */

/*
 * The runners the macros call, declared again here because the two
 * backends' private headers cannot meet in one file (their statement
 * enums share names).  twin_sqlite.c and twin_pg.c include this file
 * beside sqlite_row.h and pg_row.h, so a declaration that drifts from
 * the real one fails to compile there, and the flags are checked too.
 */
sqlite3_stmt *sq_prep(struct store *, const char *sql);
int sq_write(sqlite3_stmt *, int flags, int64_t *id, const char *fmt, ...);
int sq_one(sqlite3_stmt *, int flags, const struct sq_row *, void *out,
    const char *fmt, ...);
int sq_each(sqlite3_stmt *, int flags, const struct sq_row *, sq_row_cb,
    void *arg, const char *fmt, ...);
int sq_int64(sqlite3_stmt *, int flags, int64_t *out, const char *fmt, ...);
struct pg_q;
struct pg_q *pg_prep(struct store *, const char *sql);
int pg_write(struct pg_q *, int flags, int64_t *id, const char *fmt, ...);
int pg_one(struct pg_q *, int flags, const struct sq_row *, void *out,
    const char *fmt, ...);
int pg_each(struct pg_q *, int flags, const struct sq_row *, sq_row_cb,
    void *arg, const char *fmt, ...);
int pg_i64(struct pg_q *, int flags, int64_t *out, const char *fmt, ...);

static inline int
twin_pg(const struct store *s)
{
	return s->be == &store_pg;
}

/* The text of a statement that differs between the dialects. */
#define TWIN_SQL(s, sqlite, pg) (twin_pg(s) ? (pg) : (sqlite))

/* sq_run / pg_run: a statement that returns no rows. */
#define twin_run(s, sql, flags, ...) \
	(twin_pg(s) ? pg_write(pg_prep(s, sql), (flags) | TWIN_FINAL, NULL, \
			  __VA_ARGS__) : \
		      sq_write(sq_prep(s, sql), (flags) | TWIN_FINAL, NULL, \
			  __VA_ARGS__))

/* An INSERT (a string literal) whose new row's id goes to *id. */
#define twin_insert(s, sql, flags, id, ...) \
	(twin_pg(s) ? pg_write(pg_prep(s, sql " RETURNING id"), \
			  (flags) | TWIN_FINAL, id, __VA_ARGS__) : \
		      sq_write(sq_prep(s, sql), (flags) | TWIN_FINAL, id, \
			  __VA_ARGS__))

/* sq_one / pg_one: the first row into out, or FG_ENOENT. */
#define twin_one(s, sql, flags, row, out, ...) \
	(twin_pg(s) ? pg_one(pg_prep(s, sql), (flags) | TWIN_FINAL, row, out, \
			  __VA_ARGS__) : \
		      sq_one(sq_prep(s, sql), (flags) | TWIN_FINAL, row, out, \
			  __VA_ARGS__))

/*
 * A statement on a hot path that SQLite keeps prepared between calls
 * (slot names it; sqlite_int.h maps it to its statement cache) and
 * PostgreSQL prepares per call as twin_one does: a delivery's two
 * config reads, whose parse was a visible part of a webhook's cost.
 */
enum twin_slot { TWIN_Q_CHAN_GET, TWIN_Q_MSG_CHAN_GET };
sqlite3_stmt *twin_sq_cached(struct store *, enum twin_slot, const char *sql);

/* twin_one with the SQLite statement kept in slot. */
#define twin_one_cached(s, slot, sql, flags, row, out, ...) \
	(twin_pg(s) ? pg_one(pg_prep(s, sql), (flags) | TWIN_FINAL, row, out, \
			  __VA_ARGS__) : \
		      sq_one(twin_sq_cached(s, slot, sql), flags, row, out, \
			  __VA_ARGS__))

/* sq_each / pg_each: cb with each row. */
#define twin_each(s, sql, flags, row, cb, arg, ...) \
	(twin_pg(s) ? pg_each(pg_prep(s, sql), (flags) | TWIN_FINAL, row, \
			  (sq_row_cb)(cb), arg, __VA_ARGS__) : \
		      sq_each(sq_prep(s, sql), (flags) | TWIN_FINAL, row, \
			  (sq_row_cb)(cb), arg, __VA_ARGS__))

/* sq_int64 / pg_i64: the number in column 0 of the first row. */
#define twin_i64(s, sql, flags, out, ...) \
	(twin_pg(s) ? pg_i64(pg_prep(s, sql), (flags) | TWIN_FINAL, out, \
			  __VA_ARGS__) : \
		      sq_int64(sq_prep(s, sql), (flags) | TWIN_FINAL, out, \
			  __VA_ARGS__))

/*
 * A page of a list (as sq_page, pg_page): count (one int64 parameter,
 * the key) into *total, then walk list (parameters key, LIMIT, OFFSET).
 */
struct twin_page {
	const char *count;
	const char *list;
	const struct sq_row *row;
};
int twin_page(struct store *, const struct twin_page *, int64_t key,
    int offset, int limit, int64_t *total, sq_row_cb, void *arg);
/* One text column into a heap string (the caller frees text). */
struct twin_text {
	char *text;
};
extern const struct sq_row twin_text_row;
/* Column 0 of the row sql selects by one int64 parameter, into out. */
int twin_text_by_id(struct store *, const char *sql, int64_t id, char *out,
    size_t size);

/*
 * The rows the last write of this connection changed, the store's
 * short-code key (util/shortcode.h) and the connection's last error
 * (for a message), asked of twin_sqlite.c or twin_pg.c.
 */
int64_t twin_changes(struct store *);
const uint8_t *twin_code_key(struct store *);
const char *twin_errmsg(struct store *);
int64_t twin_sq_changes(struct store *);
const uint8_t *twin_sq_code_key(struct store *);
const char *twin_sq_errmsg(struct store *);
int64_t twin_pg_changes(struct store *);
const uint8_t *twin_pg_code_key(struct store *);
const char *twin_pg_errmsg(struct store *);

#endif
