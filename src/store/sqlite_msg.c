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
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_int.h"
#include "util/ids.h"
#include "util/strbuf.h"

static void
bind_str(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

int
sq_message_insert(struct store *s, struct message *m,
    const int64_t *users, size_t n, const char *channel, int64_t *dids,
    struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, Q_MSG_INSERT);
	size_t i;

	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, m->sender_id);
	sqlite3_bind_int64(st, 2, m->topic_id);
	bind_str(st, 3, m->title);
	sqlite3_bind_text(st, 4, m->content, (int)m->content_len,
	    SQLITE_STATIC);
	sqlite3_bind_int(st, 5, m->tpl);
	bind_str(st, 6, m->channel);
	bind_str(st, 7, m->webhook);
	bind_str(st, 8, m->callback_url);
	sqlite3_bind_int64(st, 9, m->not_after_ms);
	sqlite3_bind_int(st, 10, m->status);
	bind_str(st, 11, m->error);
	sqlite3_bind_int64(st, 12, m->created_ms);
	sqlite3_bind_int64(st, 13, m->created_ms);
	if (sq_step_done(s, st) != 0)
		goto fail;
	m->id = sqlite3_last_insert_rowid(SQ(s)->db);
	shortcode_encode(SQ(s)->code_key, m->id, m->short_code);
	if (n > 1) {		/* fan-out: one statement for all deliveries */
		if (sq_delivery_add_many(s, m->id, users, NULL, n, channel,
		    m->status, dids) != 0)
			goto fail;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if ((st = sq_stmt(s, Q_DLV_INSERT)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, m->id);
		sqlite3_bind_int64(st, 2, users[i]);
		bind_str(st, 3, channel);
		sqlite3_bind_int(st, 4, m->status);
		bind_str(st, 5, m->error);
		sqlite3_bind_int64(st, 6, m->created_ms);
		sqlite3_bind_int(st, 7, m->status == MSG_SENT);
		if (sq_step_done(s, st) != 0)
			goto fail;
		dids[i] = sqlite3_last_insert_rowid(SQ(s)->db);
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
	m->id = sqlite3_column_int64(st, c);
	shortcode_encode(SQ(s)->code_key, m->id, m->short_code);
	m->sender_id = sqlite3_column_int64(st, c + 1);
	m->topic_id = sqlite3_column_int64(st, c + 2);
	m->title = sq_col_dup(st, c + 3);
	m->content = sq_col_dup(st, c + 4);
	m->content_len = (size_t)sqlite3_column_bytes(st, c + 4);
	m->tpl = sqlite3_column_int(st, c + 5);
	sq_col_copy(st, c + 6, m->channel, sizeof(m->channel));
	m->webhook = sq_col_dup(st, c + 7);
	m->callback_url = sq_col_dup(st, c + 8);
	m->not_after_ms = sqlite3_column_int64(st, c + 9);
	m->status = sqlite3_column_int(st, c + 10);
	m->error = sq_col_dup(st, c + 11);
	m->created_ms = sqlite3_column_int64(st, c + 12);
	m->updated_ms = sqlite3_column_int64(st, c + 13);
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
	sqlite3_bind_int64(st, 1, id);
	return get_one(s, st, m);
}

int
sq_message_list(struct store *s, int64_t sender, int limit,
    store_message_cb cb, void *arg)
{
	sqlite3_stmt *st = sq_stmt(s, sender ? Q_MSG_LIST : Q_MSG_LIST_ALL);
	struct message m;
	int rc = 0, i = 1;

	if (st == NULL)
		return FG_ESTORE;
	if (sender)
		sqlite3_bind_int64(st, i++, sender);
	sqlite3_bind_int(st, i, limit);
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
	sqlite3_stmt *st = sq_stmt(s, Q_MSG_OPEN);
	int open, total = 0;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return FG_ESTORE;
	}
	open = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (open > 0)
		return 0;
	strbuf_reset(error);
	*status = MSG_SENT;
	if ((st = sq_stmt(s, Q_MSG_FIRST_ERR)) == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
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
	sqlite3_stmt *st = sq_stmt(s, Q_MSG_SET_STATUS);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int(st, 1, status);
	bind_str(st, 2, error);
	sqlite3_bind_int64(st, 3, clock_ms());
	sqlite3_bind_int64(st, 4, id);
	return sq_step_done(s, st);
}

static void
read_delivery(sqlite3_stmt *st, struct store_delivery *d)
{
	d->id = sqlite3_column_int64(st, 0);
	d->message_id = sqlite3_column_int64(st, 1);
	d->user_id = sqlite3_column_int64(st, 2);
	sq_col_copy(st, 3, d->uid, sizeof(d->uid));
	sq_col_copy(st, 4, d->channel, sizeof(d->channel));
	d->status = sqlite3_column_int(st, 5);
	d->attempts = sqlite3_column_int(st, 6);
	d->next_ms = sqlite3_column_int64(st, 7);
	sq_col_copy(st, 8, d->error, sizeof(d->error));
}

static int
each_delivery(sqlite3_stmt *st, store_delivery_cb cb, void *arg)
{
	struct store_delivery d;
	int rc = 0;

	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		read_delivery(st, &d);
		rc = cb(arg, &d);
	}
	sqlite3_reset(st);
	return rc;
}

