/*
 * console_wx.c: the console's WxPusher apps (issue 12): the person's
 * apps with a create form, and one app: its appToken (copy, reset),
 * the follow link with its PNG QR code (/qrcode/app-ID.png, the code
 * the WxPusher API hands out) and the edit form (name, description,
 * callback URL, settings URL).
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
app_row(struct strbuf *out, const void *arg, size_t i)
{
	const struct console_wxapps_view *v = arg;
	const struct console_wxapp *a = &v->apps[i];
	int rc;

	if ((rc = strbuf_addf(out, "<tr><td><a href=\"/console/wx/%lld\">",
		 (long long)a->id)) != 0 ||
	    (rc = render_esc_str(out, a->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</a></td><td>")) != 0 ||
	    (rc = render_esc_str(out, a->description)) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
console_wxapps_page(struct strbuf *out, const struct console_wxapps_view *v)
{
	static const char *const cols[] = { "wx.name", "wx.desc" };
	const struct console_field add[] = {
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "wx.name",
		    .value = v->name,
		    .error = v->err_name,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_URL,
		    .name = "callback",
		    .label = "wx.callback",
		    .value = v->callback,
		    .error = v->err_callback,
		    .hint = "wx.callback.hint" },
	};
	const struct console_form f = { .action = "/console/wx/add",
		.csrf = v->csrf,
		.submit = "wx.add",
		.id = "add" };
	const struct console_table t = { cols, NELEM(cols), v->n, app_row, v };
	int rc;

	if ((rc = console_hint(out, v->lang, "wx.hint")) != 0)
		return rc;
	rc = console_table(out, v->lang, &t);
	if (rc != 0 || (rc = console_h2(out, v->lang, "wx.add")) != 0 ||
	    (rc = console_form(out, v->lang, &f, add, NELEM(add))) != 0)
		return rc;
	return console_hint(out, v->lang, "wx.more");
}

int
console_wxapp_page(struct strbuf *out, const struct console_wxapp_view *v)
{
	const struct console_wxapp *a = v->app;
	const struct console_field fs[] = {
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "wx.name",
		    .value = a->name,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_TEXTAREA,
		    .name = "description",
		    .label = "wx.desc",
		    .value = a->description },
		{ .type = CF_URL,
		    .name = "callback_url",
		    .label = "wx.callback",
		    .value = a->callback_url,
		    .hint = "wx.callback.hint" },
		{ .type = CF_URL,
		    .name = "settings_url",
		    .label = "wx.settings",
		    .value = a->settings_url },
	};
	char edit[64], reset[64];
	const struct console_form f = { .action = edit,
		.csrf = v->csrf,
		.submit = "app.save",
		.id = "edit" };
	int rc;

	snprintf(edit, sizeof(edit), "/console/wx/%lld/edit",
	    (long long)a->id);
	snprintf(reset, sizeof(reset), "/console/wx/%lld/reset",
	    (long long)a->id);
	if ((rc = strbuf_addstr(out, "<p><a href=\"/console/wx\">← ")) != 0 ||
	    (rc = console_text(out, v->lang, "wx.back")) != 0 ||
	    (rc = strbuf_addf(out, "</a></p><p>appId: <code>%lld</code></p>",
		 (long long)a->id)) != 0 ||
	    (rc = console_copy(out, v->lang, "con-apptoken", "wx.token",
		 a->token)) != 0 ||
	    (rc = console_button(out, v->lang, reset, v->csrf, "wx.reset",
		 NULL, NULL, "wx.reset.q")) != 0 ||
	    (rc = console_h2(out, v->lang, "wx.follow")) != 0 ||
	    (rc = console_copy(out, v->lang, "con-follow", "wx.follow",
		 v->follow)) != 0 ||
	    (rc = strbuf_addf(out,
		 "<p><img class=\"con-qr\" width=\"192\" "
		 "height=\"192\" src=\"/qrcode/app-%lld.png\" alt=\"",
		 (long long)a->id)) != 0 ||
	    (rc = console_text(out, v->lang, "wx.qr")) != 0 ||
	    (rc = strbuf_addstr(out, "\"></p>")) != 0 ||
	    (rc = console_h2(out, v->lang, "wx.edit")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}
