/*
 * pg.c: the PostgreSQL backend (struct store_backend store_pg): the
 * connection, transactions, users, topics and friends.  Messages,
 * deliveries, the inbox and the outbox are in pg_msg.c; the schema in
 * pg_schema.c; the runners in pg_row.c.  Each file mirrors its
 * sqlite_*.c namesake, statement for statement.
 *
 * One connection per struct store, as with SQLite: the writer thread's
 * (every write, batched into group commits, store/writer.c), one per
 * reader thread, the CLI's own.  Outside BEGIN..COMMIT a statement
 * commits by itself (autocommit), which is what the readers and the
 * CLI's single writes want.
 *
 * Durability: synchronous_commit is left as the server has it (on by
 * default), so COMMIT returns once the WAL is flushed on the database
 * server: a 200 still means committed.  A COMMIT of a transaction a
 * statement already aborted answers ROLLBACK, which pg_commit() treats
 * as the failure it is.
 *
 * A statement waits at most lock_timeout (10 s) for a lock another
 * session holds, as SQLite's busy timeout: then it fails, the writer's
 * batch is retried op by op, and /healthz reports the store failing
 * instead of hanging.
 *
 * checkpoint is a no-op (the server checkpoints), sync_full is the
 * server's business (synchronous_commit), and a lost connection is
 * made again between transactions (pg_reconnect).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "store/pg_row.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

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
	[Q_IDS_INBOX] = "SELECT nextval('inbox_id_seq'), 0 FROM "
			"generate_series(1, ?)",
};

/* Every connection's settings: no NOTICEs, and the lock wait (above). */
#define SESSION_SETUP \
	"SET client_min_messages = warning; SET lock_timeout = 10000"

static pthread_once_t node_once = PTHREAD_ONCE_INIT;
static char node_id[PG_NODE_LEN + 1];

static void
node_make(void)
{
	char t[ID_TOKEN_LEN + 1];

	ids_token(t);
	snprintf(node_id, sizeof(node_id), "cli-%.*s", PG_NODE_LEN - 4, t);
}

/*
 * The node id in NOTIFY payloads and cluster leases: the serving node's
 * (store_node_start(), the same id its claims carry); a CLI run, which
 * is no node and claims nothing, still names itself with a random one.
 */
const char *
pg_node_id(void)
{
	if (*store_node_id() != '\0')
		return store_node_id();
	pthread_once(&node_once, node_make);
	return node_id;
}

