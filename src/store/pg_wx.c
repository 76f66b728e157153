/*
 * pg_wx.c: the WxPusher tables of the PostgreSQL backend (store_wx.h):
 * the SQL of every Q_WX_* statement, apps, topics and follows.  Sends,
 * records, QR codes, products and SPT tokens are in pg_wxmsg.c.
 *
 * Statements are cached per connection like the rest of the backend
 * (pg_stmt() picks their text from pg_wx_sql[]).  The pushplus hot path
 * uses none of them; the only shared table it touches, deliveries, got a
 * record_id column with a default, so its INSERT is unchanged.
 */
#include <stdio.h>
#include <string.h>

#include "util/errors.h"
#include "store/pg_row.h"
#include "util/ids.h"
#include "util/strbuf.h"

#define APP_COLS \
	"id, owner_id, token, app_key, name, description, " \
	"contact, callback_url, settings_url, follow_tip, created_ms"
#define FOLLOW_COLS \
	"f.id, f.user_id, f.app_id, f.topic_id, f.reject, " \
	"f.pay_end_ms, f.source, f.extra, f.created_ms, u.uid, " \
	"CASE WHEN f.topic_id = 0 THEN a.name ELSE t.name END"
#define FOLLOW_FROM \
	" FROM wx_follows f JOIN users u ON u.id = f.user_id " \
	"JOIN wx_apps a ON a.id = f.app_id " \
	"LEFT JOIN wx_topics t ON t.id = f.topic_id "
#define FOLLOW_WHERE \
	"WHERE (?1 = 0 OR f.app_id = ?1) AND " \
	"(?2 = 0 OR f.user_id = ?2) AND (?3 < 0 OR f.reject = ?3) AND " \
	"(?4 < 0 OR (CASE WHEN f.topic_id != 0 THEN 1 ELSE 0 END) = ?4) "

