/*
 * hub.c: subscribers in a small hash table keyed by user id, each with a
 * receiver, a mutex, a backlog strbuf of wire bytes and a read offset
 * (see hub.h for the protocol).  An event is formatted by the
 * subscriber's receiver straight into the backlog; one that does not fit
 * is cut off again, so a reader never sees half an event.  A backlog
 * read to the end is freed, so an idle subscriber holds no buffer (issue
 * 10 §5: an idle stream's memory); the next event allocates again.
 *
 * A backlog that would pass the hub's cap (stream.buffer_kb) is dropped
 * at once and the subscriber closed: the memory of a client that does
 * not read is bounded by the cap, and freed when it is cut off rather
 * than when it finally reads.  What it had received ends at an event
 * boundary on its side or in a partial event its parser drops, so it
 * resumes from the last id it saw (issue 14 item 3).
 *
 * Locking order: hub->mu, then sub->mu.  Readers take only sub->mu.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "stream/hub.h"
#include "util/metrics.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define HUB_BUCKETS 256

struct hub_sub {
	int64_t		 user;
	int64_t		 last_id;
	const struct hub_receiver *rcv;
	const void *rcv_arg;
	pthread_mutex_t	 mu;
	struct strbuf	 buf;
	size_t		 off;		/* bytes of buf already read */
	int		 parked;
	int		 closed;
	hub_wake_fn	 park, wake;
	void		*conn;
	ssize_t		(*dwrite)(void *, const char *, size_t);
	void		*dwarg;		/* hub_sub_direct() */
	struct hub_sub	*next;		/* bucket chain */
};

struct hub {
	pthread_mutex_t	 mu;
	struct hub_sub	*b[HUB_BUCKETS];
	size_t		 n;
	int		 listened_only;	/* hub_listened_only(), under mu */
	size_t		 cap;		/* backlog bytes per subscriber */
};

struct hub *
hub_new(size_t backlog_max)
{
	struct hub *h = xcalloc(1, sizeof(*h));

	pthread_mutex_init(&h->mu, NULL);
	h->cap = backlog_max ? backlog_max : LIM_SSE_BACKLOG_BYTES;
	return h;
}

void
hub_free(struct hub *h)
{
	if (h == NULL)
		return;
	pthread_mutex_destroy(&h->mu);
	free(h);
}

static size_t
bucket(int64_t user)
{
	return (size_t)((uint64_t)user * 0x9E3779B97F4A7C15ull >> 56) %
	    HUB_BUCKETS;
}

/* Wake a parked reader, under sub->mu. */
static void
wake_locked(struct hub_sub *s)
{
	if (s->parked) {
		s->parked = 0;
		s->wake(s->conn);
	}
}

/* The backlog is past the cap: drop it and close (see the top). */
static void
overflow_locked(struct hub_sub *s)
{
	size_t cap = s->buf.cap;

	strbuf_release(&s->buf);
	strbuf_init(&s->buf, cap);
	s->off = 0;
	s->closed = 1;
}

/* Read to the end: an idle stream keeps no buffer. */
static void
drained_locked(struct hub_sub *s)
{
	size_t cap = s->buf.cap;

	if (s->off == s->buf.len) {
		strbuf_release(&s->buf);
		strbuf_init(&s->buf, cap);
		s->off = 0;
	}
}

/*
 * A parked subscriber's socket took everything so far: write the new
 * bytes from the publisher's thread (hub_sub_direct()) instead of
 * waking the stream loop for them, one thread hop less per event.
 * What the socket does not take now stays queued for the loop.  1 when
 * all went out (no wake-up needed).
 */
static int
direct_locked(struct hub_sub *s)
{
	ssize_t n;

	if (!s->parked || s->closed || s->dwrite == NULL)
		return 0;
	while (s->off < s->buf.len) {
		n = s->dwrite(s->dwarg, s->buf.buf + s->off,
		    s->buf.len - s->off);
		if (n <= 0)
			return 0;
		s->off += (size_t)n;
	}
	drained_locked(s);
	return 1;
}

/* Start appending: a backlog read to its end starts over. */
static void
rewind_locked(struct hub_sub *s)
{
	if (s->off == s->buf.len) {
		strbuf_reset(&s->buf);
		s->off = 0;
	}
}

/*
 * Append under sub->mu; wake a parked reader.  An event that does not
 * fit closes the subscriber, or, in a replay (page), is left out: 1.
 */
static int
queue_locked(struct hub_sub *s, const struct hub_event *ev, int page)
{
	size_t len;

	if (s->closed || (ev->id && ev->id <= s->last_id) ||
	    (ev->kind == HUB_EVENT_UPDATE && !s->rcv->updates))
		return 0;
	rewind_locked(s);
	len = s->buf.len;
	if (s->rcv->format(&s->buf, ev, s->rcv_arg) != 0) {
		if (page) {
			strbuf_setlen(&s->buf, len);
			return 1;
		}
		overflow_locked(s);	/* too far behind: client will replay */
	} else {
		if (ev->id)
			s->last_id = ev->id;
		/* a heartbeat reaches every stream under hub->mu: the
		 * loop writes those, not the heartbeat's thread */
		if (!page && ev->kind != HUB_EVENT_PING && direct_locked(s))
			return 0;
	}
	wake_locked(s);
	return 0;
}

static void
push_locked(struct hub_sub *s, const struct hub_event *ev)
{
	(void)queue_locked(s, ev, 0);
}

void
hub_sub_push(struct hub_sub *s, const struct hub_event *ev)
{
	pthread_mutex_lock(&s->mu);
	push_locked(s, ev);
	pthread_mutex_unlock(&s->mu);
}

