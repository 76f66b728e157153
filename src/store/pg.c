/*
 * pg.c: the PostgreSQL backend (struct store_backend store_pg):
 * transactions, users, topics and friends.  The connection and its
 * session are in pg_conn.c, the statements' SQL in pg_sql.c, opening
 * (connect, migrate) in pg_schema.c; messages, deliveries, the inbox and
 * the outbox in pg_msg.c; the runners in pg_row.c, the writer's
 * pipeline in pg_pipe.c.  Each file mirrors its
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


int
pg_begin(struct store *s)
{
	if (pg_reconnect(s) != 0 || pg_plain(s, "BEGIN", NULL) != 0)
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
		(void)pg_plain(s, "ROLLBACK", NULL);
	else if (PQtransactionStatus(PG(s)->conn) == PQTRANS_IDLE)
		snprintf(PG(s)->error, sizeof(PG(s)->error),
		    "no transaction "
		    "in progress");
	else if (pg_plain(s, "COMMIT", "COMMIT") == 0)
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
		(void)pg_plain(s, "ROLLBACK", NULL);
}

/* The server checkpoints by itself; nothing to copy here. */
int
pg_checkpoint(struct store *s, int full)
{
	(void)s;
	(void)full;
	return 0;
}

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
