/*
 * sqlite.c: the embedded SQLite backend (struct store_backend
 * store_sqlite): connection setup, transactions, users, topics and
 * friends.  Messages, deliveries, the inbox and the outbox are in
 * sqlite_msg.c; the schema in sqlite_schema.c.
 *
 * Durability: WAL mode with synchronous=FULL by default, so a COMMIT
 * returns only once the WAL is fsync'ed.  Automatic checkpoints are off
 * on every connection; the server runs passive checkpoints from a thread
 * of its own (queue/writer.c), so the writer never stalls on one.
 *
 * Statements are prepared on first use and cached per connection
 * (enum sq_stmt); the hot path never re-parses SQL.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_int.h"
#include "store/sqlite_open_int.h"
#include "store/sqlite_row.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

static const char *sql[Q__COUNT] = {
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_USER_ADD] = "INSERT INTO users(uid, token, name, is_admin, "
	    "created_ms) VALUES (?, ?, ?, ?, ?)",
#define USER_COLS "id, uid, token, name, callback_url, is_admin, created_ms"
	[Q_USER_BY_TOKEN] = "SELECT " USER_COLS " FROM users WHERE token = ?",
	[Q_USER_BY_UID] = "SELECT " USER_COLS " FROM users WHERE uid = ?",
	[Q_USER_BY_ID] = "SELECT " USER_COLS " FROM users WHERE id = ?",
	[Q_USER_SET_CB] = "UPDATE users SET callback_url = ? WHERE id = ?",
	[Q_USER_LIST] = "SELECT " USER_COLS " FROM users ORDER BY id",
	[Q_TOPIC_BY_CODE] = "SELECT id, owner_id, code, name, created_ms "
	    "FROM topics WHERE code = ?",
	[Q_TOPIC_JOIN] = "INSERT INTO topic_members(topic_id, user_id, "
	    "created_ms) VALUES (?, ?, ?)",
	[Q_TOPIC_MEMBERS] = "SELECT user_id FROM topic_members "
	    "WHERE topic_id = ? ORDER BY id",
	[Q_FRIEND_ADD] = "INSERT INTO friends(owner_id, friend_id, token, "
	    "created_ms) VALUES (?, ?, ?, ?)",
	[Q_FRIEND_BY_TOKEN] = "SELECT id, owner_id, friend_id, token, "
	    "created_ms FROM friends WHERE owner_id = ? AND token = ?",
	[Q_MSG_INSERT] = "INSERT INTO messages(sender_id, "
	    "topic_id, title, content, tpl, channel, webhook, callback_url, "
	    "not_after_ms, status, error, created_ms, updated_ms) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_DLV_INSERT] = "INSERT INTO deliveries(message_id, user_id, "
	    "channel, status, error, updated_ms, attempts) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
#define MSG_COLS "id, sender_id, topic_id, title, content, " \
	"tpl, channel, webhook, callback_url, not_after_ms, status, error, " \
	"created_ms, updated_ms"
	[Q_MSG_BY_ID] = "SELECT " MSG_COLS " FROM messages WHERE id = ?",
	[Q_MSG_LIST] = "SELECT " MSG_COLS " FROM messages WHERE sender_id = ? "
	    "ORDER BY id DESC LIMIT ?",
	[Q_MSG_LIST_ALL] = "SELECT " MSG_COLS " FROM messages "
	    "ORDER BY id DESC LIMIT ?",
	[Q_MSG_OPEN] = "SELECT count(*) FROM deliveries "
	    "WHERE message_id = ? AND status < 2",
	[Q_MSG_FIRST_ERR] = "SELECT error, "
	    "(SELECT count(*) FROM deliveries WHERE message_id = ?1) "
	    "FROM deliveries WHERE message_id = ?1 AND status = 3 "
	    "ORDER BY id LIMIT 1",
	[Q_MSG_SET_STATUS] = "UPDATE messages SET status = ?, error = ?, "
	    "updated_ms = ? WHERE id = ?",
#define DLV_COLS "d.id, d.message_id, d.user_id, u.uid, d.channel, " \
	"d.status, d.attempts, d.next_ms, d.error"
	[Q_DLV_LIST] = "SELECT " DLV_COLS " FROM deliveries d LEFT JOIN users u "
	    "ON u.id = d.user_id WHERE d.message_id = ? ORDER BY d.id",
	[Q_DLV_PENDING] = "SELECT " DLV_COLS " FROM deliveries d "
	    "LEFT JOIN users u ON u.id = d.user_id WHERE d.status < 2 "
	    "ORDER BY d.id",
	[Q_DLV_UPDATE] = "UPDATE deliveries SET status = ?, attempts = ?, "
	    "next_ms = ?, error = ?, updated_ms = ? WHERE id = ?",
	[Q_INBOX_ADD] = "INSERT INTO inbox(user_id, message_id, delivery_id, "
	    "created_ms) VALUES (?, ?, ?, ?)",
#define INBOX_SEL "SELECT i.id, m.id, m.sender_id, " \
	"m.topic_id, m.title, m.content, m.tpl, m.channel, m.webhook, " \
	"m.callback_url, m.not_after_ms, m.status, m.error, i.created_ms, " \
	"m.updated_ms FROM inbox i JOIN messages m ON m.id = i.message_id " \
	"WHERE i.user_id = ? AND i.id > ? "
	[Q_INBOX_ASC] = INBOX_SEL "ORDER BY i.id ASC LIMIT ?",
	[Q_INBOX_DESC] = INBOX_SEL "ORDER BY i.id DESC LIMIT ?",
	[Q_OUTBOX_ADD] = "INSERT INTO outbox(url, body, due_ms) "
	    "VALUES (?, ?, ?)",
	[Q_OUTBOX_DUE] = "SELECT id, url, body, attempts FROM outbox "
	    "WHERE status = 0 AND due_ms <= ? ORDER BY due_ms LIMIT ?",
	[Q_OUTBOX_DONE] = "UPDATE outbox SET status = ?, attempts = ?, "
	    "due_ms = ?, error = ? WHERE id = ?",
};

sqlite3_stmt *
sq_stmt(struct store *s, enum sq_stmt q)
{
	if (SQ(s)->st[q] == NULL) {
		if (sqlite3_prepare_v3(SQ(s)->db, q >= Q_BULK_FIRST ?
		    sq_bulk_sql[q - Q_BULK_FIRST] : q >= Q_WX_FIRST ?
		    sq_wx_sql[q - Q_WX_FIRST] : sql[q], -1,
		    SQLITE_PREPARE_PERSISTENT, &SQ(s)->st[q],
		    NULL) != SQLITE_OK)
			return NULL;
	} else {
		sqlite3_reset(SQ(s)->st[q]);
		sqlite3_clear_bindings(SQ(s)->st[q]);
	}
	return SQ(s)->st[q];
}

char *
sq_col_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return xstrndup(t ? (const char *)t : "",
	    (size_t)sqlite3_column_bytes(st, col));
}

void
sq_col_copy(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);

	if (n >= size)
		n = size - 1;
	memcpy(dst, t ? (const char *)t : "", n);
	dst[n] = '\0';
}

/* Step a statement that returns no rows; 0 or FG_ESTORE/FG_EEXIST. */
int
sq_step_done(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	(void)s;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_CONSTRAINT)
		return FG_EEXIST;
	return FG_ESTORE;
}

