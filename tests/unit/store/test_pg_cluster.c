/*
 * test_pg_cluster.c: what several nodes on one PostgreSQL database
 * share (store/cluster.h, pg_cluster.c, pg_live.c), with FEIGE_TEST_PG
 * (make test-pg); on SQLite, only that the store says it is one node.
 *
 *   - counters: an upsert that returns the count, per key and window,
 *     a read that adds nothing, and older windows of a key dropped;
 *   - try_lock: a second connection does not get a held lock, and gets
 *     it once the first lets go;
 *   - leases: taken when free, renewed by the holder, refused while
 *     another owner's is valid, taken once it expired; dropped only by
 *     the owner;
 *   - shared values: put, get, replace;
 *   - live: an inbox item written in a transaction is notified at
 *     commit (not before), with this node's id, and not at all after a
 *     rollback.
 * Two owners in one process are made by writing the lease row's owner
 * behind the store's back.
 */
#include <poll.h>
#include <string.h>

#include "harness_store.h"
#include "store/cluster.h"
#include "store/pg_int.h"
#include "util/errors.h"

static char dir[] = "/tmp/feige-pgc-XXXXXX";

TEST(sqlite_is_one_node)
{
	CHECK(store_sqlite.cluster == NULL);
	CHECK(store_pg.cluster != NULL);
}

TEST(counters)
{
	struct strbuf err = STRBUF_INIT;
	const struct cluster_ops *c;
	struct store *s;
	int64_t n = -1;

	CHECK(harness_pg() == 0);
	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	CHECK((c = store_cluster(s)) != NULL);
	CHECK(c->count(s, "rate:a", 100, 0, &n) == 0 && n == 0);
	CHECK(c->count(s, "rate:a", 100, 1, &n) == 0 && n == 1);
	CHECK(c->count(s, "rate:a", 100, 1, &n) == 0 && n == 2);
	CHECK(c->count(s, "rate:b", 100, 1, &n) == 0 && n == 1);
	CHECK(c->count(s, "rate:a", 100, 0, &n) == 0 && n == 2);
	/* the next window starts at 1 and drops the older one */
	CHECK(c->count(s, "rate:a", 101, 1, &n) == 0 && n == 1);
	CHECK(c->count(s, "rate:a", 100, 0, &n) == 0 && n == 0);
	CHECK(c->count(s, "rate:b", 100, 0, &n) == 0 && n == 1);
	store_close(s);
	strbuf_release(&err);
}

TEST(try_lock)
{
	struct strbuf err = STRBUF_INIT;
	const struct cluster_ops *c;
	struct store *a, *b;
	int got = -1, i;

	CHECK(store_open_dir(dir, 0, &a, &err) == 0);
	CHECK(store_open_dir(dir, 0, &b, &err) == 0);
	c = store_cluster(a);
	CHECK(c->try_lock(a, CLUSTER_LOCK_WECHAT_TOKEN, &got) == 0 && got);
	CHECK(c->try_lock(b, CLUSTER_LOCK_WECHAT_TOKEN, &got) == 0 && !got);
	CHECK(c->unlock(a, CLUSTER_LOCK_WECHAT_TOKEN) == 0);
	CHECK(c->try_lock(b, CLUSTER_LOCK_WECHAT_TOKEN, &got) == 0 && got);
	store_close(b); /* a dead node's lock goes with its connection */
	/* the server ends b's session after PQfinish returns: wait for it */
	for (i = 0; i < 100; i++) {
		CHECK(c->try_lock(a, CLUSTER_LOCK_WECHAT_TOKEN, &got) == 0);
		if (got)
			break;
		(void)poll(NULL, 0, 50);
	}
	CHECK(got);
	store_close(a);
	strbuf_release(&err);
}