/* Run one statement without parameters; 0 or FG_ESTORE. */
static int
plain(struct store *s, const char *sql, const char *want)
{
	PGresult *res = PQexec(PG(s)->conn, sql);
	int ok = PQresultStatus(res) == PGRES_COMMAND_OK &&
	    (want == NULL || strcmp(PQcmdStatus(res), want) == 0);

	if (!ok)
		snprintf(PG(s)->error, sizeof(PG(s)->error), "%s",
		    PQresultStatus(res) == PGRES_COMMAND_OK ?
			"the transaction was rolled back" :
			PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : FG_ESTORE;
}

/*
 * Every connection's session: the settings above, then the node this
 * process is, its lease length and its home (store_node_start()) as
 * the settings feige.node, feige.lease_ms and feige.home, which
 * migration 5's feige_node(), feige_lease() and feige_mine() read: claims (pg_lease.c) and the column defaults of a
 * new delivery name the node whatever statement runs.
 */
static int
session_setup(struct store *s)
{
	const char *const sql = "SELECT set_config('feige.node', $1, false), "
				"set_config('feige.lease_ms', $2, false), "
				"set_config('feige.home', $3, false)";
	const char *v[3];
	char ms[24];
	PGresult *res;
	int ok;

	if (plain(s, SESSION_SETUP, NULL) != 0)
		return FG_ESTORE;
	snprintf(ms, sizeof(ms), "%d", store_lease_ms());
	v[0] = store_node_id();
	v[1] = ms;
	v[2] = store_node_home();
	res = PQexecParams(PG(s)->conn, sql, 3, NULL, v, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		snprintf(PG(s)->error, sizeof(PG(s)->error), "%s",
		    PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : FG_ESTORE;
}

/* Quiet the server's NOTICEs (they would go to stderr). */
static void
pg_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int
pg_open(struct store **out, const char *url, int sync_full, struct strbuf *err)
{
	struct pg_store *q;
	struct store *s;
	int rc;

	(void)sync_full; /* synchronous_commit is the server's */
	q = xcalloc(1, sizeof(*q));
	q->pub.be = &store_pg;
	s = &q->pub;
	PG(s)->conn = PQconnectdb(url);
	if (PQstatus(PG(s)->conn) != CONNECTION_OK) {
		strbuf_setf(err, "cannot connect to PostgreSQL: %s",
		    PQerrorMessage(PG(s)->conn));
		PQfinish(PG(s)->conn);
		free(s);
		return FG_ESTORE;
	}
	PQsetNoticeProcessor(PG(s)->conn, pg_notice, NULL);
	if ((rc = session_setup(s)) != 0 || (rc = pg_migrate(s, err)) != 0 ||
	    (rc = pg_load_key(s, err)) != 0) {
		if (rc != 0 && err && err->len == 0)
			strbuf_setf(err, "%s", PG(s)->error);
		PQfinish(PG(s)->conn);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void
pg_close(struct store *s)
{
	if (s == NULL)
		return;
	PQfinish(PG(s)->conn);
	free(s);
}

/*
 * A connection the server dropped (a restart, a failover) is made again
 * before the next statement or transaction, with its prepared
 * statements forgotten.  The statement that found it gone has failed
 * and is not retried (it may have run).  Never inside a transaction,
 * whose writes went with the connection: the rest of it must fail, not
 * run in autocommit.
 */
int
pg_reconnect(struct store *s)
{
	if (PQstatus(PG(s)->conn) == CONNECTION_OK)
		return 0;
	if (PG(s)->in_tx) {
		snprintf(PG(s)->error, sizeof(PG(s)->error),
		    "the connection "
		    "was lost in a transaction");
		return FG_ESTORE;
	}
	PQreset(PG(s)->conn);
	memset(PG(s)->prepared, 0, sizeof(PG(s)->prepared));
	if (PQstatus(PG(s)->conn) == CONNECTION_OK)
		return session_setup(s);
	snprintf(PG(s)->error, sizeof(PG(s)->error), "%s",
	    PQerrorMessage(PG(s)->conn));
	return FG_ESTORE;
}

int
pg_begin(struct store *s)
{
	if (pg_reconnect(s) != 0 || plain(s, "BEGIN", NULL) != 0)
		return FG_ESTORE;
	PG(s)->in_tx = 1;
	pg_live_reset(s);
	pg_ids_reset(s);
	return 0;
}

int
pg_commit(struct store *s, struct strbuf *err)
{
	int piped = pg_pipe_drain(s);

	if (PG(s)->in_tx && piped == 0 && pg_live_flush(s) != 0)
		snprintf(PG(s)->error, sizeof(PG(s)->error), "live events: %s",
		    PQerrorMessage(PG(s)->conn));
	PG(s)->in_tx = 0;
	pg_ids_reset(s);
	if (piped != 0)
		(void)plain(s, "ROLLBACK", NULL);
	else if (PQtransactionStatus(PG(s)->conn) == PQTRANS_IDLE)
		snprintf(PG(s)->error, sizeof(PG(s)->error),
		    "no transaction "
		    "in progress");
	else if (plain(s, "COMMIT", "COMMIT") == 0)
		return 0;
	if (err)
		strbuf_setf(err, "commit: %s", PG(s)->error);
	return FG_ESTORE;
}

void
pg_rollback(struct store *s)
{
	(void)pg_pipe_drain(s); /* the results of writes sent ahead */
	PG(s)->in_tx = 0;
	pg_live_reset(s);
	pg_ids_reset(s);
	if (PQstatus(PG(s)->conn) == CONNECTION_OK)
		(void)plain(s, "ROLLBACK", NULL);
}

/* The server checkpoints by itself; nothing to copy here. */
int
pg_checkpoint(struct store *s, int full)
{
	(void)s;
	(void)full;
	return 0;
}

const struct sq_row pg_user_row = SQ_ROW(struct store_user, id, uid, token,
    name, callback_url, is_admin, created_ms, disabled, daily_limit, rate_limit);
static const struct sq_row topic_row = SQ_ROW(struct store_group, id, owner_id,
    code, name, created_ms);
static const struct sq_row friend_row = SQ_ROW(struct store_friend, id,
    owner_id, friend_id, token, created_ms);

int
pg_user_add(struct store *s, const char *name, int is_admin,
    struct store_user *u, struct strbuf *err)
{
	struct pg_q *st = pg_stmt(s, Q_USER_ADD);

	if (st == NULL)
		return strbuf_setf(err, "%s", PG(s)->error), FG_ESTORE;
	memset(u, 0, sizeof(*u));
	u->daily_limit = u->rate_limit = -1;	/* the server's */
	ids_uid(u->uid);
	ids_token(u->token);
	snprintf(u->name, sizeof(u->name), "%s", name);
	u->is_admin = is_admin;
	u->created_ms = clock_ms();
	if (pg_write(st, 0, &u->id, "tttiI", u->uid, u->token, u->name,
		is_admin, u->created_ms) != 0)
		return strbuf_setf(err, "add user: %s", PG(s)->error),
		       FG_ESTORE;
	return 0;
}

int
pg_user_get(struct store *s, const char *by, const char *key,
    struct store_user *u)
{
	return pg_one(pg_stmt(s,
			  strcmp(by, "uid") == 0 ? Q_USER_BY_UID :
						   Q_USER_BY_TOKEN),
	    0, &pg_user_row, u, "t", key);
}

int
pg_user_get_id(struct store *s, int64_t id, struct store_user *u)
{
	return pg_one(pg_stmt(s, Q_USER_BY_ID), 0, &pg_user_row, u, "I", id);
}

int
pg_user_set_callback(struct store *s, int64_t id, const char *url)
{
	return pg_run(pg_stmt(s, Q_USER_SET_CB), 0, "tI", url, id);
}

int
pg_user_set_disabled(struct store *s, int64_t id, int disabled)
{
	return pg_run(pg_stmt(s, Q_USER_SET_DISABLED), PG_CHANGES, "iI",
	    disabled != 0, id);
}

int
pg_user_set_limits(struct store *s, int64_t id, int daily, int rate)
{
	return pg_run(pg_stmt(s, Q_USER_SET_LIMITS), PG_CHANGES, "iiI", daily,
	    rate, id);
}

int
pg_user_reset_token(struct store *s, int64_t id, struct store_user *u)
{
	char token[sizeof(u->token)];
	int rc;

	ids_token(token);
	if ((rc = pg_run(pg_stmt(s, Q_USER_SET_TOKEN), 0, "tI", token, id)) !=
	    0)
		return rc;
	if (PG(s)->changes == 0)
		return FG_ENOENT;
	return pg_user_get_id(s, id, u);
}

int
pg_user_list(struct store *s, store_user_cb cb, void *arg)
{
	return pg_each(pg_stmt(s, Q_USER_LIST), 0, &pg_user_row, (sq_row_cb)cb,
	    arg, "");
}

/* The first row found and how many (at most 2: one is enough to say). */
struct topic_found {
	struct store_group *out;
	int n;
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
pg_topic_find(struct store *s, int64_t owner, int64_t member, const char *code,
    struct store_group *t)
{
	struct topic_found f = { t, 0 };
	int rc;

	memset(t, 0, sizeof(*t));
	rc = pg_each(pg_stmt(s, Q_TOPIC_BY_CODE), 0, &topic_row, topic_found,
	    &f, "tII", code, owner, member);
	if (rc != 0)
		return rc;
	return f.n == 0 ? FG_ENOENT : f.n == 1 ? 0 : FG_EEXIST;
}

int
pg_topic_join(struct store *s, int64_t topic, int64_t user, int64_t *mid,
    struct strbuf *err)
{
	struct pg_q *st = pg_stmt(s, Q_TOPIC_JOIN);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	if ((rc = pg_write(st, 0, mid, "III", topic, user, clock_ms())) != 0)
		strbuf_setf(err,
		    rc == FG_EEXIST ? "already a member" : "join: %s",
		    PG(s)->error);
	return rc;
}

int
pg_topic_members(struct store *s, int64_t topic, int64_t **ids, size_t *n)
{
	return pg_ids(pg_stmt(s, Q_TOPIC_MEMBERS), ids, n, "I", topic);
}

int
pg_friend_add(struct store *s, int64_t owner, int64_t friend_id,
    struct store_friend *f, struct strbuf *err)
{
	struct pg_q *st = pg_stmt(s, Q_FRIEND_ADD);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	memset(f, 0, sizeof(*f));
	f->owner_id = owner;
	f->friend_id = friend_id;
	ids_token(f->token);
	f->created_ms = clock_ms();
	if ((rc = pg_write(st, 0, &f->id, "IItI", owner, friend_id, f->token,
		 f->created_ms)) != 0)
		strbuf_setf(err,
		    rc == FG_EEXIST ? "already friends" : "add friend: %s",
		    PG(s)->error);
	return rc;
}

int
pg_friend_by_token(struct store *s, int64_t owner, const char *token,
    struct store_friend *f)
{
	return pg_one(pg_stmt(s, Q_FRIEND_BY_TOKEN), 0, &friend_row, f, "It",
	    owner, token);
}

/*
 * The health probe (store.h): one real write, the time into meta's
 * "health_ms" row, so the commit that follows must write the WAL.
 */
int
pg_probe(struct store *s)
{
	return pg_run(pg_prep(s,
			  "INSERT INTO meta(key, value) VALUES "
			  "('health_ms', ?) ON CONFLICT(key) DO UPDATE SET "
			  "value = "
			  "excluded.value"),
	    PGO_RUN, "I", clock_ms());
}

/*
 * `feige backup` copies SQLite's file; a PostgreSQL database is backed
 * up by the database's own tools, which also keep it consistent while
 * the nodes write (pg_dump, or pg_basebackup with WAL archiving).
 */
int
pg_backup(struct store *s, const char *path, struct strbuf *err)
{
	(void)s;
	(void)path;
	strbuf_setf(err,
	    "the store is in PostgreSQL (store.url): back it up "
	    "with pg_dump (or pg_basebackup), see docs/scale.md");
	return FG_EINVAL;
}