int
sq_delivery_list(struct store *s, int64_t message, store_delivery_cb cb,
    void *arg)
{
	sqlite3_stmt *st = sq_stmt(s, Q_DLV_LIST);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, message);
	return each_delivery(st, cb, arg);
}

int
sq_delivery_pending(struct store *s, store_delivery_cb cb, void *arg)
{
	sqlite3_stmt *st = sq_stmt(s, Q_DLV_PENDING);

	return st ? each_delivery(st, cb, arg) : FG_ESTORE;
}

int
sq_delivery_update(struct store *s, int64_t id, int status, int attempts,
    int64_t next_ms, const char *error)
{
	sqlite3_stmt *st = sq_stmt(s, Q_DLV_UPDATE);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int(st, 1, status);
	sqlite3_bind_int(st, 2, attempts);
	sqlite3_bind_int64(st, 3, next_ms);
	bind_str(st, 4, error);
	sqlite3_bind_int64(st, 5, clock_ms());
	sqlite3_bind_int64(st, 6, id);
	return sq_step_done(s, st);
}

int
sq_inbox_add(struct store *s, int64_t user, int64_t message,
    int64_t delivery, int64_t *inbox_id)
{
	sqlite3_stmt *st = sq_stmt(s, Q_INBOX_ADD);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int64(st, 2, message);
	sqlite3_bind_int64(st, 3, delivery);
	sqlite3_bind_int64(st, 4, clock_ms());
	if ((rc = sq_step_done(s, st)) == 0)
		*inbox_id = sqlite3_last_insert_rowid(SQ(s)->db);
	return rc;
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
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int(st, 3, limit);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		it.id = sqlite3_column_int64(st, 0);
		read_message(s, st, 1, &it.msg);
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
	sqlite3_stmt *st = sq_stmt(s, Q_OUTBOX_ADD);

	if (st == NULL)
		return FG_ESTORE;
	bind_str(st, 1, url);
	bind_str(st, 2, body);
	sqlite3_bind_int64(st, 3, due_ms);
	return sq_step_done(s, st);
}

int
sq_outbox_due(struct store *s, int64_t now, int limit, store_outbox_cb cb,
    void *arg)
{
	sqlite3_stmt *st = sq_stmt(s, Q_OUTBOX_DUE);
	struct store_outbox o;
	int rc = 0;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, limit);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		o.id = sqlite3_column_int64(st, 0);
		o.url = sq_col_dup(st, 1);
		o.body = sq_col_dup(st, 2);
		o.attempts = sqlite3_column_int(st, 3);
		rc = cb(arg, &o);
		free(o.url);
		free(o.body);
	}
	sqlite3_reset(st);
	return rc;
}

int
sq_outbox_done(struct store *s, int64_t id, int ok, int attempts,
    int64_t next_ms, const char *error)
{
	sqlite3_stmt *st = sq_stmt(s, Q_OUTBOX_DONE);

	if (st == NULL)
		return FG_ESTORE;
	/* 0 = due again at next_ms, 1 = delivered, 2 = gave up */
	sqlite3_bind_int(st, 1, ok);
	sqlite3_bind_int(st, 2, attempts);
	sqlite3_bind_int64(st, 3, next_ms);
	bind_str(st, 4, error);
	sqlite3_bind_int64(st, 5, id);
	return sq_step_done(s, st);
}
