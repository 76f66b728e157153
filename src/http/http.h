/*
 * http.h: the HTTP layer on libmicrohttpd, as seen by handlers.
 *
 * One struct http_req per request, created when the request line arrives
 * and freed when MHD reports the request complete.  It holds the raw
 * request target (feige parses the query itself: compat.md's rules on
 * '+', empty values and malformed escapes differ from MHD's), the body
 * (reassembled from Content-Length or chunked framing, capped at
 * LIM_HTTP_BODY) and the reply.
 *
 * A handler either replies at once (http_reply_*) or parks the request:
 * http_req_park() suspends the connection, and any thread may later set
 * the reply and call http_req_unpark(); MHD then sends it from its own
 * thread.  Park before handing the request to another thread.
 *
 * Threads: handlers run on the MHD event thread(s); replies and
 * http_req_unpark() may come from any thread, once per park.
 */
#ifndef FG_HTTP_H
#define FG_HTTP_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

struct MHD_Connection;
struct MHD_Response;
struct hub_sub;

/* What is wrong with a request's head; the router answers it. */
enum http_head_size { HTTP_HEAD_LINE = 1, HTTP_HEAD_FIELDS, HTTP_HEAD_FRAMING };

struct http_req {
	void			*ctx;		/* the handlers' (http_config) */
	struct MHD_Connection	*conn;
	char			*uri;		/* raw target, owned */
	char			*path;		/* decoded path, owned */
	const char		*query;		/* raw, after '?', or "" */
	size_t			 query_len;
	const char		*method;	/* borrowed from MHD */
	struct strbuf		 body;
	int			 body_too_big;
	/*
	 * The request line or the headers are over http.header_kb
	 * (head_kb), or the body's length is ambiguous (more than one
	 * Content-Length, RFC 9112 6.3): the router refuses the request in
	 * the envelope of the API its path belongs to, no handler runs.
	 */
	int			 head_too_big;	/* HTTP_HEAD_* or 0 */
	int			 head_kb;
	const char		*trusted_proxies;	/* http_config's */
	int			 refused;	/* began after shutdown */
	int			 state;
	/*
	 * Set by http_req_park() on the server thread.  Once parked, the
	 * reply belongs to whoever completes the request (the writer
	 * thread): the server thread must not look at it until MHD calls
	 * back after http_req_unpark().
	 */
	int			 parked;
	/* its socket was taken for a stream (http_take()) */
	int			 taken;
	struct MHD_Response	*reply;
	unsigned int		 reply_status;
	/*
	 * Headers added before the reply exists (a cookie decided while
	 * reading the request): "name\0value\0" pairs, put on every reply
	 * this request makes.  STRBUF_INIT-able: all zero is empty.
	 */
	struct strbuf		 early;
	/* handler-owned state, freed with the request */
	void			*hstate;
	void			(*hstate_free)(void *);
	/*
	 * For the access log and /metrics (access.c): the router names the
	 * API family and the route row (static strings; NULL: "other"), the
	 * API envelope its code; the reply's body size is noted by
	 * http_reply (-1 for a stream).
	 */
	const char		*api_family;
	const char		*route;
	int			 route_rest;	/* the row takes a rest */
	int			 route_mask;	/* log the rest as "*" */
	int			 api_code;
	int			 has_code;
	long long		 reply_bytes;
	int64_t			 start_us;	/* monotonic */
};

/* The API envelope's code, for the access log and /metrics. */
static inline void
http_note_code(struct http_req *r, int code)
{
	r->api_code = code;
	r->has_code = 1;
}

/* A request header value (case-insensitive name) or NULL. */
const char	*http_header(struct http_req *, const char *name);

/*
 * The client's IP address as text into buf (>= 46 bytes); "" if
 * unknown.  The TCP peer, unless the peer is one of http.trusted_proxies:
 * then the address its X-Forwarded-For (or X-Real-IP) names
 * (client_ip.c).  IPv4-mapped IPv6 is written as IPv4.
 */
const char	*http_client_ip(struct http_req *, char *buf, size_t size);

/*
 * Prepare the reply (may be called from any thread); a NULL
 * content_type sends none (a 204).
 */
void	http_reply(struct http_req *, unsigned int status,
	    const char *content_type, const char *body, size_t len);
void	http_reply_json(struct http_req *, unsigned int status,
	    const struct strbuf *body);
/*
 * Add a header to the prepared reply; before any reply is prepared, to
 * the one that will be (struct http_req early).
 */
void	http_reply_header(struct http_req *, const char *name,
	    const char *value);

void	http_req_park(struct http_req *);
void	http_req_unpark(struct http_req *);

/*
 * Take the connection's socket out of the HTTP server for a long-lived
 * stream (take.c): head, a complete response head ("HTTP/1.1 200 OK\r\n
 * ...\r\n\r\n" or a WebSocket's 101), is written first; the server
 * then forgets the connection (its memory pool is freed) and the socket
 * belongs to the caller, who closes it and releases the hold, which
 * keeps the connection counted by the per-address and total caps.
 * 0 and *fd, *hold; or -1: the connection is closed (or, if it could
 * not even be suspended, answered with a 500).
 */
struct http_hold;
int	http_take(struct http_req *, const char *head, size_t len, int *fd,
	    struct http_hold **hold);
void	http_hold_release(struct http_hold *);

/*
 * A WebSocket handshake (RFC 6455 4.2.1): GET with Upgrade: websocket,
 * Connection: upgrade, Sec-WebSocket-Version: 13 and a 16-byte
 * Sec-WebSocket-Key.  0 and the 101 head for it in *head; -1 when the
 * request is none (the caller answers 400).
 */
int	http_ws_handshake(struct http_req *, struct strbuf *head);

/*
 * What the server needs from the layer above: where to listen, its
 * limits, and one dispatch function (the route table lives above this
 * layer, next to main, so nothing here names a handler).  ctx is handed
 * to every request as r->ctx.  inflight counts requests parked on a
 * commit by the layer above; http_stop() waits for it to reach 0.
 * body_max (may be NULL) says how large a body the path may send, so a
 * route that takes uploads may exceed LIM_HTTP_BODY (its default).
 */
struct http_config {
	const char	*listen;		/* "host:port" */
	int		 threads;
	int		 header_kb;
	int		 conn_limit;
	int		 timeout_s;
	int		 per_ip;		/* connections per address */
	int		 head_timeout_s;	/* to complete each head */
	/* peers whose X-Forwarded-For / X-Real-IP is believed, "" none */
	const char	*trusted_proxies;
	void		(*route)(struct http_req *);
	size_t		(*body_max)(const char *path);
	void		*ctx;
	atomic_int	*inflight;
	int		 access_log;	/* one info line per request */
};

struct http_server;
int	http_start(struct http_server **, const struct http_config *,
	    struct strbuf *err);
/* The port actually bound (for listen ports of 0). */
int	http_port(struct http_server *);
/* Stop accepting; finish in-flight requests (up to wait_ms); close. */
void	http_stop(struct http_server *, int wait_ms);

#endif
