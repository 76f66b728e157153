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
#define USER_COLS "id, uid, token, name, callback_url, is_admin, created_ms, " \
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
	[Q_TOPIC_BY_CODE] = "SELECT id, owner_id, code, name, created_ms "
	    "FROM topics t WHERE code = ?1 AND (?2 = 0 OR owner_id = ?2) AND "
	    "(?3 = 0 OR EXISTS (SELECT 1 FROM topic_members m WHERE "
	    "m.topic_id = t.id AND m.user_id = ?3)) ORDER BY id LIMIT 2",
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
	    "not_after_ms, status, error, created_ms, updated_ms, push_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_DLV_INSERT] = "INSERT INTO deliveries(message_id, user_id, "
	    "channel, status, error, updated_ms, attempts) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
#define MSG_COLS "id, sender_id, topic_id, title, content, " \
	"tpl, channel, webhook, callback_url, not_after_ms, status, error, " \
	"created_ms, updated_ms, push_id"
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
/*
 * Who an inbox item is from: the WxPusher app and the topic its delivery
 * is for; for pushplus sends the group (topics) it went to, else the
 * other user who sent it (a friend), never the recipient themselves.
 */
#define INBOX_FROM "coalesce((SELECT name FROM wx_apps WHERE " \
	"id = m.app_id), ''), coalesce((SELECT t.name FROM deliveries d " \
	"JOIN wx_records r ON r.id = d.record_id JOIN wx_topics t ON " \
	"t.id = r.topic_id WHERE d.id = i.delivery_id), ''), " \
	"coalesce((SELECT name FROM topics WHERE id = m.topic_id AND " \
	"m.app_id = 0), ''), coalesce((SELECT name FROM users WHERE " \
	"id = m.sender_id AND m.app_id = 0 AND m.topic_id = 0 AND " \
	"m.sender_id != i.user_id), '')"
#define INBOX_SEL "SELECT i.id, m.id, m.sender_id, " \
	"m.topic_id, m.title, m.content, m.tpl, m.channel, m.webhook, " \
	"m.callback_url, m.not_after_ms, m.status, m.error, i.created_ms, " \
	"m.updated_ms, m.push_id, " INBOX_FROM " FROM inbox i " \
	"JOIN messages m ON m.id = i.message_id " \
	"WHERE i.user_id = ? AND i.id > ? AND m.deleted = 0 "
	[Q_INBOX_ASC] = INBOX_SEL "ORDER BY i.id ASC LIMIT ?",
	[Q_INBOX_DESC] = INBOX_SEL "ORDER BY i.id DESC LIMIT ?",
	[Q_OUTBOX_ADD] = "INSERT INTO outbox(url, body, due_ms) "
	    "VALUES (?, ?, ?)",
	[Q_OUTBOX_DUE] = "SELECT id, url, body, attempts FROM outbox "
	    "WHERE status = 0 AND due_ms <= ? ORDER BY due_ms LIMIT ?",
	[Q_OUTBOX_DONE] = "UPDATE outbox SET status = ?, attempts = ?, "
	    "due_ms = ?, error = ? WHERE id = ?",
	/*
	 * Count one send under the limit ?3 (sq_rate_take): no row
	 * changed when the count is at it.  The key's older windows go
	 * with the insert of a new one (migration 25's trigger).  The
	 * WHERE of the SELECT is also what lets SQLite parse ON CONFLICT
	 * after it.
	 */
	[Q_RATE_TAKE] = "INSERT INTO counters(key, win, n) SELECT ?1, ?2, 1 "
	    "WHERE ?3 > 0 ON CONFLICT (key, win) DO UPDATE SET n = n + 1 "
	    "WHERE n < ?3",
};

sqlite3_stmt *
sq_cached(struct store *s, enum sq_stmt q, const char *text)
{
	if (SQ(s)->st[q] == NULL) {
		if (sqlite3_prepare_v3(SQ(s)->db, text, -1,
		    SQLITE_PREPARE_PERSISTENT, &SQ(s)->st[q],
		    NULL) != SQLITE_OK)
			return NULL;
	} else {
		sqlite3_reset(SQ(s)->st[q]);
		sqlite3_clear_bindings(SQ(s)->st[q]);
	}
	return SQ(s)->st[q];
}

sqlite3_stmt *
sq_stmt(struct store *s, enum sq_stmt q)
{
	return sq_cached(s, q, q >= Q_BULK_FIRST ?
	    sq_bulk_sql[q - Q_BULK_FIRST] : q >= Q_WX_FIRST ?
	    sq_wx_sql[q - Q_WX_FIRST] : sql[q]);
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

int
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

void
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

int
sq_begin(struct store *s)
{
	sqlite3_stmt *st = sq_stmt(s, Q_BEGIN);

	return st ? sq_step_done(s, st) : FG_ESTORE;
}

int
sq_commit(struct store *s, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, Q_COMMIT);

	if (st && sq_step_done(s, st) == 0)
		return 0;
	if (err)
		strbuf_setf(err, "commit: %s", sqlite3_errmsg(SQ(s)->db));
	return FG_ESTORE;
}

