/*
 * console_channels.c: the console's channel configs (issue 12): every
 * webhook, WeCom app and mail config of the person with "send a test"
 * and delete, and the form that adds a webhook of any type feige
 * sends (the custom type's method, headers and body included).
 *
 * "Send a test" posts the config's id to the console's test action,
 * which sends one request to the upstream now and shows this page
 * again with what the upstream answered (console_chantest.c) above
 * the list.
 */
#include <stdio.h>
#include <string.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
cfg_row(struct strbuf *out, const void *arg, size_t i)
{
	const struct console_channels_view *v = arg;
	const struct console_chancfg *c = &v->cfgs[i];
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	if ((rc = strbuf_addstr(out, "<tr><td>")) != 0 ||
	    (rc = render_esc_str(out, c->kind)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td><code>")) != 0 ||
	    (rc = render_esc_str(out, c->code)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></td><td>")) != 0 ||
	    (rc = render_esc_str(out, c->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_esc_str(out, c->url)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/channels/test",
		 v->csrf, "chan.test", "id", id, NULL)) != 0 ||
	    (rc = strbuf_addstr(out, " ")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/channels/delete",
		 v->csrf, "app.delete", "id", id, "app.confirm")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
console_channels_page(struct strbuf *out,
    const struct console_channels_view *v)
{
	static const char *const cols[] = { "app.kind", "app.code",
		"token.name", "app.target", "token.actions" };
	static const struct console_opt methods[] = { { "", "POST" },
		{ "GET", "GET" }, { "POST", "POST" }, { "PUT", "PUT" },
		{ "PATCH", "PATCH" }, { "DELETE", "DELETE" } };
	const struct console_field add[] = {
		{ .type = CF_TEXT,
		    .name = "code",
		    .label = "chan.code",
		    .value = v->code,
		    .error = v->err_code,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "chan.name",
		    .value = v->name,
		    .error = v->err_name,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_SELECT,
		    .name = "type",
		    .label = "chan.type",
		    .value = v->type,
		    .error = v->err_type,
		    .opts = v->types,
		    .n_opts = v->n_types },
		{ .type = CF_URL,
		    .name = "url",
		    .label = "chan.url",
		    .value = v->url,
		    .error = v->err_url,
		    .required = 1 },
		{ .type = CF_SELECT,
		    .name = "method",
		    .label = "chan.method",
		    .value = v->method,
		    .opts = methods,
		    .n_opts = NELEM(methods) },
		{ .type = CF_CODE,
		    .name = "headers",
		    .label = "chan.headers",
		    .value = v->headers },
		{ .type = CF_CODE,
		    .name = "body",
		    .label = "chan.body",
		    .value = v->body,
		    .error = v->err_custom,
		    .hint = "chan.custom.hint" },
	};
	const struct console_form f = { .action = "/console/channels/add",
		.csrf = v->csrf,
		.submit = "chan.add",
		.id = "add" };
	const struct console_table t = { cols, NELEM(cols), v->n, cfg_row, v };
	int rc;

	if ((rc = console_chantest_result(out, v)) != 0 ||
	    (rc = console_hint(out, v->lang, "chan.hint")) != 0)
		return rc;
	rc = console_table(out, v->lang, &t);
	if (rc != 0 || (rc = console_h2(out, v->lang, "chan.add")) != 0)
		return rc;
	return console_form(out, v->lang, &f, add, NELEM(add));
}