const char *const pg_wx_sql[Q_BULK_FIRST - Q_WX_FIRST] = {
#define W(q) [(q)-Q_WX_FIRST]
	W(Q_WX_APP_ADD) =
	    "INSERT INTO wx_apps(owner_id, token, app_key, name, "
	    "callback_url, created_ms) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	W(Q_WX_APP_GET) = "SELECT " APP_COLS " FROM wx_apps WHERE id = ?",
	W(Q_WX_APP_BY_TOKEN) = "SELECT " APP_COLS " FROM wx_apps "
			       "WHERE token = ?",
	W(Q_WX_APP_RESET) = "UPDATE wx_apps SET token = ? WHERE id = ?",
	W(Q_WX_APP_LIST) = "SELECT " APP_COLS " FROM wx_apps ORDER BY id",
	W(Q_WX_TOPIC_ADD) = "INSERT INTO wx_topics(app_id, name, created_ms) "
			    "VALUES (?, ?, ?) RETURNING id",
	W(Q_WX_TOPIC_GET) = "SELECT id, app_id, name, description, created_ms "
			    "FROM wx_topics WHERE id = ?",
	W(Q_WX_FOLLOW_ADD) =
	    "INSERT INTO wx_follows(user_id, app_id, "
	    "topic_id, reject, pay_end_ms, source, extra, created_ms) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	W(Q_WX_FOLLOW_FIND) =
	    "SELECT " FOLLOW_COLS FOLLOW_FROM
	    "WHERE f.user_id = ? AND f.app_id = ? AND f.topic_id = ?",
	W(Q_WX_FOLLOW_GET) = "SELECT " FOLLOW_COLS FOLLOW_FROM
			     "WHERE f.id = ?",
	W(Q_WX_FOLLOW_DEL) = "DELETE FROM wx_follows WHERE id = ?",
	W(Q_WX_FOLLOW_REJECT) = "UPDATE wx_follows SET reject = ? "
				"WHERE id = ?",
	W(Q_WX_FOLLOW_PAY) = "UPDATE wx_follows SET pay_end_ms = ? "
			     "WHERE id = ?",
	/* a block on the app follow covers the app's topics */
	W(Q_WX_FOLLOWERS) =
	    "SELECT user_id FROM wx_follows f "
	    "WHERE app_id = ?1 AND topic_id = ?2 AND reject = 0 AND "
	    "(?3 = 0 OR (?3 = 1 AND pay_end_ms > ?4) OR "
	    "(?3 = 2 AND pay_end_ms <= ?4)) AND (?2 = 0 OR NOT EXISTS "
	    "(SELECT 1 FROM wx_follows b WHERE b.user_id = f.user_id AND "
	    "b.app_id = ?1 AND b.topic_id = 0 AND b.reject != 0)) "
	    "ORDER BY id",
	W(Q_WX_FOLLOW_LIST) = "SELECT " FOLLOW_COLS FOLLOW_FROM FOLLOW_WHERE
			      "ORDER BY f.id LIMIT ?6 OFFSET ?5",
	W(Q_WX_FOLLOW_COUNT) =
	    "SELECT count(*) FROM wx_follows f " FOLLOW_WHERE,
	W(Q_WX_MSG_SET) = "UPDATE messages SET app_id = ?, summary = ?, "
			  "url = ? WHERE id = ?",
	W(Q_WX_MSG_GET) = "SELECT id, app_id, deleted, summary, url, '', '' "
			  "FROM messages WHERE id = ?",
	W(Q_WX_MSG_FROM) =
	    "SELECT m.id, m.app_id, m.deleted, m.summary, "
	    "m.url, coalesce((SELECT name FROM wx_apps WHERE id = m.app_id), "
	    "''), "
	    "coalesce((SELECT string_agg(name, '、' ORDER BY id) FROM "
	    "wx_topics WHERE "
	    "id IN (SELECT topic_id FROM wx_records WHERE id IN (SELECT "
	    "record_id FROM deliveries WHERE message_id = m.id AND "
	    "record_id != 0))), '') FROM messages m WHERE m.id = ?",
	W(Q_WX_MSG_DEL) = "UPDATE messages SET deleted = 1 WHERE id = ?",
	W(Q_WX_REC_ADD) =
	    "INSERT INTO wx_records(message_id, app_id, user_id, "
	    "topic_id, code, text, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id",
	W(Q_WX_REC_GET) =
	    "SELECT r.id, r.message_id, r.app_id, r.user_id, "
	    "r.topic_id, r.code, r.text, r.created_ms, "
	    "(SELECT count(*) FROM deliveries d WHERE d.record_id = r.id "
	    "AND d.record_id != 0 AND d.status < 2), "
	    "(SELECT count(*) FROM deliveries d WHERE d.record_id = r.id "
	    "AND d.record_id != 0 AND d.status = 3) "
	    "FROM wx_records r WHERE r.id = ?",
	W(Q_WX_DLV_ADD) =
	    "INSERT INTO deliveries(message_id, user_id, "
	    "record_id, channel, status, error, updated_ms, attempts) "
	    "VALUES (?, ?, ?, ?, ?, '', ?, ?) RETURNING id",
	W(Q_WX_DAILY_GET) = "SELECT n FROM wx_daily WHERE user_id = ? AND "
			    "day = ?",
	W(Q_WX_DAILY_ADD) = "INSERT INTO wx_daily(user_id, day, n) "
			    "VALUES (?, ?, 1) ON CONFLICT(user_id, day) DO "
			    "UPDATE SET n = wx_daily.n + 1",
	W(Q_WX_QR_ADD) = "INSERT INTO wx_qrcodes(code, app_id, extra, "
			 "expires_ms, created_ms, secret) VALUES (?, ?, ?, ?, "
			 "?, ?) RETURNING id",
	/* code: the QR's link and image; secret: the developer's poll */
	W(Q_WX_QR_GET) =
	    "SELECT id, code, app_id, extra, expires_ms, "
	    "last_uid, last_poll_ms, created_ms, secret FROM wx_qrcodes "
	    "WHERE code = ?",
	W(Q_WX_QR_BY_SECRET) =
	    "SELECT id, code, app_id, extra, expires_ms, "
	    "last_uid, last_poll_ms, created_ms, secret FROM wx_qrcodes "
	    "WHERE secret = ? AND secret != ''",
	W(Q_WX_QR_SCAN) = "UPDATE wx_qrcodes SET last_uid = ? WHERE id = ?",
	W(Q_WX_QR_POLL) = "UPDATE wx_qrcodes SET last_poll_ms = ? "
			  "WHERE id = ?",
	W(Q_WX_PROD_ADD) =
	    "INSERT INTO wx_products(app_id, topic_id, name, "
	    "price_fen, created_ms) VALUES (?, ?, ?, ?, ?) RETURNING id",
	W(Q_WX_PROD_GET) = "SELECT id, app_id, topic_id, name, price_fen, "
			   "created_ms FROM wx_products WHERE id = ?",
	W(Q_WX_PROD_FIND) =
	    "SELECT count(*) FROM wx_products WHERE app_id = ? "
	    "AND topic_id = ?",
	W(Q_WX_SPT_GET) = "SELECT spt FROM users WHERE id = ?",
	W(Q_WX_SPT_SET) = "UPDATE users SET spt = ? WHERE id = ? AND spt = ''",
	W(Q_WX_USER_BY_SPT) =
	    "SELECT id, uid, token, name, callback_url, "
	    "is_admin, created_ms, disabled, coalesce(daily_limit, -1), "
	    "coalesce(rate_limit, -1) FROM users WHERE spt = ? AND "
	    "spt != ''",
#undef W
};

