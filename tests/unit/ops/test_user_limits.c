/*
 * test_user_limits.c: a user's own limits (ops/user_limits.c, SQLite
 * migration 24 / PostgreSQL 10) on a fresh data dir (SQLite, or
 * PostgreSQL under make test-pg): the text the CLI and the console
 * accept, the range the store is given, NULL as the server setting in
 * every user lookup (by token, uid, id, the list), and FG_ENOENT for a
 * user that does not exist.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "harness_store.h"

#include "ops/user_limits.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-ops-limits-XXXXXX";
static struct store *db;
static struct store_user alice, bob;

TEST(parse)
{
	static const struct {
		const char	*in;
		int		 want;
	} ok[] = { { "", OPS_LIMIT_DEFAULT }, { "default", OPS_LIMIT_DEFAULT },
	    { "0", 0 }, { "2", 2 }, { "007", 7 }, { "1000000", 1000000 } };
	static const char *bad[] = { "-1", "1000001", "x", "1.5", " 2", "2 ",
	    "+2", "99999999999999999999", "Default" };
	struct strbuf err = STRBUF_INIT;
	size_t i;
	int v;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v = -2;
		CHECK(ops_user_limit_parse(ok[i].in, &v, NULL) == 0);
		CHECK(v == ok[i].want);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(ops_user_limit_parse(bad[i], &v, &err) == FG_EINVAL);
	CHECK(strstr(err.buf, "0..1000000") != NULL);
	strbuf_release(&err);
	CHECK(ops_user_limit(OPS_LIMIT_DEFAULT, 30) == 30);
	CHECK(ops_user_limit(0, 30) == 0);
	CHECK(ops_user_limit(5, 30) == 5);
}

static int
find_alice(void *arg, const struct store_user *u)
{
	if (u->id == alice.id)
		*(struct store_user *)arg = *u;
	return 0;
}

TEST(stored)
{
	struct ops_user_limits l = { 500, 2 };
	struct store_user u;

	CHECK(alice.daily_limit == OPS_LIMIT_DEFAULT &&
	    alice.rate_limit == OPS_LIMIT_DEFAULT);	/* as added */
	CHECK(dir_user_get_id(db, alice.id, &u) == 0);
	CHECK(u.daily_limit == OPS_LIMIT_DEFAULT &&
	    u.rate_limit == OPS_LIMIT_DEFAULT);		/* NULL read back */
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_user_set_limits(db, alice.id, &l, NULL)) ==
	    0);
	CHECK(dir_user_get(db, "token", alice.token, &u) == 0);
	CHECK(u.daily_limit == 500 && u.rate_limit == 2);
	CHECK(dir_user_get(db, "uid", alice.uid, &u) == 0);
	CHECK(u.daily_limit == 500 && u.rate_limit == 2);
	memset(&u, 0, sizeof(u));
	CHECK(dir_user_list(db, find_alice, &u) == 0);
	CHECK(u.daily_limit == 500 && u.rate_limit == 2);
	CHECK(dir_user_get_id(db, bob.id, &u) == 0);
	CHECK(u.daily_limit == OPS_LIMIT_DEFAULT &&
	    u.rate_limit == OPS_LIMIT_DEFAULT);		/* others untouched */

	l.daily = 0;
	l.rate = OPS_LIMIT_DEFAULT;
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_user_set_limits(db, alice.id, &l, NULL)) ==
	    0);
	CHECK(dir_user_get_id(db, alice.id, &u) == 0);
	CHECK(u.daily_limit == 0 && u.rate_limit == OPS_LIMIT_DEFAULT);
}

TEST(refused)
{
	struct ops_user_limits l = { OPS_LIMIT_MAX + 1, 1 };
	struct strbuf err = STRBUF_INIT;
	struct store_user u;

	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_user_set_limits(db, bob.id, &l, &err)) ==
	    FG_EINVAL);
	l.daily = 1;
	l.rate = -2;
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_user_set_limits(db, bob.id, &l, &err)) ==
	    FG_EINVAL);
	CHECK(dir_user_get_id(db, bob.id, &u) == 0);
	CHECK(u.daily_limit == OPS_LIMIT_DEFAULT &&
	    u.rate_limit == OPS_LIMIT_DEFAULT);
	l.rate = 1;
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_user_set_limits(db, 999999, &l, &err)) ==
	    FG_ENOENT);
	strbuf_release(&err);
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
	RUN(parse);
	RUN(stored);
	RUN(refused);
	store_close(db);
	harness_rm_dir(dir);
	rc = harness_fail ? 1 : 0;
	printf("%s: %d passed, %d failed\n", __FILE__, harness_pass,
	    harness_fail);
	return rc;
}
