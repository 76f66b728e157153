/*
 * sse.c: the Server-Sent Events receiver of the hub (hub.h), the wire
 * form of GET /inbox/stream (api/pages/stream.c):
 *
 *   retry: 3000             hello: the client's reconnect delay
 *   : connected
 *
 *   id: 42                  a new inbox item; the id comes back as
 *   event: message          Last-Event-ID on reconnect
 *   data: {...}             render_inbox_event()
 *
 *   event: delete           a recalled message left the inbox; no id:
 *   data: {"shortCode":"…"} render_delete_event()
 *
 *   event: update           an item's push to a device was answered;
 *   data: {"id":42,         no id: line (never replayed);
 *    "device":{…}}          render_update_event()
 *
 *   : ping                  heartbeat, keeps proxies from timing out
 *
 * every event ending in a blank line.  Pure formatting: runs under the
 * hub's locks on the publisher's thread.
 */
#include "core/message.h"
#include "render/render.h"
#include "stream/hub.h"
#include "util/errors.h"
#include "util/strbuf.h"

static int
sse_format(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	int rc;

	(void)arg;
	switch (ev->kind) {
	case HUB_EVENT_HELLO:
		return strbuf_addstr(out, "retry: 3000\n: connected\n\n");
	case HUB_EVENT_PING:
		return strbuf_addstr(out, ": ping\n\n");
	case HUB_EVENT_MESSAGE:
		rc = strbuf_addf(out, "id: %lld\nevent: message\ndata: ",
		    (long long)ev->id);
		rc = rc ? rc : render_inbox_event(out, ev->id, ev->msg);
		return rc ? rc : strbuf_addstr(out, "\n\n");
	case HUB_EVENT_DELETE:
		rc = strbuf_addstr(out, "event: delete\ndata: ");
		rc = rc ? rc : render_delete_event(out,
		    ev->msg->short_code);
		return rc ? rc : strbuf_addstr(out, "\n\n");
	case HUB_EVENT_UPDATE:
		rc = strbuf_addstr(out, "event: update\ndata: ");
		rc = rc ? rc : render_update_event(out,
		    HUB_UPDATE(ev)->inbox_id, HUB_UPDATE(ev)->device_id,
		    HUB_UPDATE(ev)->device_type, HUB_UPDATE(ev)->status,
		    HUB_UPDATE(ev)->error);
		return rc ? rc : strbuf_addstr(out, "\n\n");
	}
	return FG_EINVAL;
}

const struct hub_receiver hub_sse = {
	.name = "sse",
	.format = sse_format,
	.ping_class = HUB_PING_SSE,
	.updates = 1,
};