/*
 * Process-wide settings, before the first connection: no memory
 * statistics (they take a global mutex on every allocation, and
 * Debian's build has no lookaside, so every small allocation is one).
 */
static pthread_once_t sq_once = PTHREAD_ONCE_INIT;

static void
sq_global(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int
sq_open(struct store **out, const char *path, int sync_full,
    struct strbuf *err)
{
	struct sq_store *q;
	struct store *s;
	char pragmas[256];
	int rc;

	pthread_once(&sq_once, sq_global);
	q = xcalloc(1, sizeof(*q));
	q->pub.be = &store_sqlite;
	s = &q->pub;

	if (sqlite3_open_v2(path, &SQ(s)->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		strbuf_setf(err, "cannot open '%s': %s", path,
		    SQ(s)->db ? sqlite3_errmsg(SQ(s)->db) : "out of memory");
		sqlite3_close(SQ(s)->db);
		free(s);
		return FG_ESTORE;
	}
	sqlite3_busy_timeout(SQ(s)->db, 10000);
	if (sq_rows_register(SQ(s)->db) != 0) {
		strbuf_setf(err, "'%s': cannot register fg_rows", path);
		sqlite3_close(SQ(s)->db);
		free(s);
		return FG_ESTORE;
	}
	snprintf(pragmas, sizeof(pragmas), "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=%s; PRAGMA wal_autocheckpoint=0;"
	    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
	    "PRAGMA journal_size_limit=134217728;"
	    "PRAGMA cache_size=-16384;",
	    sync_full ? "FULL" : "NORMAL");
	if (sqlite3_exec(SQ(s)->db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		strbuf_setf(err, "'%s': %s", path, sqlite3_errmsg(SQ(s)->db));
		sqlite3_close(SQ(s)->db);
		free(s);
		return FG_ESTORE;
	}
	if ((rc = sq_migrate(s, err)) != 0 || (rc = sq_load_key(s, err)) != 0) {
		sqlite3_close(SQ(s)->db);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

static void
sq_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(SQ(s)->st[i]);
	sqlite3_close(SQ(s)->db);
	free(s);
}

static int
sq_begin(struct store *s)
{
	sqlite3_stmt *st = sq_stmt(s, Q_BEGIN);

	return st ? sq_step_done(s, st) : FG_ESTORE;
}

static int
sq_commit(struct store *s, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, Q_COMMIT);

	if (st && sq_step_done(s, st) == 0)
		return 0;
	if (err)
		strbuf_setf(err, "commit: %s", sqlite3_errmsg(SQ(s)->db));
	return FG_ESTORE;
}

static void
sq_rollback(struct store *s)
{
	sqlite3_stmt *st = sq_stmt(s, Q_ROLLBACK);

	if (st)
		(void)sq_step_done(s, st);
}

/*
 * Passive first: it copies most of the WAL without blocking anyone.
 * Then a RESTART checkpoint copies the little written meanwhile, waits
 * for readers on old snapshots and makes the next commit start the WAL
 * from the beginning (passive checkpoints alone never catch up under
 * sustained load: the WAL grew by 60 MB/s at 30k sends/s).  While it
 * waits it holds new writers off, so it runs with a short busy timeout:
 * if a reader is slow it gives up and tries again a second later,
 * instead of stalling the group-commit writer.  At shutdown (full) a
 * TRUNCATE checkpoint empties the WAL file.
 */
#define CKPT_BUSY_MS		20

static int
sq_checkpoint(struct store *s, int full)
{
	int rc, log = 0, done = 0;

	rc = sqlite3_wal_checkpoint_v2(SQ(s)->db, NULL,
	    SQLITE_CHECKPOINT_PASSIVE,
	    &log, &done);
	if (rc == SQLITE_OK && (full || log > 0)) {
		if (!full)
			sqlite3_busy_timeout(SQ(s)->db, CKPT_BUSY_MS);
		rc = sqlite3_wal_checkpoint_v2(SQ(s)->db, NULL, full ?
		    SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_RESTART,
		    NULL, NULL);
		sqlite3_busy_timeout(SQ(s)->db, 10000);
	}
	return rc == SQLITE_OK || rc == SQLITE_BUSY ? 0 : FG_ESTORE;
}

const struct sq_row sq_user_row = SQ_ROW(struct store_user, id, uid, token,
    name, callback_url, is_admin, created_ms);
static const struct sq_row topic_row = SQ_ROW(struct store_group, id,
    owner_id, code, name, created_ms);
static const struct sq_row friend_row = SQ_ROW(struct store_friend, id,
    owner_id, friend_id, token, created_ms);

static int
sq_user_add(struct store *s, const char *name, int is_admin,
    struct store_user *u, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, Q_USER_ADD);

	if (st == NULL)
		return strbuf_setf(err, "%s", sqlite3_errmsg(SQ(s)->db)),
		    FG_ESTORE;
	memset(u, 0, sizeof(*u));
	ids_uid(u->uid);
	ids_token(u->token);
	snprintf(u->name, sizeof(u->name), "%s", name);
	u->is_admin = is_admin;
	u->created_ms = clock_ms();
	if (sq_write(st, 0, &u->id, "tttiI", u->uid, u->token, u->name,
	    is_admin, u->created_ms) != 0)
		return strbuf_setf(err, "add user: %s",
		    sqlite3_errmsg(SQ(s)->db)),
		    FG_ESTORE;
	return 0;
}

static int
sq_user_get(struct store *s, const char *by, const char *key,
    struct store_user *u)
{
	return sq_one(sq_stmt(s, strcmp(by, "uid") == 0 ? Q_USER_BY_UID :
	    Q_USER_BY_TOKEN), 0, &sq_user_row, u, "t", key);
}

static int
sq_user_get_id(struct store *s, int64_t id, struct store_user *u)
{
	return sq_one(sq_stmt(s, Q_USER_BY_ID), 0, &sq_user_row, u, "I", id);
}

static int
sq_user_set_callback(struct store *s, int64_t id, const char *url)
{
	return sq_run(sq_stmt(s, Q_USER_SET_CB), 0, "tI", url, id);
}

static int
sq_user_list(struct store *s, store_user_cb cb, void *arg)
{
	return sq_each(sq_stmt(s, Q_USER_LIST), 0, &sq_user_row,
	    (sq_row_cb)cb, arg, "");
}

static int
sq_topic_by_code(struct store *s, const char *code, struct store_group *t)
{
	return sq_one(sq_stmt(s, Q_TOPIC_BY_CODE), 0, &topic_row, t, "t",
	    code);
}

static int
sq_topic_join(struct store *s, int64_t topic, int64_t user, int64_t *mid,
    struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, Q_TOPIC_JOIN);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	if ((rc = sq_write(st, 0, mid, "III", topic, user, clock_ms())) != 0)
		strbuf_setf(err, rc == FG_EEXIST ? "already a member" :
		    "join: %s", sqlite3_errmsg(SQ(s)->db));
	return rc;
}

static int
sq_topic_members(struct store *s, int64_t topic, int64_t **ids, size_t *n)
{
	return sq_ids(sq_stmt(s, Q_TOPIC_MEMBERS), ids, n, "I", topic);
}

static int
sq_friend_add(struct store *s, int64_t owner, int64_t friend_id,
    struct store_friend *f, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, Q_FRIEND_ADD);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	memset(f, 0, sizeof(*f));
	f->owner_id = owner;
	f->friend_id = friend_id;
	ids_token(f->token);
	f->created_ms = clock_ms();
	if ((rc = sq_write(st, 0, &f->id, "IItI", owner, friend_id, f->token,
	    f->created_ms)) != 0)
		strbuf_setf(err, rc == FG_EEXIST ? "already friends" :
		    "add friend: %s", sqlite3_errmsg(SQ(s)->db));
	return rc;
}

