/*
 * sqlite_msg.c: messages, deliveries, the inbox and the callback outbox
 * for the SQLite backend (see sqlite.c for the connection and
 * sqlite_int.h for the shared statement cache).
 *
 * message_insert is the hot path of every accepted send: it runs on the
 * writer thread inside a group-commit transaction, with cached statements
 * and SQLITE_STATIC bindings (the caller keeps the strings alive until
 * the statement is reset), so it copies nothing.
 */
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_row.h"
#include "util/ids.h"
#include "util/strbuf.h"

static const struct sq_row msg_row = SQ_ROW(struct message, id, sender_id,
    topic_id, title, content, tpl, channel, webhook, callback_url,
    not_after_ms, status, error, created_ms, updated_ms, push_id);
static const struct sq_row dlv_row = SQ_ROW(struct store_delivery, id,
    message_id, user_id, uid, channel, status, attempts, next_ms, error);
static const struct sq_row outbox_row = SQ_ROW(struct store_outbox, id, url,
    body, attempts);

int
sq_message_insert(struct store *s, struct message *m,
    const int64_t *users, size_t n, const char *channel, int64_t *dids,
    struct strbuf *err)
{
	size_t i;

	if (sq_write(sq_stmt(s, Q_MSG_INSERT), 0, &m->id, "IIsbisssIisIIs",
	    m->sender_id, m->topic_id, m->title, m->content, m->content_len,
	    m->tpl, m->channel, m->webhook, m->callback_url, m->not_after_ms,
	    m->status, m->error, m->created_ms, m->created_ms,
	    m->push_id) != 0)
		goto fail;
	shortcode_encode(SQ(s)->code_key, m->id, m->short_code);
	if (n > 1) {		/* fan-out: one statement for all deliveries */
		if (sq_delivery_add_many(s, m->id, users, NULL, n, channel,
		    m->status, dids) != 0)
			goto fail;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (sq_write(sq_stmt(s, Q_DLV_INSERT), 0, &dids[i], "IIsisIi",
		    m->id, users[i], channel, m->status, m->error,
		    m->created_ms, m->status == MSG_SENT) != 0)
			goto fail;
	}
	return 0;
fail:
	if (err)
		strbuf_setf(err, "insert message: %s",
		    sqlite3_errmsg(SQ(s)->db));
	return FG_ESTORE;
}

/* Read MSG_COLS (or the inbox's variant) starting at column c. */
static void
read_message(struct store *s, sqlite3_stmt *st, int c,
    struct message *m)
{
	sq_read(st, c, &msg_row, m);
	shortcode_encode(SQ(s)->code_key, m->id, m->short_code);
	m->content_len = (size_t)sqlite3_column_bytes(st, c + 4);
}

static int
get_one(struct store *s, sqlite3_stmt *st, struct message *m)
{
	int rc = sqlite3_step(st);

	memset(m, 0, sizeof(*m));
	if (rc == SQLITE_ROW)
		read_message(s, st, 0, m);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT : FG_ESTORE;
}

int
sq_message_get(struct store *s, const char *code, struct message *m)
{
	int64_t id;

	memset(m, 0, sizeof(*m));
	if (shortcode_decode(SQ(s)->code_key, code, &id) != 0)
		return FG_ENOENT;
	return sq_message_get_id(s, id, m);
}

int
sq_message_get_id(struct store *s, int64_t id, struct message *m)
{
	sqlite3_stmt *st = sq_stmt(s, Q_MSG_BY_ID);

	if (st == NULL)
		return FG_ESTORE;
	sq_bind(st, "I", id);
	return get_one(s, st, m);
}

int
sq_message_list(struct store *s, int64_t sender, int limit,
    store_message_cb cb, void *arg)
{
	sqlite3_stmt *st = sq_stmt(s, sender ? Q_MSG_LIST : Q_MSG_LIST_ALL);
	struct message m;
	int rc = 0;

	if (st == NULL)
		return FG_ESTORE;
	if (sender)
		sq_bind(st, "Ii", sender, limit);
	else
		sq_bind(st, "i", limit);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		read_message(s, st, 0, &m);
		rc = cb(arg, &m);
		message_release(&m);
	}
	sqlite3_reset(st);
	return rc;
}

int
sq_message_settle(struct store *s, int64_t id, int *status,
    struct strbuf *error)
{
	sqlite3_stmt *st;
	int64_t open;
	int total = 0;

