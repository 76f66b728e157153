/*
 * pg_open.c: the PostgreSQL side of the pushplus open API
 * (store_open.h): open settings, AccessKey hashes, message tokens and
 * the read-only views of a user's sent messages.
 *
 * These calls are management traffic, not the send path, so each one
 * runs its statement once (pg_prep) instead of joining
 * the backend's prepared-statement table (enum pg_stmt).  Groups,
 * members, friends and join links are in pg_open_topic.c,
 * pre-processing scripts in twin_open_pre.c.  The one call
 * on a hot path, token_user (a /send token that is not a user token),
 * runs only on a miss of the token cache (api/tokens.c).
 */
#include <stdio.h>
#include <string.h>

#include "util/errors.h"
#include "store/pg_row.h"

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
po_settings_get(struct store *s, int64_t user, struct store_open_settings *o)
{
	int rc;

	rc = pg_one(pg_prep(s,
			"SELECT enabled, secret_hash, ips, "
			"recevie_limit, is_send, open_message_type, extension "
			"FROM "
			"open_settings WHERE user_id = ?"),
	    PG_FINAL, &settings_row, o, "I", user);
	if (rc != 0)
		settings_default(o, user);
	o->user_id = user;
	return rc == FG_ENOENT ? 0 : rc;
}

int
po_settings_put(struct store *s, const struct store_open_settings *o)
{
	return pg_run(
	    pg_prep(s,
		"INSERT INTO open_settings("
		"user_id, enabled, secret_hash, ips, recevie_limit, is_send, "
		"open_message_type, extension) VALUES (?, ?, ?, ?, ?, ?, ?, "
		"?) "
		"ON CONFLICT (user_id) DO UPDATE SET enabled = "
		"excluded.enabled, "
		"secret_hash = excluded.secret_hash, ips = excluded.ips, "
		"recevie_limit = excluded.recevie_limit, is_send = "
		"excluded.is_send, open_message_type = "
		"excluded.open_message_type, extension = excluded.extension"),
	    PGO_RUN, "Iittiiii", o->user_id, o->enabled, o->secret_hash,
	    o->ips, o->recevie_limit, o->is_send, o->open_message_type,
	    o->extension);
}

int
po_key_add(struct store *s, int64_t user, const char *hash, int64_t now,
    int64_t expires, int64_t overlap)
{
	int rc;

	/* expired keys go; the user's live keys get the overlap at most */
	if ((rc = pg_run(pg_prep(s,
			     "DELETE FROM open_keys WHERE "
			     "expires_ms <= ?"),
		 PGO_RUN, "I", now)) != 0 ||
	    (rc = pg_run(pg_prep(s,
			     "UPDATE open_keys SET expires_ms = "
			     "least(expires_ms, ?) WHERE user_id = ?"),
		 PGO_RUN, "II", overlap, user)) != 0)
		return rc;
	return pg_run(pg_prep(s,
			  "INSERT INTO open_keys(user_id, key_hash, "
			  "expires_ms, created_ms) VALUES (?, ?, ?, ?)"),
	    PGO_RUN, "ItII", user, hash, expires, now);
}

int
po_key_revoke(struct store *s, int64_t user)
{
	return pg_run(pg_prep(s, "DELETE FROM open_keys WHERE user_id = ?"),
	    PGO_RUN, "I", user);
}

static const struct sq_row key_row = SQ_ROW(struct store_open_key, id, user_id,
    key_hash, expires_ms, created_ms);

int
po_key_list(struct store *s, int64_t user, int64_t now, store_open_key_cb cb,
    void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT id, user_id, key_hash, expires_ms, "
			   "created_ms FROM open_keys WHERE user_id = ? AND "
			   "expires_ms > ? ORDER BY id"),
	    PG_FINAL, &key_row, (sq_row_cb)cb, arg, "II", user, now);
}

int
po_key_delete(struct store *s, int64_t user, int64_t id)
{
	return pg_run(pg_prep(s,
			  "DELETE FROM open_keys WHERE id = ? AND "
			  "user_id = ?"),
	    PGO_RUN | PG_CHANGES, "II", id, user);
}

int
po_key_user(struct store *s, const char *hash, int64_t now, int64_t *user)
{
	return pg_i64(pg_prep(s,
			  "SELECT user_id FROM open_keys "
			  "WHERE key_hash = ? AND expires_ms > ?"),
	    PG_FINAL, user, "tI", hash, now);
}

#define TOKEN_COLS "id, user_id, name, token, expire_ms, created_ms"
static const struct sq_row token_row = SQ_ROW(struct store_msg_token, id,
    user_id, name, token, expire_ms, created_ms);

static const struct pg_page token_page = {
	"SELECT count(*) FROM msg_tokens WHERE user_id = ?",
	"SELECT " TOKEN_COLS " FROM msg_tokens WHERE "
	"user_id = ? ORDER BY id LIMIT ? OFFSET ?",
	&token_row
};

