/*
 * console_callbacks.c: the console's join callbacks (issue 12): the
 * callback URL with its form, then per event (a group join, a new
 * friend) the newest callbacks: when, the URL it went to, the outcome
 * (due or retrying, delivered, given up), attempts, the last error and
 * the JSON body (under a <details>, escaped).
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
row(struct strbuf *out, int lang, const struct console_callback *r)
{
	char st[16];
	int rc;

	snprintf(st, sizeof(st), "cb.st%d",
	    r->status >= 0 && r->status <= 2 ? r->status : 0);
	if ((rc = strbuf_addstr(out, "<tr><td>")) != 0 ||
	    (rc = render_time(out, r->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_esc_str(out, r->url)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_text(out, lang, st)) != 0 ||
	    (rc = strbuf_addf(out, "</td><td>%d</td><td>", r->attempts)) !=
		0 ||
	    (rc = render_esc_str(out, r->error)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td><details><summary>")) != 0 ||
	    (rc = console_text(out, lang, "cb.body")) != 0 ||
	    (rc = strbuf_addstr(out, "</summary><pre class=\"con-pre\">")) !=
		0 ||
	    (rc = render_esc_str(out, r->body)) != 0)
		return rc;
	return strbuf_addstr(out, "</pre></details></td></tr>");
}

static int
section(struct strbuf *out, int lang, const char *title,
    const struct console_callback *rows, size_t n)
{
	static const char *const cols[] = { "cb.time", "cb.url", "cb.state",
		"cb.attempts", "cb.error", "cb.body" };
	size_t i;
	int rc;

	if ((rc = console_h2(out, lang, title)) != 0)
		return rc;
	if (n == 0)
		return console_hint(out, lang, "app.none");
	if ((rc = console_thead(out, lang, cols, NELEM(cols))) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = row(out, lang, &rows[i])) != 0)
			return rc;
	return strbuf_addstr(out, "</tbody></table></div>");
}

int
console_callbacks_page(struct strbuf *out,
    const struct console_callbacks_view *v)
{
	static const char *const titles[CONSOLE_CB_EVENTS] = { "cb.join",
		"cb.friend" };
	const struct console_field fs[] = {
		{ .type = CF_URL,
		    .name = "url",
		    .label = "cb.url",
		    .value = v->url,
		    .error = v->err_url,
		    .hint = "cb.url.hint" },
	};
	const struct console_form f = { .action = "/console/callbacks",
		.csrf = v->csrf,
		.submit = "app.save",
		.id = "cb" };
	size_t i;
	int rc;

	if ((rc = console_hint(out, v->lang, "cb.hint")) != 0 ||
	    (rc = console_form(out, v->lang, &f, fs, NELEM(fs))) != 0)
		return rc;
	for (i = 0; i < CONSOLE_CB_EVENTS; i++)
		if ((rc = section(out, v->lang, titles[i], v->rows[i],
			 v->n[i])) != 0)
			return rc;
	return 0;
}
