/*
 * test_pg.c: what is particular to the PostgreSQL backend (pg*.c).
 *
 * Always: both backends fill every member of struct spool_ops,
 * struct dir_ops and struct wechat_store_ops (a member a backend forgot is NULL, and a call through
 * it crashes at run time, so a new entry point of the SQLite backend
 * without its PostgreSQL twin fails here, not in production).
 *
 * With FEIGE_TEST_PG (make test-pg): the schema is applied once and
 * recorded, also when several connections open an empty database at
 * the same moment (the advisory lock); a transaction a failed statement
 * aborted does not commit (COMMIT answers ROLLBACK there, and a 200 must
 * mean committed); a connection the server dropped is made again
 * between transactions, and inside one the rest fails instead of
 * running in autocommit; `feige backup` is refused with the way to do
 * it; claims with leases (pg_lease.c): a node's new delivery is its
 * own, nobody else's until the lease runs out, then any node's; renew,
 * release and a final status; retention's turn goes to one connection
 * at a time.
 * The behaviour of the entry points themselves is tested by the store
 * tests that run on both backends (harness_store.h).
 */
#include <pthread.h>
#include <string.h>

#include "harness_store.h"
#include "store/pg_int.h"
#include "store/store_wechat.h"
#include "util/errors.h"

static char dir[] = "/tmp/feige-pg-XXXXXX";

/* How many members of a table of function pointers are NULL. */
static int
null_members(const void *table, size_t size)
{
	void (*const *f)(void) = table;
	size_t i;
	int n = 0;

	for (i = 0; i < size / sizeof(*f); i++)
		if (f[i] == NULL)
			n++;
	return n;
}

TEST(ops_tables_complete)
{
	CHECK(null_members(store_sqlite.spool, sizeof(struct spool_ops)) == 0);
	CHECK(null_members(store_sqlite.dir, sizeof(struct dir_ops)) == 0);
	CHECK(null_members(store_pg.spool, sizeof(struct spool_ops)) == 0);
	CHECK(null_members(store_pg.dir, sizeof(struct dir_ops)) == 0);
	CHECK(null_members(store_sqlite.wechat,
	    sizeof(struct wechat_store_ops)) == 0);
	CHECK(null_members(store_pg.wechat,
	    sizeof(struct wechat_store_ops)) == 0);
	CHECK(store_backend_lookup("postgresql") == &store_pg);
	CHECK(store_set_url("mysql://x") == FG_EINVAL);
	CHECK(store_set_url("") == 0);
}

static void *
open_close(void *arg)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s;
	int *rc = arg;

	*rc = store_open_dir(dir, 0, &s, &err);
	if (*rc == 0)
		store_close(s);
	else
		fprintf(stderr, "  open: %s\n", err.buf);
	strbuf_release(&err);
	return NULL;
}

TEST(schema_once)
{
	pthread_t t[4];
	int rc[4], i;
	struct store *s;
	struct strbuf err = STRBUF_INIT;
	PGresult *res;

	/* four connections on an empty database at once */
	CHECK(harness_pg() == 0);
	for (i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, open_close, &rc[i]) == 0);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		CHECK(rc[i] == 0);
	}
	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	res = PQexec(PG(s)->conn, "SELECT count(*), max(version) FROM "
	    "schema_version");
	CHECK(PQresultStatus(res) == PGRES_TUPLES_OK);
	CHECK(atoi(PQgetvalue(res, 0, 0)) == pg_schema_versions());
	CHECK(atoi(PQgetvalue(res, 0, 1)) == pg_schema_versions());
	PQclear(res);
	store_close(s);
	strbuf_release(&err);
}

TEST(aborted_does_not_commit)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s;
	struct store_user a, b, got;
	struct store_friend f;

	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	CHECK(dir_user_add(s, "a", 0, &a, &err) == 0);
	CHECK(dir_friend_add(s, a.id, a.id, &f, &err) == 0);
	CHECK(store_begin(s) == 0);
	CHECK(dir_user_add(s, "b", 0, &b, &err) == 0);
	/* a second friendship of the same pair: a constraint, EEXIST */
	CHECK(dir_friend_add(s, a.id, a.id, &f, &err) == FG_EEXIST);
	CHECK(store_commit(s, &err) == FG_ESTORE);
	store_rollback(s);
	CHECK(dir_user_get_id(s, b.id, &got) == FG_ENOENT);
	CHECK(dir_user_get_id(s, a.id, &got) == 0);
	store_close(s);
	strbuf_release(&err);
}

/* The server ends the connection of s (as a restart would). */
static void
terminate(struct store *s)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%d)",
	    PQbackendPID(PG(s)->conn));
	(void)harness_sql_pg(sql, NULL);
}

