/*
 * sqlite_open.c: the SQLite side of the pushplus open API
 * (store_open.h): open settings, AccessKey hashes, message tokens and
 * the read-only views of a user's sent messages.
 *
 * These calls are management traffic, not the send path, so each one
 * prepares its statement, runs it and finalizes it instead of joining
 * the backend's prepared-statement table (enum sq_stmt).  Groups,
 * members, friends and join links are in sqlite_open_topic.c,
 * pre-processing scripts in twin_open_pre.c.  The one call
 * on a hot path, token_user (a /send token that is not a user token),
 * runs only on a miss of the token cache (api/tokens.c).
 */
#include <stdio.h>
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_open_int.h"

static void
settings_default(struct store_open_settings *o, int64_t user)
{
	memset(o, 0, sizeof(*o));
	o->user_id = user;
	o->is_send = 1;
}

static const struct sq_row settings_row = SQ_ROW(struct store_open_settings,
    enabled, secret_hash, ips, recevie_limit, is_send, open_message_type,
    extension);

/* No row: the defaults. */
int
so_settings_get(struct store *s, int64_t user, struct store_open_settings *o)
{
	int rc;

	rc = sq_one(sq_prep(s, "SELECT enabled, secret_hash, ips, "
	    "recevie_limit, is_send, open_message_type, extension FROM "
	    "open_settings WHERE user_id = ?"), SQ_FINAL, &settings_row, o,
	    "I", user);
	if (rc != 0)
		settings_default(o, user);
	o->user_id = user;
	return rc == FG_ENOENT ? 0 : rc;
}

int
so_settings_put(struct store *s, const struct store_open_settings *o)
{
	return sq_run(sq_prep(s, "INSERT OR REPLACE INTO open_settings("
	    "user_id, enabled, secret_hash, ips, recevie_limit, is_send, "
	    "open_message_type, extension) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
	    SQO_RUN, "Iittiiii", o->user_id, o->enabled, o->secret_hash, o->ips,
	    o->recevie_limit, o->is_send, o->open_message_type, o->extension);
}

int
so_key_add(struct store *s, int64_t user, const char *hash, int64_t now,
    int64_t expires, int64_t overlap)
{
	int rc;

	/* expired keys go; the user's live keys get the overlap at most */
	if ((rc = sq_run(sq_prep(s, "DELETE FROM open_keys WHERE "
	    "expires_ms <= ?"), SQO_RUN, "I", now)) != 0 ||
	    (rc = sq_run(sq_prep(s, "UPDATE open_keys SET expires_ms = "
	    "min(expires_ms, ?) WHERE user_id = ?"), SQO_RUN, "II", overlap,
	    user)) != 0)
		return rc;
	return sq_run(sq_prep(s, "INSERT INTO open_keys(user_id, key_hash, "
	    "expires_ms, created_ms) VALUES (?, ?, ?, ?)"), SQO_RUN, "ItII",
	    user, hash, expires, now);
}

int
so_key_revoke(struct store *s, int64_t user)
{
	return sq_run(sq_prep(s, "DELETE FROM open_keys WHERE user_id = ?"),
	    SQO_RUN, "I", user);
}

static const struct sq_row key_row = SQ_ROW(struct store_open_key, id, user_id,
    key_hash, expires_ms, created_ms);

int
so_key_list(struct store *s, int64_t user, int64_t now, store_open_key_cb cb,
    void *arg)
{
	return sq_each(sq_prep(s,
			   "SELECT id, user_id, key_hash, expires_ms, "
			   "created_ms FROM open_keys WHERE user_id = ? AND "
			   "expires_ms > ? "
			   "ORDER BY id"),
	    SQ_FINAL, &key_row, (sq_row_cb)cb, arg, "II", user, now);
}

int
so_key_delete(struct store *s, int64_t user, int64_t id)
{
	return sq_run(sq_prep(s,
			  "DELETE FROM open_keys WHERE id = ? AND "
			  "user_id = ?"),
	    SQO_RUN | SQ_CHANGES, "II", id, user);
}

int
so_key_user(struct store *s, const char *hash, int64_t now, int64_t *user)
{
	return sq_int64(sq_prep(s, "SELECT user_id FROM open_keys "
	    "WHERE key_hash = ? AND expires_ms > ?"), SQ_FINAL, user, "tI",
	    hash, now);
}

#define TOKEN_COLS "id, user_id, name, token, expire_ms, created_ms"
static const struct sq_row token_row = SQ_ROW(struct store_msg_token, id,
    user_id, name, token, expire_ms, created_ms);

static const struct sq_page token_page = {
	"SELECT count(*) FROM msg_tokens WHERE user_id = ?",
	"SELECT " TOKEN_COLS " FROM msg_tokens WHERE "
	    "user_id = ? ORDER BY id LIMIT ? OFFSET ?",
	&token_row
};

int
so_token_add(struct store *s, struct store_msg_token *t)
{
	return sq_write(sq_prep(s, "INSERT INTO msg_tokens(user_id, name, "
	    "token, expire_ms, created_ms) VALUES (?, ?, ?, ?, ?)"), SQO_RUN,
	    &t->id, "IttII", t->user_id, t->name, t->token, t->expire_ms,
	    t->created_ms);
}

int
so_token_get(struct store *s, int64_t id, struct store_msg_token *t)
{
	return sq_one(sq_prep(s, "SELECT " TOKEN_COLS " FROM msg_tokens "
	    "WHERE id = ?"), SQ_FINAL, &token_row, t, "I", id);
}

int
so_token_edit(struct store *s, int64_t id, const char *name, int64_t exp)
{
	return sq_run(sq_prep(s, "UPDATE msg_tokens SET name = ?, "
	    "expire_ms = ? WHERE id = ?"), SQO_RUN, "tII", name, exp, id);
}

int
so_token_delete(struct store *s, int64_t id)
{
	return sq_run(sq_prep(s, "DELETE FROM msg_tokens WHERE id = ?"),
	    SQO_RUN, "I", id);
}

int
so_token_user(struct store *s, const char *token, int64_t now,
    struct store_user *u)
{
	return sq_one(sq_prep(s, "SELECT u.id, u.uid, u.token, u.name, "
	    "u.callback_url, u.is_admin, u.created_ms, u.disabled, "
	    "coalesce(u.daily_limit, -1), coalesce(u.rate_limit, -1) FROM "
	    "msg_tokens t "
	    "JOIN users u ON u.id = t.user_id "
	    "WHERE t.token = ? AND t.expire_ms > ?"), SQ_FINAL, &sq_user_row,
	    u, "tI", token, now);
}

int
so_token_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_msg_token_cb cb, void *arg)
{
	return sq_page(s, &token_page, user, offset, limit, total,
	    (sq_row_cb)cb, arg);
}

