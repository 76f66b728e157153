/*
 * console_wxproducts.c: the console's WxPusher message products (issue
 * 12): for each of the person's apps its products (prodId, the id
 * query-pay-end-time and `feige pay grant` name; name; what it covers:
 * the app's own follows or one topic's; the price per 30 days in
 * yuan; created) with edit and delete, a form adding one, and the
 * edit form of the product ?edit= names.  Form ids carry the app id
 * (wpN) or the product id (weN), so the forms of a page stay apart.
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
row(struct strbuf *out, const struct console_wxproducts_view *v,
    const struct console_wxproduct *p)
{
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)p->id);
	if ((rc = strbuf_addf(out, "<tr><td><code>%s</code></td><td>", id)) !=
		0 ||
	    (rc = render_esc_str(out, p->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = p->covers ? render_esc_str(out, p->covers) :
			      console_text(out, v->lang, "wp.app")) != 0 ||
	    (rc = strbuf_addf(out, "</td><td>¥%s</td><td>", p->price)) != 0 ||
	    (rc = render_time(out, p->created_ms)) != 0 ||
	    (rc = strbuf_addf(out,
		 "</td><td><a href=\"/console/wxproducts"
		 "?edit=%s#we%s\">",
		 id, id)) != 0 ||
	    (rc = console_text(out, v->lang, "app.edit")) != 0 ||
	    (rc = strbuf_addstr(out, "</a> ")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/wxproducts/delete",
		 v->csrf, "app.delete", "id", id, "wp.delete.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

/* The edit form of a->editing: typed values after a refusal. */
static int
edit_form(struct strbuf *out, const struct console_wxproducts_view *v,
    const struct console_wxproduct_app *a)
{
	const struct console_wxproduct *p = a->editing;
	const struct console_wxproduct_form *t = a->form;
	char id[24], form[32];
	const struct console_field fs[] = {
		{ .type = CF_HIDDEN, .name = "id", .value = id },
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "wp.name",
		    .value = t ? t->name : p->name,
		    .error = t ? t->err_name : NULL,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_TEXT,
		    .name = "price",
		    .label = "wp.price",
		    .value = t ? t->price : p->price,
		    .error = t ? t->err_price : NULL,
		    .hint = "wp.price.hint",
		    .required = 1,
		    .maxlen = 16 },
	};
	const struct console_form f = { .action = "/console/wxproducts/edit",
		.csrf = v->csrf,
		.submit = "app.save",
		.id = form };
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)p->id);
	snprintf(form, sizeof(form), "we%s", id);
	if ((rc = strbuf_addstr(out, "<h3>")) != 0 ||
	    (rc = console_text(out, v->lang, "wp.edit.h")) != 0 ||
	    (rc = strbuf_addf(out, " <code>%s</code></h3>", id)) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}

static int
add_form(struct strbuf *out, const struct console_wxproducts_view *v,
    const struct console_wxproduct_app *a, const char *id)
{
	const struct console_wxproduct_form *t = a->editing ? NULL : a->form;
	char form[32];
	const struct console_field fs[] = {
		{ .type = CF_HIDDEN, .name = "app", .value = id },
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "wp.name",
		    .value = t ? t->name : NULL,
		    .error = t ? t->err_name : NULL,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_SELECT,
		    .name = "topic",
		    .label = "wp.covers",
		    .value = t ? t->topic : NULL,
		    .opts = a->covers,
		    .n_opts = a->n_covers },
		{ .type = CF_TEXT,
		    .name = "price",
		    .label = "wp.price",
		    .value = t ? t->price : NULL,
		    .error = t ? t->err_price : NULL,
		    .hint = "wp.price.hint",
		    .required = 1,
		    .maxlen = 16 },
	};
	const struct console_form f = { .action = "/console/wxproducts/add",
		.csrf = v->csrf,
		.submit = "wp.add",
		.id = form };
	int rc;

	snprintf(form, sizeof(form), "wp%s", id);
	if ((rc = strbuf_addstr(out, "<h3>")) != 0 ||
	    (rc = console_text(out, v->lang, "wp.add")) != 0 ||
	    (rc = strbuf_addstr(out, "</h3>")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}

/* Paid time for a follower: UID, product, days (< 0 refunds). */
static int
grant_form(struct strbuf *out, const struct console_wxproducts_view *v,
    const struct console_wxproduct_app *a, const char *id)
{
	const struct console_wxproduct_grant *g = a->grant;
	char form[32];
	const struct console_field fs[] = {
		{ .type = CF_TEXT,
		    .name = "uid",
		    .label = "wp.grant.uid",
		    .value = g ? g->uid : NULL,
		    .error = g ? g->err_uid : NULL,
		    .required = 1,
		    .maxlen = 40 },
		{ .type = CF_SELECT,
		    .name = "prod",
		    .label = "wp.name",
		    .value = g ? g->prod : NULL,
		    .opts = a->prods,
		    .n_opts = a->n_prods },
		{ .type = CF_NUMBER,
		    .name = "days",
		    .label = "wp.grant.days",
		    .value = g ? g->days : "30",
		    .error = g ? g->err_days : NULL,
		    .hint = "wp.grant.days.hint",
		    .required = 1 },
	};
	const struct console_form f = { .action = "/console/wxproducts/grant",
		.csrf = v->csrf,
		.submit = "wp.grant",
		.id = form };
	int rc;

	snprintf(form, sizeof(form), "wg%s", id);
	if ((rc = strbuf_addstr(out, "<h3>")) != 0 ||
	    (rc = console_text(out, v->lang, "wp.grant.h")) != 0 ||
	    (rc = strbuf_addstr(out, "</h3>")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}

static int
app(struct strbuf *out, const struct console_wxproducts_view *v,
    const struct console_wxproduct_app *a)
{
	static const char *const cols[] = { "wp.id", "wp.name", "wp.covers",
		"wp.price", "dev.added", "token.actions" };
	char id[24];
	size_t i;
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)a->id);
	if ((rc = strbuf_addstr(out, "<h2>")) != 0 ||
	    (rc = render_esc_str(out, a->name)) != 0 ||
	    (rc = strbuf_addf(out, " <small>appId %s</small></h2>", id)) != 0)
		return rc;
	if (a->n == 0)
		rc = console_hint(out, v->lang, "app.none");
	else if ((rc = console_thead(out, v->lang, cols, NELEM(cols))) == 0) {
		for (i = 0; i < a->n && rc == 0; i++)
			rc = row(out, v, &a->products[i]);
		if (rc == 0)
			rc = strbuf_addstr(out, "</tbody></table></div>");
	}
	if (rc == 0 && a->editing)
		rc = edit_form(out, v, a);
	if (rc == 0 && a->n_prods > 0)
		rc = grant_form(out, v, a, id);
	if (rc != 0)
		return rc;
	return add_form(out, v, a, id);
}

int
console_wxproducts_page(struct strbuf *out,
    const struct console_wxproducts_view *v)
{
	size_t i;
	int rc;

	if ((rc = console_hint(out, v->lang, "wp.hint")) != 0)
		return rc;
	if (v->n == 0)
		return console_hint(out, v->lang, "wt.noapps");
	for (i = 0; i < v->n; i++)
		if ((rc = app(out, v, &v->apps[i])) != 0)
			return rc;
	return 0;
}
