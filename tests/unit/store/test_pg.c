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
 * it.
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
		harness_rm_dir(dir);
	} else
		printf("  skip the PostgreSQL tests: no FEIGE_TEST_PG "
		    "(make test-pg)\n");
	DONE();
}
