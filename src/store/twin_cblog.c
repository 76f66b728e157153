/*
 * twin_cblog.c: a person's callbacks in the outbox (SQLite migration
 * 19, PostgreSQL migration 7), written once for both backends (twin.h):
 * rows written with their owner and event, and the list the console
 * shows (a group's join callbacks with their outcome).  The callback
 * sender reads and settles these rows like any other (sqlite_msg.c,
 * pg_msg.c); only who wrote them and who may see them is new.
 */
#include "store/store.h"
#include "store/twin.h"
#include "store/twin_tables.h"

static const struct sq_row cb_row = SQ_ROW(struct store_callback, id, event,
    url, body, status, attempts, error, created_ms);

int
twin_outbox_add_for(struct store *s, int64_t user, const char *event,
    const char *url, const char *body, int64_t now_ms)
{
	return twin_run(s,
	    "INSERT INTO outbox(url, body, due_ms, user_id, event, "
	    "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?3)",
	    0, "ssIIs", url, body, now_ms, user, event);
}

int
twin_outbox_list(struct store *s, int64_t user, const char *event, int limit,
    store_callback_cb cb, void *arg)
{
	return twin_each(s,
	    "SELECT id, event, url, substr(body, 1, 1000), status, "
	    "attempts, error, created_ms FROM outbox WHERE user_id = ? AND "
	    "event = ? ORDER BY id DESC LIMIT ?",
	    0, &cb_row, cb, arg, "Isi", user, event, limit);
}
