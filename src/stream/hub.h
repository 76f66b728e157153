/*
 * hub.h: live fan-out of inbox events to a user's open streams.
 *
 * The hub carries structured events (struct hub_event), not wire text.
 * Each subscriber is read through a receiver (struct hub_receiver: SSE
 * in stream/sse.c, ntfy's JSON, SSE and raw streams in stream/ntfy.c,
 * the inbox's and ntfy's WebSocket in stream/ws.c), which turns an
 * event into its wire bytes; a Web Push receiver would be one more such
 * file.  The bytes go
 * into the subscriber's capped backlog when the event is pushed, so an
 * event only has to live for the push call: publishers pass pointers to
 * their own data (a message on their stack or in their op).
 *
 * A DELETE (a recalled message, ops/recall.h) has id 0: it is never
 * skipped and never replayed; a client that reconnects reads the inbox
 * again and no longer finds the message there.  An UPDATE (an inbox
 * item's delivery to one of the person's devices changed: the push
 * sender recorded what the device's service answered) is the same: id
 * 0, live only, and the inbox API has the state for a client that
 * reconnects.  Its details ride in struct hub_update, whose first
 * member is the event; only receivers that ask for updates get it
 * (the inbox's SSE and WebSocket: ntfy's protocol has no such event).
 *
 * Publishers (the writer thread, after a commit) push; the stream loop
 * writes the backlog to the socket.  When it finds nothing it "parks"
 * (the loop stops writing) and the next push "wakes" it; both happen
 * under the subscriber's lock so a wake-up can never be lost between
 * the check and the park.
 *
 * Replay without gaps: hub_subscribe() runs the caller's replay function
 * under the hub lock after registering the subscriber and records the
 * last replayed id; publishes of ids at or below it are skipped.  Since
 * the writer publishes only after commit and in id order, every event is
 * seen exactly once, whether it was committed before or after the
 * subscription.
 *
 * A subscriber that falls the hub's cap behind (hub_new(), the config's
 * stream.buffer_kb) is closed and its backlog dropped: its client
 * reconnects with Last-Event-ID (ntfy since=, WebSocket ?since=) and
 * replays from the store (the redis client-output-buffer-limit idea).
 *
 * The stream loop (stream/loop.c) writes straight from the backlog to
 * its socket with hub_sub_flush(), and a WebSocket's own control frames
 * (pong, close) join the same byte sequence with hub_sub_append(), so
 * they never land inside another frame.
 *
 * Cost: hub_publish() finds the user's subscribers in a hash bucket and
 * formats only for them, so a fan-out to 40 000 inboxes with a handful
 * of streams open formats a handful of events.  Publishers still check
 * hub_count() first and skip building events when nobody listens.
 */
#ifndef FG_HUB_H
#define FG_HUB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct hub;
struct hub_sub;
struct message;
struct strbuf;

enum hub_event_kind {
	HUB_EVENT_HELLO,	/* first event of every subscription */
	HUB_EVENT_PING,		/* heartbeat, every 15 s */
	HUB_EVENT_MESSAGE,	/* a new item in the user's inbox */
	HUB_EVENT_DELETE,	/* a message left the user's inbox */
	HUB_EVENT_UPDATE,	/* an item's delivery to a device changed */
};

struct hub_event {
	enum hub_event_kind	 kind;
	/*
	 * MESSAGE: the inbox item id.  Ids order the stream: a subscriber
	 * skips ids at or below the last one it got.  0 for the others,
	 * which are never skipped.
	 */
	int64_t			 id;
	int64_t			 user;		/* the inbox owner */
	/* MESSAGE: the item; DELETE: only msg->short_code is read. */
	const struct message	*msg;		/* borrowed */
};

/*
 * UPDATE: ev.kind HUB_EVENT_UPDATE, ev.id 0, ev.user the person; a
 * receiver reads the rest with HUB_UPDATE(ev).  Strings are borrowed.
 */
struct hub_update {
	struct hub_event	 ev;		/* first */
	int64_t			 inbox_id;
	int64_t			 device_id;
	const char		*device_type;	/* "webpush", "bark", ... */
	/* the push's state: sent, pending, failed, gone, waiting */
	const char		*status;
	const char		*error;		/* "" when none */
};
#define HUB_UPDATE(e)	((const struct hub_update *)(const void *)(e))

/*
 * A receiver: the wire form of events for one kind of stream.  format()
 * appends ev to out (the subscriber's backlog, capped) and returns 0 or
 * an enum fg_err; it runs under the hub's locks on the publisher's
 * thread, so it must be pure and quick.
 */
struct hub_receiver {
	const char	*name;
	int		(*format)(struct strbuf *out,
			    const struct hub_event *ev, const void *arg);
	int		 ping_class;	/* enum hub_ping_class */
	int		 updates;	/* 1: takes HUB_EVENT_UPDATE */
};

