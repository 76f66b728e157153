/*
 * console_wxfollowers.c: the followers of one of the person's WxPusher
 * apps (issue 12): the app chosen by a link, a search by UID (a plain
 * GET form: a search changes nothing, so it needs no CSRF field), and
 * per follow the UID, what it follows (the app or a topic), how it
 * came (scan, link, command), when, whether the app blocked it, and
 * until when it is paid; with block or unblock and remove.
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
row(struct strbuf *out, const void *arg, size_t i)
{
	const struct console_wxfollowers_view *v = arg;
	const struct console_wxfollower *f = &v->rows[i];
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)f->id);
	if ((rc = strbuf_addstr(out, "<tr><td><code>")) != 0 ||
	    (rc = render_esc_str(out, f->uid)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></td><td>")) != 0 ||
	    (f->topic && (rc = console_text(out, v->lang, "wf.topic")) != 0) ||
	    (rc = render_esc_str(out, f->target)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_esc_str(out, f->source)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_time(out, f->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_text(out, v->lang,
		 f->blocked ? "wf.blocked" : "wf.ok")) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (f->pay_end_ms > 0 ?
		    (rc = render_time(out, f->pay_end_ms)) :
		    (rc = console_text(out, v->lang, "wf.unpaid"))) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_button(out, v->lang,
		 f->blocked ? "/console/wxfollowers/unblock" :
			      "/console/wxfollowers/block",
		 v->csrf, f->blocked ? "wf.unblock" : "wf.block", "id", id,
		 NULL)) != 0 ||
	    (rc = strbuf_addstr(out, " ")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/wxfollowers/remove",
		 v->csrf, "wf.remove", "id", id, "wf.remove.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

static int
choice(struct strbuf *out, const struct console_wxfollowers_view *v)
{
	size_t i;
	int rc;

	if ((rc = strbuf_addstr(out, "<ul>")) != 0)
		return rc;
	for (i = 0; i < v->n_apps; i++)
		if ((rc = strbuf_addf(out,
			 "<li><a href=\"/console/wxfollowers?app=%lld\"%s>",
			 (long long)v->apps[i].id,
			 v->apps[i].id == v->app ? " aria-current=\"page\"" :
						   "")) != 0 ||
		    (rc = render_esc_str(out, v->apps[i].name)) != 0 ||
		    (rc = strbuf_addstr(out, "</a></li>")) != 0)
			return rc;
	return strbuf_addstr(out, "</ul>");
}

static int
search(struct strbuf *out, const struct console_wxfollowers_view *v)
{
	int rc;

	if ((rc = strbuf_addf(out,
		 "<form method=\"get\" action=\"/console/wxfollowers\" "
		 "class=\"con-form\" role=\"search\"><input type=\"hidden\" "
		 "name=\"app\" value=\"%lld\"><div class=\"con-field\">"
		 "<label for=\"f-wf-uid\">",
		 (long long)v->app)) != 0 ||
	    (rc = console_text(out, v->lang, "wf.uid")) != 0 ||
	    (rc = strbuf_addstr(out,
		 "</label><input type=\"text\" "
		 "id=\"f-wf-uid\" name=\"uid\" "
		 "maxlength=\"40\" value=\"")) != 0 ||
	    (rc = render_esc_str(out, v->uid ? v->uid : "")) != 0 ||
	    (rc = strbuf_addstr(out,
		 "\"></div><p><button type=\"submit\">")) != 0 ||
	    (rc = console_text(out, v->lang, "wf.search")) != 0)
		return rc;
	return strbuf_addstr(out, "</button></p></form>");
}

int
console_wxfollowers_page(struct strbuf *out,
    const struct console_wxfollowers_view *v)
{
	static const char *const cols[] = { "wf.uid", "wf.follows",
		"wf.source", "wf.since", "wf.state", "wf.paid",
		"token.actions" };
	const struct console_table t = { cols, NELEM(cols), v->n, row, v };
	int rc;

	if ((rc = console_hint(out, v->lang, "wf.hint")) != 0)
		return rc;
	if (v->n_apps == 0)
		return console_hint(out, v->lang, "wt.noapps");
	if ((rc = choice(out, v)) != 0 || v->app == 0 ||
	    (rc = search(out, v)) != 0)
		return rc;
	return console_table(out, v->lang, &t);
}