TEST(reconnect)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s;
	struct store_user a, b, got;

	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	CHECK(dir_user_add(s, "before", 0, &a, &err) == 0);
	terminate(s);
	/*
	 * between transactions: the statement that finds the connection
	 * gone fails (it may have run: never retried), the next one makes
	 * it again, prepared statements too
	 */
	CHECK(dir_user_get_id(s, a.id, &got) != FG_ENOENT);
	CHECK(dir_user_get_id(s, a.id, &got) == 0);
	CHECK(dir_user_get_id(s, a.id, &got) == 0);
	/* in a transaction: what follows fails, even after a reconnect */
	CHECK(store_begin(s) == 0);
	CHECK(dir_user_add(s, "lost", 0, &b, &err) == 0);
	terminate(s);
	CHECK(dir_user_get_id(s, a.id, &got) == FG_ESTORE);
	CHECK(store_commit(s, &err) == FG_ESTORE);
	store_rollback(s);
	CHECK(dir_user_get_id(s, a.id, &got) == 0);
	CHECK(dir_user_get_id(s, b.id, &got) == FG_ENOENT);
	store_close(s);
	strbuf_release(&err);
}

static int
count_one(void *arg, const struct store_delivery *d)
{
	(void)d;
	(*(int *)arg)++;
	return 0;
}

/* How many deliveries match where (SQL), or -1. */
static int
dlv_count(const char *where)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM deliveries WHERE %s",
	    where);
	return harness_sql_pg(sql, NULL);
}

TEST(claims_and_leases)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s, *t;
	struct store_user u;
	struct message m;
	int64_t did;
	int n;

	store_node_start(30, dir);
	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	CHECK(store_open_dir(dir, 0, &t, &err) == 0);
	CHECK(dir_user_add(s, "claims", 0, &u, &err) == 0);
	memset(&m, 0, sizeof(m));
	m.sender_id = u.id;
	m.title = m.content = (char *)"c";
	m.content_len = 1;
	snprintf(m.channel, sizeof(m.channel), "%s", "webhook");
	m.webhook = m.callback_url = m.error = (char *)"";
	m.created_ms = clock_ms();
	CHECK(spool_message_insert(s, &m, &u.id, 1, "webhook", &did, &err) ==
	    0);
	/* the inserting node holds it: no sweep takes it */
	CHECK(harness_sql_pg("SELECT count(*) FROM deliveries WHERE "
			     "claimed_by = $1 AND lease_until > 0",
		  store_node_id()) == 1);
	n = 0;
	CHECK(spool_delivery_claim(t, 10, count_one, &n) == 0);
	CHECK(n == 0);
	/* its lease runs out (the node died): the next sweep takes it once */
	CHECK(harness_sql_pg("UPDATE deliveries SET claimed_by = 'dead#1', "
			     "lease_until = 1",
		  NULL) == 0);
	CHECK(spool_delivery_claim(t, 10, count_one, &n) == 0);
	CHECK(n == 1);
	CHECK(spool_delivery_claim(t, 10, count_one, &n) == 0);
	CHECK(n == 1);
	CHECK(dlv_count("lease_until > 1") == 1);
	/* renewal moves the lease on; release lets it go, for anyone */
	CHECK(harness_sql_pg("UPDATE deliveries SET lease_until = 2", NULL) ==
	    0);
	CHECK(spool_lease_renew(s) == 0);
	CHECK(dlv_count("lease_until > 2") == 1);
	CHECK(spool_lease_release(s) == 0);
	CHECK(dlv_count("claimed_by IS NULL AND lease_until IS NULL") == 1);
	CHECK(spool_delivery_claim(t, 10, count_one, &n) == 0);
	CHECK(n == 2);
	/* a final status ends the claim; a retry keeps it */
	CHECK(spool_delivery_update(s, did, 1, 1, clock_ms() + 1000, "e") ==
	    0);
	CHECK(dlv_count("claimed_by IS NOT NULL") == 1);
	CHECK(spool_delivery_update(s, did, 2, 2, 0, "") == 0);
	CHECK(dlv_count("claimed_by IS NULL AND lease_until IS NULL") == 1);
	/* retention: one transaction at a time has the turn */
	CHECK(store_begin(s) == 0);
	CHECK(store_begin(t) == 0);
	CHECK(pg_purge_turn(s) == 1);
	CHECK(pg_purge_turn(t) == 0);
	store_rollback(t);
	store_rollback(s);
	store_close(t);
	store_close(s);
	strbuf_release(&err);
}

TEST(backup_refused)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s;

	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	CHECK(store_backup(s, "/tmp/feige-pg-never", &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "pg_dump");
	store_close(s);
	strbuf_release(&err);
}

int
main(void)
{
	RUN(ops_tables_complete);
	if (harness_on_pg() && ids_init() == 0 && mkdtemp(dir) != NULL) {
		RUN(schema_once);
		RUN(aborted_does_not_commit);
		RUN(reconnect);
		RUN(backup_refused);
		RUN(claims_and_leases);
		harness_rm_dir(dir);
	} else
		printf("  skip the PostgreSQL tests: no FEIGE_TEST_PG "
		    "(make test-pg)\n");
	DONE();
}