/*
 * Heartbeats come in classes, each on its own clock (app.c): the inbox
 * SSE stream wants a comment every 15 s, ntfy clients a keepalive every
 * ntfy.keepalive_s (45 s by default, as ntfy's server), so a phone's
 * radio does not wake three times as often as it needs to.
 */
enum hub_ping_class {
	HUB_PING_SSE,
	HUB_PING_NTFY,
};

/* Server-Sent Events (sse.c). */
extern const struct hub_receiver hub_sse;
/* The inbox as WebSocket text frames (ws.c). */
extern const struct hub_receiver hub_ws;

/* backlog_max: bytes a subscriber may lag behind (0: the default). */
struct hub	*hub_new(size_t backlog_max);
void		 hub_free(struct hub *);

typedef void (*hub_wake_fn)(void *arg);

/*
 * Register a subscriber for user, read through rcv; rcv_arg (borrowed,
 * must outlive the subscription) is handed to every rcv->format() call
 * for this subscriber (ntfy: its topic name).  replay(arg, sub)
 * runs under the hub lock and may call hub_sub_push() to queue past
 * events; it returns 0, -1 on error, or 1 when it queued a full page
 * (LIM_SSE_REPLAY items, or a backlog full: hub_sub_replay() answered
 * 1) and more may follow: in both cases the
 * stream ends once the queued events are written, and the client
 * resumes after the last one it got (older items are never skipped in
 * favour of live ones).  park(arg) is called when a read finds nothing, wake(arg) when
 * data arrives after a park; both with the subscriber lock held.
 */
struct hub_sub	*hub_subscribe(struct hub *, int64_t user,
		    const struct hub_receiver *rcv, const void *rcv_arg,
		    int (*replay)(void *, struct hub_sub *), void *replay_arg,
		    hub_wake_fn park, hub_wake_fn wake, void *conn);
void		 hub_unsubscribe(struct hub *, struct hub_sub *);

/* Queue one event on one subscriber (hello). */
void		 hub_sub_push(struct hub_sub *, const struct hub_event *);
/*
 * Queue one replayed event: 0, or 1 when the backlog is full (it is
 * left out and the subscriber stays open): the replay stops there and
 * returns 1, a page (see hub_subscribe()).
 */
int		 hub_sub_replay(struct hub_sub *, const struct hub_event *);

/* Fan out an event to every subscriber of ev->user. */
void		 hub_publish(struct hub *, const struct hub_event *);
/*
 * Several nodes on one database (store/cluster.h): once
 * hub_listened_only() is called, MESSAGE events reach subscribers only
 * through hub_publish_listened(), the live listener's, which sees every
 * node's new inbox items, this node's own included, in commit order;
 * hub_publish() drops them.  A writer's own publish could overtake an
 * older item of another node still on its way to the listener, and the
 * subscriber would skip that one (ids at or below its last are
 * skipped).  Other kinds go through either.
 */
void		 hub_listened_only(struct hub *);
void		 hub_publish_listened(struct hub *, const struct hub_event *);
/* Queue a heartbeat (HUB_EVENT_PING) on every subscriber of a class. */
void		 hub_ping(struct hub *, enum hub_ping_class);
/* Close every stream (shutdown). */
void		 hub_close_all(struct hub *);

enum hub_flush {
	HUB_FLUSH_CLOSED = -1,	/* closed (or write failed): drop it */
	HUB_FLUSH_IDLE = 0,	/* all written; parked until a push */
	HUB_FLUSH_BLOCKED = 1,	/* write() took no more: wait until it can */
};

/*
 * Hand the queued bytes to write(arg, p, n), which returns the bytes it
 * took (> 0), 0 when it can take none now, or -1 on error; what it took
 * is consumed.  Runs under the subscriber lock.  A closed subscriber
 * answers HUB_FLUSH_CLOSED once what is queued is written (a cut-off
 * one has nothing queued: its backlog was dropped).
 */
int		 hub_sub_flush(struct hub_sub *, ssize_t (*write)(void *,
		    const char *, size_t), void *arg);
/*
 * Let publishers write a parked subscriber's new events themselves with
 * write (as in hub_sub_flush(), non-blocking; called under the
 * subscriber lock on the publisher's thread) instead of waking the
 * reader: an event reaches an idle socket without a thread hop.  Bytes
 * write does not take wake the reader as usual.  Set it once the
 * socket is the stream's (stream/loop.c, at attach).  The publisher
 * pays the send() (microseconds per stream); heartbeats, which reach
 * every stream at once under the hub lock, are always left to the
 * reader.
 */
void		 hub_sub_direct(struct hub_sub *, ssize_t (*write)(void *,
		    const char *, size_t), void *arg);
/*
 * Append raw wire bytes (a WebSocket control frame) behind what is
 * queued; wakes a parked reader.  0, or -1 when closed or over the cap
 * (which closes it).
 */
int		 hub_sub_append(struct hub_sub *, const char *, size_t);

size_t		 hub_count(struct hub *);
/* Whether user has a subscriber here (the live events of other nodes). */
int hub_watching(struct hub *, int64_t user);

#endif
