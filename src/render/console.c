/*
 * console.c: the layout every console page shares, and its forms
 * (issue 12).
 *
 * Layout, top to bottom: a skip link, the top bar (the console's name,
 * who is signed in, the language switch, sign out), the navigation
 * (headed groups of links, built by the adapter from its page tables;
 * the current page carries aria-current), then <main> with the page's
 * <h1>, a notice after a redirect (role=status) or an error (role=alert),
 * and the page's own body.  Mobile first: at 390 px the navigation is a
 * wrapped row above the page; from 900 px it is a column beside it
 * (console_assets.c).  Sizes are in rem so 200 % text reflows.
 *
 * The stylesheet and the one module script are linked from /static/
 * (compiled into the binary): the console's CSP allows no inline script
 * or style.  The script only improves: copy buttons, confirmations, the
 * live preview; every form works without it.
 *
 * Forms keep what was typed: the adapter hands back the posted values
 * with the reason of a refusal, and each field shows both; the reason is
 * tied to the field (aria-describedby, aria-invalid) so it is read with
 * it.  Every POST form carries the CSRF field (render_csrf()).
 */
#include <string.h>

#include "render/console.h"
#include "render/render_int.h"

int
console_text(struct strbuf *out, int lang, const char *key)
{
	return render_esc_str(out, console_t(lang, key));
}

static int
wrap(struct strbuf *out, int lang, const char *open, const char *key,
    const char *close)
{
	int rc;

	if ((rc = strbuf_addstr(out, open)) != 0 ||
	    (rc = console_text(out, lang, key)) != 0)
		return rc;
	return strbuf_addstr(out, close);
}

int
console_h2(struct strbuf *out, int lang, const char *key)
{
	return wrap(out, lang, "<h2>", key, "</h2>\n");
}

int
console_hint(struct strbuf *out, int lang, const char *key)
{
	return wrap(out, lang, "<p class=\"con-hint\">", key, "</p>\n");
}

int
console_thead(struct strbuf *out, int lang, const char *const *keys, size_t n)
{
	size_t i;
	int rc;

	if ((rc = strbuf_addstr(out,
		 "<div class=\"con-table\"><table><thead>"
		 "<tr>")) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = wrap(out, lang, "<th scope=\"col\">", keys[i],
			 "</th>")) != 0)
			return rc;
	return strbuf_addstr(out, "</tr></thead><tbody>");
}

/* ---- layout --------------------------------------------------------- */

static const char *const nav_groups[CON_NAV__COUNT] = { "nav.send",
	"nav.receive", "nav.wx", "nav.operator" };

static int
nav_link(struct strbuf *out, const struct console_frame *f,
    const struct console_nav *n)
{
	size_t len = strlen(n->path);
	int here = f->here && strncmp(f->here, n->path, len) == 0 &&
	    (f->here[len] == '\0' || f->here[len] == '/');
	int rc;

	if ((rc = strbuf_addstr(out, "<li><a href=\"")) != 0 ||
	    (rc = render_esc_str(out, n->path)) != 0 ||
	    (rc = strbuf_addstr(out,
		 here ? "\" aria-current=\"page\">" : "\">")) != 0)
		return rc;
	return wrap(out, f->lang, "", n->key, "</a></li>");
}

static int
nav(struct strbuf *out, const struct console_frame *f)
{
	size_t i;
	int g, rc, open;

	if (f->n_nav == 0)
		return 0;
	if ((rc = wrap(out, f->lang, "<nav class=\"con-nav\" aria-label=\"",
		 "app.menu", "\">")) != 0)
		return rc;
	for (g = 0; g < CON_NAV__COUNT; g++) {
		open = 0;
		for (i = 0; i < f->n_nav; i++) {
			if (f->nav[i].group != g)
				continue;
			if (!open &&
			    (rc = wrap(out, f->lang, "<h2>", nav_groups[g],
				 "</h2><ul>")) != 0)
				return rc;
			open = 1;
			if ((rc = nav_link(out, f, &f->nav[i])) != 0)
				return rc;
		}
		if (open && (rc = strbuf_addstr(out, "</ul>")) != 0)
			return rc;
	}
	return strbuf_addstr(out, "</nav>\n");
}

