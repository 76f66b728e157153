/*
 * console_wxtopics.c: the console's WxPusher topics (issue 12): for
 * each of the person's apps its topics (topicId, the id a send's
 * topicIds names; name; created) with delete, and a form adding one.
 * Every form carries its app's id; the add forms are told apart by
 * the app id in their element ids.
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
row(struct strbuf *out, const struct console_wxtopics_view *v,
    const struct console_wxtopic *t)
{
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)t->id);
	if ((rc = strbuf_addf(out, "<tr><td><code>%s</code></td><td>", id)) !=
		0 ||
	    (rc = render_esc_str(out, t->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_time(out, t->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/wxtopics/delete",
		 v->csrf, "app.delete", "id", id, "wt.delete.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

static int
app(struct strbuf *out, const struct console_wxtopics_view *v,
    const struct console_wxtopic_app *a)
{
	static const char *const cols[] = { "wt.id", "wt.name", "dev.added",
		"token.actions" };
	char id[24], form[32];
	const struct console_field fs[] = {
		{ .type = CF_HIDDEN, .name = "app", .value = id },
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "wt.name",
		    .value = a->typed,
		    .error = a->err,
		    .required = 1,
		    .maxlen = 64 },
	};
	const struct console_form f = { .action = "/console/wxtopics/add",
		.csrf = v->csrf,
		.submit = "wt.add",
		.id = form };
	size_t i;
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)a->id);
	snprintf(form, sizeof(form), "wt%s", id);
	if ((rc = strbuf_addstr(out, "<h2>")) != 0 ||
	    (rc = render_esc_str(out, a->name)) != 0 ||
	    (rc = strbuf_addf(out, " <small>appId %s</small></h2>", id)) != 0)
		return rc;
	if (a->n == 0)
		rc = console_hint(out, v->lang, "app.none");
	else if ((rc = console_thead(out, v->lang, cols, NELEM(cols))) == 0) {
		for (i = 0; i < a->n && rc == 0; i++)
			rc = row(out, v, &a->topics[i]);
		if (rc == 0)
			rc = strbuf_addstr(out, "</tbody></table></div>");
	}
	if (rc != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}

int
console_wxtopics_page(struct strbuf *out,
    const struct console_wxtopics_view *v)
{
	size_t i;
	int rc;

	if ((rc = console_hint(out, v->lang, "wt.hint")) != 0)
		return rc;
	if (v->n == 0)
		return console_hint(out, v->lang, "wt.noapps");
	for (i = 0; i < v->n; i++)
		if ((rc = app(out, v, &v->apps[i])) != 0)
			return rc;
	return 0;
}
