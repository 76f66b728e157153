/*
 * event.c: render_inbox_event(), the JSON a live receiver gets for a
 * new inbox item.  The SSE receiver (stream/sse.c) sends it as the data
 * of an `event: message`; the same object would be a WebSocket frame or
 * a Web Push payload, so it lives here and not in a receiver:
 *
 *   {"id":42,"shortCode":"…","title":"…","preview":"…",
 *    "template":"html","createdAt":1700000000000}
 *
 * inbox.js reads it to prepend an item (render/inbox.c shows the shape),
 * so keys and order are fixed.  Who sent it is not here: publishers
 * hold the message row, not the names of its app, group or sender, so
 * inbox.js reads the item's "from" in /inbox/messages after each event.
 * render_delete_event() is the object of a recalled message,
 * {"shortCode":"…"}: inbox.js drops the item with
 * that code.  render_update_event() is the object of an update, what
 * one of the person's devices answered to the item's push:
 *
 *   {"id":42,"device":{"id":7,"type":"bark","status":"sent",
 *    "error":""}}
 *
 * id is the inbox item's (as in the message event), device.id the
 * device's in GET /api/devices; status is the push's (sent, pending
 * (to be tried again), failed, gone (the device was removed), waiting);
 * inbox.js shows it on the item.
 */
#include <string.h>

#include "core/message.h"
#include "render/render.h"

int
render_inbox_event(struct strbuf *e, int64_t inbox_id,
    const struct message *m)
{
	struct strbuf pv = STRBUF_INIT;
	int rc;

	render_preview(&pv, m->tpl, m->content, m->content_len,
	    RENDER_PREVIEW_CHARS);
	rc = strbuf_addf(e, "{\"id\":%lld,\"shortCode\":\"%s\",\"title\":",
	    (long long)inbox_id, m->short_code);
	rc = rc ? rc : strbuf_add_json_str(e, m->title, strlen(m->title));
	rc = rc ? rc : strbuf_addstr(e, ",\"preview\":");
	rc = rc ? rc : strbuf_add_json_str(e, pv.buf, pv.len);
	rc = rc ? rc : strbuf_addf(e, ",\"template\":\"%s\","
	    "\"createdAt\":%lld}", render_template_name(m->tpl),
	    (long long)m->created_ms);
	strbuf_release(&pv);
	return rc;
}

int
render_delete_event(struct strbuf *e, const char *short_code)
{
	int rc;

	rc = strbuf_addstr(e, "{\"shortCode\":");
	rc = rc ? rc : strbuf_add_json_str(e, short_code, strlen(short_code));
	return rc ? rc : strbuf_addch(e, '}');
}

int
render_update_event(struct strbuf *e, int64_t inbox_id, int64_t device_id,
    const char *type, const char *status, const char *error)
{
	int rc;

	rc = strbuf_addf(e, "{\"id\":%lld,\"device\":{\"id\":%lld,"
	    "\"type\":", (long long)inbox_id, (long long)device_id);
	rc = rc ? rc : strbuf_add_json_str(e, type, strlen(type));
	rc = rc ? rc : strbuf_addstr(e, ",\"status\":");
	rc = rc ? rc : strbuf_add_json_str(e, status, strlen(status));
	rc = rc ? rc : strbuf_addstr(e, ",\"error\":");
	rc = rc ? rc : strbuf_add_json_str(e, error, strlen(error));
	return rc ? rc : strbuf_addstr(e, "}}");
}
