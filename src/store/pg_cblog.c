/*
 * pg_cblog.c: a person's callbacks in the outbox, for PostgreSQL
 * (sqlite_cblog.c's twin; PostgreSQL migration 7).
 */
#include "store/pg_int.h"
#include "store/pg_row.h"

static const struct sq_row cb_row = SQ_ROW(struct store_callback, id, event,
    url, body, status, attempts, error, created_ms);

int
pg_outbox_add_for(struct store *s, int64_t user, const char *event,
    const char *url, const char *body, int64_t now_ms)
{
	return pg_run(pg_prep(s,
			  "INSERT INTO outbox(url, body, due_ms, user_id, "
			  "event, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, "
			  "?3)"),
	    PG_FINAL, "ssIIs", url, body, now_ms, user, event);
}

int
pg_outbox_list(struct store *s, int64_t user, const char *event, int limit,
    store_callback_cb cb, void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT id, event, url, substr(body, 1, 1000), "
			   "status, attempts, error, created_ms FROM outbox "
			   "WHERE user_id = ? AND event = ? ORDER BY id DESC "
			   "LIMIT ?"),
	    PG_FINAL, &cb_row, (sq_row_cb)cb, arg, "Isi", user, event, limit);
}
