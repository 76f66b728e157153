/*
 * sqlite_open.c: the SQLite side of the pushplus open API
 * (store_open.h): open settings, AccessKey hashes, message tokens and
 * the read-only views of a user's sent messages.
 *
 * These calls are management traffic, not the send path, so each one
 * prepares its statement, runs it and finalizes it instead of joining
 * the backend's prepared-statement table (enum sq_stmt).  Groups,
 * members, friends and join links are in sqlite_open_topic.c,
 * pre-processing scripts in sqlite_open_pre.c.  The one call
 * on a hot path, token_user (a /send token that is not a user token),
 * runs only on a miss of the token cache (api/tokens.c).
 */
#include <stdio.h>
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_open_int.h"

sqlite3_stmt *
sqo_prep(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(SQ(s)->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	return st;
}

int
sqo_run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : FG_ESTORE;
}

static void
settings_default(struct store_open_settings *o, int64_t user)
{
	memset(o, 0, sizeof(*o));
	o->user_id = user;
	o->is_send = 1;
	snprintf(o->default_channel, sizeof(o->default_channel), "wechat");
}

int
so_settings_get(struct store *s, int64_t user, struct store_open_settings *o)
{
	sqlite3_stmt *st = sqo_prep(s, "SELECT enabled, secret_hash, ips, "
	    "default_channel, default_webhook, recevie_limit, is_send, "
	    "open_message_type, extension FROM open_settings "
	    "WHERE user_id = ?");
	int rc;

	settings_default(o, user);
	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->enabled = sqlite3_column_int(st, 0);
		sq_col_copy(st, 1, o->secret_hash, sizeof(o->secret_hash));
		sq_col_copy(st, 2, o->ips, sizeof(o->ips));
		sq_col_copy(st, 3, o->default_channel,
		    sizeof(o->default_channel));
		sq_col_copy(st, 4, o->default_webhook,
		    sizeof(o->default_webhook));
		o->recevie_limit = sqlite3_column_int(st, 5);
		o->is_send = sqlite3_column_int(st, 6);
		o->open_message_type = sqlite3_column_int(st, 7);
		o->extension = sqlite3_column_int(st, 8);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : FG_ESTORE;
}