static int
topbar(struct strbuf *out, const struct console_frame *f)
{
	int other = f->lang == CON_EN ? CON_ZH : CON_EN;
	int rc;

	if ((rc = wrap(out, f->lang, "<a class=\"con-skip\" href=\"#main\">",
		 "app.skip", "</a>")) != 0 ||
	    (rc = wrap(out, f->lang,
		 "<header class=\"con-top\"><a "
		 "class=\"con-brand\" href=\"/\">",
		 "app.name", "")) != 0 ||
	    (f->uid &&
		(rc = wrap(out, f->lang, " ", "app.console", "")) != 0) ||
	    (rc = strbuf_addstr(out, "</a><div class=\"con-user\">")) != 0)
		return rc;
	if (f->uid &&
	    ((rc = wrap(out, f->lang, "<span>", "app.signed_in", "<code>")) !=
		    0 ||
		(rc = render_esc_str(out, f->uid)) != 0 ||
		(rc = strbuf_addstr(out, "</code></span>")) != 0))
		return rc;
	if ((rc = strbuf_addstr(out, "<a href=\"")) != 0 ||
	    (rc = render_esc_str(out, f->here ? f->here : "/")) != 0 ||
	    (rc = strbuf_addf(out,
		 "?lang=%s\" lang=\"%s\" hreflang=\"%s\" "
		 "title=\"",
		 other == CON_EN ? "en" : "zh",
		 other == CON_EN ? "en" : "zh-CN",
		 other == CON_EN ? "en" : "zh-CN")) != 0 ||
	    (rc = console_text(out, f->lang, "app.lang.label")) != 0 ||
	    (rc = wrap(out, f->lang, "\">", "app.lang", "</a>")) != 0)
		return rc;
	if (f->uid &&
	    (rc = console_button(out, f->lang, "/logout", f->csrf,
		 "app.signout", NULL, NULL, NULL)) != 0)
		return rc;
	if (!f->uid &&
	    (rc = wrap(out, f->lang, "<a href=\"/login\">", "app.signin",
		 "</a>")) != 0)
		return rc;
	return strbuf_addstr(out, "</div></header>\n");
}

int
console_head(struct strbuf *out, const struct console_frame *f)
{
	int rc;

	if ((rc = strbuf_addf(out,
		 "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
		 "<meta charset=\"utf-8\"><meta name=\"viewport\" "
		 "content=\"width=device-width, initial-scale=1\">"
		 "<meta name=\"referrer\" content=\"no-referrer\"><title>",
		 f->lang == CON_EN ? "en" : "zh-CN")) != 0 ||
	    (rc = console_text(out, f->lang, f->title)) != 0 ||
	    (rc = wrap(out, f->lang, " · ", "app.name", "</title>")) != 0 ||
	    (rc = strbuf_addstr(out,
		 "<link rel=\"stylesheet\" "
		 "href=\"/static/console.css\"><script type=\"module\" "
		 "src=\"/static/console.js\"></script></head>\n<body>")) !=
		0 ||
	    (rc = topbar(out, f)) != 0 ||
	    (rc = strbuf_addstr(out, "<div class=\"con-wrap\">")) != 0 ||
	    (rc = nav(out, f)) != 0 ||
	    (rc = wrap(out, f->lang, "<main id=\"main\" tabindex=\"-1\"><h1>",
		 f->title, "</h1>\n")) != 0)
		return rc;
	if (f->flash && console_has(f->flash) &&
	    (rc = wrap(out, f->lang, "<p class=\"con-ok\" role=\"status\">",
		 f->flash, "</p>\n")) != 0)
		return rc;
	if (f->error &&
	    (rc = wrap(out, f->lang,
		 "<p class=\"con-err\" "
		 "role=\"alert\">",
		 f->error, "</p>\n")) != 0)
		return rc;
	return 0;
}

