/*
 * live.h: starting a live stream (inbox SSE and WebSocket, ntfy's
 * JSON, SSE, raw and WebSocket) on the stream loop, shared by
 * api/pages/stream.c and api/ntfy/ntfy_sub.c (live.c).
 */
#ifndef FG_API_LIVE_H
#define FG_API_LIVE_H

#include <stdint.h>

#include "http/http.h"

struct hub_receiver;
struct hub_sub;

struct api_live {
	const struct hub_receiver *rcv;
	const void	*rcv_arg;	/* borrowed until release */
	/* runs under the hub lock once subscribed: hello and replay */
	int		(*replay)(void *, struct hub_sub *);
	void		*arg;		/* replay's and release's */
	/* frees the owner's state: when the stream ends, or at once when
	 * api_live_start() does not start it */
	void		(*release)(void *);
	int		 ws;		/* a WebSocket, else an HTTP body */
	const char	*ctype;		/* HTTP: the Content-Type */
	const char	*headers;	/* HTTP: more "Name: value\r\n" lines */
};

enum api_live_rc {
	API_LIVE_OK = 0,	/* streaming (or a HEAD answered) */
	API_LIVE_NOT_WS = -1,	/* no WebSocket handshake: answer 400 */
	API_LIVE_FULL = -2,	/* the loop is full: answer 503 */
	API_LIVE_GONE = -3,	/* the take failed; the connection closes */
};

/* Subscribe user's events and hand the connection to the loop. */
int	api_live_start(struct http_req *, int64_t user,
	    const struct api_live *);

#endif
