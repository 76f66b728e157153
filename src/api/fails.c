/*
 * fails.c: failure limits (util/faillimit.h) that hold for the cluster.
 *
 * One node counts a secret's failures in its own table (faillimit.c).
 * Several nodes on one PostgreSQL would each allow max failures, three
 * nodes three times as many guesses, so when the store has cluster ops
 * (store/cluster.h) the count is the database's instead: the same
 * counter upsert the send rate limit uses, under "fail:<name>:<key>",
 * in fixed windows of the limit's length (window number = now /
 * window_ms; the table here starts a window at a key's first failure,
 * so on a cluster a key may see up to 2 * max failures across a window
 * boundary, never max per node).  The limit's max and window stay in
 * the struct faillimit of its caller, which SQLite still uses as is.
 *
 * A count that fails (the database is away) blocks nothing and is
 * logged: the secret's own check reads the same database, so nothing
 * is guessed meanwhile.  A success clears the key by subtracting its
 * count in the current window (a failure racing it may survive: it
 * only counts one more).
 */
#include <stdio.h>

#include "api/fails.h"
#include "store/cluster.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/log.h"

/*
 * Add add to the shared count of name:key into *n: 0, 1 when the store
 * is one node's (the caller uses fl), -1 on an error.
 */
static int
fail_shared(struct faillimit *fl, const char *name, const char *key, int add,
    int64_t *n)
{
	struct store *s = store_reader();
	const struct cluster_ops *c = store_cluster(s);
	char k[32 + FAILLIMIT_KEY], q[2 * sizeof(k)];
	int64_t win;

	if (c == NULL || fl->window_ms <= 0)
		return 1;
	win = clock_ms() / fl->window_ms;
	snprintf(k, sizeof(k), "fail:%s:%s", name, key);
	if (c->count(s, k, win, add, n) == 0)
		return 0;
	log_warnx("msg=\"cannot count failures\" key=%s",
	    log_quote(q, sizeof(q), k));
	return -1;
}

int
api_fail_blocked(struct faillimit *fl, const char *name, const char *key)
{
	int64_t n = 0;
	int rc = fail_shared(fl, name, key, 0, &n);

	if (rc > 0)
		return faillimit_blocked(fl, key, clock_ms());
	return rc == 0 && n >= fl->max;
}

void
api_fail_count(struct faillimit *fl, const char *name, const char *key)
{
	int64_t n;

	if (fail_shared(fl, name, key, 1, &n) > 0)
		faillimit_fail(fl, key, clock_ms());
}

void
api_fail_clear(struct faillimit *fl, const char *name, const char *key)
{
	int64_t n = 0;

	if (fail_shared(fl, name, key, 0, &n) > 0)
		return faillimit_clear(fl, key);
	if (n > 0)
		(void)fail_shared(fl, name, key, (int)-n, &n);
}
