/*
 * pg_sql.c: the SQL of the backend's core statements (enum pg_stmt up to
 * Q_WX_FIRST; pg_wx.c and pg_bulk.c hold the rest) and the users' row
 * table, as data: pg_row.c prepares them, pg.c and pg_msg.c run them.
 *
 * Apart from pg.c so that the runners, which look a statement's SQL up
 * here, need nothing of the files that call them.
 */
#include "store/pg_row.h"

const struct sq_row pg_user_row = SQ_ROW(struct store_user, id, uid, token,
    name, callback_url, is_admin, created_ms, disabled, daily_limit, rate_limit);

const char *const pg_sql[Q_WX_FIRST] = {
	[Q_BEGIN] = "BEGIN",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_USER_ADD] = "INSERT INTO users(uid, token, name, is_admin, "
		       "created_ms) VALUES (?, ?, ?, ?, ?) RETURNING id",
#define USER_COLS \
	"id, uid, token, name, callback_url, is_admin, created_ms, " \
	"disabled, coalesce(daily_limit, -1), coalesce(rate_limit, -1)"
	[Q_USER_BY_TOKEN] = "SELECT " USER_COLS " FROM users WHERE token = ?",
	[Q_USER_BY_UID] = "SELECT " USER_COLS " FROM users WHERE uid = ?",
	[Q_USER_BY_ID] = "SELECT " USER_COLS " FROM users WHERE id = ?",
	[Q_USER_SET_CB] = "UPDATE users SET callback_url = ? WHERE id = ?",
	[Q_USER_SET_TOKEN] = "UPDATE users SET token = ? WHERE id = ?",
	[Q_USER_SET_DISABLED] = "UPDATE users SET disabled = ? WHERE id = ?",
	[Q_USER_SET_LIMITS] = "UPDATE users SET daily_limit = nullif(?, -1), "
	    "rate_limit = nullif(?, -1) WHERE id = ?",
	[Q_USER_LIST] = "SELECT " USER_COLS " FROM users ORDER BY id",
	[Q_TOPIC_BY_CODE] =
	    "SELECT id, owner_id, code, name, created_ms "
	    "FROM topics t WHERE code = ?1 AND (?2 = 0 OR owner_id = ?2) AND "
	    "(?3 = 0 OR EXISTS (SELECT 1 FROM topic_members m WHERE "
	    "m.topic_id = t.id AND m.user_id = ?3)) ORDER BY id LIMIT 2",
	[Q_TOPIC_JOIN] = "INSERT INTO topic_members(topic_id, user_id, "
			 "created_ms) VALUES (?, ?, ?) RETURNING id",
	[Q_TOPIC_MEMBERS] = "SELECT user_id FROM topic_members "
			    "WHERE topic_id = ? ORDER BY id",
	[Q_FRIEND_ADD] = "INSERT INTO friends(owner_id, friend_id, token, "
			 "created_ms) VALUES (?, ?, ?, ?) RETURNING id",
	[Q_FRIEND_BY_TOKEN] =
	    "SELECT id, owner_id, friend_id, token, "
	    "created_ms FROM friends WHERE owner_id = ? AND token = ?",
	/* the hot inserts name their ids (pg_ids.c): sent in the pipeline */
	[Q_MSG_INSERT] =
	    "INSERT INTO messages(id, sender_id, "
	    "topic_id, title, content, tpl, channel, webhook, callback_url, "
	    "not_after_ms, status, error, created_ms, updated_ms, push_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_DLV_INSERT] = "INSERT INTO deliveries(id, message_id, user_id, "
			 "channel, status, error, updated_ms, attempts) "
			 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
#define MSG_COLS \
	"id, sender_id, topic_id, title, content, " \
	"tpl, channel, webhook, callback_url, not_after_ms, status, error, " \
	"created_ms, updated_ms, push_id"
	[Q_MSG_BY_ID] = "SELECT " MSG_COLS " FROM messages WHERE id = ?",
	[Q_MSG_LIST] = "SELECT " MSG_COLS " FROM messages WHERE sender_id = ? "
		       "ORDER BY id DESC LIMIT ?",
	[Q_MSG_LIST_ALL] = "SELECT " MSG_COLS " FROM messages "
			   "ORDER BY id DESC LIMIT ?",
	[Q_MSG_OPEN] = "SELECT count(*) FROM deliveries "
		       "WHERE message_id = ? AND status < 2",
	[Q_MSG_FIRST_ERR] =
	    "SELECT error, "
	    "(SELECT count(*) FROM deliveries WHERE message_id = ?1) "
	    "FROM deliveries WHERE message_id = ?1 AND status = 3 "
	    "ORDER BY id LIMIT 1",
	[Q_MSG_SET_STATUS] = "UPDATE messages SET status = ?, error = ?, "
			     "updated_ms = ? WHERE id = ?",
#define DLV_COLS \
	"d.id, d.message_id, d.user_id, u.uid, d.channel, " \
	"d.status, d.attempts, d.next_ms, d.error"
	[Q_DLV_LIST] =
	    "SELECT " DLV_COLS " FROM deliveries d LEFT JOIN users u "
	    "ON u.id = d.user_id WHERE d.message_id = ? ORDER BY d.id",
/*
 * Claims (pg_lease.c): open deliveries nobody holds, or whose holder
 * stopped renewing its lease, become this node's, locked rows skipped.
 */
#define DLV_CLAIM(also, lim) \
	"WITH c AS (UPDATE deliveries SET claimed_by = feige_node(), " \
	"lease_until = feige_lease() WHERE id IN (SELECT id FROM " \
	"deliveries WHERE status >= 0 AND status < 2 AND (lease_until IS " \
	"NULL OR lease_until < feige_now_ms()" also ") ORDER BY id " lim \
	" FOR UPDATE SKIP LOCKED) RETURNING *) SELECT " DLV_COLS " FROM " \
	"c d LEFT JOIN users u ON u.id = d.user_id ORDER BY d.id"
	/* at start also what this node holds: earlier lives', retries */
	[Q_DLV_PENDING] = DLV_CLAIM(" OR feige_mine(claimed_by)", "LIMIT ALL"),
	[Q_DLV_CLAIM] = DLV_CLAIM("", "LIMIT ?"),
	/* a final status ends the claim */
	[Q_DLV_UPDATE] =
	    "UPDATE deliveries SET status = ?1, attempts = ?2, next_ms = ?3, "
	    "error = ?4, updated_ms = ?5, claimed_by = CASE WHEN ?1 >= 2 THEN "
	    "NULL ELSE claimed_by END, lease_until = CASE WHEN ?1 >= 2 THEN "
	    "NULL ELSE lease_until END WHERE id = ?6",
	[Q_INBOX_ADD] = "INSERT INTO inbox(id, user_id, message_id, "
			"delivery_id, created_ms) VALUES (?, ?, ?, ?, ?)",
/*
 * Who an inbox item is from: the WxPusher app and the topic its delivery
 * is for; for pushplus sends the group (topics) it went to, else the
 * other user who sent it (a friend), never the recipient themselves.
 */
#define INBOX_FROM \
	"coalesce((SELECT name FROM wx_apps WHERE " \
	"id = m.app_id), ''), coalesce((SELECT t.name FROM deliveries d " \
	"JOIN wx_records r ON r.id = d.record_id JOIN wx_topics t ON " \
	"t.id = r.topic_id WHERE d.id = i.delivery_id), ''), " \
	"coalesce((SELECT name FROM topics WHERE id = m.topic_id AND " \
	"m.app_id = 0), ''), coalesce((SELECT name FROM users WHERE " \
	"id = m.sender_id AND m.app_id = 0 AND m.topic_id = 0 AND " \
	"m.sender_id != i.user_id), '')"
#define INBOX_SEL \
	"SELECT i.id, m.id, m.sender_id, " \
	"m.topic_id, m.title, m.content, m.tpl, m.channel, m.webhook, " \
	"m.callback_url, m.not_after_ms, m.status, m.error, i.created_ms, " \
	"m.updated_ms, m.push_id, " INBOX_FROM " FROM inbox i " \
	"JOIN messages m ON m.id = i.message_id " \
	"WHERE i.user_id = ? AND i.id > ? AND m.deleted = 0 "
	[Q_INBOX_ASC] = INBOX_SEL "ORDER BY i.id ASC LIMIT ?",
	[Q_INBOX_DESC] = INBOX_SEL "ORDER BY i.id DESC LIMIT ?",
	[Q_OUTBOX_ADD] = "INSERT INTO outbox(url, body, due_ms) "
			 "VALUES (?, ?, ?) RETURNING id",
	/*
	 * Due callbacks become this node's (pg_lease.c): unclaimed, its
	 * own (the sender skips those in flight), or a silent node's.
	 */
	[Q_OUTBOX_DUE] =
	    "WITH c AS (UPDATE outbox SET claimed_by = feige_node(), "
	    "lease_until = feige_lease() WHERE id IN (SELECT id FROM outbox "
	    "WHERE status = 0 AND due_ms <= ? AND (lease_until IS NULL OR "
	    "lease_until < feige_now_ms() OR feige_mine(claimed_by)) "
	    "ORDER BY due_ms LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, "
	    "url, body, attempts, due_ms) SELECT id, url, body, attempts FROM "
	    "c ORDER BY due_ms",
	[Q_OUTBOX_DONE] = "UPDATE outbox SET status = ?, attempts = ?, "
			  "due_ms = ?, error = ?, claimed_by = NULL, "
			  "lease_until = NULL WHERE id = ?",
	/* ids ahead (pg_ids.c): the inbox's only under its order lock */
	[Q_IDS_MSG] = "SELECT nextval('messages_id_seq'), "
		      "nextval('deliveries_id_seq') FROM generate_series(1, ?)",
	/*
	 * Count one send under the limit ?3 (pg_cluster.c take): no row
	 * when the count is at it; the key's older windows go.
	 */
	[Q_RATE_TAKE] = "WITH gone AS (DELETE FROM counters WHERE key = ?1 "
			"AND win < ?2) INSERT INTO counters(key, win, n) "
			"SELECT ?1, ?2, 1 WHERE ?3 > 0 ON CONFLICT (key, win) "
			"DO UPDATE SET n = counters.n + 1 WHERE counters.n < "
			"?3 RETURNING n",
	[Q_IDS_INBOX] = "SELECT nextval('inbox_id_seq'), 0 FROM "
			"generate_series(1, ?)",
};
