/*
 * xloop.c: the outbound event loop (xloop.h).
 *
 * Why a loop: the delivery workers used to block on each upstream
 * request, so a few hosts that never answer took the workers for the
 * whole timeout (hostlimit.c kept them to half), and the throughput of
 * one worker was one request at a time without keep-alive.  Here one
 * thread runs every request on one libcurl multi handle, which keeps
 * connections to each host alive and reuses them, so the cost of a
 * webhook is its bytes, and a slow host costs only its own requests.
 *
 * The same multi-handle shape runs the push sender (push.c) and the
 * callback sender (callback.c); those two read their own outbox tables
 * and judge answers their own way, and stay beside this loop.  What all
 * three share is the easy-handle setup (http.c chan_easy_setup: method,
 * headers, timeouts, the address guard and channel.proxy), so a request
 * looks the same on the wire whichever sender makes it.
 *
 * Limits.  A host has at most per_host requests in flight, and up to
 * half of max_held taken (waiting here in order, or in flight), so the
 * other half is always there for other hosts and a worker never waits
 * on a busy host: beyond that
 * xloop_submit() says no and the delivery goes back on the schedule
 * (DELIVERY_DEFER), untouched and not counted as an attempt.
 * max_flight caps the requests in flight and max_held everything taken,
 * so memory stays bounded however many deliveries are due; when the
 * whole loop is full, a submitting worker waits for room (the loop is
 * then the bottleneck, and deferring would only burn CPU on re-reads).
 *
 * Per request, nothing is made that the last one could hand on: an
 * easy handle, once its request is over, is reset (curl_easy_reset:
 * the connections and the name cache belong to the multi handle, so
 * they stay) and kept for the next request, at most max_flight of them;
 * and a submitter wakes the loop only when the incoming list was empty
 * (a list with requests in it has its wakeup on the way), not once per
 * request.
 *
 * Threads.  Submitters (the workers) append to the incoming list and
 * wake the loop (curl_multi_wakeup); the host table and that list are
 * under one mutex; everything else belongs to the loop thread.  done()
 * runs on the loop thread and must not block for long: the deliveries
 * hand their outcome to the writer and return.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/channel_int.h"
#include "channel/xloop.h"
#include "util/errors.h"
#include "util/xmalloc.h"

#define XLOOP_POLL_MS	1000

/*
 * A host with requests taken: held counts waiting + in flight.  Its
 * waiting requests queue here, in order (loop thread only), so starting
 * the next ones looks at each host once and never walks past the
 * requests of a host that is at its per_host limit: with one busy host
 * and thousands waiting, that walk was the loop's main cost.  A tail
 * pointer to the last request, not to a link, because an entry moves
 * when another host leaves the table.
 */
struct xhost {
	char		 name[CHAN_HOST_MAX];
	int		 held, flight;
	struct chan_req	*wait, *wait_last;
};

struct xloop {
	struct xloop_config	 cfg;
	CURLM			*multi;
	pthread_t		 thread;
	atomic_int		 stopping;
	pthread_mutex_t		 mu;
	pthread_cond_t		 room;	/* held fell below max_held */
	struct chan_req		*incoming, **in_tail;	/* under mu */
	struct xhost		*hosts;			/* under mu */
	int			 nhosts, held;		/* under mu */
	int			 turn;	/* host to start first: round robin */
	struct chan_req		**flight;
	int			 nflight;
	CURL			**spare;	/* reset easy handles, reused */
	int			 nspare;
};

/* The host's entry (under mu); NULL when new and add is 0. */
static struct xhost *
host_find(struct xloop *xl, const char *name, int add)
{
	int i;

	for (i = 0; i < xl->nhosts; i++)
		if (strcasecmp(xl->hosts[i].name, name) == 0)
			return &xl->hosts[i];
	if (!add)
		return NULL;
	i = xl->nhosts++;
	memset(&xl->hosts[i], 0, sizeof(xl->hosts[i]));
	snprintf(xl->hosts[i].name, CHAN_HOST_MAX, "%s", name);
	return &xl->hosts[i];
}

/*
 * A request is over: its host gives back what it held (under mu); what
 * the host still holds.
 */
static int
host_release(struct xloop *xl, const char *name, int flight)
{
	struct xhost *h = host_find(xl, name, 0);

	if (xl->held-- == xl->cfg.max_held)
		pthread_cond_broadcast(&xl->room);
	if (h == NULL)
		return 0;
	h->flight -= flight;
	if (--h->held == 0) {
		*h = xl->hosts[--xl->nhosts];
		return 0;
	}
	return h->held;
}

