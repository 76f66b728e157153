/*
 * console_openapi.c: the console's open API page (issue 12): whether
 * pushplus's open API is on for the person, whether a secretKey is set
 * (never the key: only its hash is stored), and one form to turn it on
 * or off, set a new secretKey (a password field, empty keeps the old
 * one) and the IP allowlist.
 */
#include "render/console_sender.h"
#include "render/render_int.h"

int
console_openapi_page(struct strbuf *out, const struct console_openapi_view *v)
{
	const struct console_field fs[] = {
		{ .type = CF_CHECK,
		    .name = "enable",
		    .label = "oa.enable",
		    .value = v->enable },
		{ .type = CF_PASSWORD,
		    .name = "secret",
		    .label = "oa.secret",
		    .error = v->err_secret,
		    .hint = "oa.secret.hint",
		    .maxlen = 128 },
		{ .type = CF_TEXT,
		    .name = "ips",
		    .label = "oa.ips",
		    .value = v->ips,
		    .error = v->err_ips,
		    .hint = "oa.ips.hint" },
	};
	const struct console_form f = { .action = "/console/openapi",
		.csrf = v->csrf,
		.submit = "app.save",
		.id = "oa" };
	int rc;

	if ((rc = console_hint(out, v->lang, "oa.hint")) != 0 ||
	    (rc = strbuf_addstr(out, "<p>")) != 0 ||
	    (rc = console_text(out, v->lang,
		 v->enabled ? "oa.on" : "oa.off")) != 0 ||
	    (v->has_secret &&
		((rc = strbuf_addstr(out, " ")) != 0 ||
		    (rc = console_text(out, v->lang, "oa.secret.set")) !=
			0)) ||
	    (rc = strbuf_addstr(out, "</p>")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}
