/*
 * sqlite_chan.c: channel configurations, the config a channel send was
 * accepted with, and users' e-mail addresses, for the SQLite backend
 * (store_chan.h).
 *
 * These statements are not on the hot path of a wechat send: a lookup
 * by code runs once per channel send on the accepting thread's reader,
 * the message's config row is one insert in the send's transaction, and
 * the worker reads both back once per attempt.  They are prepared per
 * call rather than cached, which keeps this file apart from the shared
 * statement table in sqlite_int.h.
 */
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_row.h"
#include "util/ids.h"
#include "util/strbuf.h"

#define CHAN_COLS "id, owner_id, kind, code, name, type, url, host, port, " \
	"ssl, account, password, corpid, agentid, secret, http_method, " \
	"headers, body, created_ms"

const char *
store_chan_kind_name(int kind)
{
	switch (kind) {
	case STORE_CHAN_WEBHOOK:
		return "webhook";
	case STORE_CHAN_MAIL:
		return "mail";
	case STORE_CHAN_CP:
		return "cp";
	}
	return "?";
}

static const struct sq_row chan_row = SQ_ROW(struct store_chan, id, owner_id,
    kind, code, name, type, url, host, port, ssl, account, password, corpid,
    agentid, secret, http_method, headers, body, created_ms);
static const struct sq_row msg_chan_row = SQ_ROW(struct store_msg_chan,
    chan_id, to);

/* Say in err why a config was not written (rc of sq_write); rc. */
static int
chan_failed(struct store *s, const struct store_chan *c, const char *verb,
    int rc, struct strbuf *err)
{
	const char *kind = store_chan_kind_name(c->kind);

	if (rc == FG_EEXIST)
		strbuf_setf(err, "%s code '%s' already exists for this user",
		    kind, c->code);
	else if (rc == FG_ENOENT)
		strbuf_setf(err, "no %s config %lld of this user", kind,
		    (long long)c->id);
	else if (rc != 0)
		strbuf_setf(err, "%s %s config: %s", verb, kind,
		    sqlite3_errmsg(SQ(s)->db));
	return rc;
}

int
sq_chan_add(struct store *s, struct store_chan *c, struct strbuf *err)
{
	c->created_ms = clock_ms();
	return chan_failed(s, c, "add", sq_write(sq_prep(s, "INSERT INTO "
	    "channel_configs (owner_id, kind, code, name, type, url, host, "
	    "port, ssl, account, password, corpid, agentid, secret, "
	    "http_method, headers, body, created_ms) VALUES "
	    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"), SQ_FINAL, &c->id,
	    "IittittiitttIttttI", c->owner_id, c->kind, c->code, c->name,
	    c->type, c->url, c->host, c->port, c->ssl, c->account,
	    c->password, c->corpid, c->agentid, c->secret, c->http_method,
	    c->headers, c->body, c->created_ms),
	    err);
}

int
sq_chan_get(struct store *s, int64_t id, struct store_chan *out)
{
	return sq_one(sq_cached(s, Q_CHAN_GET, "SELECT " CHAN_COLS " FROM "
	    "channel_configs WHERE id = ?"), 0, &chan_row, out, "I", id);
}

int
sq_chan_by_code(struct store *s, int64_t owner, int kind, const char *code,
    struct store_chan *out)
{
	return sq_one(sq_prep(s, "SELECT " CHAN_COLS " FROM channel_configs "
	    "WHERE owner_id = ? AND kind = ? AND code = ?"), SQ_FINAL,
	    &chan_row, out, "Iit", owner, kind, code);
}

int
sq_chan_list(struct store *s, int64_t owner, int kind, store_chan_cb cb,
    void *arg)
{
	return sq_each(sq_prep(s, "SELECT " CHAN_COLS " FROM channel_configs "
	    "WHERE owner_id = ? AND kind = ? ORDER BY id"), SQ_FINAL, &chan_row,
	    (sq_row_cb)cb, arg, "Ii", owner, kind);
}

int
sq_chan_update(struct store *s, const struct store_chan *c,
    struct strbuf *err)
{
	return chan_failed(s, c, "update", sq_run(sq_prep(s, "UPDATE "
	    "channel_configs SET code = ?, name = ?, type = ?, url = ?, "
	    "host = ?, port = ?, ssl = ?, account = ?, password = ?, "
	    "corpid = ?, agentid = ?, secret = ?, http_method = ?, "
	    "headers = ?, body = ? WHERE id = ? AND owner_id = ? AND "
	    "kind = ?"), SQ_FINAL | SQ_CHANGES, "ttittiitttIttttIIi", c->code,
	    c->name, c->type, c->url, c->host, c->port, c->ssl, c->account,
	    c->password, c->corpid, c->agentid, c->secret, c->http_method,
	    c->headers, c->body, c->id, c->owner_id, c->kind), err);
}

int
sq_chan_delete(struct store *s, int64_t owner, int64_t id)
{
	return sq_run(sq_prep(s, "DELETE FROM channel_configs WHERE id = ? "
	    "AND owner_id = ?"), SQ_FINAL | SQ_CHANGES, "II", id, owner);
}

int
sq_msg_chan_set(struct store *s, const struct store_msg_chan *mc)
{
	return sq_run(sq_prep(s, "INSERT OR REPLACE INTO message_channels "
	    "(message_id, chan_id, touser) VALUES (?,?,?)"), SQ_FINAL, "IIt",
	    mc->message_id, mc->chan_id, mc->to);
}

int
sq_msg_chan_get(struct store *s, int64_t message, struct store_msg_chan *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sq_one(sq_cached(s, Q_MSG_CHAN_GET, "SELECT chan_id, "
	    "touser FROM message_channels WHERE message_id = ?"), 0,
	    &msg_chan_row, out, "I", message)) == 0)
		out->message_id = message;
	return rc;
}

/* One contact column of a user (sql selects it by id), into out. */
static int
user_col_get(struct store *s, const char *sql, int64_t user, char *out,
    size_t size)
{
	sqlite3_stmt *st = sq_prep(s, sql);
	int rc;

	*out = '\0';
	if (st == NULL)
		return FG_ESTORE;
	sq_bind(st, "I", user);
	if ((rc = sq_step(st)) == 0)
		sq_col_copy(st, 0, out, size);
	sqlite3_finalize(st);
	return rc;
}

int
sq_user_email_set(struct store *s, int64_t user, const char *email)
{
	return sq_run(sq_prep(s, "UPDATE users SET email = ? WHERE id = ?"),
	    SQ_FINAL | SQ_CHANGES, "tI", email, user);
}

int
sq_user_email_get(struct store *s, int64_t user, char *out)
{
	return user_col_get(s, "SELECT email FROM users WHERE id = ?", user,
	    out, STORE_EMAIL_MAX + 1);
}

int
sq_user_phone_set(struct store *s, int64_t user, const char *phone)
{
	return sq_run(sq_prep(s, "UPDATE users SET phone = ? WHERE id = ?"),
	    SQ_FINAL | SQ_CHANGES, "tI", phone, user);
}

int
sq_user_phone_get(struct store *s, int64_t user, char *out)
{
	return user_col_get(s, "SELECT phone FROM users WHERE id = ?", user,
	    out, STORE_PHONE_MAX + 1);
}