static const struct sq_row open_msg_row = SQ_ROW(struct store_open_msg,
    title, topic_name, topic, channel, status, updated_ms);

/* Column 0 is the message id, shown as its short code. */
int
so_msg_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_open_msg_cb cb, void *arg)
{
	sqlite3_stmt *st;
	struct store_open_msg m;
	int rc;

	/*
	 * WxPusher sends (app_id != 0) are not pushplus messages; recalled
	 * ones (message/deleteMessage) are gone.
	 */
	if (sq_int64(sq_prep(s, "SELECT count(*) FROM messages WHERE "
	    "sender_id = ? AND app_id = 0 AND deleted = 0"), SQ_FINAL, total,
	    "I", user) != 0 ||
	    (st = sq_prep(s, "SELECT m.id, substr(m.title, 1, 200), "
	    "coalesce(t.name, ''), m.topic_id != 0, m.channel, m.status, "
	    "m.updated_ms FROM messages m LEFT JOIN topics t "
	    "ON t.id = m.topic_id WHERE m.sender_id = ? AND m.app_id = 0 "
	    "AND m.deleted = 0 ORDER BY m.id DESC LIMIT ? OFFSET ?")) == NULL)
		return FG_ESTORE;
	sq_bind(st, "Iii", user, limit, offset);
	while ((rc = sq_step(st)) == 0) {
		sq_read(st, 1, &open_msg_row, &m);
		shortcode_encode(SQ(s)->code_key, sqlite3_column_int64(st, 0),
		    m.short_code);
		if (cb(arg, &m) != 0)
			break;
	}
	sqlite3_finalize(st);
	return rc == FG_ESTORE ? rc : 0;
}

/*
 * Walk the user's messages newest first (the (sender_id, id) index) and
 * stop at the first one older than since: the cost is today's messages,
 * not the user's history.
 */
int
so_send_count(struct store *s, int64_t user, int64_t since, int *wechat,
    int *cp, int *webhook, int *mail)
{
	sqlite3_stmt *st = sq_prep(s, "SELECT channel, created_ms "
	    "FROM messages WHERE sender_id = ? AND app_id = 0 "
	    "ORDER BY id DESC");
	const char *ch;
	int rc;

	*wechat = *cp = *webhook = *mail = 0;
	if (st == NULL)
		return FG_ESTORE;
	sq_bind(st, "I", user);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 1) < since)
			break;
		ch = (const char *)sqlite3_column_text(st, 0);
		if (ch == NULL)
			continue;
		if (strcmp(ch, "wechat") == 0)
			(*wechat)++;
		else if (strcmp(ch, "cp") == 0)
			(*cp)++;
		else if (strcmp(ch, "webhook") == 0)
			(*webhook)++;
		else if (strcmp(ch, "mail") == 0)
			(*mail)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : FG_ESTORE;
}