int
console_tail(struct strbuf *out, const struct console_frame *f)
{
	return wrap(out, f->lang, "</main></div><footer class=\"con-foot\">",
	    "app.foot", "</footer></body></html>\n");
}

/* ---- forms ---------------------------------------------------------- */

static const char *const input_types[] = {
	[CF_TEXT] = "text",
	[CF_NUMBER] = "number",
	[CF_URL] = "url",
	[CF_EMAIL] = "email",
	[CF_DATETIME] = "datetime-local",
	[CF_PASSWORD] = "password",
	[CF_HIDDEN] = "hidden",
	[CF_CHECK] = "checkbox",
};

/* id="f-FORM-NAME": unique on a page of several forms. */
static int
field_id(struct strbuf *out, const char *form, const char *name,
    const char *suffix)
{
	int rc;

	if ((rc = strbuf_addstr(out, "f-")) != 0 ||
	    (form &&
		((rc = render_esc_str(out, form)) != 0 ||
		    (rc = strbuf_addstr(out, "-")) != 0)) ||
	    (rc = render_esc_str(out, name)) != 0)
		return rc;
	return strbuf_addstr(out, suffix);
}

/* The attributes every control has: id, name, aria-*, required. */
static int
control_attrs(struct strbuf *out, const char *form,
    const struct console_field *c)
{
	int rc;

	if ((rc = strbuf_addstr(out, " id=\"")) != 0 ||
	    (rc = field_id(out, form, c->name, "\" name=\"")) != 0 ||
	    (rc = render_esc_str(out, c->name)) != 0 ||
	    (rc = strbuf_addstr(out, "\"")) != 0)
		return rc;
	if (c->required && (rc = strbuf_addstr(out, " required")) != 0)
		return rc;
	if (c->maxlen > 0 &&
	    (rc = strbuf_addf(out, " maxlength=\"%d\"", c->maxlen)) != 0)
		return rc;
	if ((c->error || c->hint) &&
	    ((rc = strbuf_addstr(out, " aria-describedby=\"")) != 0 ||
		(c->error &&
		    (rc = field_id(out, form, c->name, "-err ")) != 0) ||
		(c->hint &&
		    (rc = field_id(out, form, c->name, "-hint")) != 0) ||
		(rc = strbuf_addstr(out, "\"")) != 0))
		return rc;
	if (c->error &&
	    (rc = strbuf_addstr(out, " aria-invalid=\"true\"")) != 0)
		return rc;
	return 0;
}

static int
select_control(struct strbuf *out, int lang, const char *form,
    const struct console_field *c)
{
	const char *v = c->value ? c->value : "";
	size_t i;
	int rc;

	if ((rc = strbuf_addstr(out, "<select")) != 0 ||
	    (rc = control_attrs(out, form, c)) != 0 ||
	    (rc = strbuf_addstr(out, ">")) != 0)
		return rc;
	for (i = 0; i < c->n_opts; i++) {
		if ((rc = strbuf_addstr(out, "<option value=\"")) != 0 ||
		    (rc = render_esc_str(out, c->opts[i].value)) != 0 ||
		    (rc = strbuf_addstr(out,
			 strcmp(v, c->opts[i].value) == 0 ? "\" selected>" :
							    "\">")) != 0 ||
		    (rc = wrap(out, lang, "", c->opts[i].label,
			 "</option>")) != 0)
			return rc;
	}
	return strbuf_addstr(out, "</select>");
}

