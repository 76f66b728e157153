/*
 * test_faillimit.c: failures block at max inside the window and not
 * after it; a success clears; a full table reuses the oldest slot of a
 * key's probe run and keeps working.
 */
#include <stdio.h>

#include "harness.h"
#include "util/faillimit.h"

static struct faillimit fl = FAILLIMIT_INIT(3, 1000);

TEST(blocks_at_max_within_window)
{
	int i;

	for (i = 0; i < 2; i++)
		faillimit_fail(&fl, "alice", 100);
	CHECK(!faillimit_blocked(&fl, "alice", 100));
	faillimit_fail(&fl, "alice", 200);
	CHECK(faillimit_blocked(&fl, "alice", 200));
	CHECK(faillimit_blocked(&fl, "alice", 1099));
	CHECK(!faillimit_blocked(&fl, "bob", 200));
	CHECK(!faillimit_blocked(&fl, "alice", 1100));	/* window over */
	faillimit_fail(&fl, "alice", 1200);		/* a new window */
	CHECK(!faillimit_blocked(&fl, "alice", 1200));
}

TEST(success_clears)
{
	int i;

	for (i = 0; i < 3; i++)
		faillimit_fail(&fl, "carol", 5000);
	CHECK(faillimit_blocked(&fl, "carol", 5000));
	faillimit_clear(&fl, "carol");
	CHECK(!faillimit_blocked(&fl, "carol", 5000));
}

TEST(flood_of_keys_stays_bounded)
{
	char k[32];
	int i;

	for (i = 0; i < 3; i++)
		faillimit_fail(&fl, "dave", 9000);
	for (i = 0; i < 3 * FAILLIMIT_SLOTS; i++) {
		snprintf(k, sizeof(k), "flood-%d", i);
		faillimit_fail(&fl, k, 9000 + i / 1000);
	}
	/* a fresh key still gets counted and blocked */
	for (i = 0; i < 3; i++)
		faillimit_fail(&fl, "erin", 9100);
	CHECK(faillimit_blocked(&fl, "erin", 9100));
}

int
main(void)
{
	RUN(blocks_at_max_within_window);
	RUN(success_clears);
	RUN(flood_of_keys_stays_bounded);
	DONE();
}
