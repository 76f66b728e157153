/*
 * loop.h: the stream loop, one thread with an epoll set that carries
 * every long-lived stream (inbox SSE and WebSocket, ntfy's JSON, SSE,
 * raw and WebSocket) once its socket has been taken from the HTTP
 * server (http_take(), http/take.c).
 *
 * A stream is a struct stream_conn: its socket, its hub subscriber and,
 * for a WebSocket, its session (ws_conn.c).  The bytes to send are the
 * subscriber's hub backlog, written with hub_sub_flush() straight to
 * the socket, so a stream owns no buffer of its own while idle.
 *
 * Life: stream_conn_new() (the handler's thread), hub_subscribe() with
 * stream_conn_park/stream_conn_wake and the conn as its argument, then
 * stream_conn_attach() with the taken socket; from then on the loop
 * owns it and ends it (hub_unsubscribe, close, the hold released, the
 * owner's release callback) when the client goes, the subscriber is
 * closed (too far behind, shutdown) or a WebSocket closes.  If the take
 * fails, the handler unsubscribes and calls stream_conn_abort().
 */
#ifndef FG_STREAM_LOOP_H
#define FG_STREAM_LOOP_H

#include <stddef.h>

struct hub;
struct hub_sub;
struct http_hold;
struct strbuf;
struct stream_loop;
struct stream_conn;

enum stream_kind {
	STREAM_HTTP,		/* a response body until close: SSE, ntfy */
	STREAM_WS,		/* a WebSocket (RFC 6455) */
};

int	stream_loop_start(struct stream_loop **, struct hub *,
	    size_t max_streams, struct strbuf *err);
/*
 * Close every stream and stop the thread; a stream attached later (a
 * handler racing the shutdown) is ended at once.  Before http_stop():
 * the streams' holds belong to the HTTP server.
 */
void	stream_loop_stop(struct stream_loop *);
/* After http_stop(): no handler can reach the loop any more. */
void	stream_loop_free(struct stream_loop *);
/* Is there room for one more stream?  1 yes, 0 no (answer 503). */
int	stream_loop_room(struct stream_loop *);

struct stream_conn *stream_conn_new(struct stream_loop *,
	    enum stream_kind);
/* The hub's park and wake for this stream (arg: the stream_conn). */
void	stream_conn_park(void *);
void	stream_conn_wake(void *);
/*
 * Hand over the taken socket; sub is the stream's subscriber;
 * release(arg) runs when the stream ends (the owner's state, e.g. the
 * receiver argument the subscriber borrows).
 */
void	stream_conn_attach(struct stream_conn *, struct hub_sub *, int fd,
	    struct http_hold *, void (*release)(void *), void *arg);
/* Before attach: free it (its subscriber is gone already). */
void	stream_conn_abort(struct stream_conn *);

#endif
