/*
 * ws.c: the hub's WebSocket receivers (hub.h): every event is one
 * unmasked text frame (RFC 6455 5.2), so a client reads one JSON object
 * per message, as ntfy's WebSocket clients expect.
 *
 *   GET /inbox/ws (hub_ws)             the inbox stream's JSON with the
 *                                      event name that SSE puts in its
 *                                      `event:` line:
 *     {"event":"open"}                               hello
 *     {"event":"message","id":42,"data":{…}}         render_inbox_event()
 *     {"event":"delete","data":{"shortCode":"…"}}    render_delete_event()
 *     {"event":"update","data":{"id":42,"device":{…}}}
 *                                      render_update_event()
 *     {"event":"keepalive"}                          every 15 s
 *
 *   GET /<topic>/ws (hub_ntfy_ws)      ntfy_event_json(), as ntfy's
 *                                      server writes it to a WebSocket
 *                                      (open, keepalive every
 *                                      ntfy.keepalive_s, message,
 *                                      message_delete)
 *
 * A keepalive is a text frame, not a WebSocket ping: ntfy's clients
 * look for the keepalive event, and a browser's WebSocket API never
 * shows pings to the page.  Pure formatting under the hub's locks, like
 * sse.c; the frame header is written once the payload's length is
 * known.
 */
#include <string.h>

#include "core/message.h"
#include "render/render.h"
#include "stream/hub.h"
#include "stream/ntfy.h"
#include "stream/ws.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/strbuf.h"

/* The header of a final text frame of n payload bytes; its length. */
static size_t
frame_header(unsigned char h[WS_HEADER_MAX], uint64_t n)
{
	int i;

	h[0] = 0x81;
	if (n < 126) {
		h[1] = (unsigned char)n;
		return 2;
	}
	if (n <= 0xffff) {
		h[1] = 126;
		h[2] = (unsigned char)(n >> 8);
		h[3] = (unsigned char)n;
		return 4;
	}
	h[1] = 127;
	for (i = 0; i < 8; i++)
		h[2 + i] = (unsigned char)(n >> (56 - 8 * i));
	return 10;
}

int
ws_frame_text(struct strbuf *out,
    int (*payload)(struct strbuf *, const struct hub_event *, const void *),
    const struct hub_event *ev, const void *arg)
{
	static const char room[WS_HEADER_MAX];
	unsigned char h[WS_HEADER_MAX];
	size_t start = out->len, n, hl;
	int rc;

	if ((rc = strbuf_add(out, room, sizeof(room))) != 0 ||
	    (rc = payload(out, ev, arg)) != 0) {
		strbuf_setlen(out, start);
		return rc;
	}
	n = out->len - start - WS_HEADER_MAX;
	hl = frame_header(h, n);
	memmove(out->buf + start + hl, out->buf + start + WS_HEADER_MAX, n);
	memcpy(out->buf + start, h, hl);
	strbuf_setlen(out, start + hl + n);
	return 0;
}

static int
inbox_json(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	int rc;

	(void)arg;
	switch (ev->kind) {
	case HUB_EVENT_HELLO:
		return strbuf_addstr(out, "{\"event\":\"open\"}");
	case HUB_EVENT_PING:
		return strbuf_addstr(out, "{\"event\":\"keepalive\"}");
	case HUB_EVENT_MESSAGE:
		rc = strbuf_addf(out, "{\"event\":\"message\",\"id\":%lld,"
		    "\"data\":", (long long)ev->id);
		rc = rc ? rc : render_inbox_event(out, ev->id, ev->msg);
		return rc ? rc : strbuf_addch(out, '}');
	case HUB_EVENT_DELETE:
		rc = strbuf_addstr(out, "{\"event\":\"delete\",\"data\":");
		rc = rc ? rc : render_delete_event(out,
		    ev->msg->short_code);
		return rc ? rc : strbuf_addch(out, '}');
	case HUB_EVENT_UPDATE:
		rc = strbuf_addstr(out, "{\"event\":\"update\",\"data\":");
		rc = rc ? rc : render_update_event(out,
		    HUB_UPDATE(ev)->inbox_id, HUB_UPDATE(ev)->device_id,
		    HUB_UPDATE(ev)->device_type, HUB_UPDATE(ev)->status,
		    HUB_UPDATE(ev)->error);
		return rc ? rc : strbuf_addch(out, '}');
	}
	return FG_EINVAL;
}

static int
inbox_format(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	return ws_frame_text(out, inbox_json, ev, arg);
}

static int
ntfy_json(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	return ntfy_event_json(out, ev, arg, clock_ms());
}

static int
ntfy_format(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	return ws_frame_text(out, ntfy_json, ev, arg);
}

const struct hub_receiver hub_ws = {
	.name = "ws",
	.format = inbox_format,
	.ping_class = HUB_PING_SSE,
	.updates = 1,
};

const struct hub_receiver hub_ntfy_ws = {
	.name = "ntfy-ws",
	.format = ntfy_format,
	.ping_class = HUB_PING_NTFY,
};