int
xloop_submit(struct xloop *xl, struct chan_req *r,
    void (*done)(struct chan_req *, int, void *), void *arg)
{
	struct xhost *h;
	int rc = -1, wake = 0;

	chan_url_host(r->url.buf, r->host);
	r->g.on = r->guard && !channel_settings()->allow_private;
	chan_guard_target(r->url.buf, &r->g);	/* with a proxy: here */
	r->done = done;
	r->arg = arg;
	r->next = NULL;
	pthread_mutex_lock(&xl->mu);
	/* the loop is full: wait for room (backpressure on the workers) */
	while (xl->held >= xl->cfg.max_held && !atomic_load(&xl->stopping))
		pthread_cond_wait(&xl->room, &xl->mu);
	if (xl->held < xl->cfg.max_held &&
	    (h = host_find(xl, r->host, 1))->held < xl->cfg.max_held / 2) {
		h->held++;
		xl->held++;
		/* a list that is not empty has its wakeup on the way */
		wake = xl->incoming == NULL;
		*xl->in_tail = r;
		xl->in_tail = &r->next;
		rc = 0;
	}
	pthread_mutex_unlock(&xl->mu);
	if (wake)
		curl_multi_wakeup(xl->multi);
	return rc;
}

int
xloop_host_full(struct xloop *xl, const char *host)
{
	struct xhost *h;
	int full;

	pthread_mutex_lock(&xl->mu);
	h = host_find(xl, host, 0);
	full = h != NULL && h->held >= xl->cfg.max_held / 2;
	pthread_mutex_unlock(&xl->mu);
	return full;
}

static void
xloop_start_one(struct xloop *xl, struct chan_req *r)
{
	CURL *e = xl->nspare > 0 ? xl->spare[--xl->nspare] : curl_easy_init();

	r->easy = e;
	r->slot = xl->nflight;	/* without a handle too: the loop ends it */
	xl->flight[xl->nflight++] = r;
	if (e == NULL) {
		r->rep.curl_rc = CURLE_OUT_OF_MEMORY;
		snprintf(r->rep.error, sizeof(r->rep.error), "curl_easy_init");
		return;
	}
	chan_easy_setup(e, r->method, r->url.buf, r->has_body ? r->body.buf :
	    NULL, r->body.len, &r->hdrs, &r->g, &r->rep, r->errbuf);
	curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	curl_multi_add_handle(xl->multi, e);
}

/* The requests submitted since the last turn join their hosts' queues. */
static void
xloop_take_incoming(struct xloop *xl)
{
	struct chan_req *r;
	struct xhost *h;

	while ((r = xl->incoming) != NULL) {
		xl->incoming = r->next;
		r->next = NULL;
		h = host_find(xl, r->host, 1);	/* there: it holds r */
		if (h->wait_last != NULL)
			h->wait_last->next = r;
		else
			h->wait = r;
		h->wait_last = r;
	}
	xl->in_tail = &xl->incoming;
}

/*
 * Start the waiting requests whose host and the loop have room: in
 * order within a host, the hosts in turn.  Taken under the mutex, set
 * up and started after it, so submitters do not wait on curl.
 */
static void
xloop_start_pending(struct xloop *xl)
{
	struct chan_req *r, *go = NULL, **tail = &go;
	struct xhost *h;
	int i, n, room = xl->cfg.max_flight - xl->nflight;

	pthread_mutex_lock(&xl->mu);
	xloop_take_incoming(xl);
	n = xl->nhosts;
	for (i = 0; i < n && room > 0; i++) {
		h = &xl->hosts[(xl->turn + i) % n];
		while ((r = h->wait) != NULL && h->flight < xl->cfg.per_host &&
		    room > 0) {
			if ((h->wait = r->next) == NULL)
				h->wait_last = NULL;
			h->flight++;
			room--;
			*tail = r;
			tail = &r->next;
		}
	}
	*tail = NULL;
	if (n > 0)
		xl->turn = (xl->turn + 1) % n;
	pthread_mutex_unlock(&xl->mu);
	while ((r = go) != NULL) {
		go = r->next;
		r->next = NULL;
		xloop_start_one(xl, r);
	}
}

/* One request is over (or cut off): account for it and hand it back. */
static void
xloop_finish(struct xloop *xl, struct chan_req *r, int started, int aborted)
{
	if (started) {	/* out of the flight table, the last in its slot */
		xl->flight[r->slot] = xl->flight[--xl->nflight];
		xl->flight[r->slot]->slot = r->slot;
	}
	if (r->easy != NULL) {	/* kept for the next request */
		curl_multi_remove_handle(xl->multi, r->easy);
		curl_easy_reset(r->easy);
		xl->spare[xl->nspare++] = r->easy;
		r->easy = NULL;
	}
	pthread_mutex_lock(&xl->mu);
	r->host_left = host_release(xl, r->host, started);
	pthread_mutex_unlock(&xl->mu);
	r->done(r, aborted, r->arg);
}

