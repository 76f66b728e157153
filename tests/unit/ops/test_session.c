/*
 * test_session.c: sessions, sign-in links and passwords (ops/session.c
 * and the store rows under them, migration 14) on a fresh data dir
 * (SQLite, or PostgreSQL under make test-pg): only hashes are stored, a session is found by its cookie value
 * until it expires, a link is read without being used (peek) and used
 * once (take), next keeps same-origin paths only, sign-out of the other
 * sessions keeps this one, and a person is found by e-mail in any case.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "harness_store.h"

#include "ops/key.h"
#include "ops/session.h"
#include "store/store.h"
#include "util/errors.h"

static char dir[] = "/tmp/feige-ops-session-XXXXXX";
static struct store *db;
static struct store_user alice, bob;

/* Whether any column of table holds s (harness_store.h). */
static int
stored(const char *table, const char *s)
{
	return harness_stored(dir, table, s);
}

static int
count(void *arg, const struct store_session *se)
{
	(void)se;
	(*(int *)arg)++;
	return 0;
}

TEST(session_by_hash)
{
	struct ops_session_new a = { alice.id, 60000, "Agent/1.0", "10.0.0.1",
	    "", 0 };
	struct store_session se;
	char hash[OPS_KEY_HASH_HEX];

	CHECK(ops_session_new(db, &a, NULL) == 0);
	CHECK(strlen(a.id) == 32 && a.row > 0);
	CHECK(stored("sessions", a.id) == 0);	/* the value: never */
	ops_key_hash(a.id, hash);
	CHECK(stored("sessions", hash) == 1);	/* its hash */
	CHECK(ops_session_find(db, a.id, &se) == 0);
	CHECK(se.user_id == alice.id && se.id == a.row);
	CHECK(strcmp(se.agent, "Agent/1.0") == 0);
	CHECK(strcmp(se.ip, "10.0.0.1") == 0);
	CHECK(ops_session_find(db, "0123456789abcdef0123456789abcdef",
	    &se) == FG_ENOENT);
	CHECK(ops_session_find(db, "short", &se) == FG_ENOENT);
	/* expired: as dead as deleted */
	CHECK(harness_sql(dir, "UPDATE sessions SET expires_ms = 1") == 0);
	CHECK(ops_session_find(db, a.id, &se) == FG_ENOENT);
}

TEST(session_end_others)
{
	struct ops_session_new a = { bob.id, 60000, NULL, NULL, "", 0 };
	struct ops_session_new b = { bob.id, 60000, NULL, NULL, "", 0 };
	struct store_session se;
	int n = 0;

	CHECK(ops_session_new(db, &a, NULL) == 0);
	CHECK(ops_session_new(db, &b, NULL) == 0);
	CHECK(dir_session_list(db, bob.id, count, &n) == 0 && n == 2);
	CHECK(dir_session_end_user(db, bob.id, b.row) == 0);
	CHECK(ops_session_find(db, a.id, &se) == FG_ENOENT);
	CHECK(ops_session_find(db, b.id, &se) == 0);
	CHECK(dir_session_touch(db, b.row, 123456789) == 0);
	CHECK(dir_session_get(db, b.row, &se) == 0 &&
	    se.last_seen_ms == 123456789);
	CHECK(dir_session_delete(db, b.row) == 0);
	CHECK(dir_session_delete(db, b.row) == FG_ENOENT);
}

TEST(login_link_once)
{
	struct ops_login_new ln = { alice.id, "/follow/app/7", "" };
	struct ops_login_new evil = { alice.id, "//evil.example/", "" };
	struct store_login l;

	CHECK(ops_login_new(db, &ln, NULL) == 0);
	CHECK(stored("login_links", ln.code) == 0);
	CHECK(ops_login_peek(db, ln.code, &l) == 0);
	CHECK(ops_login_peek(db, ln.code, &l) == 0);	/* GETs use nothing */
	CHECK(l.user_id == alice.id);
	CHECK(l.expires_ms - l.created_ms == OPS_LOGIN_TTL_MS);
	CHECK(strcmp(l.next, "/follow/app/7") == 0);
	CHECK(ops_login_take(db, ln.code, &l) == 0);
	CHECK(ops_login_take(db, ln.code, &l) == FG_ENOENT);
	CHECK(ops_login_peek(db, ln.code, &l) == FG_ENOENT);
	CHECK(ops_login_new(db, &evil, NULL) == 0);
	CHECK(ops_login_take(db, evil.code, &l) == 0 && l.next[0] == '\0');
	/* expired */
	CHECK(ops_login_new(db, &ln, NULL) == 0);
	CHECK(harness_sql(dir, "UPDATE login_links SET expires_ms = 1") ==
	    0);
	CHECK(ops_login_take(db, ln.code, &l) == FG_ENOENT);
}

TEST(password_and_email)
{
	char hash[STORE_PASSWORD_MAX + 1];
	struct store_user u;

	CHECK(dir_password_get(db, alice.id, hash, sizeof(hash)) ==
	    FG_ENOENT);
	CHECK(ops_password_set(db, alice.id, "$argon2id$x", NULL) == 0);
	CHECK(dir_password_get(db, alice.id, hash, sizeof(hash)) == 0);
	CHECK(strcmp(hash, "$argon2id$x") == 0);
	CHECK(ops_password_set(db, alice.id, "", NULL) == 0);
	CHECK(dir_password_get(db, alice.id, hash, sizeof(hash)) ==
	    FG_ENOENT);
	CHECK(dir_user_email_set(db, bob.id, "Bob@Example.test") == 0);
	CHECK(dir_user_by_email(db, "bob@example.TEST", &u) == 0);
	CHECK(u.id == bob.id);
	CHECK(dir_user_by_email(db, "", &u) == FG_ENOENT);
	CHECK(dir_user_by_email(db, "carol@example.test", &u) == FG_ENOENT);
}

int
main(void)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (harness_store(dir, &db) != 0 ||
	    dir_user_add(db, "alice", 0, &alice, &err) != 0 ||
	    dir_user_add(db, "bob", 0, &bob, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(session_by_hash);
	RUN(session_end_others);
	RUN(login_link_once);
	RUN(password_and_email);
	store_close(db);
	harness_rm_dir(dir);
	rc = harness_fail ? 1 : 0;
	printf("%s: %d passed, %d failed\n", __FILE__, harness_pass,
	    harness_fail);
	return rc;
}