static int
sq_friend_by_token(struct store *s, int64_t owner, const char *token,
    struct store_friend *f)
{
	return sq_one(sq_stmt(s, Q_FRIEND_BY_TOKEN), 0, &friend_row, f, "It",
	    owner, token);
}

/*
 * The directory's rows by kind and by key (dir.h: get, del, find): one
 * entry point each for a backend to implement, dispatched here to the
 * statements and row descriptors of each table's file.
 */
static int
sq_get(struct store *s, enum dir_kind kind, int64_t id, void *out)
{
	switch (kind) {
	case DIR_USER:
		return sq_user_get_id(s, id, out);
	case DIR_GROUP:
		return sqo_topic_get(s, id, out);
	case DIR_MEMBER:
		return sqo_member_get(s, id, out);
	case DIR_FRIEND:
		return sqo_friend_get(s, id, out);
	case DIR_MSG_TOKEN:
		return so_token_get(s, id, out);
	case DIR_PRE:
		return sqo_pre_get(s, id, out);
	case DIR_CHAN:
		return sq_chan_get(s, id, out);
	case DIR_WX_APP:
		return sq_wx_app_get(s, id, out);
	case DIR_WX_TOPIC:
		return sq_wx_topic_get(s, id, out);
	case DIR_WX_FOLLOW:
		return sq_wx_follow_get(s, id, out);
	case DIR_WX_PRODUCT:
		return sq_wx_product_get(s, id, out);
	}
	return FG_EINVAL;
}

