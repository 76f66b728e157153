/*
 * loop.c: the stream loop (loop.h).
 *
 * One thread, one epoll set (level-triggered), one eventfd.  A stream's
 * socket is watched for input always (a closed client, a WebSocket's
 * frames) and for output only while its backlog is blocked on a full
 * socket.  Publishers (the writer thread, the heartbeat) wake a parked
 * stream from under its subscriber lock: stream_conn_wake() puts it on
 * the ready list and writes the eventfd; the loop then flushes every
 * ready stream.  The lock order is sub->mu, then loop->mu, and the loop
 * calls into the hub only with loop->mu released.  A parked stream whose
 * socket takes the whole event is written by the publisher itself
 * (hub_sub_direct() with sock_write(), set at attach), which saves the
 * wake-up; a WebSocket that sent its close frame stops that, since
 * nothing may follow the close frame.  Every stream socket has
 * TCP_NODELAY: an event is one write and must not wait for an ACK
 * (docs/performance.md, "The tail, taken apart").
 *
 * A stream that is woken before it is attached (a publish between
 * hub_subscribe() and stream_conn_attach()) stays off the ready list;
 * attaching flushes it once anyway.
 *
 * Cost of an idle stream: struct stream_conn, the hub subscriber (no
 * backlog while drained), the owner's state and the hold, 450 to 650
 * bytes measured (docs/performance.md); a WebSocket's wslay session
 * exists only while its client's frames are being read (ws_conn.c);
 * the kernel's socket buffers are not in the RSS.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/http.h"
#include "stream/hub.h"
#include "stream/loop.h"
#include "stream/ws_conn.h"
#include "util/errors.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define LOOP_EVENTS	64
/*
 * A stream's kernel send buffer: fixed (no autotuning up to tcp_wmem's
 * 4 MiB) so that a client that does not read holds at most this much
 * kernel memory beside its backlog, and reaches the backlog's cap
 * (stream.buffer_kb) soon.  The kernel doubles it.  Notifications need
 * no bulk throughput: a replay of 1000 items still leaves in a few
 * round trips.
 */
#define STREAM_SNDBUF	(32 * 1024)

struct stream_conn {
	struct stream_loop	*loop;
	enum stream_kind	 kind;
	int			 fd;		/* -1 until attached */
	struct hub_sub		*sub;
	struct http_hold	*hold;
	struct ws_conn		*ws;		/* NULL until the client sends */
	void			(*release)(void *);
	void			*arg;
	int			 want_out;	/* EPOLLOUT armed */
	int			 ready;		/* on the ready list */
	int			 dead;		/* ended, freed after the batch */
	struct stream_conn	*rnext;		/* ready list; dead list */
	struct stream_conn	*prev, *next;	/* every attached stream */
};

struct stream_loop {
	struct hub		*hub;
	int			 ep;
	int			 efd;
	pthread_t		 thread;
	pthread_mutex_t		 mu;	/* ready list, attached */
	struct stream_conn	*ready;
	struct stream_conn	 all;	/* list head */
	struct stream_conn	*dead;	/* the loop thread's only */
	size_t			 max;
	atomic_size_t		 n;	/* streams new or attached */
	atomic_int		 stop;
	int			 stopped;	/* under mu: attach ends at once */
};

static void
notify(struct stream_loop *l)
{
	uint64_t one = 1;

	(void)!write(l->efd, &one, sizeof(one));
}

static ssize_t	sock_write(void *, const char *, size_t);

struct stream_conn *
stream_conn_new(struct stream_loop *l, enum stream_kind kind)
{
	struct stream_conn *c = xcalloc(1, sizeof(*c));

	c->loop = l;
	c->kind = kind;
	c->fd = -1;
	atomic_fetch_add(&l->n, 1);
	return c;
}

void
stream_conn_park(void *arg)
{
	(void)arg;	/* the loop stops writing; a push wakes it */
}

