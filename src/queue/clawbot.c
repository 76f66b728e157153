/*
 * clawbot.c: the ClawBot poller (clawbot.h): one thread driving one
 * libcurl multi handle for every iLink call that is not a push.
 *
 * Why one thread: a bound person costs one getupdates long poll that
 * iLink holds for up to 35 s, all day.  A thread per person would be
 * a thread per bound WeChat; here a person is one easy handle, and a
 * thousand of them are a thousand sockets in one curl_multi_poll().
 * The bind codes' status polls (clawbot_qr.c) ride the same loop.
 *
 * The bound bots are re-read from the store every CB_RELOAD_MS and at
 * once when kicked (a bind commits, an unbind): a new bot gets a
 * poller, a gone or replaced one loses it (its call in flight is
 * dropped).  The poller keeps its own copy of the bot (token, base URL,
 * cursor) so that a reload racing a cursor write cannot step back.
 *
 * A getupdates answer (phones.md §2.4):
 *   - the client timeout is normal (iLink held the poll): poll again;
 *     a person's polls start at most once a second (CB_MIN_POLL_MS),
 *     so an iLink that answers at once does not make a busy loop;
 *   - ret/errcode -14, session expired: the person's poller pauses for
 *     an hour (ILINK_PAUSE_MS), written through the writer so their page
 *     and botInfo show it, as the plugin pauses all calls of that bot;
 *   - other failures: again after 2 s, after 3 in a row every 30 s;
 *   - success: the new cursor and the messages the person sent (only
 *     from the bot's own person, message_type 1) go to the writer in
 *     one op (ops_clawbot_inbound: each opens a new 24 h window with a
 *     fresh budget and context token, and is kept for getMsg), which
 *     also makes the bot device's waiting pushes due again
 *     (route_wake); after the commit cfg.kick() kicks the push sender.
 * Nothing of a bot token reaches a log line: lines name the user id.
 *
 * Several nodes on one store (PostgreSQL, store/cluster.h) each run
 * this loop over every bound bot, but a person is polled by one node:
 * before each getupdates the node takes or renews the lease
 * "clawbot:<user id>" for CB_LEASE_MS (longer than a held poll), and a
 * node that does not hold it leaves the person alone for
 * CB_LEASE_RETRY_MS.  A node that dies stops renewing; another takes
 * the person over once the lease runs out (CB_LEASE_MS, plus up to
 * CB_LEASE_RETRY_MS).  A node that stops gives its leases up, so the
 * others take over at their next try.
 */
#include <stdlib.h>
#include <string.h>

#include "channel/ilink.h"
#include "ops/clawbot.h"
#include "queue/clawbot_int.h"
#include "store/cluster.h"
#include "store/dir.h"
#include "store/writer.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define CB_RELOAD_MS 2000
#define CB_TICK_MS 1000
#define CB_RETRY_MS 2000
#define CB_BACKOFF_MS 30000
#define CB_IN_MAX 32 /* messages kept from one answer */
#define CB_MIN_POLL_MS 1000 /* one poll a second at most, held or not */
#define CB_LEASE_MS (ILINK_POLL_MS + 25000L) /* a poll and some */
#define CB_LEASE_RETRY_MS 10000 /* another node's person: ask again */

/* The writer op of one getupdates answer or of a session expiry. */
struct in_op {
	struct writer_op op;
	struct clawbot *c;
	int64_t user;
	char bot_id[STORE_CLAWBOT_ID_MAX + 1];
	char *cursor; /* NULL: a pause */
	int64_t until_ms;
	struct ops_clawbot_in in[CB_IN_MAX];
	char *ctx[CB_IN_MAX], *text[CB_IN_MAX];
	size_t n;
	int woke; /* route_wake() made pushes due */
};

static int
in_apply(struct writer_op *op, struct store *s)
{
	struct in_op *o = (struct in_op *)op;

	int64_t device;
	int rc;

	if (o->cursor == NULL)
		return ops_clawbot_pause(s, o->user, o->bot_id, o->until_ms);
	rc = ops_clawbot_inbound(s, o->user, o->bot_id, o->cursor, o->in, o->n,
	    clock_ms(), &device);
	if (rc == 0 && device != 0)
		rc = route_wake(s, device);
	o->woke = rc == 0 && device != 0;
	return rc;
}

static void
in_done(struct writer_op *op, int rc)
{
	struct in_op *o = (struct in_op *)op;
	size_t i;

	if (rc != 0)
		log_warnx("msg=\"clawbot: cannot record\" user=%lld rc=%d",
		    (long long)o->user, rc);
	else if (o->woke && o->c->cfg.kick)
		o->c->cfg.kick(o->c->cfg.kick_arg);
	for (i = 0; i < o->n; i++) {
		free(o->ctx[i]);
		free(o->text[i]);
	}
	free(o->cursor);
	free(o);
}

