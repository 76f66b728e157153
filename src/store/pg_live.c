/*
 * pg_live.c: live events of the nodes on one PostgreSQL database, the
 * other nodes' and this one's, in commit order (cluster.h,
 * store_live_start()).
 *
 * The writer says what changed, in the transaction that changes it:
 * NOTIFY feige_live with ids only, "m <node> id.user,..." for new inbox
 * items (up to PG_LIVE_ITEMS a notification: one pg_notify per batch
 * of a group commit, sent just before its COMMIT), and migration 6's
 * trigger on a message's recall "d <node> <message id>".  NOTIFY is
 * transactional (nothing for a rolled-back batch) and delivered in
 * commit order.  Before its first inbox insert a transaction takes the
 * inbox order lock (a transaction advisory lock), so inbox ids commit
 * in id order across nodes: a stream never sees id 9 after id 10,
 * which its "skip what I have" rule (hub.h) would drop.  (Triggers on
 * the inbox did the same at a quarter of one node's throughput; the
 * writer does it with two statements per batch.)
 *
 * One thread per node, with two connections of its own: one LISTENs
 * (and does nothing else, so a notification is read as soon as it
 * arrives), one loads rows by id through the store's own statements
 * (the inbox page read from id - 1, one item; the message and its
 * deliveries for a recall).  Only users with a stream open on this
 * node cost a load: watching() asks the hub first.  New items written
 * by this node are loaded and handed on too: the listener is the one
 * source of new items for the node's streams (ops/live.c,
 * hub_listened_only()), since only it sees every node's items in
 * commit order; a writer publishing its own right after its commit
 * could overtake another node's older item still on its way here, and
 * the stream would skip that one (found by tests/e2e/cluster.test.mjs:
 * a few items of a burst over three nodes missing on a stream).
 * Recalls written by this node (its node id, pg_node_id(), in the
 * payload) are skipped: its recall already published them, and a
 * delete has no order to keep.
 *
 * Why NOTIFY and not polling the inbox: a poll costs a query per node
 * per interval whether or not anything happened, and its interval is
 * the latency; a notification costs nothing when idle and arrives
 * within a round trip of the commit (docs/scale.md has the numbers).
 *
 * A lost LISTEN connection is made again (every second until it works),
 * and then what was committed in between is caught up: the thread keeps
 * a high-water mark, the largest inbox id any notification named, and
 * once it listens again it reads the inbox rows above the mark, in id
 * order, a page at a time, and hands those of watched users to the
 * streams as if their notifications had come. Reading after LISTEN
 * leaves no gap: a row committed before the read is in it, one
 * committed after is notified (inbox ids commit in id order, so those
 * are all above the rows read). A row both read and notified reaches a
 * stream twice and is skipped there (the hub skips ids at or below the
 * last one a stream got). Recalls in the gap are not caught up (a
 * recalled item stays on a live stream until the client reloads); a
 * very long outage stops after LIVE_CATCHUP_MAX rows, and the clients
 * catch up the rest when they reconnect, as they always can.
 */
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/cluster.h"
#include "store/pg_row.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define LIVE_CHANNEL "feige_live"
/* The inbox order lock ("feige" in ASCII, then 2). */
#define LIVE_ORDER_LOCK "435459531622"
/* Catch-up after an outage: rows read a page at a time, at most MAX. */
#define LIVE_CATCHUP_PAGE 256
#define LIVE_CATCHUP_MAX 100000

/* ---- the writer's side ---- */

void
pg_live_reset(struct store *s)
{
	PG(s)->inbox_locked = 0;
	PG(s)->live_n = 0;
	PG(s)->live_len = 0;
}

int
pg_live_lock(struct store *s)
{
	int64_t v;

	if (!PG(s)->in_tx || PG(s)->inbox_locked)
		return 0;
	if (pg_i64(pg_prep(s,
		       "SELECT 1 FROM pg_advisory_xact_lock(" LIVE_ORDER_LOCK
		       ")"),
		PG_FINAL, &v, "") != 0)
		return FG_ESTORE;
	PG(s)->inbox_locked = 1;
	return 0;
}

int
pg_live_flush(struct store *s)
{
	struct pg_store *q = PG(s);
	int rc;

	if (q->live_n == 0)
		return 0;
	rc = pg_run(pg_prep(s, "SELECT pg_notify('" LIVE_CHANNEL "', ?)"),
	    PGO_RUN, "t", q->live);
	q->live_n = 0;
	q->live_len = 0;
	return rc;
}