TEST(leases)
{
	struct strbuf err = STRBUF_INIT;
	const struct cluster_ops *c;
	struct store *s;
	int held = -1;

	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	c = store_cluster(s);
	CHECK(c->lease(s, "clawbot:7", 1000, 60000, &held) == 0 && held);
	CHECK(c->lease(s, "clawbot:7", 2000, 60000, &held) == 0 && held);
	CHECK(harness_sql_pg("SELECT until_ms FROM leases WHERE name = "
	    "'clawbot:7'", NULL) == 62000);
	/* another node holds it until 62000 */
	CHECK(harness_sql_pg("UPDATE leases SET owner = 'other' WHERE name = "
	    "'clawbot:7'", NULL) == 0);
	CHECK(c->lease(s, "clawbot:7", 3000, 60000, &held) == 0 && !held);
	CHECK(c->lease_drop(s, "clawbot:7") == 0);
	CHECK(harness_sql_pg("SELECT count(*) FROM leases WHERE name = "
	    "'clawbot:7' AND owner = $1", "other") == 1);
	/* expired: taken over */
	CHECK(c->lease(s, "clawbot:7", 62001, 60000, &held) == 0 && held);
	CHECK(harness_sql_pg("SELECT count(*) FROM leases WHERE name = "
	    "'clawbot:7' AND owner = $1", pg_node_id()) == 1);
	CHECK(c->lease_drop(s, "clawbot:7") == 0);
	CHECK(harness_sql_pg("SELECT count(*) FROM leases", NULL) == 0);
	store_close(s);
	strbuf_release(&err);
}

TEST(shared_values)
{
	struct strbuf err = STRBUF_INIT;
	const struct cluster_ops *c;
	struct store *s;
	char v[64];
	int64_t until = 0;

	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	c = store_cluster(s);
	CHECK(c->shared_get(s, "wechat.access_token", v, sizeof(v), &until) ==
	    FG_ENOENT);
	CHECK(c->shared_put(s, "wechat.access_token", "T1", 5000) == 0);
	CHECK(c->shared_put(s, "wechat.access_token", "T2", 9000) == 0);
	CHECK(c->shared_get(s, "wechat.access_token", v, sizeof(v), &until) ==
	    0);
	CHECK_STR(v, "T2");
	CHECK(until == 9000);
	store_close(s);
	strbuf_release(&err);
}

/* The next notification on l's connection within ms, into out. */
static int
notified(PGconn *l, int ms, char *out, size_t size)
{
	struct pollfd p = { PQsocket(l), POLLIN, 0 };
	PGnotify *nf;

	for (;;) {
		PQconsumeInput(l);
		if ((nf = PQnotifies(l)) != NULL) {
			snprintf(out, size, "%s", nf->extra);
			PQfreemem(nf);
			return 1;
		}
		if (poll(&p, 1, ms) <= 0)
			return 0;
	}
}

TEST(live_notify_at_commit)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s;
	struct store_user u;
	struct message m;
	int64_t mid = 0, iid = 0, iid2 = 0;
	char got[256], want[256];
	PGconn *l;

	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	CHECK(dir_user_add(s, "live", 0, &u, &err) == 0);
	memset(&m, 0, sizeof(m));
	m.sender_id = u.id;
	m.title = m.webhook = m.callback_url = m.error = (char *)"";
	m.content = (char *)"c";
	m.content_len = 1;
	snprintf(m.channel, sizeof(m.channel), "wechat");
	m.created_ms = clock_ms();
	CHECK(spool_message_insert(s, &m, NULL, 0, "wechat", NULL, &err) == 0);
	mid = m.id;
	l = PQconnectdb(harness_pg_url);
	CHECK(PQstatus(l) == CONNECTION_OK);
	PQclear(PQexec(l, "LISTEN feige_live"));
	CHECK(store_begin(s) == 0);
	CHECK(spool_inbox_add(s, u.id, mid, 0, &iid) == 0);
	CHECK(!notified(l, 200, got, sizeof(got))); /* not before COMMIT */
	CHECK(store_commit(s, &err) == 0);
	CHECK(notified(l, 5000, got, sizeof(got)));
	snprintf(want, sizeof(want), "m %s %lld.%lld", pg_node_id(),
	    (long long)iid, (long long)u.id);
	CHECK_STR(got, want);
	/* rolled back: nothing */
	CHECK(store_begin(s) == 0);
	CHECK(spool_inbox_add(s, u.id, mid, 0, &iid2) == 0);
	store_rollback(s);
	CHECK(!notified(l, 300, got, sizeof(got)));
	PQfinish(l);
	store_close(s);
	strbuf_release(&err);
}

int
main(void)
{
	RUN(sqlite_is_one_node);
	if (harness_on_pg() && ids_init() == 0 && mkdtemp(dir) != NULL) {
		RUN(counters);
		RUN(try_lock);
		RUN(leases);
		RUN(shared_values);
		RUN(live_notify_at_commit);
		harness_rm_dir(dir);
	} else
		printf("  skip the PostgreSQL tests: no FEIGE_TEST_PG "
		    "(make test-pg)\n");
	DONE();
}