static int
sq_del(struct store *s, enum dir_kind kind, int64_t id)
{
	switch (kind) {
	case DIR_MEMBER:
		return sqo_member_delete(s, id);
	case DIR_FRIEND:
		return sqo_friend_delete(s, id);
	case DIR_MSG_TOKEN:
		return so_token_delete(s, id);
	case DIR_PRE:
		return sqo_pre_delete(s, id);
	case DIR_WX_FOLLOW:
		return sq_wx_follow_remove(s, id);
	default:
		return FG_EINVAL;
	}
}

static int
sq_find(struct store *s, enum dir_key key, const char *k, void *out)
{
	switch (key) {
	case DIR_USER_BY_TOKEN:
		return sq_user_get(s, "token", k, out);
	case DIR_USER_BY_UID:
		return sq_user_get(s, "uid", k, out);
	case DIR_USER_BY_SPT:
		return sq_wx_user_by_spt(s, k, out);
	case DIR_GROUP_BY_CODE:
		return sq_topic_by_code(s, k, out);
	case DIR_WX_APP_BY_TOKEN:
		return sq_wx_app_by_token(s, k, out);
	case DIR_QRCODE_BY_CODE:
		return sq_wx_qrcode_get(s, k, out);
	case DIR_JOIN_BY_CODE:
		return sqo_join_get(s, k, out);
	}
	return FG_EINVAL;
}

