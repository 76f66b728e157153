/*
 * pg_msg.c: messages, deliveries, the inbox and the callback outbox
 * for the PostgreSQL backend (sqlite_msg.c's counterpart; pg.c has the
 * connection and the statements of this file).
 *
 * message_insert is the hot path of every accepted send: it runs on the
 * writer thread inside a group-commit transaction, with prepared
 * statements; the content goes as a binary bytea parameter with its
 * length, so libpq sends it without a copy or a scan for its end, and
 * comes back in bytea's text form, decoded in read_message().  The
 * message, its single delivery and an inbox item name ids taken ahead
 * (pg_ids.c) and go into the writer's pipeline (pg_pipe.c): a batch of
 * sends waits for the server at its COMMIT, not at each insert.
 */
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "store/pg_row.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

static const struct sq_row msg_row = SQ_ROW(struct message, id, sender_id,
    topic_id, title, content, tpl, channel, webhook, callback_url,
    not_after_ms, status, error, created_ms, updated_ms, push_id);
static const struct sq_row dlv_row = SQ_ROW(struct store_delivery, id,
    message_id, user_id, uid, channel, status, attempts, next_ms, error);
static const struct sq_row outbox_row = SQ_ROW(struct store_outbox, id, url,
    body, attempts);

int
pg_message_insert(struct store *s, struct message *m, const int64_t *users,
    size_t n, const char *channel, int64_t *dids, struct strbuf *err)
{
	size_t i;

	if (pg_ids_take(s, PG_IDS_MSG, &m->id) != 0 ||
	    pg_defer(pg_stmt(s, Q_MSG_INSERT), NULL, "IIIsbisssIisIIs", m->id,
		m->sender_id, m->topic_id, m->title, m->content,
		m->content_len, m->tpl, m->channel, m->webhook,
		m->callback_url, m->not_after_ms, m->status, m->error,
		m->created_ms, m->created_ms, m->push_id) != 0)
		goto fail;
	shortcode_encode(PG(s)->code_key, m->id, m->short_code);
	if (n > 1) { /* fan-out: one statement for all deliveries */
		if (pg_delivery_add_many(s, m->id, users, NULL, n, channel,
			m->status, dids) != 0)
			goto fail;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (pg_ids_take(s, PG_IDS_DLV, &dids[i]) != 0 ||
		    pg_defer(pg_stmt(s, Q_DLV_INSERT), NULL, "IIIsisIi",
			dids[i], m->id, users[i], channel, m->status, m->error,
			m->created_ms, m->status == MSG_SENT) != 0)
			goto fail;
	}
	return 0;
fail:
	if (err)
		strbuf_setf(err, "insert message: %s", PG(s)->error);
	return FG_ESTORE;
}

/* Read MSG_COLS (or the inbox's variant) of row i from column c. */
static void
read_message(struct store *s, const PGresult *res, int i, int c,
    struct message *m)
{
	unsigned char *raw;
	size_t n = 0;

	pg_read(res, i, c, &msg_row, m);
	shortcode_encode(PG(s)->code_key, m->id, m->short_code);
	/* content is bytea, which arrives in its text form (\x and hex) */
	raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, i, c + 4),
	    &n);
	free(m->content);
	m->content = xstrndup(raw ? (const char *)raw : "", raw ? n : 0);
	m->content_len = raw ? n : 0;
	PQfreemem(raw);
}

int
pg_message_get(struct store *s, const char *code, struct message *m)
{
	int64_t id;

	memset(m, 0, sizeof(*m));
	if (shortcode_decode(PG(s)->code_key, code, &id) != 0)
		return FG_ENOENT;
	return pg_message_get_id(s, id, m);
}

int
pg_message_get_id(struct store *s, int64_t id, struct message *m)
{
	PGresult *res;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((res = pg_exec(pg_stmt(s, Q_MSG_BY_ID), 0, &rc, "I", id)) == NULL)
		return rc;
	if (PQntuples(res) > 0)
		read_message(s, res, 0, 0, m);
	else
		rc = FG_ENOENT;
	PQclear(res);
	return rc;
}

int
pg_message_list(struct store *s, int64_t sender, int limit,
    store_message_cb cb, void *arg)
{
	struct message m;
	PGresult *res;
	int i, rc;

	if (sender)
		res = pg_exec(pg_stmt(s, Q_MSG_LIST), 0, &rc, "Ii", sender,
		    limit);
	else
		res = pg_exec(pg_stmt(s, Q_MSG_LIST_ALL), 0, &rc, "i", limit);
	if (res == NULL)
		return rc;
	for (i = 0; rc == 0 && i < PQntuples(res); i++) {
		read_message(s, res, i, 0, &m);
		rc = cb(arg, &m);
		message_release(&m);
	}
	PQclear(res);
	return rc;
}

int
pg_message_settle(struct store *s, int64_t id, int *status,
    struct strbuf *error)
{
	PGresult *res;
	int64_t open;
	int total = 0, rc;

