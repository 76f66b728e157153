/*
 * twin_wechat.c: the official account's rows (store_wechat.h; SQLite
 * migration 15, PostgreSQL migration 3), written once for both backends
 * (twin.h): one const table, twin_wechat, that store_sqlite and
 * store_pg both name.  The statements are the same in the two dialects:
 * ON CONFLICT ... DO NOTHING where SQLite used to say INSERT OR IGNORE,
 * and an upsert of every column of wechat_receipts where it said INSERT
 * OR REPLACE (the table has no other column, so the row is the same).
 *
 * Bind codes are taken, not read: code_take deletes the row and returns
 * it in one step of the writer's transaction, so a code binds once even
 * when WeChat delivers the scan twice or two scans race.  Expired codes
 * are deleted by the same statement's neighbour (every take clears the
 * expired ones), so the table holds only codes that can still be used.
 *
 * seen is the de-duplication of WeChat's retries (three tries within
 * about 15 s): an INSERT ... ON CONFLICT DO NOTHING on the event's key;
 * when nothing was inserted the key was handled before and its stored
 * reply is returned with FG_EEXIST.  Keys older than an hour are
 * dropped on each insert (an indexed range delete), so the table stays
 * a bounded window.  Receipts are kept a day the same way: a receipt
 * matters to a push only until the push's send is recorded (seconds;
 * route_wechat.c), and the push row keeps the outcome after that.
 */
#include <stdio.h>

#include "store/store_wechat.h"
#include "store/twin.h"
#include "store/twin_tables.h"
#include "util/errors.h"

#define WECHAT_SEEN_KEEP_MS (3600 * 1000LL)
#define WECHAT_RECEIPT_KEEP_MS (86400 * 1000LL)

static const struct sq_row code_row = SQ_ROW(struct store_wechat_code, code,
    user_id, kind, target, expires_ms, created_ms);

struct wc_seen {
	char reply[STORE_WECHAT_REPLY_MAX];
};

static const struct sq_row seen_row = SQ_ROW(struct wc_seen, reply);

static int
wc_code_put(struct store *s, const struct store_wechat_code *c)
{
	return twin_run(s,
	    "INSERT INTO wechat_codes(code, user_id, kind, target, "
	    "expires_ms, created_ms) VALUES (?, ?, ?, ?, ?, ?)",
	    TWIN_PLAIN, "sIiIII", c->code, c->user_id, c->kind, c->target,
	    c->expires_ms, c->created_ms);
}

static int
wc_code_take(struct store *s, const char *code, int64_t now_ms,
    struct store_wechat_code *out)
{
	int rc;

	rc = twin_one(s,
	    "SELECT code, user_id, kind, target, expires_ms, "
	    "created_ms FROM wechat_codes WHERE code = ? AND "
	    "expires_ms > ?",
	    0, &code_row, out, "sI", code, now_ms);
	if (rc != 0 && rc != FG_ENOENT)
		return rc;
	if (twin_run(s,
		"DELETE FROM wechat_codes WHERE code = ? OR "
		"expires_ms <= ?",
		TWIN_PLAIN, "sI", code, now_ms) != 0)
		return FG_ESTORE;
	return rc;
}

static int
wc_seen(struct store *s, const char *key, int64_t now_ms, char *reply,
    size_t size)
{
	struct wc_seen seen;
	int rc;

	if (twin_run(s, "DELETE FROM wechat_seen WHERE seen_ms < ?",
		TWIN_PLAIN, "I", now_ms - WECHAT_SEEN_KEEP_MS) != 0)
		return FG_ESTORE;
	rc = twin_run(s,
	    "INSERT INTO wechat_seen(key, reply, seen_ms) "
	    "VALUES (?, '', ?) ON CONFLICT (key) DO NOTHING",
	    TWIN_PLAIN | TWIN_CHANGES, "sI", key, now_ms);
	if (rc != FG_ENOENT)
		return rc;
	rc = twin_one(s, "SELECT reply FROM wechat_seen WHERE key = ?", 0,
	    &seen_row, &seen, "s", key);
	if (rc == 0)
		snprintf(reply, size, "%s", seen.reply);
	return rc == 0 ? FG_EEXIST : rc;
}

