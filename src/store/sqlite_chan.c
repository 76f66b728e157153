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
#include "store/sqlite_int.h"
#include "util/ids.h"
#include "util/strbuf.h"

#define CHAN_COLS "id, owner_id, kind, code, name, type, url, host, port, " \
	"ssl, account, password, corpid, agentid, secret, created_ms"

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

static int
prep(struct store *s, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(SQ(s)->db, sql, -1, st, NULL) == SQLITE_OK ?
	    0 : FG_ESTORE;
}

static void
read_chan(sqlite3_stmt *st, struct store_chan *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->owner_id = sqlite3_column_int64(st, 1);
	c->kind = sqlite3_column_int(st, 2);
	sq_col_copy(st, 3, c->code, sizeof(c->code));
	sq_col_copy(st, 4, c->name, sizeof(c->name));
	c->type = sqlite3_column_int(st, 5);
	sq_col_copy(st, 6, c->url, sizeof(c->url));
	sq_col_copy(st, 7, c->host, sizeof(c->host));
	c->port = sqlite3_column_int(st, 8);
	c->ssl = sqlite3_column_int(st, 9);
	sq_col_copy(st, 10, c->account, sizeof(c->account));
	sq_col_copy(st, 11, c->password, sizeof(c->password));
	sq_col_copy(st, 12, c->corpid, sizeof(c->corpid));
	c->agentid = sqlite3_column_int64(st, 13);
	sq_col_copy(st, 14, c->secret, sizeof(c->secret));
	c->created_ms = sqlite3_column_int64(st, 15);
}

/* Step a one-row SELECT of CHAN_COLS; FG_ENOENT when there is none. */
static int
one_chan(sqlite3_stmt *st, struct store_chan *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		read_chan(st, out);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

int
sq_chan_add(struct store *s, struct store_chan *c, struct strbuf *err)
{
	sqlite3_stmt *st;
	int rc;

	if (prep(s, "INSERT INTO channel_configs (owner_id, kind, code, name, "
	    "type, url, host, port, ssl, account, password, corpid, agentid, "
	    "secret, created_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    &st) != 0)
		goto fail;
	c->created_ms = clock_ms();
	sqlite3_bind_int64(st, 1, c->owner_id);
	sqlite3_bind_int(st, 2, c->kind);
	sqlite3_bind_text(st, 3, c->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, c->type);
	sqlite3_bind_text(st, 6, c->url, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, c->host, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, c->port);
	sqlite3_bind_int(st, 9, c->ssl);
	sqlite3_bind_text(st, 10, c->account, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, c->password, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, c->corpid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 13, c->agentid);
	sqlite3_bind_text(st, 14, c->secret, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 15, c->created_ms);
	rc = sq_step_done(s, st);
	if (rc == 0)
		c->id = sqlite3_last_insert_rowid(SQ(s)->db);
	sqlite3_finalize(st);
	if (rc == FG_EEXIST) {
		strbuf_setf(err, "%s code '%s' already exists for this user",
		    store_chan_kind_name(c->kind), c->code);
		return rc;
	}
	if (rc == 0)
		return 0;
fail:
	strbuf_setf(err, "add %s config: %s", store_chan_kind_name(c->kind),
	    sqlite3_errmsg(SQ(s)->db));
	return FG_ESTORE;
}

int
sq_chan_get(struct store *s, int64_t id, struct store_chan *out)
{
	sqlite3_stmt *st;

	if (prep(s, "SELECT " CHAN_COLS " FROM channel_configs WHERE id = ?",
	    &st) != 0)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return one_chan(st, out);
}

int
sq_chan_by_code(struct store *s, int64_t owner, int kind, const char *code,
    struct store_chan *out)
{
	sqlite3_stmt *st;

	if (prep(s, "SELECT " CHAN_COLS " FROM channel_configs WHERE "
	    "owner_id = ? AND kind = ? AND code = ?", &st) != 0)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, owner);
	sqlite3_bind_int(st, 2, kind);
	sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
	return one_chan(st, out);
}

int
sq_chan_list(struct store *s, int64_t owner, int kind, store_chan_cb cb,
    void *arg)
{
	struct store_chan c;
	sqlite3_stmt *st;
	int rc = 0, step;

	if (prep(s, "SELECT " CHAN_COLS " FROM channel_configs WHERE "
	    "owner_id = ? AND kind = ? ORDER BY id", &st) != 0)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, owner);
	sqlite3_bind_int(st, 2, kind);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		read_chan(st, &c);
		rc = cb(arg, &c);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = FG_ESTORE;
	sqlite3_finalize(st);
	return rc;
}

int
sq_chan_update(struct store *s, const struct store_chan *c,
    struct strbuf *err)
{
	sqlite3_stmt *st;
	int rc;

	if (prep(s, "UPDATE channel_configs SET code = ?, name = ?, type = ?, "
	    "url = ?, host = ?, port = ?, ssl = ?, account = ?, password = ?, "
	    "corpid = ?, agentid = ?, secret = ? WHERE id = ? AND "
	    "owner_id = ? AND kind = ?", &st) != 0)
		goto fail;
	sqlite3_bind_text(st, 1, c->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, c->type);
	sqlite3_bind_text(st, 4, c->url, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->host, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, c->port);
	sqlite3_bind_int(st, 7, c->ssl);
	sqlite3_bind_text(st, 8, c->account, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, c->password, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, c->corpid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 11, c->agentid);
	sqlite3_bind_text(st, 12, c->secret, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 13, c->id);
	sqlite3_bind_int64(st, 14, c->owner_id);
	sqlite3_bind_int(st, 15, c->kind);
	rc = sq_step_done(s, st);
	if (rc == 0 && sqlite3_changes(SQ(s)->db) == 0)
		rc = FG_ENOENT;
	sqlite3_finalize(st);
	if (rc == FG_EEXIST)
		strbuf_setf(err, "%s code '%s' already exists for this user",
		    store_chan_kind_name(c->kind), c->code);
	else if (rc == FG_ENOENT)
		strbuf_setf(err, "no %s config %lld of this user",
		    store_chan_kind_name(c->kind), (long long)c->id);
	else if (rc != 0)
		goto fail;
	return rc;
fail:
	strbuf_setf(err, "update %s config: %s",
	    store_chan_kind_name(c->kind), sqlite3_errmsg(SQ(s)->db));
	return FG_ESTORE;
}

int
sq_chan_delete(struct store *s, int64_t owner, int64_t id)
{
	sqlite3_stmt *st;
	int rc;

	if (prep(s, "DELETE FROM channel_configs WHERE id = ? AND "
	    "owner_id = ?", &st) != 0)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, owner);
	rc = sq_step_done(s, st);
	if (rc == 0 && sqlite3_changes(SQ(s)->db) == 0)
		rc = FG_ENOENT;
	sqlite3_finalize(st);
	return rc;
}