	if (pg_i64(pg_stmt(s, Q_MSG_OPEN), 0, &open, "I", id) != 0)
		return FG_ESTORE;
	if (open > 0)
		return 0;
	strbuf_reset(error);
	*status = MSG_SENT;
	if ((res = pg_exec(pg_stmt(s, Q_MSG_FIRST_ERR), 0, &rc, "I", id)) ==
	    NULL)
		return FG_ESTORE;
	if (PQntuples(res) > 0) {
		*status = MSG_FAILED;
		total = (int)pg_col_i64(res, 0, 1);
		strbuf_addstr(error, PQgetvalue(res, 0, 0));
		if (total > 1)
			strbuf_addf(error,
			    " (and maybe other recipients, "
			    "%d in all)",
			    total);
	}
	PQclear(res);
	if (pg_message_set_status(s, id, *status, error->buf) != 0)
		return FG_ESTORE;
	return 1;
}

int
pg_message_set_status(struct store *s, int64_t id, int status,
    const char *error)
{
	return pg_run(pg_stmt(s, Q_MSG_SET_STATUS), 0, "isII", status, error,
	    clock_ms(), id);
}

int
pg_delivery_list(struct store *s, int64_t message, store_delivery_cb cb,
    void *arg)
{
	return pg_each(pg_stmt(s, Q_DLV_LIST), 0, &dlv_row, (sq_row_cb)cb, arg,
	    "I", message);
}

int
pg_delivery_pending(struct store *s, store_delivery_cb cb, void *arg)
{
	return pg_each(pg_stmt(s, Q_DLV_PENDING), 0, &dlv_row, (sq_row_cb)cb,
	    arg, "");
}

int
pg_delivery_claim(struct store *s, int limit, store_delivery_cb cb, void *arg)
{
	return pg_each(pg_stmt(s, Q_DLV_CLAIM), 0, &dlv_row, (sq_row_cb)cb,
	    arg, "i", limit);
}

int
pg_delivery_update(struct store *s, int64_t id, int status, int attempts,
    int64_t next_ms, const char *error)
{
	return pg_run(pg_stmt(s, Q_DLV_UPDATE), 0, "iiIsII", status, attempts,
	    next_ms, error, clock_ms(), id);
}

int
pg_inbox_add(struct store *s, int64_t user, int64_t message, int64_t delivery,
    int64_t *inbox_id)
{

	int64_t id = 0;
	int rc;

	/* the id under the order lock, then the insert into the pipeline */
	if ((rc = pg_live_lock(s)) != 0 ||
	    (rc = pg_ids_take(s, PG_IDS_INBOX, &id)) != 0 ||
	    (rc = pg_defer(pg_stmt(s, Q_INBOX_ADD), NULL, "IIIII", id, user,
		 message, delivery, clock_ms())) != 0)
		return rc;
	if (inbox_id)
		*inbox_id = id;
	return pg_live_note(s, &id, &user, 1);
}

int
pg_inbox_list(struct store *s, int64_t user, int64_t since, int limit,
    int desc, store_inbox_cb cb, void *arg)
{
	struct store_inbox_item it;
	PGresult *res;
	int i, rc;

	if ((res = pg_exec(pg_stmt(s, desc ? Q_INBOX_DESC : Q_INBOX_ASC), 0,
		 &rc, "IIi", user, since, limit)) == NULL)
		return rc;
	for (i = 0; rc == 0 && i < PQntuples(res); i++) {
		it.id = pg_col_i64(res, i, 0);
		read_message(s, res, i, 1, &it.msg);
		/* INBOX_FROM follows i.id and the 15 message columns */
		pg_col_copy(res, i, 16, it.app_name, sizeof(it.app_name));
		pg_col_copy(res, i, 17, it.topic_name, sizeof(it.topic_name));
		pg_col_copy(res, i, 18, it.group_name, sizeof(it.group_name));
		pg_col_copy(res, i, 19, it.sender_name,
		    sizeof(it.sender_name));
		rc = cb(arg, &it);
		message_release(&it.msg);
	}
	PQclear(res);
	return rc;
}

int
pg_outbox_add(struct store *s, const char *url, const char *body,
    int64_t due_ms)
{
	return pg_run(pg_stmt(s, Q_OUTBOX_ADD), 0, "ssI", url, body, due_ms);
}

int
pg_outbox_due(struct store *s, int64_t now, int limit, store_outbox_cb cb,
    void *arg)
{
	return pg_each(pg_stmt(s, Q_OUTBOX_DUE), 0, &outbox_row, (sq_row_cb)cb,
	    arg, "Ii", now, limit);
}

int
pg_outbox_done(struct store *s, int64_t id, int ok, int attempts,
    int64_t next_ms, const char *error)
{
	/* 0 = due again at next_ms, 1 = delivered, 2 = gave up */
	return pg_run(pg_stmt(s, Q_OUTBOX_DONE), 0, "iiIsI", ok, attempts,
	    next_ms, error, id);
}
