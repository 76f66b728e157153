/*
 * sqlite_cblog.c: a person's callbacks in the outbox (migration 19):
 * rows written with their owner and event, and the list the console
 * shows (a group's join callbacks with their outcome).  The callback
 * sender reads and settles these rows like any other (sqlite_msg.c);
 * only who wrote them and who may see them is new.
 */
#include "store/sqlite_int.h"
#include "store/sqlite_row.h"

static const struct sq_row cb_row = SQ_ROW(struct store_callback, id, event,
    url, body, status, attempts, error, created_ms);

int
sq_outbox_add_for(struct store *s, int64_t user, const char *event,
    const char *url, const char *body, int64_t now_ms)
{
	return sq_run(sq_prep(s,
			  "INSERT INTO outbox(url, body, due_ms, "
			  "user_id, event, created_ms) VALUES (?1, ?2, ?3, "
			  "?4, ?5, ?3)"),
	    SQ_FINAL, "ssIIs", url, body, now_ms, user, event);
}

int
sq_outbox_list(struct store *s, int64_t user, const char *event, int limit,
    store_callback_cb cb, void *arg)
{
	return sq_each(
	    sq_prep(s,
		"SELECT id, event, url, substr(body, 1, "
		"1000), status, attempts, error, created_ms FROM outbox WHERE "
		"user_id = ? AND event = ? ORDER BY id DESC LIMIT ?"),
	    SQ_FINAL, &cb_row, (sq_row_cb)cb, arg, "Isi", user, event, limit);
}