int
pg_live_note(struct store *s, const int64_t *ids, const int64_t *users,
    size_t n)
{
	struct pg_store *q = PG(s);
	size_t i;
	int k;

	for (i = 0; ids != NULL && i < n; i++) {
		if (q->live_n == 0)
			q->live_len = (size_t)snprintf(q->live,
			    sizeof(q->live), "m %s ", pg_node_id());
		k = snprintf(q->live + q->live_len,
		    sizeof(q->live) - q->live_len, "%s%lld.%lld",
		    q->live_n ? "," : "", (long long)ids[i],
		    (long long)users[i]);
		if (k < 0 || (size_t)k >= sizeof(q->live) - q->live_len)
			return FG_ESTORE; /* sized for PG_LIVE_ITEMS: not reached */
		q->live_len += (size_t)k;
		if (++q->live_n == PG_LIVE_ITEMS && pg_live_flush(s) != 0)
			return FG_ESTORE;
	}
	return q->in_tx ? 0 : pg_live_flush(s);
}

/* ---- the listener's side ---- */

struct store_live {
	pthread_t th;
	atomic_int stop;
	struct store_live_cb cb;
	char url[1024];
	PGconn *conn;	 /* LISTEN only */
	struct store *s; /* loads rows */
	int pid;	 /* s's server process when it was set up */
	int64_t mark;	 /* the largest inbox id notified (or caught up) */
};

static int
live_listen(struct store_live *l)
{
	PGresult *res;
	int ok;

	if (l->conn == NULL)
		l->conn = PQconnectdb(l->url);
	else
		PQreset(l->conn);
	if (PQstatus(l->conn) != CONNECTION_OK)
		return -1;
	res = PQexec(l->conn, "LISTEN " LIVE_CHANNEL);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	return ok ? 0 : -1;
}

/*
 * The loading connection, made again if need be, with custom plans
 * only.  It runs the inbox statement once per item: after five runs
 * PostgreSQL may keep a generic plan of it, which on a person's inbox
 * of a few hundred items took 10 to 130 ms a run and grew with the
 * inbox (the streams fell seconds behind a burst), where a plan for
 * the values is an index probe of a millisecond.
 */
static int
live_conn(struct store_live *l)
{
	int pid;

	if (pg_reconnect(l->s) != 0)
		return -1;
	pid = PQbackendPID(PG(l->s)->conn);
	if (pid == l->pid)
		return 0;
	if (pg_run(pg_prep(l->s, "SET plan_cache_mode = force_custom_plan"),
		PGO_RUN, "") != 0)
		return -1;
	l->pid = pid;
	return 0;
}

/* One inbox item, read back as the store lists it. */
struct live_item {
	struct store_live *l;
	int64_t id, user;
};

static int
live_item_cb(void *arg, const struct store_inbox_item *it)
{
	struct live_item *li = arg;

	if (it->id == li->id)
		li->l->cb.item(li->l->cb.arg, li->user, it);
	return 0;
}

/* Item id of user, when a stream of user is open here. */
static void
live_item(struct store_live *l, int64_t id, int64_t user)
{
	struct live_item li = { l, id, user };

	if (id > l->mark)
		l->mark = id;
	if (id > 0 && l->cb.watching(l->cb.arg, user) &&
	    spool_inbox_list(l->s, user, id - 1, 1, 0, live_item_cb, &li) < 0)
		log_warnx("live: cannot read inbox item %lld", (long long)id);
}

/* "id.user,id.user,...": the new items of watched users. */
static void
live_items(struct store_live *l, const char *p)
{
	int64_t id, user;
	char *end;

	while (*p) {
		id = strtoll(p, &end, 10);
		if (*end != '.')
			return;
		user = strtoll(end + 1, &end, 10);
		live_item(l, id, user);
		if (*end != ',')
			return;
		p = end + 1;
	}
}

/* The largest inbox id committed so far: the mark to start from. */
static int
live_mark(struct store_live *l)
{
	return pg_i64(pg_prep(l->s, "SELECT coalesce(max(id), 0) FROM inbox"),
	    PG_FINAL, &l->mark, "");
}

/*
 * After an outage: the inbox rows above the mark, in id order, as if
 * notified.  The number of rows read, or -1.
 */
static long
live_catch_up(struct store_live *l)
{
	PGresult *res;
	long n = 0;
	int i, rows, rc;

	if (live_conn(l) != 0)
		return -1;
	do {
		res = pg_exec(pg_prep(l->s,
				  "SELECT id, user_id FROM inbox WHERE id > ? "
				  "ORDER BY id LIMIT ?"),
		    PG_FINAL, &rc, "Ii", l->mark, LIVE_CATCHUP_PAGE);
		if (res == NULL)
			return -1;
		rows = PQntuples(res);
		for (i = 0; i < rows; i++)
			live_item(l, pg_col_i64(res, i, 0),
			    pg_col_i64(res, i, 1));
		PQclear(res);
		n += rows;
	} while (rows == LIVE_CATCHUP_PAGE && n < LIVE_CATCHUP_MAX);
	if (rows == LIVE_CATCHUP_PAGE)
		log_warnx("live: caught up %ld items, more are left to the "
			  "clients' reconnects",
		    n);
	return n;
}

/* A recall: tell each watched recipient once. */
struct live_recall {
	struct store_live *l;
	const struct message *m;
	int64_t seen[64];
	size_t n;
};