static void
xloop_reap(struct xloop *xl)
{
	struct CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(xl->multi, &left)) != NULL) {
		struct chan_req *r = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
		    (char **)&r);
		if (r == NULL)
			continue;
		chan_easy_finish(r->easy, (int)m->data.result, &r->g,
		    r->errbuf, &r->rep);
		xloop_finish(xl, r, 1, 0);
	}
}

/* Every waiting request, out of the hosts' queues, in one list. */
static struct chan_req *
xloop_take_waiting(struct xloop *xl)
{
	struct chan_req *all = NULL, **tail = &all;
	int i;

	pthread_mutex_lock(&xl->mu);
	xloop_take_incoming(xl);
	for (i = 0; i < xl->nhosts; i++) {
		if (xl->hosts[i].wait == NULL)
			continue;
		*tail = xl->hosts[i].wait;
		tail = &xl->hosts[i].wait_last->next;
		xl->hosts[i].wait = xl->hosts[i].wait_last = NULL;
	}
	pthread_mutex_unlock(&xl->mu);
	return all;
}

static void *
xloop_main(void *arg)
{
	struct xloop *xl = arg;
	struct chan_req *r, *next;
	int running, i;

	/*
	 * A turn: run the transfers, hand on the replies, then start what
	 * waits, right before the poll: the requests that waited for the
	 * turns just freed start now, not when something else wakes the
	 * loop (a new handle makes the poll return at once).
	 */
	while (!atomic_load(&xl->stopping)) {
		curl_multi_perform(xl->multi, &running);
		xloop_reap(xl);
		xloop_start_pending(xl);
		/* a request that could not get a handle is over at once */
		for (i = 0; i < xl->nflight; i++)
			if (xl->flight[i]->easy == NULL)
				xloop_finish(xl, xl->flight[i--], 1, 0);
		if (xl->cfg.turn_end != NULL)
			xl->cfg.turn_end(xl->cfg.turn_arg);
		curl_multi_poll(xl->multi, NULL, 0, XLOOP_POLL_MS, NULL);
	}
	while (xl->nflight > 0)
		xloop_finish(xl, xl->flight[0], 1, 1);
	for (r = xloop_take_waiting(xl); r != NULL; r = next) {
		next = r->next;
		xloop_finish(xl, r, 0, 1);
	}
	return NULL;
}

int
xloop_start(struct xloop **out, const struct xloop_config *cfg,
    struct strbuf *err)
{
	struct xloop *xl = xcalloc(1, sizeof(*xl));

	xl->cfg = *cfg;
	if (xl->cfg.per_host <= 0)
		xl->cfg.per_host = xl->cfg.max_flight;
	if ((xl->multi = curl_multi_init()) == NULL) {
		free(xl);
		strbuf_setf(err, "curl_multi_init failed");
		return FG_ENOMEM;
	}
	curl_multi_setopt(xl->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)xl->cfg.per_host);
	curl_multi_setopt(xl->multi, CURLMOPT_MAXCONNECTS,
	    (long)xl->cfg.max_flight);
	xl->flight = xcalloc((size_t)xl->cfg.max_flight, sizeof(*xl->flight));
	xl->spare = xcalloc((size_t)xl->cfg.max_flight, sizeof(*xl->spare));
	xl->hosts = xcalloc((size_t)xl->cfg.max_held, sizeof(*xl->hosts));
	xl->in_tail = &xl->incoming;
	pthread_mutex_init(&xl->mu, NULL);
	pthread_cond_init(&xl->room, NULL);
	pthread_create(&xl->thread, NULL, xloop_main, xl);
	*out = xl;
	return 0;
}

void
xloop_stop(struct xloop *xl)
{
	if (xl == NULL)
		return;
	atomic_store(&xl->stopping, 1);
	pthread_mutex_lock(&xl->mu);
	pthread_cond_broadcast(&xl->room);
	pthread_mutex_unlock(&xl->mu);
	curl_multi_wakeup(xl->multi);
	pthread_join(xl->thread, NULL);
	while (xl->nspare > 0)
		curl_easy_cleanup(xl->spare[--xl->nspare]);
	curl_multi_cleanup(xl->multi);
	pthread_mutex_destroy(&xl->mu);
	pthread_cond_destroy(&xl->room);
	free(xl->flight);
	free(xl->spare);
	free(xl->hosts);
	free(xl);
	chan_req_pool_drain();
}
