/*
 * test_upgrade.c: a data dir made by every earlier schema version opens
 * and migrates to the current one.  For each version k the database is
 * built by running the first k migrations by hand (as that feige would
 * have), with a user row in it; then the store opens it.  The migrated
 * schema must equal a fresh database's (same tables, indexes, columns
 * and SQL), the version must be current, and the user must still be
 * there.  A database newer than this feige is refused.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "harness.h"
#include "store/sqlite_int.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-upgrade-XXXXXX";

/* every schema object's SQL, in name order, as one string */
static void
schema_of(const char *path, struct strbuf *out)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	strbuf_reset(out);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return;
	if (sqlite3_prepare_v2(db, "SELECT type, name, coalesce(sql, '') "
	    "FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
	    "ORDER BY type, name", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			strbuf_addf(out, "%s %s %s\n", sqlite3_column_text(st, 0),
			    sqlite3_column_text(st, 1),
			    sqlite3_column_text(st, 2));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

/* a database at version k, with one user if the users table exists */
static int
make_version(const char *path, int k)
{
	char pragma[64];
	sqlite3 *db;
	int i, rc = 0;

	remove(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	for (i = 0; i < k && rc == 0; i++)
		rc = sqlite3_exec(db, sq_schema_migration(i), NULL, NULL, NULL);
	if (rc == 0 && k > 0)
		rc = sqlite3_exec(db, "INSERT INTO users(uid, token, name, "
		    "created_ms) VALUES ('UID_old', 'old-token', 'old', 1)",
		    NULL, NULL, NULL);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", k);
	if (rc == 0)
		rc = sqlite3_exec(db, pragma, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == 0 ? 0 : -1;
}

TEST(every_version_migrates)
{
	struct strbuf fresh = STRBUF_INIT, got = STRBUF_INIT,
	    err = STRBUF_INIT;
	char path[600], sub[512];
	struct store *s;
	struct store_user u;
	int k, n = sq_schema_versions();

	snprintf(sub, sizeof(sub), "%s/fresh", dir);
	CHECK(store_open_dir(sub, 0, &s, &err) == 0);
	store_close(s);
	snprintf(path, sizeof(path), "%s/feige.db", sub);
	schema_of(path, &fresh);
	CHECK(fresh.len > 0);
	for (k = 1; k < n; k++) {
		snprintf(sub, sizeof(sub), "%s/v%d", dir, k);
		snprintf(path, sizeof(path), "%s/feige.db", sub);
		(void)mkdir(sub, 0700);
		CHECK(make_version(path, k) == 0);
		if (store_open_dir(sub, 0, &s, &err) != 0) {
			fprintf(stderr, "  version %d: %s\n", k, err.buf);
			CHECK(0);
			continue;
		}
		CHECK(dir_user_get(s, "uid", "UID_old", &u) == 0);
		CHECK_STR(u.token, "old-token");
		store_close(s);
		schema_of(path, &got);
		if (strcmp(got.buf, fresh.buf) != 0) {
			fprintf(stderr, "  version %d migrates to another "
			    "schema:\n%s\n---\n%s", k, got.buf, fresh.buf);
			CHECK(0);
		}
	}
	strbuf_release(&fresh);
	strbuf_release(&got);
	strbuf_release(&err);
}

TEST(newer_database_refused)
{
	struct strbuf err = STRBUF_INIT;
	char path[600], sub[512];
	struct store *s;

	snprintf(sub, sizeof(sub), "%s/future", dir);
	snprintf(path, sizeof(path), "%s/feige.db", sub);
	(void)mkdir(sub, 0700);
	CHECK(make_version(path, 0) == 0);
	{
		sqlite3 *db;
		char pragma[64];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d",
		    sq_schema_versions() + 1);
		CHECK(sqlite3_open(path, &db) == SQLITE_OK);
		CHECK(sqlite3_exec(db, pragma, NULL, NULL, NULL) == SQLITE_OK);
		sqlite3_close(db);
	}
	CHECK(store_open_dir(sub, 0, &s, &err) != 0);
	CHECK_CONTAINS(err.buf, "newer");
	strbuf_release(&err);
}

static void
remove_tree(void)
{
	char sub[128];
	struct dirent *e;
	DIR *dp = opendir(dir);

	while (dp != NULL && (e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%.40s", dir,
		    e->d_name) >= sizeof(sub))
			continue;
		harness_rm_dir(sub);
	}
	if (dp != NULL)
		closedir(dp);
	rmdir(dir);
}

int
main(void)
{
	if (ids_init() != 0 || mkdtemp(dir) == NULL)
		return 1;
	RUN(every_version_migrates);
	RUN(newer_database_refused);
	remove_tree();
	DONE();
}
