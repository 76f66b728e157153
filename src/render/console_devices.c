/*
 * console_devices.c: the console's devices (issue 12): the person's
 * push devices (type, added, last seen, an e-mail device still waiting
 * for its confirmation) with delete, and the way to /me, where a phone
 * is added and WeChat and ClawBot are bound.
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
row(struct strbuf *out, const void *arg, size_t i)
{
	const struct console_devices_view *v = arg;
	const struct console_device *d = &v->devices[i];
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)d->id);
	if ((rc = strbuf_addstr(out, "<tr><td>")) != 0 ||
	    (rc = render_esc_str(out, d->type)) != 0 ||
	    (d->pending &&
		((rc = strbuf_addstr(out, " ")) != 0 ||
		    (rc = console_text(out, v->lang, "dev.pending")) != 0)) ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_time(out, d->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (d->last_seen_ms > 0 &&
		(rc = render_time(out, d->last_seen_ms)) != 0) ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/devices/delete",
		 v->csrf, "app.delete", "id", id, "dev.delete.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
console_devices_page(struct strbuf *out, const struct console_devices_view *v)
{
	static const char *const cols[] = { "dev.type", "dev.added",
		"dev.seen", "token.actions" };
	const struct console_table t = { cols, NELEM(cols), v->n, row, v };
	int rc;

	if ((rc = console_hint(out, v->lang, "dev.hint")) != 0 ||
	    (rc = strbuf_addstr(out, "<p><a href=\"/me\">")) != 0 ||
	    (rc = console_text(out, v->lang, "dev.me")) != 0 ||
	    (rc = strbuf_addstr(out, "</a></p>")) != 0)
		return rc;
	return console_table(out, v->lang, &t);
}