int
po_token_add(struct store *s, struct store_msg_token *t)
{
	return pg_write(pg_prep(s,
			    "INSERT INTO msg_tokens(user_id, name, "
			    "token, expire_ms, created_ms) VALUES (?, ?, ?, "
			    "?, ?) RETURNING id"),
	    PGO_RUN, &t->id, "IttII", t->user_id, t->name, t->token,
	    t->expire_ms, t->created_ms);
}

int
po_token_get(struct store *s, int64_t id, struct store_msg_token *t)
{
	return pg_one(pg_prep(s,
			  "SELECT " TOKEN_COLS " FROM msg_tokens "
			  "WHERE id = ?"),
	    PG_FINAL, &token_row, t, "I", id);
}

int
po_token_edit(struct store *s, int64_t id, const char *name, int64_t exp)
{
	return pg_run(pg_prep(s,
			  "UPDATE msg_tokens SET name = ?, "
			  "expire_ms = ? WHERE id = ?"),
	    PGO_RUN, "tII", name, exp, id);
}

int
po_token_delete(struct store *s, int64_t id)
{
	return pg_run(pg_prep(s, "DELETE FROM msg_tokens WHERE id = ?"),
	    PGO_RUN, "I", id);
}

int
po_token_user(struct store *s, const char *token, int64_t now,
    struct store_user *u)
{
	return pg_one(pg_prep(s,
			  "SELECT u.id, u.uid, u.token, u.name, "
			  "u.callback_url, u.is_admin, u.created_ms, "
			  "u.disabled, coalesce(u.daily_limit, -1), "
			  "coalesce(u.rate_limit, -1) FROM "
			  "msg_tokens t "
			  "JOIN users u ON u.id = t.user_id "
			  "WHERE t.token = ? AND t.expire_ms > ?"),
	    PG_FINAL, &pg_user_row, u, "tI", token, now);
}

int
po_token_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_msg_token_cb cb, void *arg)
{
	return pg_page(s, &token_page, user, offset, limit, total,
	    (sq_row_cb)cb, arg);
}

static const struct sq_row open_msg_row = SQ_ROW(struct store_open_msg, title,
    topic_name, topic, channel, status, updated_ms);

/* Column 0 is the message id, shown as its short code. */
int
po_msg_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_open_msg_cb cb, void *arg)
{
	struct store_open_msg m;
	PGresult *res;
	int i, rc;

	/*
	 * WxPusher sends (app_id != 0) are not pushplus messages; recalled
	 * ones (message/deleteMessage) are gone.
	 */
	if (pg_i64(pg_prep(s,
		       "SELECT count(*) FROM messages WHERE "
		       "sender_id = ? AND app_id = 0 AND deleted = 0"),
		PG_FINAL, total, "I", user) != 0)
		return FG_ESTORE;
	if ((res = pg_exec(
		 pg_prep(s,
		     "SELECT m.id, substr(m.title, 1, 200), "
		     "coalesce(t.name, ''), m.topic_id != 0, m.channel, "
		     "m.status, "
		     "m.updated_ms FROM messages m LEFT JOIN topics t "
		     "ON t.id = m.topic_id WHERE m.sender_id = ? AND m.app_id "
		     "= 0 "
		     "AND m.deleted = 0 ORDER BY m.id DESC LIMIT ? OFFSET ?"),
		 0, &rc, "Iii", user, limit, offset)) == NULL)
		return FG_ESTORE;
	for (i = 0; i < PQntuples(res); i++) {
		pg_read(res, i, 1, &open_msg_row, &m);
		shortcode_encode(PG(s)->code_key, pg_col_i64(res, i, 0),
		    m.short_code);
		if (cb(arg, &m) != 0)
			break;
	}
	PQclear(res);
	return 0;
}

/*
 * The user's sends since a time by channel, counted by the server over
 * the (sender_id, id) index (SQLite's walk stopped at the first older
 * message; here the server filters on created_ms).
 */
int
po_send_count(struct store *s, int64_t user, int64_t since, int *wechat,
    int *cp, int *webhook, int *mail)
{
	PGresult *res;
	int rc;

	*wechat = *cp = *webhook = *mail = 0;
	if ((rc = pg_first(pg_prep(s,
			       "SELECT count(*) FILTER (WHERE "
			       "channel = 'wechat'), count(*) FILTER (WHERE "
			       "channel = 'cp'), "
			       "count(*) FILTER (WHERE channel = 'webhook'), "
			       "count(*) FILTER "
			       "(WHERE channel = 'mail') FROM messages WHERE "
			       "sender_id = ? AND "
			       "app_id = 0 AND created_ms >= ?"),
		 &res, "II", user, since)) != 0)
		return rc == FG_ENOENT ? 0 : rc;
	*wechat = (int)pg_col_i64(res, 0, 0);
	*cp = (int)pg_col_i64(res, 0, 1);
	*webhook = (int)pg_col_i64(res, 0, 2);
	*mail = (int)pg_col_i64(res, 0, 3);
	PQclear(res);
	return 0;
}