static const struct sq_row app_row = SQ_ROW(struct store_wx_app, id, owner_id,
    token, app_key, name, description, contact, callback_url, settings_url,
    follow_tip, created_ms);
static const struct sq_row topic_row = SQ_ROW(struct store_wx_topic, id,
    app_id, name, description, created_ms);
static const struct sq_row follow_row = SQ_ROW(struct store_wx_follow, id,
    user_id, app_id, topic_id, reject, pay_end_ms, source, extra, created_ms,
    uid, target);

/* rc of adding an app or a topic: on failure "add app: why" in err. */
static int
added(struct store *s, struct strbuf *err, const char *what, int rc)
{
	if (rc == 0)
		return 0;
	if (err)
		strbuf_setf(err, "add %s: %s", what, PG(s)->error);
	return FG_ESTORE;
}

int
pg_wx_app_add(struct store *s, int64_t owner, const char *name, const char *cb,
    struct store_wx_app *a, struct strbuf *err)
{
	struct pg_q *st = pg_stmt(s, Q_WX_APP_ADD);

	if (st == NULL)
		return FG_ESTORE;
	memset(a, 0, sizeof(*a));
	a->owner_id = owner;
	ids_prefixed(a->token, "AT_", 32);
	ids_prefixed(a->app_key, "AK_", 32);
	snprintf(a->name, sizeof(a->name), "%s", name);
	snprintf(a->callback_url, sizeof(a->callback_url), "%s", cb ? cb : "");
	a->created_ms = clock_ms();
	return added(s, err, "app",
	    pg_write(st, 0, &a->id, "IttttI", owner, a->token, a->app_key,
		a->name, a->callback_url, a->created_ms));
}

int
pg_wx_app_get(struct store *s, int64_t id, struct store_wx_app *a)
{
	return pg_one(pg_stmt(s, Q_WX_APP_GET), 0, &app_row, a, "I", id);
}

int
pg_wx_app_by_token(struct store *s, const char *token, struct store_wx_app *a)
{
	return pg_one(pg_stmt(s, Q_WX_APP_BY_TOKEN), 0, &app_row, a, "t",
	    token);
}

int
pg_wx_app_reset_token(struct store *s, int64_t id, struct store_wx_app *a)
{
	char tok[WX_TOKEN_LEN + 5];
	int rc;

	if ((rc = pg_wx_app_get(s, id, a)) != 0)
		return rc;
	ids_prefixed(tok, "AT_", 32);
	if ((rc = pg_run(pg_stmt(s, Q_WX_APP_RESET), 0, "tI", tok, id)) != 0)
		return rc;
	memcpy(a->token, tok, sizeof(tok));
	return 0;
}

/* Fields settable by name: a fixed list, so no SQL is built from input. */
int
pg_wx_app_set(struct store *s, int64_t id, const char *field,
    const char *value)
{
	static const char *fields[] = { "name", "description", "contact",
		"callback_url", "settings_url", "follow_tip" };
	char q[96];
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i], field) == 0)
			break;
	if (i == sizeof(fields) / sizeof(fields[0]))
		return FG_EINVAL;
	snprintf(q, sizeof(q), "UPDATE wx_apps SET %s = ? WHERE id = ?",
	    fields[i]);
	return pg_run(pg_prep(s, q), PG_FINAL | PG_CHANGES | PG_PLAIN, "tI",
	    value, id);
}

int
pg_wx_app_list(struct store *s, store_wx_app_cb cb, void *arg)
{
	return pg_each(pg_stmt(s, Q_WX_APP_LIST), 0, &app_row, (sq_row_cb)cb,
	    arg, "");
}

int
pg_wx_topic_get(struct store *s, int64_t id, struct store_wx_topic *t)
{
	return pg_one(pg_stmt(s, Q_WX_TOPIC_GET), 0, &topic_row, t, "I", id);
}