static int
control(struct strbuf *out, int lang, const char *form,
    const struct console_field *c)
{
	const char *v = c->value ? c->value : "";
	int rc;

	if (c->type == CF_SELECT)
		return select_control(out, lang, form, c);
	if (c->type == CF_HIDDEN) { /* no id: the page may hold many */
		if ((rc = strbuf_addstr(out,
			 "<input type=\"hidden\" name=\"")) != 0 ||
		    (rc = render_esc_str(out, c->name)) != 0 ||
		    (rc = strbuf_addstr(out, "\" value=\"")) != 0 ||
		    (rc = render_esc_str(out, v)) != 0)
			return rc;
		return strbuf_addstr(out, "\">");
	}
	if (c->type == CF_TEXTAREA || c->type == CF_CODE) {
		if ((rc = strbuf_addstr(out,
			 c->type == CF_CODE ? "<textarea class=\"con-code\" "
					      "spellcheck=\"false\" "
					      "rows=\"12\"" :
					      "<textarea rows=\"5\"")) != 0 ||
		    (rc = control_attrs(out, form, c)) != 0 ||
		    (rc = strbuf_addstr(out, ">")) != 0 ||
		    (rc = render_esc_str(out, v)) != 0)
			return rc;
		return strbuf_addstr(out, "</textarea>");
	}
	if ((rc = strbuf_addf(out, "<input type=\"%s\"",
		 input_types[c->type])) != 0 ||
	    (rc = control_attrs(out, form, c)) != 0)
		return rc;
	if (c->type == CF_CHECK)
		return strbuf_addstr(out,
		    *v && strcmp(v, "0") != 0 ? " value=\"1\" checked>" :
						" value=\"1\">");
	if ((rc = strbuf_addstr(out, " value=\"")) != 0 ||
	    (rc = render_esc_str(out, v)) != 0)
		return rc;
	return strbuf_addstr(out, "\">");
}

int
console_field_html(struct strbuf *out, int lang, const char *form,
    const struct console_field *c)
{
	int check = c->type == CF_CHECK;
	int rc;

	if (c->type == CF_HIDDEN)
		return control(out, lang, form, c);
	if ((rc = strbuf_addstr(out,
		 c->error ? "<div class=\"con-field "
			    "con-bad\">" :
			    "<div class=\"con-field\">")) != 0 ||
	    (check && (rc = control(out, lang, form, c)) != 0) ||
	    (rc = strbuf_addstr(out, "<label for=\"")) != 0 ||
	    (rc = field_id(out, form, c->name, "\">")) != 0 ||
	    (rc = console_text(out, lang, c->label)) != 0 ||
	    (c->required &&
		(rc = wrap(out, lang, " <span class=\"con-req\">",
		     "app.required", "</span>")) != 0) ||
	    (rc = strbuf_addstr(out, "</label>")) != 0 ||
	    (!check && (rc = control(out, lang, form, c)) != 0))
		return rc;
	if (c->hint &&
	    ((rc = strbuf_addstr(out,
		  "<p class=\"con-hint\" "
		  "id=\"")) != 0 ||
		(rc = field_id(out, form, c->name, "-hint\">")) != 0 ||
		(rc = wrap(out, lang, "", c->hint, "</p>")) != 0))
		return rc;
	if (c->error &&
	    ((rc = strbuf_addstr(out,
		  "<p class=\"con-fielderr\" "
		  "id=\"")) != 0 ||
		(rc = field_id(out, form, c->name, "-err\">")) != 0 ||
		(rc = wrap(out, lang, "", c->error, "</p>")) != 0))
		return rc;
	return strbuf_addstr(out, "</div>\n");
}

static int
form_open(struct strbuf *out, const char *action, const char *csrf,
    const char *id, const char *target, const char *cls)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<form method=\"post\" action=\"")) !=
		0 ||
	    (rc = render_esc_str(out, action)) != 0 ||
	    (rc = strbuf_addf(out, "\" class=\"%s\"", cls)) != 0)
		return rc;
	if (id &&
	    ((rc = strbuf_addstr(out, " id=\"")) != 0 ||
		(rc = render_esc_str(out, id)) != 0 ||
		(rc = strbuf_addstr(out, "\"")) != 0))
		return rc;
	if (target &&
	    ((rc = strbuf_addstr(out, " target=\"")) != 0 ||
		(rc = render_esc_str(out, target)) != 0 ||
		(rc = strbuf_addstr(out, "\"")) != 0))
		return rc;
	if ((rc = strbuf_addstr(out, ">")) != 0)
		return rc;
	return render_csrf(out, csrf);
}