static int
live_recall_cb(void *arg, const struct store_delivery *d)
{
	struct live_recall *r = arg;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->seen[i] == d->user_id)
			return 0;
	if (!r->l->cb.watching(r->l->cb.arg, d->user_id))
		return 0;
	if (r->n < sizeof(r->seen) / sizeof(r->seen[0]))
		r->seen[r->n++] = d->user_id;
	r->l->cb.recall(r->l->cb.arg, d->user_id, r->m);
	return 0;
}

static void
live_recall(struct store_live *l, const char *p)
{
	struct message m;
	struct live_recall r;
	int64_t id = strtoll(p, NULL, 10);

	if (id <= 0 || spool_message_get_id(l->s, id, &m) != 0)
		return;
	memset(&r, 0, sizeof(r));
	r.l = l;
	r.m = &m;
	if (spool_delivery_list(l->s, id, live_recall_cb, &r) < 0)
		log_warnx("live: cannot read the recipients of message %lld",
		    (long long)id);
	message_release(&m);
}

/* "<kind> <node> <ids>"; a recall is skipped when node is this one. */
static void
live_event(struct store_live *l, const char *payload)
{
	const char *node = payload + 2, *ids = strchr(node, ' ');

	if (ids == NULL || payload[1] != ' ' || live_conn(l) != 0)
		return;
	if (payload[0] == 'm')
		live_items(l, ids + 1);
	else if (payload[0] == 'd' &&
	    !((size_t)(ids - node) == strlen(pg_node_id()) &&
		strncmp(node, pg_node_id(), (size_t)(ids - node)) == 0))
		live_recall(l, ids + 1);
}

/*
 * Catch up after an outage; on failure say so once, wait a second and
 * leave *behind set, so the caller tries again.
 */
static int
live_caught_up(struct store_live *l, int *behind)
{
	long n = live_catch_up(l);

	if (n < 0) {
		if (*behind == 1)
			log_warnx("live: cannot read the inbox above id %lld "
				  "yet; trying again every second",
			    (long long)l->mark);
		*behind = 2;
		(void)poll(NULL, 0, 1000);
		return -1;
	}
	log_info("msg=\"live: caught up\" items=%ld mark=%lld", n,
	    (long long)l->mark);
	*behind = 0;
	return 0;
}

static void *
live_main(void *arg)
{
	struct store_live *l = arg;
	PGnotify *nf;
	int up = 1, behind = 0;

	while (!atomic_load(&l->stop)) {
		struct pollfd pfd = { -1, POLLIN, 0 };

		if (!up) {
			if (live_listen(l) != 0) {
				(void)poll(NULL, 0, 1000);
				continue;
			}
			log_info("live: listening again on %s", LIVE_CHANNEL);
			up = 1;
			behind = 1;
		}
		if (behind && live_caught_up(l, &behind) != 0)
			continue;
		pfd.fd = PQsocket(l->conn);
		if (poll(&pfd, 1, 250) > 0 && PQconsumeInput(l->conn) == 0) {
			log_warnx("live: lost the LISTEN connection (%s); "
				  "events of other nodes are not live until "
				  "it is "
				  "back",
			    PQerrorMessage(l->conn));
			up = 0;
			continue;
		}
		while ((nf = PQnotifies(l->conn)) != NULL) {
			live_event(l, nf->extra);
			PQfreemem(nf);
		}
	}
	return NULL;
}

int
pg_live_start(const char *url, const struct store_live_cb *cb,
    struct store_live **out, struct strbuf *err)
{
	struct store_live *l = xcalloc(1, sizeof(*l));

	l->cb = *cb;
	snprintf(l->url, sizeof(l->url), "%s", url);
	if (pg_open(&l->s, url, 0, err) != 0)
		goto fail;
	if (live_listen(l) != 0) {
		strbuf_setf(err, "LISTEN %s: %s", LIVE_CHANNEL,
		    PQerrorMessage(l->conn));
		goto fail;
	}
	if (live_conn(l) != 0 || live_mark(l) != 0) {
		strbuf_setf(err, "live: cannot read the largest inbox id: %s",
		    PG(l->s)->error);
		goto fail;
	}
	if (pthread_create(&l->th, NULL, live_main, l) != 0) {
		strbuf_setf(err, "live: cannot start its thread");
		goto fail;
	}
	log_info("msg=\"live: other nodes' events\" node=%s channel=%s",
	    pg_node_id(), LIVE_CHANNEL);
	*out = l;
	return 0;
fail:
	if (l->conn)
		PQfinish(l->conn);
	pg_close(l->s);
	free(l);
	return FG_ESTORE;
}

void
store_live_stop(struct store_live *l)
{
	if (l == NULL)
		return;
	atomic_store(&l->stop, 1);
	pthread_join(l->th, NULL);
	PQfinish(l->conn);
	pg_close(l->s);
	free(l);
}