void
stream_conn_wake(void *arg)
{
	struct stream_conn *c = arg;
	struct stream_loop *l = c->loop;
	int first = 0;

	pthread_mutex_lock(&l->mu);
	if (c->fd >= 0 && !c->ready) {
		c->ready = 1;
		c->rnext = l->ready;
		first = l->ready == NULL;
		l->ready = c;
	}
	pthread_mutex_unlock(&l->mu);
	if (first)
		notify(l);
}

void
stream_conn_attach(struct stream_conn *c, struct hub_sub *sub, int fd,
    struct http_hold *hold, void (*release)(void *), void *arg)
{
	struct stream_loop *l = c->loop;
	struct epoll_event ev;
	int sndbuf = STREAM_SNDBUF, one = 1;

	(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	/* events are whole writes: never hold one back for an ACK */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->sub = sub;
	c->hold = hold;
	c->release = release;
	c->arg = arg;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLRDHUP;
	ev.data.ptr = c;
	pthread_mutex_lock(&l->mu);
	if (l->stopped) {	/* shutdown began: end it here */
		pthread_mutex_unlock(&l->mu);
		hub_unsubscribe(l->hub, sub);
		close(fd);
		http_hold_release(hold);
		if (release)
			release(arg);
		stream_conn_abort(c);
		return;
	}
	c->fd = fd;
	c->next = l->all.next;
	c->prev = &l->all;
	l->all.next->prev = c;
	l->all.next = c;
	pthread_mutex_unlock(&l->mu);
	hub_sub_direct(sub, sock_write, c);
	(void)epoll_ctl(l->ep, EPOLL_CTL_ADD, fd, &ev);
	stream_conn_wake(c);	/* the hello and the replay */
}

void
stream_conn_abort(struct stream_conn *c)
{
	atomic_fetch_sub(&c->loop->n, 1);
	free(c);
}

/*
 * End a stream: on the loop thread only.  The struct lives until the
 * current batch of epoll events is done (free_dead()), since a later
 * event of the batch may still name it.
 */
static void
conn_end(struct stream_conn *c)
{
	struct stream_loop *l = c->loop;
	struct stream_conn **pp;

	(void)epoll_ctl(l->ep, EPOLL_CTL_DEL, c->fd, NULL);
	hub_unsubscribe(l->hub, c->sub);	/* no wake-up after this */
	pthread_mutex_lock(&l->mu);
	if (c->ready)
		for (pp = &l->ready; *pp; pp = &(*pp)->rnext)
			if (*pp == c) {
				*pp = c->rnext;
				break;
			}
	c->prev->next = c->next;
	c->next->prev = c->prev;
	pthread_mutex_unlock(&l->mu);
	close(c->fd);
	ws_conn_free(c->ws);
	http_hold_release(c->hold);
	if (c->release)
		c->release(c->arg);
	atomic_fetch_sub(&l->n, 1);
	c->dead = 1;
	c->rnext = l->dead;
	l->dead = c;
}

static void
free_dead(struct stream_loop *l)
{
	struct stream_conn *c;

	while ((c = l->dead) != NULL) {
		l->dead = c->rnext;
		free(c);
	}
}

static ssize_t
sock_write(void *arg, const char *p, size_t n)
{
	struct stream_conn *c = arg;
	ssize_t w;

	do
		w = send(c->fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	return w;
}

static void
want_out(struct stream_conn *c, int on)
{
	struct epoll_event ev;

	if (c->want_out == on)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLRDHUP | (on ? EPOLLOUT : 0);
	ev.data.ptr = c;
	(void)epoll_ctl(c->loop->ep, EPOLL_CTL_MOD, c->fd, &ev);
	c->want_out = on;
}

/* Write what is queued; 0 keep, -1 ended (c is gone). */
static int
conn_output(struct stream_conn *c)
{
	/* nothing may follow a WebSocket's close frame */
	if (ws_conn_closing(c->ws))
		hub_sub_direct(c->sub, NULL, NULL);
	switch (hub_sub_flush(c->sub, sock_write, c)) {
	case HUB_FLUSH_BLOCKED:
		want_out(c, 1);
		return 0;
	case HUB_FLUSH_IDLE:
		want_out(c, 0);
		/* a WebSocket whose close frame is out ends here */
		if (!ws_conn_closing(c->ws))
			return 0;
		break;
	default:
		break;
	}
	conn_end(c);
	return -1;
}

/* An HTTP stream's client sends nothing more: read to see it go. */
static int
http_input(struct stream_conn *c)
{
	char buf[512];
	ssize_t n;

	while ((n = recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		;
	return n == 0 || (errno != EAGAIN && errno != EINTR) ? -1 : 0;
}

static void
conn_input(struct stream_conn *c, uint32_t events)
{
	int rc;

	if (c->kind == STREAM_WS)
		rc = ws_conn_input(&c->ws, c->fd, c->sub);
	else
		rc = http_input(c);
	if (rc != 0 || (events & (EPOLLERR | EPOLLHUP)))
		conn_end(c);
	else
		(void)conn_output(c);
}

/*
 * Flush the streams on the ready list, taking one at a time: a stream
 * woken again meanwhile is simply queued again.
 */
static void
run_ready(struct stream_loop *l)
{
	struct stream_conn *c;
	uint64_t v;

	(void)!read(l->efd, &v, sizeof(v));
	for (;;) {
		pthread_mutex_lock(&l->mu);
		if ((c = l->ready) != NULL) {
			l->ready = c->rnext;
			c->ready = 0;
		}
		pthread_mutex_unlock(&l->mu);
		if (c == NULL)
			return;
		(void)conn_output(c);
	}
}

static void *
loop_main(void *arg)
{
	struct stream_loop *l = arg;
	struct epoll_event ev[LOOP_EVENTS];
	int i, n;

	for (;;) {
		n = epoll_wait(l->ep, ev, LOOP_EVENTS, -1);
		if (n < 0 && errno != EINTR) {
			log_warn("msg=\"stream loop: epoll_wait\"");
			continue;
		}
		for (i = 0; i < n; i++) {
			struct stream_conn *c = ev[i].data.ptr;

			if (c == NULL) {
				if (atomic_load(&l->stop))
					return NULL;
				run_ready(l);
			} else if (c->dead)
				continue;
			else if (ev[i].events & (EPOLLIN | EPOLLERR |
			    EPOLLHUP | EPOLLRDHUP))
				conn_input(c, ev[i].events);
			else if (ev[i].events & EPOLLOUT)
				(void)conn_output(c);
		}
		free_dead(l);
	}
}

int
stream_loop_start(struct stream_loop **out, struct hub *hub,
    size_t max_streams, struct strbuf *err)
{
	struct stream_loop *l = xcalloc(1, sizeof(*l));
	struct epoll_event ev;

	l->hub = hub;
	l->max = max_streams;
	l->all.next = l->all.prev = &l->all;
	pthread_mutex_init(&l->mu, NULL);
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.ptr = NULL;
	if ((l->ep = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
	    (l->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0 ||
	    epoll_ctl(l->ep, EPOLL_CTL_ADD, l->efd, &ev) != 0 ||
	    pthread_create(&l->thread, NULL, loop_main, l) != 0) {
		strbuf_setf(err, "cannot start the stream loop: %m");
		if (l->ep >= 0)
			close(l->ep);
		free(l);
		return FG_EIO;
	}
	*out = l;
	return 0;
}

int
stream_loop_room(struct stream_loop *l)
{
	return !atomic_load(&l->stop) && atomic_load(&l->n) < l->max;
}

void
stream_loop_stop(struct stream_loop *l)
{
	if (l == NULL)
		return;
	pthread_mutex_lock(&l->mu);
	l->stopped = 1;
	pthread_mutex_unlock(&l->mu);
	atomic_store(&l->stop, 1);
	notify(l);
	pthread_join(l->thread, NULL);
	while (l->all.next != &l->all)
		conn_end(l->all.next);
	free_dead(l);
}

void
stream_loop_free(struct stream_loop *l)
{
	if (l == NULL)
		return;
	close(l->efd);
	close(l->ep);
	pthread_mutex_destroy(&l->mu);
	free(l);
}
