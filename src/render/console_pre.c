/*
 * console_pre.c: the console's pre-processing scripts (issue 12): the
 * person's scripts (name, preCode, added) with edit and delete, one
 * form that adds a script or, opened with ?edit=ID, edits it, and a
 * test run: a script and a sample message, whose result (the new
 * content) or the script's error is shown under the form, in a live
 * region, after the run.  The script fields are code areas (no spell
 * check, tabs kept by console.js as elsewhere).
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
row(struct strbuf *out, const struct console_pre_view *v,
    const struct console_pre_item *p)
{
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)p->id);
	if ((rc = strbuf_addstr(out, "<tr><td>")) != 0 ||
	    (rc = render_esc_str(out, p->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td><code>")) != 0 ||
	    (rc = render_esc_str(out, p->code)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></td><td>")) != 0 ||
	    (rc = render_time(out, p->created_ms)) != 0 ||
	    (rc = strbuf_addf(out,
		 "</td><td><a href=\"/console/pre?edit=%s"
		 "#pre\">",
		 id)) != 0 ||
	    (rc = console_text(out, v->lang, "pre.edit")) != 0 ||
	    (rc = strbuf_addstr(out, "</a> ")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/pre/delete", v->csrf,
		 "app.delete", "id", id, "pre.delete.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

static int
list(struct strbuf *out, const struct console_pre_view *v)
{
	static const char *const cols[] = { "pre.name", "pre.code",
		"dev.added", "token.actions" };
	size_t i;
	int rc;

	if (v->n == 0)
		return console_hint(out, v->lang, "app.none");
	if ((rc = console_thead(out, v->lang, cols, NELEM(cols))) != 0)
		return rc;
	for (i = 0; i < v->n; i++)
		if ((rc = row(out, v, &v->items[i])) != 0)
			return rc;
	return strbuf_addstr(out, "</tbody></table></div>");
}

static int
edit_form(struct strbuf *out, const struct console_pre_view *v)
{
	int editing = v->id != NULL && *v->id != '\0';
	const struct console_field fs[] = {
		{ .type = CF_HIDDEN, .name = "id", .value = v->id },
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "pre.name",
		    .value = v->name,
		    .error = v->err_name,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_TEXT,
		    .name = "code",
		    .label = "pre.code",
		    .value = v->code,
		    .error = v->err_code,
		    .hint = "pre.code.hint",
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_CODE,
		    .name = "script",
		    .label = "pre.script",
		    .value = v->script,
		    .error = v->err_script,
		    .hint = "pre.script.hint",
		    .required = 1 },
	};
	const struct console_form f = { .action = "/console/pre",
		.csrf = v->csrf,
		.submit = editing ? "app.save" : "pre.add",
		.id = "pre" };
	int rc;

	if ((rc = console_h2(out, v->lang,
		 editing ? "pre.edit.h" : "pre.add.h")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}

static int
result(struct strbuf *out, const struct console_pre_view *v)
{
	int rc;

	if (v->t_result == NULL && v->t_error == NULL)
		return 0;
	if ((rc = strbuf_addstr(out,
		 "<section id=\"pre-result\" "
		 "aria-live=\"polite\"><h3>")) != 0 ||
	    (rc = console_text(out, v->lang,
		 v->t_error ? "pre.test.err" : "pre.test.ok")) != 0 ||
	    (rc = strbuf_addstr(out,
		 v->t_error ? "</h3><pre class=\"con-err\">" :
			      "</h3><pre class=\"con-code\">")) != 0 ||
	    (rc = render_esc_str(out,
		 v->t_error ? v->t_error : v->t_result)) != 0)
		return rc;
	return strbuf_addstr(out, "</pre></section>");
}

static int
test_form(struct strbuf *out, const struct console_pre_view *v)
{
	const struct console_field fs[] = {
		{ .type = CF_CODE,
		    .name = "script",
		    .label = "pre.script",
		    .value = v->t_script,
		    .error = v->err_t_script,
		    .required = 1 },
		{ .type = CF_TEXTAREA,
		    .name = "message",
		    .label = "pre.message",
		    .value = v->t_msg,
		    .hint = "pre.message.hint" },
	};
	const struct console_form f = { .action = "/console/pre/test",
		.csrf = v->csrf,
		.submit = "pre.test",
		.id = "pretest" };
	int rc;

	if ((rc = console_h2(out, v->lang, "pre.test.h")) != 0 ||
	    (rc = console_form(out, v->lang, &f, fs, NELEM(fs))) != 0)
		return rc;
	return result(out, v);
}

int
console_pre_page(struct strbuf *out, const struct console_pre_view *v)
{
	int rc;

	if ((rc = console_hint(out, v->lang, "pre.hint")) != 0 ||
	    (rc = list(out, v)) != 0 || (rc = edit_form(out, v)) != 0)
		return rc;
	return test_form(out, v);
}