void
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

int
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
    name, callback_url, is_admin, created_ms, disabled, daily_limit, rate_limit);
static const struct sq_row topic_row = SQ_ROW(struct store_group, id,
    owner_id, code, name, created_ms);
static const struct sq_row friend_row = SQ_ROW(struct store_friend, id,
    owner_id, friend_id, token, created_ms);

int
sq_user_add(struct store *s, const char *name, int is_admin,
    struct store_user *u, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, Q_USER_ADD);

	if (st == NULL)
		return strbuf_setf(err, "%s", sqlite3_errmsg(SQ(s)->db)),
		    FG_ESTORE;
	memset(u, 0, sizeof(*u));
	u->daily_limit = u->rate_limit = -1;	/* the server's */
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

int
sq_user_get(struct store *s, const char *by, const char *key,
    struct store_user *u)
{
	return sq_one(sq_stmt(s, strcmp(by, "uid") == 0 ? Q_USER_BY_UID :
	    Q_USER_BY_TOKEN), 0, &sq_user_row, u, "t", key);
}

int
sq_user_get_id(struct store *s, int64_t id, struct store_user *u)
{
	return sq_one(sq_stmt(s, Q_USER_BY_ID), 0, &sq_user_row, u, "I", id);
}

int
sq_user_set_callback(struct store *s, int64_t id, const char *url)
{
	return sq_run(sq_stmt(s, Q_USER_SET_CB), 0, "tI", url, id);
}

int
sq_user_set_disabled(struct store *s, int64_t id, int disabled)
{
	return sq_run(sq_stmt(s, Q_USER_SET_DISABLED), SQ_CHANGES, "iI",
	    disabled != 0, id);
}

int
sq_user_set_limits(struct store *s, int64_t id, int daily, int rate)
{
	return sq_run(sq_stmt(s, Q_USER_SET_LIMITS), SQ_CHANGES, "iiI", daily,
	    rate, id);
}

int
sq_user_reset_token(struct store *s, int64_t id, struct store_user *u)
{
	char token[sizeof(u->token)];
	int rc;

	ids_token(token);
	if ((rc = sq_run(sq_stmt(s, Q_USER_SET_TOKEN), 0, "tI", token,
	    id)) != 0)
		return rc;
	if (sqlite3_changes(SQ(s)->db) == 0)
		return FG_ENOENT;
	return sq_user_get_id(s, id, u);
}

int
sq_user_list(struct store *s, store_user_cb cb, void *arg)
{
	return sq_each(sq_stmt(s, Q_USER_LIST), 0, &sq_user_row,
	    (sq_row_cb)cb, arg, "");
}

/* The first row found and how many (at most 2: one is enough to say). */
struct topic_found {
	struct store_group	*out;
	int			 n;
};

static int
topic_found(void *arg, const void *row)
{
	struct topic_found *f = arg;

	if (f->n++ == 0)
		memcpy(f->out, row, sizeof(*f->out));
	return 0;
}

/*
 * Group codes are unique per owner only (migration 10), so a code
 * alone may name several groups: 0 with the one group, FG_ENOENT, or
 * FG_EEXIST when more than one matches and the caller must say whose.
 */
int
sq_topic_find(struct store *s, int64_t owner, int64_t member,
    const char *code, struct store_group *t)
{
	struct topic_found f = { t, 0 };
	int rc;

	memset(t, 0, sizeof(*t));
	rc = sq_each(sq_stmt(s, Q_TOPIC_BY_CODE), 0, &topic_row,
	    topic_found, &f, "tII", code, owner, member);
	if (rc != 0)
		return rc;
	return f.n == 0 ? FG_ENOENT : f.n == 1 ? 0 : FG_EEXIST;
}

int
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

int
sq_topic_members(struct store *s, int64_t topic, int64_t **ids, size_t *n)
{
	return sq_ids(sq_stmt(s, Q_TOPIC_MEMBERS), ids, n, "I", topic);
}

int
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

int
sq_friend_by_token(struct store *s, int64_t owner, const char *token,
    struct store_friend *f)
{
	return sq_one(sq_stmt(s, Q_FRIEND_BY_TOKEN), 0, &friend_row, f, "It",
	    owner, token);
}

/*
 * The health probe (store.h): one real write, the time into meta's
 * "health_ms" row, so the commit that follows must write the WAL.
 */
int
sq_probe(struct store *s)
{
	return sq_run(sq_prep(s, "INSERT INTO meta(key, value) VALUES "
	    "('health_ms', ?) ON CONFLICT(key) DO UPDATE SET value = "
	    "excluded.value"), SQO_RUN, "I", clock_ms());
}