int
console_form(struct strbuf *out, int lang, const struct console_form *f,
    const struct console_field *fields, size_t n)
{
	size_t i;
	int rc;

	if ((rc = form_open(out, f->action, f->csrf, f->id, f->target,
		 f->preview ? "con-form\" data-preview=\"pv" : "con-form")) !=
	    0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = console_field_html(out, lang, f->id, &fields[i])) !=
		    0)
			return rc;
	if ((rc = strbuf_addstr(out,
		 f->danger ? "<p><button type=\"submit\" "
			     "class=\"con-danger\">" :
			     "<p><button type=\"submit\">")) != 0 ||
	    (rc = wrap(out, lang, "", f->submit, "</button>")) != 0)
		return rc;
	if (f->preview &&
	    ((rc = strbuf_addstr(out,
		  " <button type=\"submit\" "
		  "id=\"pv\" class=\"con-second\" formtarget=\"preview\" "
		  "formnovalidate formaction=\"")) != 0 ||
		(rc = render_esc_str(out, f->preview)) != 0 ||
		(rc = wrap(out, lang, "\">", "app.preview", "</button>")) !=
		    0))
		return rc;
	return strbuf_addstr(out, "</p></form>\n");
}

int
console_button(struct strbuf *out, int lang, const char *action,
    const char *csrf, const char *label, const char *name, const char *value,
    const char *confirm)
{
	int rc;

	if ((rc = form_open(out, action, csrf, NULL, NULL, "con-inline")) != 0)
		return rc;
	if (name &&
	    ((rc = strbuf_addstr(out,
		  "<input type=\"hidden\" "
		  "name=\"")) != 0 ||
		(rc = render_esc_str(out, name)) != 0 ||
		(rc = strbuf_addstr(out, "\" value=\"")) != 0 ||
		(rc = render_esc_str(out, value ? value : "")) != 0 ||
		(rc = strbuf_addstr(out, "\">")) != 0))
		return rc;
	if ((rc = strbuf_addstr(out,
		 confirm ? "<button type=\"submit\" "
			   "class=\"con-danger\" data-confirm=\"" :
			   "<button type=\"submit\"")) != 0 ||
	    (confirm &&
		((rc = console_text(out, lang, confirm)) != 0 ||
		    (rc = strbuf_addstr(out, "\"")) != 0)))
		return rc;
	return wrap(out, lang, ">", label, "</button></form>");
}

int
console_copy(struct strbuf *out, int lang, const char *id, const char *label,
    const char *value)
{
	int rc;

	if ((rc = strbuf_addstr(out,
		 "<div class=\"con-copy\"><label for=\"")) != 0 ||
	    (rc = render_esc_str(out, id)) != 0 ||
	    (rc = wrap(out, lang, "\">", label,
		 "</label><span><input "
		 "readonly id=\"")) != 0 ||
	    (rc = render_esc_str(out, id)) != 0 ||
	    (rc = strbuf_addstr(out, "\" value=\"")) != 0 ||
	    (rc = render_esc_str(out, value ? value : "")) != 0 ||
	    (rc = strbuf_addstr(out,
		 "\"><button type=\"button\" "
		 "class=\"con-copybtn\" data-copy=\"")) != 0 ||
	    (rc = render_esc_str(out, id)) != 0 ||
	    (rc = strbuf_addstr(out, "\" data-done=\"")) != 0 ||
	    (rc = console_text(out, lang, "app.copied")) != 0)
		return rc;
	return wrap(out, lang, "\">", "app.copy", "</button></span></div>\n");
}

int
console_join_link(struct strbuf *out, int lang, const char *label,
    const char *link, const char *code, const char *alt)
{
	int rc;

	if ((rc = console_copy(out, lang, "con-join", label, link)) != 0 ||
	    (rc = strbuf_addstr(out,
		 "<p><img class=\"con-qr\" width=\"192\" "
		 "height=\"192\" src=\"/join/")) != 0 ||
	    (rc = render_esc_str(out, code)) != 0 ||
	    (rc = wrap(out, lang, ".png\" alt=\"", alt, "\"></p>")) != 0)
		return rc;
	return 0;
}