/* An app's topics, by id (the CLI's `topic list`). */
int
pg_wx_topic_list(struct store *s, int64_t app, store_wx_topic_cb cb, void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT id, app_id, name, description, "
			   "created_ms FROM wx_topics WHERE app_id = ? ORDER "
			   "BY id"),
	    PG_FINAL, &topic_row, (sq_row_cb)cb, arg, "I", app);
}

/* A topic's name and description. */
int
pg_wx_topic_put(struct store *s, const struct store_wx_topic *t)
{
	return pg_run(pg_prep(s,
			  "UPDATE wx_topics SET name = ?, "
			  "description = ? WHERE id = ?"),
	    PG_FINAL | PG_CHANGES, "ttI", t->name, t->description, t->id);
}

/*
 * A topic goes with its follows and the products over it; its send
 * records stay (they are history, and keep their topic id).
 */
int
pg_wx_topic_delete(struct store *s, int64_t id)
{
	static const char *const sql[] = {
		"DELETE FROM wx_follows WHERE topic_id = ?",
		"DELETE FROM wx_products WHERE topic_id = ?",
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if ((rc = pg_run(pg_prep(s, sql[i]), PG_FINAL, "I", id)) != 0)
			return rc;
	return pg_run(pg_prep(s, "DELETE FROM wx_topics WHERE id = ?"),
	    PG_FINAL | PG_CHANGES, "I", id);
}

int
pg_wx_topic_add(struct store *s, int64_t app, const char *name,
    struct store_wx_topic *t, struct strbuf *err)
{
	struct pg_q *st = pg_stmt(s, Q_WX_TOPIC_ADD);

	if (st == NULL)
		return FG_ESTORE;
	memset(t, 0, sizeof(*t));
	t->app_id = app;
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->created_ms = clock_ms();
	return added(s, err, "topic",
	    pg_write(st, 0, &t->id, "ItI", app, t->name, t->created_ms));
}

/* Insert f (assigns id; created_ms now when 0). */
int
pg_wx_follow_add(struct store *s, struct store_wx_follow *f)
{
	if (f->created_ms == 0)
		f->created_ms = clock_ms();
	return pg_write(pg_stmt(s, Q_WX_FOLLOW_ADD), 0, &f->id, "IIIiIttI",
	    f->user_id, f->app_id, f->topic_id, f->reject, f->pay_end_ms,
	    f->source, f->extra, f->created_ms);
}

int
pg_wx_follow_find(struct store *s, int64_t user, int64_t app, int64_t topic,
    struct store_wx_follow *f)
{
	return pg_one(pg_stmt(s, Q_WX_FOLLOW_FIND), 0, &follow_row, f, "III",
	    user, app, topic);
}

int
pg_wx_follow_get(struct store *s, int64_t id, struct store_wx_follow *f)
{
	return pg_one(pg_stmt(s, Q_WX_FOLLOW_GET), 0, &follow_row, f, "I", id);
}

int
pg_wx_follow_remove(struct store *s, int64_t id)
{
	return pg_run(pg_stmt(s, Q_WX_FOLLOW_DEL), PG_CHANGES, "I", id);
}

int
pg_wx_follow_set_reject(struct store *s, int64_t id, int reject)
{
	return pg_run(pg_stmt(s, Q_WX_FOLLOW_REJECT), PG_CHANGES, "iI",
	    reject != 0, id);
}

int
pg_wx_follow_set_pay(struct store *s, int64_t id, int64_t pay_end_ms)
{
	return pg_run(pg_stmt(s, Q_WX_FOLLOW_PAY), PG_CHANGES, "II",
	    pay_end_ms, id);
}

int
pg_wx_follow_list(struct store *s, const struct store_wx_follow_filter *fl,
    int64_t *total, store_wx_follow_cb cb, void *arg)
{
	struct pg_q *st = pg_stmt(s, Q_WX_FOLLOW_COUNT);

	if (st == NULL)
		return FG_ESTORE;
	*total = 0;
	(void)pg_i64(st, 0, total, "IIii", fl->app_id, fl->user_id, fl->reject,
	    fl->type);
	return pg_each(pg_stmt(s, Q_WX_FOLLOW_LIST), 0, &follow_row,
	    (sq_row_cb)cb, arg, "IIiiIi", fl->app_id, fl->user_id, fl->reject,
	    fl->type, fl->offset, fl->limit);
}

int
pg_wx_followers(struct store *s, int64_t app, int64_t topic, int pay,
    int64_t now, int64_t **ids, size_t *n)
{
	return pg_ids(pg_stmt(s, Q_WX_FOLLOWERS), ids, n, "IIiI", app, topic,
	    pay, now);
}