static struct in_op *
in_op_new(struct clawbot *c, const struct store_clawbot *b)
{
	struct in_op *o = xcalloc(1, sizeof(*o));

	o->op.apply = in_apply;
	o->op.done = in_done;
	o->c = c;
	o->user = b->user_id;
	memcpy(o->bot_id, b->bot_id, sizeof(o->bot_id));
	return o;
}

struct in_collect {
	struct in_op *o;
	const struct store_clawbot *bot;
};

static int
in_one(void *arg, const struct ilink_in *m)
{
	struct in_collect *ic = arg;
	struct in_op *o = ic->o;

	if (strcmp(m->from, ic->bot->ilink_user_id) != 0 || o->n == CB_IN_MAX)
		return 0;
	o->ctx[o->n] = xstrdup(m->context_token);
	o->text[o->n] = xstrdup(m->text);
	o->in[o->n].context_token = o->ctx[o->n];
	o->in[o->n].text = o->text[o->n];
	o->in[o->n].type = m->type;
	o->n++;
	return 0;
}

/* A good getupdates answer: cursor and messages to the writer. */
static void
updates_ok(struct clawbot *c, struct cb_poll *p, struct cb_xfer *x)
{
	struct in_op *o = in_op_new(c, p->bot);
	struct in_collect ic = { o, p->bot };
	char cursor[STORE_CLAWBOT_CURSOR_MAX + 1];
	int64_t hold;

	memcpy(cursor, p->bot->cursor, sizeof(cursor));
	(void)ilink_parse_updates(x->reply.buf, x->reply.len, in_one, &ic,
	    cursor, sizeof(cursor), &hold);
	if (o->n == 0 && strcmp(cursor, p->bot->cursor) == 0) {
		free(o);
		return;
	}
	memcpy(p->bot->cursor, cursor, sizeof(cursor));
	o->cursor = xstrdup(cursor);
	if (o->n > 0)
		log_info("msg=\"clawbot: message from the person\" user=%lld "
			 "n=%zu",
		    (long long)o->user, o->n);
	writer_submit(c->cfg.writer, &o->op);
}

static void
updates_finish(struct clawbot *c, struct cb_poll *p, struct cb_xfer *x,
    CURLcode cc)
{
	int64_t now = clock_ms();
	long status = 0;
	int code = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	/* a poll answered at once must not become a busy loop */
	p->next_ms = p->started_ms + CB_MIN_POLL_MS > now ?
	    p->started_ms + CB_MIN_POLL_MS : now;
	if (cc == CURLE_OPERATION_TIMEDOUT)
		return; /* iLink held the poll: normal */
	if (cc == CURLE_OK && status >= 200 && status < 300 &&
	    ilink_ret(x->reply.buf, x->reply.len, &code, NULL, 0) == 0 &&
	    code == 0) {
		p->fails = 0;
		return updates_ok(c, p, x);
	}
	if (code == ILINK_RET_EXPIRED) {
		struct in_op *o = in_op_new(c, p->bot);

		p->bot->paused_until_ms = o->until_ms = now + ILINK_PAUSE_MS;
		p->next_ms = o->until_ms;
		log_warnx("msg=\"clawbot: session expired, paused 1 h\" "
			  "user=%lld",
		    (long long)p->bot->user_id);
		writer_submit(c->cfg.writer, &o->op);
		return;
	}
	p->fails++;
	p->next_ms = now + (p->fails >= 3 ? CB_BACKOFF_MS : CB_RETRY_MS);
	log_warnx("msg=\"clawbot: getupdates failed\" user=%lld status=%ld "
		  "ret=%d curl=%d fails=%d",
	    (long long)p->bot->user_id, status, code, (int)cc, p->fails);
}

static struct cb_poll *
poll_find(struct clawbot *c, int64_t user)
{
	size_t i;

	for (i = 0; i < c->npolls; i++)
		if (c->polls[i].bot->user_id == user)
			return &c->polls[i];
	return NULL;
}

static int
reload_one(void *arg, const struct store_clawbot *b)
{
	struct clawbot *c = arg;
	struct cb_poll *p = poll_find(c, b->user_id);

	if (p != NULL && strcmp(p->bot->bot_id, b->bot_id) != 0) {
		cb_xfer_free(c, p->x); /* replaced by a new bind */
		p->x = NULL;
		*p->bot = *b;
		p->next_ms = 0;
	}
	if (p == NULL) {
		if (c->npolls == c->apolls) {
			c->apolls = c->apolls ? c->apolls * 2 : 16;
			c->polls = xrealloc(c->polls,
			    c->apolls * sizeof(*c->polls));
		}
		p = &c->polls[c->npolls++];
		memset(p, 0, sizeof(*p));
		p->bot = xmalloc(sizeof(*p->bot));
		*p->bot = *b;
		p->next_ms = b->paused_until_ms;
		for (size_t i = 0; i < c->npolls; i++)
			if (c->polls[i].x) /* the array moved */
				c->polls[i].x->owner = &c->polls[i];
	}
	p->seen = 1;
	return 0;
}