static int
sq_spool_get(struct store *s, enum spool_kind kind, int64_t id, void *out)
{
	switch (kind) {
	case SPOOL_MESSAGE:
		return sq_message_get_id(s, id, out);
	case SPOOL_WX_MESSAGE:
		return sq_wx_message_get(s, id, out);
	case SPOOL_WX_RECORD:
		return sq_wx_record_get(s, id, out);
	}
	return FG_EINVAL;
}

static const struct spool_ops sq_spool = {
	.get = sq_spool_get,
	.message_insert = sq_message_insert,
	.message_get = sq_message_get,
	.message_list = sq_message_list,
	.message_settle = sq_message_settle,
	.message_set_status = sq_message_set_status,
	.delivery_list = sq_delivery_list,
	.delivery_pending = sq_delivery_pending,
	.delivery_update = sq_delivery_update,
	.inbox_add = sq_inbox_add,
	.delivery_add_many = sq_delivery_add_many,
	.inbox_add_many = sq_inbox_add_many,
	.inbox_list = sq_inbox_list,
	.outbox_add = sq_outbox_add,
	.outbox_due = sq_outbox_due,
	.outbox_done = sq_outbox_done,
	.wx_message_set = sq_wx_message_set,
	.wx_message_delete = sq_wx_message_delete,
	.wx_record_add = sq_wx_record_add,
	.wx_delivery_add = sq_wx_delivery_add,
	.wx_daily_get = sq_wx_daily_get,
	.wx_daily_add = sq_wx_daily_add,
	.wx_records_add = sq_wx_records_add,
	.wx_daily_add_many = sq_wx_daily_add_many,
	.wx_daily_filter = sq_wx_daily_filter,
	.wx_purge = sq_wx_purge,
	.msg_chan_set = sq_msg_chan_set,
	.msg_chan_get = sq_msg_chan_get,
	.msg_list = so_msg_list,
	.send_count = so_send_count,
};

static const struct dir_ops sq_dir = {
	.get = sq_get,
	.del = sq_del,
	.find = sq_find,
	.user_add = sq_user_add,
	.user_set_callback = sq_user_set_callback,
	.user_list = sq_user_list,
	.topic_join = sq_topic_join,
	.topic_members = sq_topic_members,
	.friend_add = sq_friend_add,
	.friend_by_token = sq_friend_by_token,
	.wx_app_add = sq_wx_app_add,
	.wx_app_reset_token = sq_wx_app_reset_token,
	.wx_app_set = sq_wx_app_set,
	.wx_app_list = sq_wx_app_list,
	.wx_topic_add = sq_wx_topic_add,
	.wx_follow_add = sq_wx_follow_add,
	.wx_follow_find = sq_wx_follow_find,
	.wx_follow_set_reject = sq_wx_follow_set_reject,
	.wx_follow_set_pay = sq_wx_follow_set_pay,
	.wx_follow_list = sq_wx_follow_list,
	.wx_followers = sq_wx_followers,
	.wx_uid_states = sq_wx_uid_states,
	.wx_qrcode_add = sq_wx_qrcode_add,
	.wx_qrcode_scanned = sq_wx_qrcode_scanned,
	.wx_qrcode_polled = sq_wx_qrcode_polled,
	.wx_product_add = sq_wx_product_add,
	.wx_product_covers = sq_wx_product_covers,
	.wx_user_spt = sq_wx_user_spt,
	.chan_add = sq_chan_add,
	.chan_by_code = sq_chan_by_code,
	.chan_list = sq_chan_list,
	.chan_update = sq_chan_update,
	.chan_delete = sq_chan_delete,
	.user_email_set = sq_user_email_set,
	.user_email_get = sq_user_email_get,
	.settings_get = so_settings_get,
	.settings_put = so_settings_put,
	.key_add = so_key_add,
	.key_user = so_key_user,
	.token_add = so_token_add,
	.token_edit = so_token_edit,
	.token_list = so_token_list,
	.token_user = so_token_user,
	.topic_add = sqo_topic_add,
	.topic_list = sqo_topic_list,
	.member_find = sqo_member_find,
	.member_list = sqo_member_list,
	.friend_find = sqo_friend_find,
	.friend_list = sqo_friend_list,
	.friend_remark = sqo_friend_remark,
	.join_add = sqo_join_add,
	.pre_add = sqo_pre_add,
	.pre_edit = sqo_pre_edit,
	.pre_by_code = sqo_pre_by_code,
	.pre_list = sqo_pre_list,
};

const struct store_backend store_sqlite = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.checkpoint = sq_checkpoint,
	.spool = &sq_spool,
	.dir = &sq_dir,
};
