/*
 * console_history.c: the console's message history (issue 12): the
 * sender's messages newest first, searched by title or shortCode and
 * filtered by status (a GET form, so a search is a link), and one
 * message with its status per recipient and per device push, error
 * detail included (what `feige message show` prints), and recall.
 */
#include <stdio.h>
#include <string.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static const char *const status_keys[] = { "hist.st0", "hist.st1", "hist.st2",
	"hist.st3" };

const char *
console_status_key(int status)
{
	return status >= 0 && status <= 3 ? status_keys[status] : "?";
}

/* <th scope="col">key</th> for each key, in a <thead>. */
static int
filter_form(struct strbuf *out, const struct console_history_view *v)
{
	const struct console_opt sts[] = { { "", "hist.all" },
		{ "0", "hist.st0" }, { "1", "hist.st1" }, { "2", "hist.st2" },
		{ "3", "hist.st3" } };
	const struct console_field q = { .type = CF_TEXT,
		.name = "q",
		.label = "hist.q",
		.value = v->q,
		.maxlen = 100 };
	const struct console_field st = { .type = CF_SELECT,
		.name = "status",
		.label = "hist.status",
		.value = v->status,
		.opts = sts,
		.n_opts = NELEM(sts) };
	int rc;

	if ((rc = strbuf_addstr(out,
		 "<form method=\"get\" "
		 "action=\"/console/history\" class=\"con-form\" "
		 "role=\"search\">")) != 0 ||
	    (rc = console_field_html(out, v->lang, "h", &q)) != 0 ||
	    (rc = console_field_html(out, v->lang, "h", &st)) != 0 ||
	    (rc = strbuf_addstr(out, "<p><button type=\"submit\">")) != 0 ||
	    (rc = console_text(out, v->lang, "hist.filter")) != 0)
		return rc;
	return strbuf_addstr(out, "</button></p></form>");
}

static int
row(struct strbuf *out, int lang, const struct console_hist_row *r)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<tr><td><a href=\"/console/history/")) !=
		0 ||
	    (rc = render_esc_str(out, r->short_code)) != 0 ||
	    (rc = strbuf_addstr(out, "\">")) != 0 ||
	    (rc = render_esc_str(out, *r->title ? r->title : r->short_code)) !=
		0 ||
	    (rc = strbuf_addstr(out, "</a></td><td>")) != 0 ||
	    (rc = render_esc_str(out, r->channel)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_text(out, lang, console_status_key(r->status))) !=
		0 ||
	    (*r->error &&
		((rc = strbuf_addstr(out, "：")) != 0 ||
		    (rc = render_esc_str(out, r->error)) != 0)) ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_time(out, r->created_ms)) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
console_history_page(struct strbuf *out, const struct console_history_view *v)
{
	static const char *const cols[] = { "send.msgtitle", "hist.via",
		"hist.status", "hist.when" };
	size_t i;
	int rc;

	if ((rc = filter_form(out, v)) != 0)
		return rc;
	if (v->n == 0)
		return console_hint(out, v->lang, "hist.none");
	if ((rc = console_thead(out, v->lang, cols, NELEM(cols))) != 0)
		return rc;
	for (i = 0; i < v->n; i++)
		if ((rc = row(out, v->lang, &v->rows[i])) != 0)
			return rc;
	return strbuf_addstr(out, "</tbody></table></div>");
}

static int
targets(struct strbuf *out, int lang, const struct console_target *t, size_t n)
{
	static const char *const cols[] = { "hist.to", "hist.via",
		"hist.status", "hist.attempts", "hist.error" };
	size_t i;
	int rc;

	if (n == 0)
		return console_hint(out, lang, "app.none");
	if ((rc = console_thead(out, lang, cols, NELEM(cols))) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = strbuf_addstr(out, "<tr><td><code>")) != 0 ||
		    (rc = render_esc_str(out, t[i].who)) != 0 ||
		    (rc = strbuf_addstr(out, "</code></td><td>")) != 0 ||
		    (rc = render_esc_str(out, t[i].via)) != 0 ||
		    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
		    (rc = console_text(out, lang, t[i].status)) != 0 ||
		    (rc = strbuf_addf(out, "</td><td>%d</td><td>",
			 t[i].attempts)) != 0 ||
		    (rc = render_esc_str(out, t[i].error)) != 0 ||
		    (rc = strbuf_addstr(out, "</td></tr>")) != 0)
			return rc;
	return strbuf_addstr(out, "</tbody></table></div>");
}

/* A message on its way: console.js reloads the page in 2 s. */
static int
console_hint_refresh(struct strbuf *out, int lang)
{
	int rc;

	if ((rc = strbuf_addstr(out,
		 "<p class=\"con-hint\" "
		 "data-refresh=\"2\">")) != 0 ||
	    (rc = console_text(out, lang, "hist.wait")) != 0)
		return rc;
	return strbuf_addstr(out, "</p>");
}

int
console_message_page(struct strbuf *out, const struct console_message_view *v)
{
	char action[96];
	int rc;

	snprintf(action, sizeof(action), "/console/history/%s/recall",
	    v->m.short_code);
	if ((rc = strbuf_addstr(out, "<p><strong>")) != 0 ||
	    (rc = render_esc_str(out,
		 *v->m.title ? v->m.title : v->m.short_code)) != 0 ||
	    (rc = strbuf_addstr(out, "</strong> · <code>")) != 0 ||
	    (rc = render_esc_str(out, v->m.short_code)) != 0 ||
	    (rc = strbuf_addstr(out, "</code> · ")) != 0 ||
	    (rc = render_esc_str(out, v->tpl)) != 0 ||
	    (rc = strbuf_addstr(out, " · ")) != 0 ||
	    (rc = render_time(out, v->m.created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</p><p>")) != 0 ||
	    (rc = console_text(out, v->lang,
		 console_status_key(v->m.status))) != 0 ||
	    (*v->m.error &&
		((rc = strbuf_addstr(out, "：")) != 0 ||
		    (rc = render_esc_str(out, v->m.error)) != 0)) ||
	    (rc = strbuf_addstr(out, "</p>")) != 0 ||
	    (v->m.status < 2 &&
		(rc = console_hint_refresh(out, v->lang)) != 0) ||
	    (rc = strbuf_addstr(out, "<p><a href=\"/message/")) != 0 ||
	    (rc = render_esc_str(out, v->m.short_code)) != 0 ||
	    (rc = strbuf_addstr(out, "\">")) != 0 ||
	    (rc = console_text(out, v->lang, "hist.open")) != 0 ||
	    (rc = strbuf_addstr(out, "</a></p>")) != 0 ||
	    (rc = console_h2(out, v->lang, "hist.targets")) != 0 ||
	    (rc = targets(out, v->lang, v->targets, v->n_targets)) != 0 ||
	    (rc = console_h2(out, v->lang, "hist.pushes")) != 0 ||
	    (rc = targets(out, v->lang, v->pushes, v->n_pushes)) != 0 ||
	    (rc = strbuf_addstr(out, "<p>")) != 0 ||
	    (rc = console_button(out, v->lang, action, v->csrf, "hist.recall",
		 NULL, NULL, "hist.recall.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</p>");
}
