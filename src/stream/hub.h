/*
 * hub.h: live fan-out of inbox events to a user's open streams (SSE).
 *
 * Each subscriber has a capped byte backlog of ready-to-send event text.
 * Publishers (the writer thread, after a commit) append; the HTTP layer
 * reads from its content callback.  When a reader finds nothing it
 * "parks" (the HTTP layer suspends the connection) and the next publish
 * "wakes" it; both happen under the subscriber's lock so a wake-up can
 * never be lost between the check and the park.
 *
 * Replay without gaps: hub_subscribe() runs the caller's replay function
 * under the hub lock after registering the subscriber and records the
 * last replayed id; publishes of ids at or below it are skipped.  Since
 * the writer publishes only after commit and in id order, every event is
 * seen exactly once, whether it was committed before or after the
 * subscription.
 *
 * A subscriber that falls LIM_SSE_BACKLOG_BYTES behind is closed: its
 * client reconnects with Last-Event-ID and replays from the store (the
 * redis client-output-buffer-limit idea).
 */
#ifndef FG_HUB_H
#define FG_HUB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct hub;
struct hub_sub;

struct hub	*hub_new(void);
void		 hub_free(struct hub *);

typedef void (*hub_wake_fn)(void *arg);

/*
 * Register a subscriber for user.  replay(arg, sub) runs under the hub
 * lock and may call hub_sub_push() to queue past events.  park(arg) is
 * called when a read finds nothing, wake(arg) when data arrives after a
 * park; both with the subscriber lock held.
 */
struct hub_sub	*hub_subscribe(struct hub *, int64_t user,
		    int (*replay)(void *, struct hub_sub *), void *replay_arg,
		    hub_wake_fn park, hub_wake_fn wake, void *conn);
void		 hub_unsubscribe(struct hub *, struct hub_sub *);

/* Queue one event (id 0 = a comment/heartbeat, never skipped). */
void		 hub_sub_push(struct hub_sub *, int64_t id, const char *,
		    size_t);

/* Fan out an event to every subscriber of user. */
void		 hub_publish(struct hub *, int64_t user, int64_t id,
		    const char *text, size_t len);
/* Queue a heartbeat comment on every subscriber. */
void		 hub_ping(struct hub *);
/* Close every stream (shutdown). */
void		 hub_close_all(struct hub *);

/*
 * Copy up to max bytes of queued text: >0 bytes copied, 0 = nothing now
 * (the subscriber parked), -1 = closed.
 */
ssize_t		 hub_sub_read(struct hub_sub *, char *, size_t max);

size_t		 hub_count(struct hub *);

#endif