int
hub_sub_replay(struct hub_sub *s, const struct hub_event *ev)
{
	int rc;

	pthread_mutex_lock(&s->mu);
	rc = queue_locked(s, ev, 1);
	pthread_mutex_unlock(&s->mu);
	return rc;
}

struct hub_sub *
hub_subscribe(struct hub *h, int64_t user, const struct hub_receiver *rcv,
    const void *rcv_arg, int (*replay)(void *, struct hub_sub *), void *arg,
    hub_wake_fn park, hub_wake_fn wake, void *conn)
{
	struct hub_sub *s = xcalloc(1, sizeof(*s));
	size_t k = bucket(user);

	s->user = user;
	s->rcv = rcv;
	s->rcv_arg = rcv_arg;
	pthread_mutex_init(&s->mu, NULL);
	strbuf_init(&s->buf, h->cap);
	s->park = park;
	s->wake = wake;
	s->conn = conn;
	pthread_mutex_lock(&h->mu);
	s->next = h->b[k];
	h->b[k] = s;
	h->n++;
	metrics_add(&metric_streams, (const char *[]){ rcv->name }, 1);
	if (replay && replay(arg, s) != 0)
		s->closed = 1;
	pthread_mutex_unlock(&h->mu);
	return s;
}

void
hub_sub_direct(struct hub_sub *s, ssize_t (*write)(void *, const char *,
    size_t), void *arg)
{
	pthread_mutex_lock(&s->mu);
	s->dwrite = write;
	s->dwarg = arg;
	pthread_mutex_unlock(&s->mu);
}

void
hub_unsubscribe(struct hub *h, struct hub_sub *s)
{
	struct hub_sub **pp;

	pthread_mutex_lock(&h->mu);
	for (pp = &h->b[bucket(s->user)]; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			h->n--;
			metrics_add(&metric_streams, (const char *[]){
			    s->rcv->name }, -1);
			break;
		}
	}
	pthread_mutex_unlock(&h->mu);
	strbuf_release(&s->buf);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

static void
publish(struct hub *h, const struct hub_event *ev, int listened)
{
	struct hub_sub *s;

	pthread_mutex_lock(&h->mu);
	if (listened || !h->listened_only || ev->kind != HUB_EVENT_MESSAGE)
		for (s = h->b[bucket(ev->user)]; s; s = s->next)
			if (s->user == ev->user)
				hub_sub_push(s, ev);
	pthread_mutex_unlock(&h->mu);
}

void
hub_publish(struct hub *h, const struct hub_event *ev)
{
	publish(h, ev, 0);
}

void
hub_publish_listened(struct hub *h, const struct hub_event *ev)
{
	publish(h, ev, 1);
}

void
hub_listened_only(struct hub *h)
{
	pthread_mutex_lock(&h->mu);
	h->listened_only = 1;
	pthread_mutex_unlock(&h->mu);
}

/* close: every subscriber; else a ping to those of class cls. */
static void
each_sub(struct hub *h, int close, int cls)
{
	static const struct hub_event ping = { HUB_EVENT_PING, 0, 0, NULL };
	struct hub_sub *s;
	size_t k;

	pthread_mutex_lock(&h->mu);
	for (k = 0; k < HUB_BUCKETS; k++) {
		for (s = h->b[k]; s; s = s->next) {
			pthread_mutex_lock(&s->mu);
			if (close)
				s->closed = 1;
			if (!close && s->rcv->ping_class == cls)
				push_locked(s, &ping);
			else if (s->parked) {
				s->parked = 0;
				s->wake(s->conn);
			}
			pthread_mutex_unlock(&s->mu);
		}
	}
	pthread_mutex_unlock(&h->mu);
}

void
hub_ping(struct hub *h, enum hub_ping_class cls)
{
	each_sub(h, 0, (int)cls);
}

void
hub_close_all(struct hub *h)
{
	each_sub(h, 1, 0);
}

static void
park_locked(struct hub_sub *s)
{
	s->parked = 1;
	s->park(s->conn);
}

int
hub_sub_flush(struct hub_sub *s, ssize_t (*write)(void *, const char *,
    size_t), void *arg)
{
	ssize_t n = 0;
	int rc;

	pthread_mutex_lock(&s->mu);
	while (s->off < s->buf.len) {
		n = write(arg, s->buf.buf + s->off, s->buf.len - s->off);
		if (n <= 0)
			break;
		s->off += (size_t)n;
	}
	if (s->off < s->buf.len)
		rc = n < 0 ? HUB_FLUSH_CLOSED : HUB_FLUSH_BLOCKED;
	else if (s->closed)
		rc = HUB_FLUSH_CLOSED;
	else {
		drained_locked(s);
		park_locked(s);
		rc = HUB_FLUSH_IDLE;
	}
	if (rc == HUB_FLUSH_CLOSED)
		s->closed = 1;
	pthread_mutex_unlock(&s->mu);
	return rc;
}

int
hub_sub_append(struct hub_sub *s, const char *p, size_t len)
{
	int rc = -1;

	pthread_mutex_lock(&s->mu);
	if (!s->closed) {
		rewind_locked(s);
		if ((rc = strbuf_add(&s->buf, p, len)) != 0)
			overflow_locked(s);
		wake_locked(s);
	}
	pthread_mutex_unlock(&s->mu);
	return rc ? -1 : 0;
}

size_t
hub_count(struct hub *h)
{
	size_t n;

	pthread_mutex_lock(&h->mu);
	n = h->n;
	pthread_mutex_unlock(&h->mu);
	return n;
}

int
hub_watching(struct hub *h, int64_t user)
{
	struct hub_sub *s;

	pthread_mutex_lock(&h->mu);
	for (s = h->b[bucket(user)]; s; s = s->next)
		if (s->user == user)
			break;
	pthread_mutex_unlock(&h->mu);
	return s != NULL;
}