int
sq_msg_chan_set(struct store *s, const struct store_msg_chan *mc)
{
	sqlite3_stmt *st;
	int rc;

	if (prep(s, "INSERT OR REPLACE INTO message_channels (message_id, "
	    "chan_id, touser) VALUES (?,?,?)", &st) != 0)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, mc->message_id);
	sqlite3_bind_int64(st, 2, mc->chan_id);
	sqlite3_bind_text(st, 3, mc->to, -1, SQLITE_STATIC);
	rc = sq_step_done(s, st);
	sqlite3_finalize(st);
	return rc;
}

int
sq_msg_chan_get(struct store *s, int64_t message, struct store_msg_chan *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (prep(s, "SELECT chan_id, touser FROM message_channels WHERE "
	    "message_id = ?", &st) != 0)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, message);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->message_id = message;
		out->chan_id = sqlite3_column_int64(st, 0);
		sq_col_copy(st, 1, out->to, sizeof(out->to));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

int
sq_user_email_set(struct store *s, int64_t user, const char *email)
{
	sqlite3_stmt *st;
	int rc;

	if (prep(s, "UPDATE users SET email = ? WHERE id = ?", &st) != 0)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user);
	rc = sq_step_done(s, st);
	if (rc == 0 && sqlite3_changes(SQ(s)->db) == 0)
		rc = FG_ENOENT;
	sqlite3_finalize(st);
	return rc;
}

int
sq_user_email_get(struct store *s, int64_t user, char *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = '\0';
	if (prep(s, "SELECT email FROM users WHERE id = ?", &st) != 0)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		sq_col_copy(st, 0, out, STORE_EMAIL_MAX + 1);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}
