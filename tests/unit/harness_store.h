/*
 * harness_store.h: a fresh store for the unit tests that need one
 * (tests of store/, ops/ and the writer), so each file's main() does
 * not set up the temporary data dir by hand.
 *
 * With FEIGE_TEST_PG set (make test-pg: a test cluster's maintenance
 * database, tests/pg/start.sh), the store is a fresh PostgreSQL
 * database of this process instead (store.url), so the same tests run
 * against both backends through the store interface.  Its name is
 * printed, and it is left for the cluster's removal at the end.
 */
#ifndef FG_TEST_HARNESS_STORE_H
#define FG_TEST_HARNESS_STORE_H

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <string.h>

#include "harness.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/strbuf.h"

/*
 * Whether this run's stores are PostgreSQL (FEIGE_TEST_PG), and a skip
 * for a test of SQLite's own file, SQL or migrations, or of what only
 * SQLite stores (text that is not UTF-8), with the reason printed.
 */
static inline int
harness_on_pg(void)
{
	const char *base = getenv("FEIGE_TEST_PG");

	return base != NULL && *base != '\0';
}

#define HARNESS_SQLITE_ONLY(why) do {					\
	if (harness_on_pg()) {						\
		printf("  skip %s on PostgreSQL: %s\n", harness_cur, why); \
		return;							\
	}								\
} while (0)

/*
 * With FEIGE_TEST_PG: make a new database and point store.url at it.
 * 0 (also without FEIGE_TEST_PG: SQLite) or -1.
 */
static char harness_pg_url[1024];	/* the store.url harness_pg set */

static inline int
harness_pg(void)
{
	char *url = harness_pg_url;
	static int n;
	const char *base = getenv("FEIGE_TEST_PG");
	char sql[96], name[48];
	PGconn *c;
	PGresult *r;
	int ok;

	if (base == NULL || *base == '\0')
		return 0;
	snprintf(name, sizeof(name), "fgu_%ld_%d", (long)getpid(), n++);
	c = PQconnectdb(base);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	r = PQexec(c, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	snprintf(url, sizeof(harness_pg_url), "%s%cdbname=%s", base,
	    strchr(base, '?') ? '&' : '?', name);
	return ok && store_set_url(url) == 0 ? 0 : -1;
}

/*
 * Look at or change the store's rows behind the store's back, for tests
 * of what is stored (only hashes, say) or of expiry (a row made old), on
 * either backend: a connection of the test's own to the data dir's
 * feige.db, or to the PostgreSQL database harness_pg made.
 *
 * harness_sql: run sql (no result rows needed); 0 or -1.
 * harness_stored: whether a row of table holds s in any column, 1 or 0
 * (-1 on error).
 */
static inline int
harness_sql_pg(const char *sql, const char *arg)
{
	PGconn *c = PQconnectdb(harness_pg_url);
	PGresult *r = PQexecParams(c, sql, arg ? 1 : 0, NULL, &arg, NULL,
	    NULL, 0);
	int rc = -1;

	if (PQresultStatus(r) == PGRES_COMMAND_OK)
		rc = 0;
	else if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		rc = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	PQfinish(c);
	return rc;
}

static inline sqlite3 *
harness_sqlite(const char *dir)
{
	char path[1024];
	sqlite3 *h = NULL;

	snprintf(path, sizeof(path), "%s/feige.db", dir);
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h, 10000);
	return h;
}

static inline int
harness_sql(const char *dir, const char *sql)
{
	sqlite3 *h;
	int rc;

	if (harness_on_pg())
		return harness_sql_pg(sql, NULL);
	if ((h = harness_sqlite(dir)) == NULL)
		return -1;
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	sqlite3_close(h);
	return rc;
}

static inline int
harness_stored(const char *dir, const char *table, const char *s)
{
	char sql[256];
	sqlite3_stmt *st;
	sqlite3 *h;
	int found = 0, i;

	if (harness_on_pg()) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s t WHERE "
		    "strpos(t::text, $1) > 0", table);
		found = harness_sql_pg(sql, s);
		return found < 0 ? -1 : found > 0;
	}
	snprintf(sql, sizeof(sql), "SELECT * FROM %s", table);
	if ((h = harness_sqlite(dir)) == NULL)
		return -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < sqlite3_column_count(st); i++)
			if (sqlite3_column_text(st, i) && strstr((const char *)
			    sqlite3_column_text(st, i), s))
				found = 1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return found;
}

/*
 * Initialise ids, create the data dir from the mkdtemp template dir and
 * open a store in it: 0, or -1 with the reason on stderr and the dir
 * removed again.
 */
static inline int
harness_store(char *dir, struct store **db)
{
	struct strbuf err = STRBUF_INIT;

	if (ids_init() != 0 || mkdtemp(dir) == NULL || harness_pg() != 0) {
		perror("setup");
		return -1;
	}
	if (store_open_dir(dir, 0, db, &err) != 0) {
		fprintf(stderr, "open: %s\n", err.buf);
		strbuf_release(&err);
		harness_rm_dir(dir);
		return -1;
	}
	strbuf_release(&err);
	return 0;
}

/*
 * End the transaction of a test's operation on db: commit when rc is
 * 0, else (or when the commit fails) roll back.  rc or the commit's
 * error.
 */
static inline int
harness_end(struct store *db, int rc)
{
	struct strbuf err = STRBUF_INIT;

	if (rc == 0)
		rc = store_commit(db, &err);
	if (rc != 0)
		store_rollback(db);
	strbuf_release(&err);
	return rc;
}

#endif
