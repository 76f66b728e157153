/*
 * ntfy.c: ntfy's three HTTP stream forms as hub receivers (hub.h), one
 * event each, the bytes ntfy's server writes (server.go
 * handleSubscribeJSON/SSE/Raw):
 *
 *   /json  application/x-ndjson   {…}\n                every event
 *   /sse   text/event-stream      data: {…}\n\n         message
 *                                 event: open\ndata: {…}\n\n  the others
 *   /raw   text/plain             the message text, newlines as spaces,
 *                                 then \n; every other event an empty line
 *
 * The JSON is ntfy_event_json() (ntfy_msg.c); the subscriber's topic and
 * the click link's base come in as the receiver argument (struct
 * ntfy_sub).  Keepalives are their own ping class, sent every
 * ntfy.keepalive_s.  Pure formatting plus a clock read: runs under the
 * hub's locks on the publisher's thread.
 */
#include <string.h>

#include "core/message.h"
#include "stream/hub.h"
#include "stream/ntfy.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/strbuf.h"

static int
json_format(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	int rc = ntfy_event_json(out, ev, arg, clock_ms());

	return rc ? rc : strbuf_addch(out, '\n');
}

static const char *
event_name(enum hub_event_kind k)
{
	switch (k) {
	case HUB_EVENT_HELLO:
		return "open";
	case HUB_EVENT_PING:
		return "keepalive";
	case HUB_EVENT_DELETE:
		return "message_delete";
	default:
		return NULL;
	}
}

static int
sse_format(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	const char *name = event_name(ev->kind);
	int rc = 0;

	if (name)
		rc = strbuf_addf(out, "event: %s\n", name);
	rc = rc ? rc : strbuf_addstr(out, "data: ");
	rc = rc ? rc : ntfy_event_json(out, ev, arg, clock_ms());
	return rc ? rc : strbuf_addstr(out, "\n\n");
}

/* the text is one line already: render_preview() folds whitespace */
static int
raw_format(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	int rc = 0;

	(void)arg;
	if (ev->kind == HUB_EVENT_MESSAGE)
		rc = ntfy_message_text(out, ev->msg);
	return rc ? rc : strbuf_addch(out, '\n');
}

const struct hub_receiver hub_ntfy_json = {
	.name = "ntfy-json",
	.format = json_format,
	.ping_class = HUB_PING_NTFY,
};

const struct hub_receiver hub_ntfy_sse = {
	.name = "ntfy-sse",
	.format = sse_format,
	.ping_class = HUB_PING_NTFY,
};

const struct hub_receiver hub_ntfy_raw = {
	.name = "ntfy-raw",
	.format = raw_format,
	.ping_class = HUB_PING_NTFY,
};
