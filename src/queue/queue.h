/*
 * queue.h: the delivery queue, the path of a message after the API
 * adapter is done with it.  It holds delivery only: the writer it
 * commits through is the store's (store/writer.h), callbacks are sent
 * by the outbound side (channel/callback.h) and live streams are fed
 * through the hub's structured events (stream/hub.h).
 *
 *   queue_submit()  message + one delivery row per recipient, committed
 *                   by the writer in a group commit; on_done() runs after
 *                   the commit (the HTTP layer replies then).
 *   workers         take due deliveries, run the channel driver, and hand
 *                   the outcome to the writer: final status, inbox item,
 *                   message settlement and the callback, in one
 *                   transaction.  TEMPFAIL retries with exponential
 *                   backoff up to retry_max attempts (core/retry.h).
 *   restart         queue_start() re-queues every delivery that was not
 *                   final when the server stopped (or crashed).
 *   retries asked   an operator's retry of failed deliveries (console,
 *                   CLI) is written to the store; a thread of the queue
 *                   claims it and pushes it (requeue.c).
 *
 * Delivery is at-least-once; each delivery has an id, so a receiver can
 * drop repeats.
 */
#ifndef FG_QUEUE_H
#define FG_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "store/writer.h"

struct hub;
struct queue;
struct channel_driver;

struct queue_config {
	int		 workers;
	int		 retry_max;
	int		 retry_base_ms;
	const char	*data_dir;
	int		 sync_full;
	struct writer	*writer;
	struct hub	*hub;
	/*
	 * Complete inbox deliveries inside the accepting transaction: an
	 * inbox delivery is a local write that cannot fail upstream, so it
	 * needs no worker round trip.  Off, they go through the workers like
	 * every other channel.
	 */
	int		 inline_inbox;
	/* Called (any thread) when a callback row was committed. */
	void		(*callback_kick)(void *);
	void		*callback_arg;
	/* Called (any thread) when pushes to devices were committed. */
	void		(*push_kick)(void *);
	void		*push_arg;
	/*
	 * The outbound loop (channel/xloop.h) of the drivers that have the
	 * loop form: requests to one host at a time, in all (0: no loop,
	 * every driver blocks its worker).
	 */
	int		 loop_per_host;
	int		 loop_max;
};

struct send_request {
	struct writer_op		 op;	/* first: the writer's */
	struct message		 msg;	/* strings owned by submitter */
	const int64_t			*users;
	size_t				 n_users;
	const struct channel_driver	*drv;
	/*
	 * Optional (NULL for pushplus): runs inside the transaction in place
	 * of spool_message_insert(): inserts msg (setting msg.id and
	 * msg.short_code) and one delivery per user, writing their ids to
	 * dids[i] (the WxPusher adapter adds its send records here).
	 */
	int				(*insert)(struct send_request *,
					    struct store *,
					    int64_t *dids);
	/*
	 * Optional: a per-minute limit (store/spool.h rate_take(), on
	 * either store; with several nodes on one database it holds for
	 * the cluster): with rate_limit > 0 the send is counted under
	 * rate_key in its own transaction, and over the limit it writes
	 * nothing and on_done gets FG_EBUSY.
	 */
	char				 rate_key[96];
	int				 rate_limit;
	/*
	 * After commit (rc 0: on disk, msg.id and short_code valid; FG_EBUSY:
	 * refused by rate_limit).
	 */
	void				(*on_done)(struct send_request *, int);
	void				*arg;
	/* private */
	struct queue			*q;
	int64_t				*dids;
	int64_t				 dids_small[4];
	int64_t				*inbox_ids;	/* inline inbox */
	int64_t				 inbox_small[4];
	int				 local;
	int				 cb_added;
	int				 push_added;
	int				 rate_refused;
};

int	queue_start(struct queue **, const struct queue_config *,
	    struct strbuf *err);
/* Stop workers; deliveries still queued stay pending in the store. */
void	queue_stop(struct queue *);

/*
 * Stamp msg.created_ms and hand the request to the writer; the store
 * assigns msg.id and msg.short_code.
 */
void	queue_submit(struct queue *, struct send_request *);

/*
 * Claim the retries an operator asked for now rather than at the next
 * poll (the console calls it after its commit).  Any thread; NULL is
 * ignored.
 */
void queue_requeue_kick(struct queue *);

/*
 * What /metrics and /healthz read: the deliveries waiting (due now or
 * scheduled for a retry), how long the oldest due one has waited for a
 * worker (0 when none is due), and the workers: configured, running,
 * and busy on one attempt for over stuck_ms (each worker stamps the
 * start of every attempt: its heartbeat).
 */
struct queue_stats {
	size_t	depth;
	int64_t	oldest_due_ms;
	int	workers;
	int	alive;
	int	busy;	/* on an attempt now: the deliveries in flight */
	int	stuck;
};
void	queue_stats(struct queue *, int64_t stuck_ms, struct queue_stats *);

#endif
