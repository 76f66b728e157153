/*
 * ws_conn.h: what a WebSocket client sends, read with wslay (ws_conn.c).
 * Used by the stream loop (loop.c) on its thread only.
 */
#ifndef FG_STREAM_WS_CONN_H
#define FG_STREAM_WS_CONN_H

struct hub_sub;
struct ws_conn;

/*
 * Read the client's frames from fd; the replies they call for (pong,
 * close) are queued on sub behind the events already there.  *ws is
 * created on the first call.  0 keep the stream, -1 end it now (the
 * client went away, or out of memory).
 */
int	ws_conn_input(struct ws_conn **ws, int fd, struct hub_sub *sub);
/* A close frame has been queued: end the stream once it is written. */
int	ws_conn_closing(const struct ws_conn *);
void	ws_conn_free(struct ws_conn *);

#endif
