/*
 * console_wxqr.c: the console's WxPusher parametric QR codes (issue
 * 12): a form making one (the app, the extra the developer's backend
 * gets back with the follow, its life in seconds), and the code just
 * made: its PNG, the follow link it encodes, and the secret that
 * /api/fun/scan-qrcode-uid is polled with (never in the link or the
 * image), each with a copy button.
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
made(struct strbuf *out, const struct console_wxqr_view *v)
{
	int rc;

	if ((rc = strbuf_addstr(out,
		 "<section aria-labelledby=\"qr-h\"><h2 "
		 "id=\"qr-h\">")) != 0 ||
	    (rc = console_text(out, v->lang, "wq.made")) != 0 ||
	    (rc = strbuf_addstr(out,
		 "</h2><p><img class=\"con-qr\" "
		 "width=\"240\" height=\"240\" src=\"/qrcode/")) != 0 ||
	    (rc = render_esc_str(out, v->code)) != 0 ||
	    (rc = strbuf_addstr(out, ".png\" alt=\"")) != 0 ||
	    (rc = console_text(out, v->lang, "wq.alt")) != 0 ||
	    (rc = strbuf_addstr(out, "\"></p>")) != 0 ||
	    (rc = console_copy(out, v->lang, "con-qrlink", "wq.link",
		 v->link)) != 0 ||
	    (rc = console_copy(out, v->lang, "con-qrsecret", "wq.secret",
		 v->secret)) != 0 ||
	    (rc = strbuf_addstr(out, "<p>")) != 0 ||
	    (rc = console_text(out, v->lang, "wq.expires")) != 0 ||
	    (rc = render_time(out, v->expires_ms)) != 0)
		return rc;
	return strbuf_addstr(out, "</p></section>");
}

int
console_wxqr_page(struct strbuf *out, const struct console_wxqr_view *v)
{
	const struct console_field fs[] = {
		{ .type = CF_SELECT,
		    .name = "app",
		    .label = "wq.app",
		    .value = v->app,
		    .error = v->err_app,
		    .opts = v->apps,
		    .n_opts = v->n_apps },
		{ .type = CF_TEXT,
		    .name = "extra",
		    .label = "wq.extra",
		    .value = v->extra,
		    .error = v->err_extra,
		    .hint = "wq.extra.hint",
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_NUMBER,
		    .name = "valid",
		    .label = "wq.valid",
		    .value = v->valid ? v->valid : "1800",
		    .error = v->err_valid,
		    .hint = "wq.valid.hint",
		    .required = 1 },
	};
	const struct console_form f = { .action = "/console/wxqr",
		.csrf = v->csrf,
		.submit = "wq.create",
		.id = "wq" };
	int rc;

	if ((rc = console_hint(out, v->lang, "wq.hint")) != 0)
		return rc;
	if (v->code != NULL && (rc = made(out, v)) != 0)
		return rc;
	if (v->n_apps == 0)
		return console_hint(out, v->lang, "wt.noapps");
	if ((rc = console_h2(out, v->lang, "wq.create")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}
