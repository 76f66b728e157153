/*
 * test_rate.c: the per-minute rate counters of the store (spool.h
 * rate_take, rate_count), on a fresh store of either backend (SQLite
 * migration 25 with its trigger, PostgreSQL's counters of migration
 * 6): a send is counted only under the limit, a refused one changes
 * nothing, keys are apart, a new window drops the key's older ones,
 * and a count rolled back with its transaction is gone.
 */
#include <stdio.h>

#include "harness.h"
#include "harness_store.h"

#include "store/spool.h"
#include "store/store.h"

static char dir[] = "/tmp/feige-rate-XXXXXX";
static struct store *db;

/* Take one in key's window win under limit: *taken, or -1 on error. */
static int
take(const char *key, int64_t win, int64_t limit)
{
	int taken = -1;

	return spool_rate_take(db, key, win, limit, &taken) == 0 ? taken : -1;
}

static int64_t
count(const char *key, int64_t win)
{
	int64_t n = -1;

	return spool_rate_count(db, key, win, &n) == 0 ? n : -1;
}

TEST(under_the_limit)
{
	CHECK(count("rate:a", 100) == 0);
	CHECK(take("rate:a", 100, 3) == 1);
	CHECK(take("rate:a", 100, 3) == 1);
	CHECK(take("rate:a", 100, 3) == 1);
	CHECK(count("rate:a", 100) == 3);
	/* at the limit: refused, and the refusal is not counted */
	CHECK(take("rate:a", 100, 3) == 0);
	CHECK(take("rate:a", 100, 3) == 0);
	CHECK(count("rate:a", 100) == 3);
	/* a higher limit (a user's own) goes on from the same count */
	CHECK(take("rate:a", 100, 4) == 1);
	CHECK(take("rate:a", 100, 4) == 0);
	CHECK(count("rate:a", 100) == 4);
	/* no limit counts nothing */
	CHECK(take("rate:z", 100, 0) == 0);
	CHECK(count("rate:z", 100) == 0);
}

TEST(keys_apart)
{
	CHECK(take("rate:b", 100, 1) == 1);
	CHECK(take("rate:b", 100, 1) == 0);
	CHECK(count("rate:b", 100) == 1);
	CHECK(count("rate:a", 100) == 4);
}

TEST(new_window_drops_older)
{
	CHECK(take("rate:a", 101, 3) == 1);
	CHECK(count("rate:a", 101) == 1);
	CHECK(count("rate:a", 100) == 0);	/* gone, not just unread */
	CHECK(count("rate:b", 100) == 1);	/* another key's stays */
	CHECK(harness_stored(dir, "counters", "rate:b") == 1);
}

TEST(rolled_back)
{
	CHECK(store_begin(db) == 0);
	CHECK(take("rate:a", 101, 3) == 1);
	CHECK(count("rate:a", 101) == 2);
	store_rollback(db);
	CHECK(count("rate:a", 101) == 1);
	CHECK(store_begin(db) == 0);
	CHECK(take("rate:a", 101, 3) == 1);
	CHECK(harness_end(db, 0) == 0);
	CHECK(count("rate:a", 101) == 2);
}

int
main(void)
{
	if (harness_store(dir, &db) != 0) {
		fprintf(stderr, "setup failed\n");
		return 1;
	}
	RUN(under_the_limit);
	RUN(keys_apart);
	RUN(new_window_drops_older);
	RUN(rolled_back);
	store_close(db);
	harness_rm_dir(dir);
	DONE();
}