int
so_settings_put(struct store *s, const struct store_open_settings *o)
{
	sqlite3_stmt *st = sqo_prep(s, "INSERT OR REPLACE INTO open_settings("
	    "user_id, enabled, secret_hash, ips, default_channel, "
	    "default_webhook, recevie_limit, is_send, open_message_type, "
	    "extension) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, o->user_id);
	sqlite3_bind_int(st, 2, o->enabled);
	sqlite3_bind_text(st, 3, o->secret_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, o->ips, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, o->default_channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, o->default_webhook, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, o->recevie_limit);
	sqlite3_bind_int(st, 8, o->is_send);
	sqlite3_bind_int(st, 9, o->open_message_type);
	sqlite3_bind_int(st, 10, o->extension);
	return sqo_run(st);
}

int
so_key_add(struct store *s, int64_t user, const char *hash, int64_t now,
    int64_t expires, int64_t overlap)
{
	sqlite3_stmt *st;
	int rc;

	/* expired keys go; the user's live keys get the overlap at most */
	if ((st = sqo_prep(s, "DELETE FROM open_keys WHERE expires_ms <= ?")) ==
	    NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, now);
	if ((rc = sqo_run(st)) != 0)
		return rc;
	if ((st = sqo_prep(s, "UPDATE open_keys SET expires_ms = "
	    "min(expires_ms, ?) WHERE user_id = ?")) == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, overlap);
	sqlite3_bind_int64(st, 2, user);
	if ((rc = sqo_run(st)) != 0)
		return rc;
	if ((st = sqo_prep(s, "INSERT INTO open_keys(user_id, key_hash, "
	    "expires_ms, created_ms) VALUES (?, ?, ?, ?)")) == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, expires);
	sqlite3_bind_int64(st, 4, now);
	return sqo_run(st);
}

int
so_key_user(struct store *s, const char *hash, int64_t now, int64_t *user)
{
	sqlite3_stmt *st = sqo_prep(s, "SELECT user_id FROM open_keys "
	    "WHERE key_hash = ? AND expires_ms > ?");
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*user = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

static void
read_token(sqlite3_stmt *st, struct store_msg_token *t)
{
	t->id = sqlite3_column_int64(st, 0);
	t->user_id = sqlite3_column_int64(st, 1);
	sq_col_copy(st, 2, t->name, sizeof(t->name));
	sq_col_copy(st, 3, t->token, sizeof(t->token));
	t->expire_ms = sqlite3_column_int64(st, 4);
	t->created_ms = sqlite3_column_int64(st, 5);
}

#define TOKEN_COLS "id, user_id, name, token, expire_ms, created_ms"

int
so_token_add(struct store *s, struct store_msg_token *t)
{
	sqlite3_stmt *st = sqo_prep(s, "INSERT INTO msg_tokens(user_id, name, "
	    "token, expire_ms, created_ms) VALUES (?, ?, ?, ?, ?)");
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, t->user_id);
	sqlite3_bind_text(st, 2, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->token, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, t->expire_ms);
	sqlite3_bind_int64(st, 5, t->created_ms);
	if ((rc = sqo_run(st)) == 0)
		t->id = sqlite3_last_insert_rowid(SQ(s)->db);
	return rc;
}

int
so_token_get(struct store *s, int64_t id, struct store_msg_token *t)
{
	sqlite3_stmt *st = sqo_prep(s, "SELECT " TOKEN_COLS " FROM msg_tokens "
	    "WHERE id = ?");
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_token(st, t);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

int
so_token_edit(struct store *s, int64_t id, const char *name, int64_t exp)
{
	sqlite3_stmt *st = sqo_prep(s, "UPDATE msg_tokens SET name = ?, "
	    "expire_ms = ? WHERE id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, exp);
	sqlite3_bind_int64(st, 3, id);
	return sqo_run(st);
}

int
so_token_delete(struct store *s, int64_t id)
{
	sqlite3_stmt *st = sqo_prep(s, "DELETE FROM msg_tokens WHERE id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return sqo_run(st);
}

int
sqo_count1(struct store *s, const char *sql, int64_t a, int64_t *total)
{
	sqlite3_stmt *st = sqo_prep(s, sql);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, a);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : FG_ESTORE;
}

int
so_token_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_msg_token_cb cb, void *arg)
{
	sqlite3_stmt *st;
	struct store_msg_token t;
	int rc;

	if ((rc = sqo_count1(s, "SELECT count(*) FROM msg_tokens WHERE "
	    "user_id = ?", user, total)) != 0)
		return rc;
	if ((st = sqo_prep(s, "SELECT " TOKEN_COLS " FROM msg_tokens WHERE "
	    "user_id = ? ORDER BY id LIMIT ? OFFSET ?")) == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_token(st, &t);
		if (cb(arg, &t) != 0)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : FG_ESTORE;
}

int
so_token_user(struct store *s, const char *token, int64_t now,
    struct store_user *u)
{
	sqlite3_stmt *st = sqo_prep(s, "SELECT u.id, u.uid, u.token, u.name, "
	    "u.callback_url, u.is_admin, u.created_ms FROM msg_tokens t "
	    "JOIN users u ON u.id = t.user_id "
	    "WHERE t.token = ? AND t.expire_ms > ?");
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, token, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(u, 0, sizeof(*u));
		u->id = sqlite3_column_int64(st, 0);
		sq_col_copy(st, 1, u->uid, sizeof(u->uid));
		sq_col_copy(st, 2, u->token, sizeof(u->token));
		sq_col_copy(st, 3, u->name, sizeof(u->name));
		sq_col_copy(st, 4, u->callback_url, sizeof(u->callback_url));
		u->is_admin = sqlite3_column_int(st, 5);
		u->created_ms = sqlite3_column_int64(st, 6);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

int
so_msg_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_open_msg_cb cb, void *arg)
{
	sqlite3_stmt *st;
	struct store_open_msg m;
	int rc;

	/* WxPusher sends (app_id != 0) are not pushplus messages */
	if ((rc = sqo_count1(s, "SELECT count(*) FROM messages WHERE "
	    "sender_id = ? AND app_id = 0", user, total)) != 0)
		return rc;
	if ((st = sqo_prep(s, "SELECT m.id, substr(m.title, 1, 200), "
	    "coalesce(t.name, ''), m.topic_id != 0, m.channel, m.status, "
	    "m.updated_ms FROM messages m LEFT JOIN topics t "
	    "ON t.id = m.topic_id WHERE m.sender_id = ? AND m.app_id = 0 "
	    "ORDER BY m.id DESC LIMIT ? OFFSET ?")) == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&m, 0, sizeof(m));
		shortcode_encode(SQ(s)->code_key, sqlite3_column_int64(st, 0),
		    m.short_code);
		sq_col_copy(st, 1, m.title, sizeof(m.title));
		sq_col_copy(st, 2, m.topic_name, sizeof(m.topic_name));
		m.topic = sqlite3_column_int(st, 3);
		sq_col_copy(st, 4, m.channel, sizeof(m.channel));
		m.status = sqlite3_column_int(st, 5);
		m.updated_ms = sqlite3_column_int64(st, 6);
		if (cb(arg, &m) != 0)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : FG_ESTORE;
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
	sqlite3_stmt *st = sqo_prep(s, "SELECT channel, created_ms "
	    "FROM messages WHERE sender_id = ? AND app_id = 0 "
	    "ORDER BY id DESC");
	const char *ch;
	int rc;

	*wechat = *cp = *webhook = *mail = 0;
	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
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
