/*
 * console_devices.c: the console's devices (issue 12): the person's
 * push devices (type, added, last seen, an e-mail device still waiting
 * for its confirmation) with delete, and the way to /me, where a phone
 * is added and WeChat and ClawBot are bound.  Each device has its last
 * push (status, when, the service's error) and a "send a test push"
 * button; while a test has no answer the page carries a data-refresh
 * notice, and console.js reloads it.
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

/* The last push: its status (a catalog word), when, and the error. */
static int
last_push(struct strbuf *out, const struct console_devices_view *v,
    const struct console_device *d)
{
	char key[32];
	int rc;

	if (d->last_status == NULL)
		return console_text(out, v->lang, "dev.last.none");
	snprintf(key, sizeof(key), "dev.st.%s", d->last_status);
	if ((rc = strbuf_addstr(out, "<span class=\"con-push\">")) != 0 ||
	    (rc = console_has(key) ?
		    console_text(out, v->lang, key) :
		    render_esc_str(out, d->last_status)) != 0 ||
	    (rc = strbuf_addstr(out, "</span> ")) != 0 ||
	    (rc = render_time(out, d->last_ms)) != 0)
		return rc;
	if (d->last_error && *d->last_error &&
	    ((rc = strbuf_addstr(out, "<br><small>")) != 0 ||
		(rc = render_esc_str(out, d->last_error)) != 0 ||
		(rc = strbuf_addstr(out, "</small>")) != 0))
		return rc;
	return 0;
}

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
	    (rc = strbuf_addf(out, "</td><td id=\"dev-last-%s\">", id)) != 0 ||
	    (rc = last_push(out, v, d)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (!d->pending &&
		((rc = console_button(out, v->lang, "/console/devices/test",
		      v->csrf, "dev.test", "id", id, NULL)) != 0 ||
		    (rc = strbuf_addstr(out, " ")) != 0)) ||
	    (rc = console_button(out, v->lang, "/console/devices/delete",
		 v->csrf, "app.delete", "id", id, "dev.delete.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
console_devices_page(struct strbuf *out, const struct console_devices_view *v)
{
	static const char *const cols[] = { "dev.type", "dev.added",
		"dev.seen", "dev.last", "token.actions" };
	const struct console_table t = { cols, NELEM(cols), v->n, row, v };
	int rc;

	if ((rc = console_hint(out, v->lang, "dev.hint")) != 0 ||
	    (rc = strbuf_addstr(out, "<p><a href=\"/me\">")) != 0 ||
	    (rc = console_text(out, v->lang, "dev.me")) != 0 ||
	    (rc = strbuf_addstr(out, "</a></p>")) != 0)
		return rc;
	if (v->waiting &&
	    ((rc = strbuf_addstr(out,
		  "<p class=\"con-hint\" "
		  "data-refresh=\"2\" role=\"status\">")) != 0 ||
		(rc = console_text(out, v->lang, "dev.test.wait")) != 0 ||
		(rc = strbuf_addstr(out, "</p>")) != 0))
		return rc;
	return console_table(out, v->lang, &t);
}
