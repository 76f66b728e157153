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

/*
 * Migration 10 rebuilds topics (group codes unique per owner): the
 * groups of a version-9 data dir keep their ids, fields and members,
 * and another owner may then take a code already in use.
 */
TEST(group_codes_per_owner_keep_data)
{
	struct strbuf err = STRBUF_INIT;
	char path[600], sub[512];
	struct store *s;
	struct store_group g, t;
	int64_t *ids = NULL;
	size_t n = 0;
	sqlite3 *db;

	snprintf(sub, sizeof(sub), "%s/v9groups", dir);
	snprintf(path, sizeof(path), "%s/feige.db", sub);
	(void)mkdir(sub, 0700);
	CHECK(make_version(path, 9) == 0);
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "INSERT INTO users(id, uid, token, name, "
	    "created_ms) VALUES (2, 'UID_two', 'two-token', 'two', 1);"
	    "INSERT INTO topics(id, owner_id, code, name, created_ms, "
	    "contact, topic_type) VALUES (7, 1, 'ops', '运维', 5, 'c', 2);"
	    "INSERT INTO topic_members(topic_id, user_id, created_ms) "
	    "VALUES (7, 2, 6);", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	CHECK(store_open_dir(sub, 0, &s, &err) == 0);
	if (s == NULL)
		return;
	CHECK(dir_topic_find(s, 1, 0, "ops", &g) == 0 && g.id == 7);
	CHECK(dir_topic_get(s, 7, &g) == 0);
	CHECK_STR(g.name, "运维");
	CHECK_STR(g.contact, "c");
	CHECK(g.topic_type == 2 && g.created_ms == 5 && g.members == 1);
	CHECK(dir_topic_members(s, 7, &ids, &n) == 0 && n == 1);
	if (n == 1)
		CHECK(ids[0] == 2);
	free(ids);
	memset(&t, 0, sizeof(t));
	t.owner_id = 2;
	snprintf(t.code, sizeof(t.code), "ops");
	snprintf(t.name, sizeof(t.name), "mine");
	CHECK(store_begin(s) == 0);
	CHECK(dir_topic_add(s, &t, &err) == 0 && t.id > 7);
	CHECK(store_commit(s, &err) == 0);
	store_close(s);
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
	RUN(group_codes_per_owner_keep_data);
	RUN(newer_database_refused);
	remove_tree();
	DONE();
}
