/*
 * twin_chan.c: channel configurations, the config a channel send was
 * accepted with, and users' e-mail addresses and phone numbers, written
 * once for both backends (twin.h; store_chan.h).
 *
 * These statements are not on the hot path of a wechat send: a lookup
 * by code runs once per channel send on the accepting thread's reader,
 * the message's config row is one insert in the send's transaction, and
 * the worker reads both back once per attempt: those two reads are
 * kept prepared on SQLite (twin_one_cached; their parse was a visible
 * part of a webhook delivery's cost), the rest are prepared per call.  The message's config is an upsert of
 * every column (what SQLite's INSERT OR REPLACE made of the row).
 */
#include <string.h>

#include "util/errors.h"
#include "store/store_chan.h"
#include "store/twin.h"
#include "store/twin_tables.h"
#include "util/ids.h"
#include "util/strbuf.h"

#define CHAN_COLS \
	"id, owner_id, kind, code, name, type, url, host, port, " \
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

/* Say in err why a config was not written (rc of the write); rc. */
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
		    twin_errmsg(s));
	return rc;
}

int
twin_chan_add(struct store *s, struct store_chan *c, struct strbuf *err)
{
	c->created_ms = clock_ms();
	return chan_failed(s, c, "add",
	    twin_insert(s,
		"INSERT INTO channel_configs (owner_id, kind, code, name, "
		"type, url, host, port, ssl, account, password, corpid, "
		"agentid, secret, http_method, headers, body, created_ms) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		0, &c->id, "IittittiitttIttttI", c->owner_id, c->kind, c->code,
		c->name, c->type, c->url, c->host, c->port, c->ssl, c->account,
		c->password, c->corpid, c->agentid, c->secret, c->http_method,
		c->headers, c->body, c->created_ms),
	    err);
}

int
twin_chan_get(struct store *s, int64_t id, struct store_chan *out)
{
	return twin_one_cached(s, TWIN_Q_CHAN_GET,
	    "SELECT " CHAN_COLS " FROM channel_configs WHERE id = ?", 0,
	    &chan_row, out, "I", id);
}

int
twin_chan_by_code(struct store *s, int64_t owner, int kind, const char *code,
    struct store_chan *out)
{
	return twin_one(s,
	    "SELECT " CHAN_COLS
	    " FROM channel_configs WHERE owner_id = ? AND kind = ? AND "
	    "code = ?",
	    0, &chan_row, out, "Iit", owner, kind, code);
}

int
twin_chan_list(struct store *s, int64_t owner, int kind, store_chan_cb cb,
    void *arg)
{
	return twin_each(s,
	    "SELECT " CHAN_COLS
	    " FROM channel_configs WHERE owner_id = ? AND kind = ? "
	    "ORDER BY id",
	    0, &chan_row, cb, arg, "Ii", owner, kind);
}

int
twin_chan_update(struct store *s, const struct store_chan *c,
    struct strbuf *err)
{
	return chan_failed(s, c, "update",
	    twin_run(s,
		"UPDATE channel_configs SET code = ?, name = ?, type = ?, "
		"url = ?, host = ?, port = ?, ssl = ?, account = ?, "
		"password = ?, corpid = ?, agentid = ?, secret = ?, "
		"http_method = ?, headers = ?, body = ? "
		"WHERE id = ? AND owner_id = ? AND kind = ?",
		TWIN_CHANGES, "ttittiitttIttttIIi", c->code, c->name, c->type,
		c->url, c->host, c->port, c->ssl, c->account, c->password,
		c->corpid, c->agentid, c->secret, c->http_method, c->headers,
		c->body, c->id, c->owner_id, c->kind),
	    err);
}

int
twin_chan_delete(struct store *s, int64_t owner, int64_t id)
{
	return twin_run(s,
	    "DELETE FROM channel_configs WHERE id = ? AND owner_id = ?",
	    TWIN_CHANGES, "II", id, owner);
}

int
twin_msg_chan_set(struct store *s, const struct store_msg_chan *mc)
{
	return twin_run(s,
	    "INSERT INTO message_channels (message_id, chan_id, touser) "
	    "VALUES (?,?,?) ON CONFLICT (message_id) DO UPDATE SET chan_id "
	    "= excluded.chan_id, touser = excluded.touser",
	    0, "IIt", mc->message_id, mc->chan_id, mc->to);
}

int
twin_msg_chan_get(struct store *s, int64_t message, struct store_msg_chan *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = twin_one_cached(s, TWIN_Q_MSG_CHAN_GET,
		 "SELECT chan_id, touser FROM message_channels "
		 "WHERE message_id = ?",
		 0, &msg_chan_row, out, "I", message)) == 0)
		out->message_id = message;
	return rc;
}

int
twin_user_email_set(struct store *s, int64_t user, const char *email)
{
	return twin_run(s, "UPDATE users SET email = ? WHERE id = ?",
	    TWIN_CHANGES, "tI", email, user);
}

int
twin_user_email_get(struct store *s, int64_t user, char *out)
{
	*out = '\0';
	return twin_text_by_id(s, "SELECT email FROM users WHERE id = ?", user,
	    out, STORE_EMAIL_MAX + 1);
}

int
twin_user_phone_set(struct store *s, int64_t user, const char *phone)
{
	return twin_run(s, "UPDATE users SET phone = ? WHERE id = ?",
	    TWIN_CHANGES, "tI", phone, user);
}

int
twin_user_phone_get(struct store *s, int64_t user, char *out)
{
	*out = '\0';
	return twin_text_by_id(s, "SELECT phone FROM users WHERE id = ?", user,
	    out, STORE_PHONE_MAX + 1);
}
