/*
 * xloop.h: the outbound event loop of the channel deliveries: one
 * thread, one libcurl multi handle, every upstream HTTP request of the
 * drivers that have the loop form (channel.h build/judge) in flight at
 * once, with a per-host and a total limit.
 *
 * A delivery worker builds the request (the driver's build()), hands it
 * over with xloop_submit() and goes on with the next job; the loop runs
 * it and calls done() on its own thread with the reply, where the
 * worker's side judges it (the driver's judge()) and records the
 * outcome.  So the workers do only CPU and store reads, and a host that
 * never answers holds its own requests for the timeout and no worker.
 */
#ifndef FG_CHANNEL_XLOOP_H
#define FG_CHANNEL_XLOOP_H

struct chan_req;
struct xloop;
struct strbuf;

struct xloop_config {
	int	per_host;	/* requests to one host at a time */
	int	max_flight;	/* requests at a time */
	int	max_held;	/* taken, in flight or waiting */
	/*
	 * Optional, on the loop's thread after each turn's done() calls:
	 * what they gathered goes on together (deliver.c hands a turn's
	 * outcomes to the writer in one list, one wakeup).
	 */
	void	(*turn_end)(void *);
	void	*turn_arg;
};

int	xloop_start(struct xloop **, const struct xloop_config *,
	    struct strbuf *err);
/*
 * Stop the loop: requests in flight or waiting are cut off and their
 * done() called with aborted = 1 (their deliveries stay pending in the
 * store and are sent after the restart).
 */
void	xloop_stop(struct xloop *);

/*
 * A request for a driver's build() to fill, and its release (to a
 * small pool the next chan_req_new() takes from; drained by
 * chan_req_pool_drain(), which xloop_stop() calls).
 */
struct chan_req	*chan_req_new(void);
void		 chan_req_free(struct chan_req *);
void		 chan_req_pool_drain(void);

/*
 * Hand req to the loop (any thread; may block for a name lookup when
 * channel.proxy is set).  0: taken; done(req, aborted, arg) runs on the
 * loop's thread once it has a reply (or none) and owns req from then.
 * -1: req's host already has max_held / 2 requests taken (or the loop
 * is stopping): nothing was taken, the caller keeps req; its host is
 * then in req->host (chan_req_host).  When the loop has max_held
 * requests, the caller waits until one is over.
 */
int	xloop_submit(struct xloop *, struct chan_req *,
	    void (*done)(struct chan_req *, int aborted, void *), void *arg);

/*
 * 1 when host (as xloop_submit() keys it) has all it may have taken: a
 * worker that remembers a delivery's host asks before reading anything.
 */
int	xloop_host_full(struct xloop *, const char *host);
/* The host key of a request xloop_submit() refused. */
const char	*chan_req_host(const struct chan_req *);
/*
 * In done(): how many requests its host still holds (waiting or in
 * flight) now that this one is over.
 */
int		 chan_req_host_left(const struct chan_req *);
/*
 * Name the delivery in the request (X-Feige-Delivery: id), so a repeat
 * after a node's claim was taken over is visible upstream; 0 or FG_ENOMEM.
 */
int		 chan_req_delivery(struct chan_req *, int64_t id);

#endif
