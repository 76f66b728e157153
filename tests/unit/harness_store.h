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
static inline int
harness_pg(void)
{
	static char url[1024];
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
	snprintf(url, sizeof(url), "%s%cdbname=%s", base,
	    strchr(base, '?') ? '&' : '?', name);
	return ok && store_set_url(url) == 0 ? 0 : -1;
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
