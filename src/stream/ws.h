/*
 * ws.h: WebSocket framing for the hub's WebSocket receivers (ws.c) and
 * the session that reads a client's frames (ws_conn.c).
 */
#ifndef FG_STREAM_WS_H
#define FG_STREAM_WS_H

#include "stream/hub.h"

struct strbuf;

/* The largest frame header: FIN/opcode, 127, 8 length bytes. */
#define WS_HEADER_MAX	10

/*
 * Append one unmasked text frame (FIN set) whose payload is what
 * payload(out, ev, arg) appends; on error nothing is appended.  0 or
 * an enum fg_err.
 */
int	ws_frame_text(struct strbuf *out,
	    int (*payload)(struct strbuf *, const struct hub_event *,
		const void *), const struct hub_event *ev, const void *arg);

#endif