/* Re-read the bound bots: pollers for new ones, none for gone ones. */
static void
reload(struct clawbot *c)
{
	size_t i;

	for (i = 0; i < c->npolls; i++)
		c->polls[i].seen = 0;
	if (c->reader == NULL ||
	    dir_clawbot_list(c->reader, reload_one, c) < 0) {
		log_warnx("msg=\"clawbot: cannot read the bound bots\"");
		return;
	}
	for (i = 0; i < c->npolls;) {
		if (c->polls[i].seen) {
			i++;
			continue;
		}
		cb_xfer_free(c, c->polls[i].x);
		free(c->polls[i].bot);
		c->polls[i] = c->polls[--c->npolls];
		if (c->polls[i].x && i < c->npolls)
			c->polls[i].x->owner = &c->polls[i];
	}
}

/*
 * Whether this node polls user: always on one node's store; on a
 * shared one when it holds (takes or renews) the person's lease.  drop:
 * give the lease up instead (a stop).
 */
static int
poll_leased(struct clawbot *c, int64_t user, int64_t now, int drop)
{
	const struct cluster_ops *k = store_cluster(c->reader);
	char name[48];
	int held = 0;

	if (k == NULL)
		return 1;
	snprintf(name, sizeof(name), "clawbot:%lld", (long long)user);
	if (drop)
		return k->lease_drop(c->reader, name) == 0;
	if (k->lease(c->reader, name, now, CB_LEASE_MS, &held) != 0)
		log_warnx("msg=\"clawbot: cannot take the poll lease\" "
			  "user=%lld",
		    (long long)user);
	return held;
}

static void
polls_due(struct clawbot *c, int64_t now)
{
	struct cb_poll *p;
	size_t i;

	for (i = 0; i < c->npolls; i++) {
		p = &c->polls[i];
		if (p->x != NULL || now < p->next_ms ||
		    now < p->bot->paused_until_ms)
			continue;
		if (!poll_leased(c, p->bot->user_id, now, 0)) {
			p->next_ms = now + CB_LEASE_RETRY_MS;
			continue;
		}
		p->x = cb_xfer_new(X_UPDATES, p);
		if (ilink_req_updates(&p->x->req, p->bot) != 0) {
			cb_xfer_free(c, p->x);
			p->x = NULL;
			p->next_ms = now + CB_BACKOFF_MS;
			continue;
		}
		p->started_ms = now;
		cb_xfer_go(c, p->x, ILINK_POLL_MS + 5000L);
	}
}

static void
reap(struct clawbot *c)
{
	struct CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(c->multi, &left)) != NULL) {
		struct cb_xfer *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
		    (char **)&x);
		if (x == NULL)
			continue;
		if (x->kind == X_UPDATES) {
			struct cb_poll *p = x->owner;

			updates_finish(c, p, x, m->data.result);
			p->x = NULL;
			cb_xfer_free(c, x);
		} else
			cb_qr_finish(c, x, m->data.result);
	}
}

static void *
clawbot_main(void *arg)
{
	struct clawbot *c = arg;
	int64_t last = 0, now;
	int running;

	while (!atomic_load(&c->stopping)) {
		now = clock_ms();
		if (atomic_exchange(&c->kicked, 0) ||
		    now - last >= CB_RELOAD_MS) {
			reload(c);
			last = now;
		}
		cb_qr_due(c, now);
		polls_due(c, now);
		curl_multi_perform(c->multi, &running);
		reap(c);
		curl_multi_poll(c->multi, NULL, 0, CB_TICK_MS, NULL);
	}
	cb_qr_stop(c);
	while (c->npolls > 0) {
		c->npolls--;
		(void)poll_leased(c, c->polls[c->npolls].bot->user_id, 0, 1);
		cb_xfer_free(c, c->polls[c->npolls].x);
		free(c->polls[c->npolls].bot);
	}
	return NULL;
}

int
clawbot_start(struct clawbot **out, const struct clawbot_config *cfg,
    struct strbuf *err)
{
	struct clawbot *c = xcalloc(1, sizeof(*c));
	int rc;

	c->cfg = *cfg;
	pthread_mutex_init(&c->mu, NULL);
	if ((rc = store_open_dir(cfg->data_dir, cfg->sync_full, &c->reader,
		 err)) != 0) {
		free(c);
		return rc;
	}
	c->multi = curl_multi_init();
	if (pthread_create(&c->thread, NULL, clawbot_main, c) != 0) {
		strbuf_setf(err, "clawbot: cannot start its thread");
		curl_multi_cleanup(c->multi);
		store_close(c->reader);
		free(c);
		return FG_EIO;
	}
	*out = c;
	return 0;
}

void
clawbot_stop(struct clawbot *c)
{
	if (c == NULL)
		return;
	atomic_store(&c->stopping, 1);
	curl_multi_wakeup(c->multi);
	pthread_join(c->thread, NULL);
	curl_multi_cleanup(c->multi);
	store_close(c->reader);
	pthread_mutex_destroy(&c->mu);
	free(c->polls);
	free(c);
}
