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
};

int	xloop_start(struct xloop **, const struct xloop_config *,
	    struct strbuf *err);
/*
 * Stop the loop: requests in flight or waiting are cut off and their
 * done() called with aborted = 1 (their deliveries stay pending in the
 * store and are sent after the restart).
 */
void	xloop_stop(struct xloop *);

/* A request for a driver's build() to fill, and its release. */
struct chan_req	*chan_req_new(void);
void		 chan_req_free(struct chan_req *);

/*
 * Hand req to the loop (any thread; may block for a name lookup when
 * channel.proxy is set).  0: taken; done(req, aborted, arg) runs on the
 * loop's thread once it has a reply (or none) and owns req from then.
 * -1: req's host already has 2 x per_host requests taken, or the loop
 * max_held: nothing was taken, the caller keeps req.
 */
int	xloop_submit(struct xloop *, struct chan_req *,
	    void (*done)(struct chan_req *, int aborted, void *), void *arg);

#endif