static int
wc_seen_reply(struct store *s, const char *key, const char *reply)
{
	return twin_run(s, "UPDATE wechat_seen SET reply = ? WHERE key = ?",
	    TWIN_PLAIN, "ss", reply, key);
}

static int
wc_follower_put(struct store *s, const char *openid, int64_t user, int refused,
    int64_t now_ms)
{
	return twin_run(s,
	    "INSERT INTO wechat_followers(openid, user_id, refused, "
	    "updated_ms) VALUES (?, ?, ?, ?) ON CONFLICT(openid) DO UPDATE "
	    "SET user_id = CASE WHEN excluded.user_id != 0 THEN "
	    "excluded.user_id ELSE wechat_followers.user_id END, "
	    "refused = excluded.refused, updated_ms = excluded.updated_ms",
	    TWIN_PLAIN, "sIiI", openid, user, refused, now_ms);
}

static int
wc_follower_is(struct store *s, const char *openid)
{
	int64_t n = 0;
	int rc;

	rc = twin_i64(s,
	    "SELECT count(*) FROM wechat_followers WHERE "
	    "openid = ? AND refused = 0",
	    0, &n, "s", openid);
	return rc != 0 ? rc : n > 0;
}

static int
wc_follower_del(struct store *s, const char *openid)
{
	return twin_run(s, "DELETE FROM wechat_followers WHERE openid = ?",
	    TWIN_PLAIN, "s", openid);
}

static int
wc_count(struct store *s, const char *sql, int64_t *n)
{
	return twin_i64(s, sql, 0, n, "");
}

static int
wc_counts(struct store *s, struct store_wechat_counts *c)
{
	if (wc_count(s,
		"SELECT count(*) FROM wechat_followers WHERE refused = 0",
		&c->following) != 0 ||
	    wc_count(s, "SELECT count(*) FROM devices WHERE type = 'wechat'",
		&c->bound) != 0 ||
	    wc_count(s,
		"SELECT count(*) FROM wechat_followers WHERE refused = 1",
		&c->refused) != 0 ||
	    wc_count(s, "SELECT count(*) FROM wechat_receipts",
		&c->receipts) != 0)
		return FG_ESTORE;
	return 0;
}

static int
wc_receipt_put(struct store *s, const char *msgid, const char *openid,
    const char *status, int64_t now_ms)
{
	if (twin_run(s, "DELETE FROM wechat_receipts WHERE at_ms < ?",
		TWIN_PLAIN, "I", now_ms - WECHAT_RECEIPT_KEEP_MS) != 0)
		return FG_ESTORE;
	return twin_run(s,
	    "INSERT INTO wechat_receipts(msgid, openid, "
	    "status, at_ms) VALUES (?, ?, ?, ?) ON CONFLICT "
	    "(msgid) DO UPDATE SET openid = excluded.openid, "
	    "status = excluded.status, at_ms = excluded.at_ms",
	    TWIN_PLAIN, "sssI", msgid, openid, status, now_ms);
}

struct wc_status {
	char status[64];
};

static const struct sq_row status_row = SQ_ROW(struct wc_status, status);

static int
wc_receipt_get(struct store *s, const char *msgid, char *status, size_t size)
{
	struct wc_status r;
	int rc;

	rc = twin_one(s, "SELECT status FROM wechat_receipts WHERE msgid = ?",
	    0, &status_row, &r, "s", msgid);
	if (rc == 0)
		snprintf(status, size, "%s", r.status);
	return rc;
}

static int
wc_push_final(struct store *s, const char *msgid, const char *status,
    const char *detail, int64_t now_ms)
{
	return twin_run(s,
	    "UPDATE pushes SET status = ?, error = ?, "
	    "updated_ms = ? WHERE upstream_id = ? AND status IN "
	    "('sent', 'failed')",
	    TWIN_PLAIN, "ssIs", status, detail, now_ms, msgid);
}

const struct wechat_store_ops twin_wechat = {
	.code_put = wc_code_put,
	.code_take = wc_code_take,
	.seen = wc_seen,
	.seen_reply = wc_seen_reply,
	.follower_put = wc_follower_put,
	.follower_is = wc_follower_is,
	.follower_del = wc_follower_del,
	.counts = wc_counts,
	.receipt_put = wc_receipt_put,
	.receipt_get = wc_receipt_get,
	.push_final = wc_push_final,
	.device_by_endpoint = twin_device_by_endpoint,
};