	if (sq_int64(sq_stmt(s, Q_MSG_OPEN), 0, &open, "I", id) != 0)
		return FG_ESTORE;
	if (open > 0)
		return 0;
	strbuf_reset(error);
	*status = MSG_SENT;
	if ((st = sq_stmt(s, Q_MSG_FIRST_ERR)) == NULL)
		return FG_ESTORE;
	sq_bind(st, "I", id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*status = MSG_FAILED;
		total = sqlite3_column_int(st, 1);
		strbuf_addstr(error, (const char *)sqlite3_column_text(st, 0));
		if (total > 1)
			strbuf_addf(error, " (and maybe other recipients, "
			    "%d in all)", total);
	}
	sqlite3_reset(st);
	if (sq_message_set_status(s, id, *status, error->buf) != 0)
		return FG_ESTORE;
	return 1;
}

int
sq_message_set_status(struct store *s, int64_t id, int status,
    const char *error)
{
	return sq_run(sq_stmt(s, Q_MSG_SET_STATUS), 0, "isII", status, error,
	    clock_ms(), id);
}

int
sq_delivery_list(struct store *s, int64_t message, store_delivery_cb cb,
    void *arg)
{
	return sq_each(sq_stmt(s, Q_DLV_LIST), 0, &dlv_row, (sq_row_cb)cb,
	    arg, "I", message);
}

int
sq_delivery_pending(struct store *s, store_delivery_cb cb, void *arg)
{
	return sq_each(sq_stmt(s, Q_DLV_PENDING), 0, &dlv_row, (sq_row_cb)cb,
	    arg, "");
}

/*
 * One node (spool.h): the queue holds every open delivery from its
 * start, so there is nothing to claim and no lease to keep.
 */
int
sq_delivery_claim(struct store *s, int limit, store_delivery_cb cb, void *arg)
{
	(void)s;
	(void)limit;
	(void)cb;
	(void)arg;
	return 0;
}

int
sq_lease(struct store *s, int release)
{
	(void)s;
	(void)release;
	return 0;
}

/*
 * Count one send against key's limit in window win (spool.h), in the
 * writer's transaction of that send.
 */
int
sq_rate_take(struct store *s, const char *key, int64_t win, int64_t limit,
    int *taken)
{
	int rc = sq_run(sq_stmt(s, Q_RATE_TAKE), SQ_CHANGES, "sII", key, win,
	    limit);

	*taken = rc == 0;
	return rc == FG_ENOENT ? 0 : rc;
}

int
sq_delivery_update(struct store *s, int64_t id, int status, int attempts,
    int64_t next_ms, const char *error)
{
	return sq_run(sq_stmt(s, Q_DLV_UPDATE), 0, "iiIsII", status, attempts,
	    next_ms, error, clock_ms(), id);
}

int
sq_inbox_add(struct store *s, int64_t user, int64_t message,
    int64_t delivery, int64_t *inbox_id)
{

	return sq_write(sq_stmt(s, Q_INBOX_ADD), 0, inbox_id, "IIII", user,
	    message, delivery, clock_ms());
}

int
sq_inbox_list(struct store *s, int64_t user, int64_t since, int limit,
    int desc, store_inbox_cb cb, void *arg)
{
	sqlite3_stmt *st = sq_stmt(s, desc ? Q_INBOX_DESC : Q_INBOX_ASC);
	struct store_inbox_item it;
	int rc = 0;

	if (st == NULL)
		return FG_ESTORE;
	sq_bind(st, "IIi", user, since, limit);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		it.id = sqlite3_column_int64(st, 0);
		read_message(s, st, 1, &it.msg);
		/* INBOX_FROM follows i.id and the 15 message columns */
		sq_col_copy(st, 16, it.app_name, sizeof(it.app_name));
		sq_col_copy(st, 17, it.topic_name, sizeof(it.topic_name));
		sq_col_copy(st, 18, it.group_name, sizeof(it.group_name));
		sq_col_copy(st, 19, it.sender_name, sizeof(it.sender_name));
		rc = cb(arg, &it);
		message_release(&it.msg);
	}
	sqlite3_reset(st);
	return rc;
}

int
sq_outbox_add(struct store *s, const char *url, const char *body,
    int64_t due_ms)
{
	return sq_run(sq_stmt(s, Q_OUTBOX_ADD), 0, "ssI", url, body, due_ms);
}

int
sq_outbox_due(struct store *s, int64_t now, int limit, store_outbox_cb cb,
    void *arg)
{
	return sq_each(sq_stmt(s, Q_OUTBOX_DUE), 0, &outbox_row, (sq_row_cb)cb,
	    arg, "Ii", now, limit);
}

int
sq_outbox_done(struct store *s, int64_t id, int ok, int attempts,
    int64_t next_ms, const char *error)
{
	/* 0 = due again at next_ms, 1 = delivered, 2 = gave up */
	return sq_run(sq_stmt(s, Q_OUTBOX_DONE), 0, "iiIsI", ok, attempts,
	    next_ms, error, id);
}
