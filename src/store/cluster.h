/*
 * cluster.h: what several feige nodes on one database share beyond the
 * spool and the directory (docs/scale.md): live events from the other
 * nodes, counters for cluster-wide limits, one-of-a-kind jobs.
 *
 * Only a backend that several processes serve at once has these: the
 * PostgreSQL one (pg_live.c, pg_cluster.c).  SQLite is one node, whose
 * other limits (failed logins) stay in memory and whose jobs run once
 * by construction, so its struct store_backend has cluster NULL and
 * store_cluster() says so: callers keep their in-memory path then.  That is why these are
 * not dir or spool members (whose tables both backends must fill).
 *
 * Live events.  New inbox items reach a node's streams through
 * store_live, every node's alike, this one's included: one thread per
 * node with its own connection, LISTENing on the channel the writers
 * NOTIFY at commit (new inbox items, recalled messages; ids only),
 * which loads each event's row and hands it to the callbacks, only for
 * users with a stream open here (watching()).  Notifications arrive in
 * commit order, so the items do (a writer's own publish after its
 * commit could overtake another node's older item: ops/live.c).
 * Recalls this node wrote are skipped (their payload names the node):
 * its recall published them.  After an outage of its connection the
 * thread catches up the items committed meanwhile from the inbox.
 *
 * Counters.  count() adds `add` (0 reads) to the counter of key in
 * window win and returns the count: one statement, on the caller's
 * connection, outside the writer (a rate-limit check must answer
 * before the send is accepted, and a count is not worth an fsync: the
 * table is unlogged).  The send rate limit is not counted here but in
 * the writer, on both backends (spool.h rate_take, on the same
 * table): there the counter row's lock orders two nodes' sends on one
 * token (N per minute across the cluster, not N per node).
 *
 * Leases.  lease() takes or renews the lease `name` for this node until
 * now + ttl_ms, when it is free, expired or already ours: *held says
 * whether this node holds it afterwards.  lease_drop() gives up ours.
 *
 * Shared values.  shared_get()/shared_put() keep a small value (the
 * WeChat access token) under a key with its expiry; the refresh is
 * serialised with try_lock()/unlock() (a session advisory lock: a dead
 * node's lock goes with its connection).
 */
#ifndef FG_CLUSTER_H
#define FG_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct cluster_ops {
	int (*count)(struct store *, const char *key, int64_t win, int add,
	    int64_t *n);
	int (*try_lock)(struct store *, int64_t key, int *got);
	int (*unlock)(struct store *, int64_t key);
	int (*lease)(struct store *, const char *name, int64_t now_ms,
	    int64_t ttl_ms, int *held);
	int (*lease_drop)(struct store *, const char *name);
	int (*shared_get)(struct store *, const char *key, char *out,
	    size_t size, int64_t *until_ms);
	int (*shared_put)(struct store *, const char *key, const char *value,
	    int64_t until_ms);
};

/* The cluster ops of s's backend, or NULL (one node: SQLite). */
static inline const struct cluster_ops *
store_cluster(struct store *s)
{
	return s ? s->be->cluster : NULL;
}

/* Advisory lock keys ("feige" in ASCII, then a job number). */
#define CLUSTER_LOCK_WECHAT_TOKEN 435459531630LL

/* ---- live events from the other nodes ---- */

struct store_live_cb {
	void *arg;
	/* whether a stream of user is open on this node */
	int (*watching)(void *arg, int64_t user);
	/* a new item in user's inbox, written by another node */
	void (*item)(void *arg, int64_t user, const struct store_inbox_item *);
	/* message m (its short_code) was recalled from user's inbox */
	void (*recall)(void *arg, int64_t user, const struct message *m);
};

struct store_live;

/*
 * Start the listener when the store is shared (store.url); *out NULL
 * and 0 on SQLite.  cb is copied.
 */
int store_live_start(const struct store_live_cb *cb, struct store_live **out,
    struct strbuf *err);
void store_live_stop(struct store_live *);

#endif
