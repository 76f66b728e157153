/*
 * test_pool.c: the pool of script workers (src/pre/pool.c, worker.c):
 * a job's result arrives through done() on the pool's thread; a job
 * past the wall clock is killed and the worker replaced; one user's
 * looping script does not hold up another user's; a user past
 * pre.per_user is refused at once; the memory limit is the configured
 * one; stopping ends queued jobs.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#include "pre/pre.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/strbuf.h"

struct result {
	pthread_mutex_t	mu;
	pthread_cond_t	cv;
	int		done;
	int		rc;
	int64_t		at;	/* clock_mono_ms() of done() */
	char		text[256];
};

static void
result_init(struct result *r)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
}

static void
on_done(void *arg, int rc, const char *text, size_t len)
{
	struct result *r = arg;

	pthread_mutex_lock(&r->mu);
	r->rc = rc;
	r->at = clock_mono_ms();
	snprintf(r->text, sizeof(r->text), "%.*s", (int)len, text);
	r->done = 1;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

/* Wait up to 10 s for r; 0 when done. */
static int
result_wait(struct result *r)
{
	struct timespec ts;
	int done;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	pthread_mutex_lock(&r->mu);
	while (!r->done && pthread_cond_timedwait(&r->cv, &r->mu, &ts) == 0)
		;
	done = r->done;
	pthread_mutex_unlock(&r->mu);
	return done ? 0 : -1;
}

static struct pre_pool *
pool(int workers, int per_user, int timeout_ms)
{
	struct pre_pool_config c = { workers, per_user, timeout_ms,
		16 * 1024 * 1024 };
	struct strbuf err = STRBUF_INIT;
	struct pre_pool *p = NULL;

	if (pre_pool_start(&p, &c, &err) != 0)
		fprintf(stderr, "pool: %s\n", err.buf);
	strbuf_release(&err);
	return p;
}

TEST(run)
{
	struct pre_pool *p = pool(1, 2, 2000);
	struct result r;

	CHECK(p != NULL);
	result_init(&r);
	CHECK(pre_pool_submit(p, 1, "content = title + content + 123", "x",
	    "t:", on_done, &r) == 0);
	CHECK(result_wait(&r) == 0);
	CHECK(r.rc == 0);
	CHECK_STR(r.text, "t:x123");
	result_init(&r);
	CHECK(pre_pool_submit(p, 1, "throw new Error('boom')", "x", NULL,
	    on_done, &r) == 0);
	CHECK(result_wait(&r) == 0);
	CHECK(r.rc == FG_EINVAL);
	CHECK_CONTAINS(r.text, "boom");
	/* a 1 MiB string under the 16 MiB limit; past it, a clear error */
	result_init(&r);
	CHECK(pre_pool_submit(p, 1, "var s = 'x'; while (s.length < 1048576) "
	    "s += s; content = '' + s.length", "x", NULL, on_done, &r) == 0);
	CHECK(result_wait(&r) == 0);
	CHECK_STR(r.text, "1048576");
	result_init(&r);
	CHECK(pre_pool_submit(p, 1, "var s = 'x', a = []; while (s.length < 65536) "
	    "s += s; for (var i = 0; ; i++) a.push(s + i)", "x", NULL, on_done,
	    &r) == 0);
	CHECK(result_wait(&r) == 0);
	CHECK(r.rc == FG_EINVAL);
	CHECK_CONTAINS(r.text, "memory limit of 16384 KiB exceeded");
	pre_pool_stop(p);
}

/* One worker: the loop is killed, and the replacement runs the next. */
TEST(timeout_respawn)
{
	struct pre_pool *p = pool(1, 2, 300);
	struct result r;
	int i;

	CHECK(p != NULL);
	for (i = 0; i < 2; i++) {
		result_init(&r);
		CHECK(pre_pool_submit(p, 7, "for (;;) {}", "x", NULL, on_done,
		    &r) == 0);
		CHECK(result_wait(&r) == 0);
		CHECK(r.rc == FG_ETIMEDOUT);
		CHECK_CONTAINS(r.text, "time limit");
		result_init(&r);
		CHECK(pre_pool_submit(p, 7, "content = 'again'", "x", NULL,
		    on_done, &r) == 0);
		CHECK(result_wait(&r) == 0);
		CHECK(r.rc == 0);
		CHECK_STR(r.text, "again");
	}
	pre_pool_stop(p);
}

/* User 1 loops twice; user 2's job is answered before the first ends. */
TEST(fair_and_capped)
{
	struct pre_pool *p = pool(2, 2, 1500);
	struct result loop1, loop2, other, extra;

	CHECK(p != NULL);
	result_init(&loop1);
	result_init(&loop2);
	result_init(&other);
	result_init(&extra);
	CHECK(pre_pool_submit(p, 1, "for (;;) {}", "x", NULL, on_done,
	    &loop1) == 0);
	CHECK(pre_pool_submit(p, 1, "for (;;) {}", "x", NULL, on_done,
	    &loop2) == 0);
	/* per_user 2: a third is refused at once, nothing is called */
	CHECK(pre_pool_submit(p, 1, "content = 1", "x", NULL, on_done,
	    &extra) == FG_EBUSY);
	CHECK(pre_pool_submit(p, 2, "content = 'two'", "x", NULL, on_done,
	    &other) == 0);
	CHECK(result_wait(&other) == 0);
	CHECK_STR(other.text, "two");
	CHECK(result_wait(&loop1) == 0);
	CHECK(result_wait(&loop2) == 0);
	/* user 1 ran one script at a time: the second loop waited */
	CHECK(other.at < loop1.at);
	CHECK(loop1.rc == FG_ETIMEDOUT && loop2.rc == FG_ETIMEDOUT);
	CHECK(loop2.at - loop1.at >= 1000);
	CHECK(extra.done == 0);
	pre_pool_stop(p);
}

TEST(stop_ends_queued)
{
	struct pre_pool *p = pool(1, 4, 5000);
	struct result a, b;

	CHECK(p != NULL);
	result_init(&a);
	result_init(&b);
	CHECK(pre_pool_submit(p, 1, "for (;;) {}", "x", NULL, on_done,
	    &a) == 0);
	CHECK(pre_pool_submit(p, 1, "content = 1", "x", NULL, on_done,
	    &b) == 0);
	pre_pool_stop(p);
	CHECK(a.done && b.done);
	CHECK(a.rc == FG_EIO && b.rc == FG_EIO);
}

int
main(void)
{
	RUN(run);
	RUN(timeout_respawn);
	RUN(fair_and_capped);
	RUN(stop_ends_queued);
	DONE();
}
