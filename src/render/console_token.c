/*
 * console_token.c: the console's first page, "my token" (issue 12):
 * the UID and the send token (masked, revealed on request with a copy
 * button), rotating it (the operation of `feige user reset-token`: the
 * old token stops at once), and the message tokens (name, expiry,
 * delete; the add form keeps what was typed when it is refused).
 *
 * The SPT (WxPusher's simple-push token) is shown when the person has
 * one, else /me's button makes it.  Devices, WeChat and ClawBot binding
 * live on /me, which the page links.
 *
 * The token is in the page body only, never in a URL.  It is masked by
 * default (first and last four characters) the way /me shows it, and
 * the full value sits in a closed <details>, so a screen shared by
 * accident shows nothing usable.
 */
#include <stdio.h>
#include <string.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
masked(struct strbuf *out, const char *t)
{
	size_t n = strlen(t);
	int rc;

	if ((rc = strbuf_addstr(out, "<p><code>")) != 0 ||
	    (rc = render_esc(out, t, n < 4 ? n : 4)) != 0 ||
	    (rc = strbuf_addstr(out, "••••••••••••••••")) != 0 ||
	    (n > 8 && (rc = render_esc(out, t + n - 4, 4)) != 0))
		return rc;
	return strbuf_addstr(out, "</code></p>");
}

static int
token_part(struct strbuf *out, const struct console_token_view *v)
{
	int rc;

	if ((rc = console_copy(out, v->lang, "con-uid", "token.uid",
		 v->uid)) != 0 ||
	    (rc = console_h2(out, v->lang, "token.token")) != 0 ||
	    (rc = masked(out, v->token)) != 0 ||
	    (rc = strbuf_addstr(out, "<details><summary>")) != 0 ||
	    (rc = console_text(out, v->lang, "token.reveal")) != 0 ||
	    (rc = strbuf_addstr(out, "</summary>")) != 0 ||
	    (rc = console_copy(out, v->lang, "con-token", "token.token",
		 v->token)) != 0 ||
	    (rc = strbuf_addstr(out, "</details>")) != 0 ||
	    (rc = console_hint(out, v->lang, "token.hint")) != 0)
		return rc;
	if ((rc = console_button(out, v->lang, "/console/token/rotate",
		 v->csrf, "token.rotate", NULL, NULL, "token.rotate.q")) !=
		0 ||
	    (rc = console_h2(out, v->lang, "token.spt")) != 0)
		return rc;
	if (v->spt && *v->spt)
		rc = console_copy(out, v->lang, "con-spt", "token.spt",
		    v->spt);
	else /* /me's button: the SPT is made on first use (wx_me.c) */
		rc = console_button(out, v->lang, "/me/spt", v->csrf,
		    "token.spt.get", NULL, NULL, NULL);
	if (rc != 0 ||
	    (rc = console_hint(out, v->lang, "token.spt.hint")) != 0)
		return rc;
	if ((rc = strbuf_addstr(out, "<p><a href=\"/me\">")) != 0 ||
	    (rc = console_text(out, v->lang, "token.me")) != 0)
		return rc;
	return strbuf_addstr(out, "</a></p>");
}

static int
tok_row(struct strbuf *out, const struct console_token_view *v,
    const struct console_msgtok *t)
{
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)t->id);
	if ((rc = strbuf_addstr(out, "<tr><td>")) != 0 ||
	    (rc = render_esc_str(out, t->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td><code>")) != 0 ||
	    (rc = render_esc_str(out, t->token)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></td><td>")) != 0)
		return rc;
	if (t->expire_ms > 0)
		rc = render_time(out, t->expire_ms);
	else
		rc = console_text(out, v->lang, "token.never");
	if (rc != 0 || (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/token/delete",
		 v->csrf, "app.delete", "id", id, "app.confirm")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

static int
toks_part(struct strbuf *out, const struct console_token_view *v)
{
	const struct console_field add[] = {
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "token.name",
		    .value = v->add_name,
		    .error = v->err_name,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_TEXT,
		    .name = "expire",
		    .label = "token.expire",
		    .value = v->add_expire,
		    .error = v->err_expire,
		    .hint = "token.expire.hint" },
	};
	const struct console_form f = { .action = "/console/token/add",
		.csrf = v->csrf,
		.submit = "token.add",
		.id = "add" };
	size_t i;
	int rc;

	if ((rc = console_h2(out, v->lang, "token.msgtoks")) != 0 ||
	    (rc = console_hint(out, v->lang, "token.msgtoks.hint")) != 0)
		return rc;
	if (v->n_toks == 0)
		rc = console_hint(out, v->lang, "app.none");
	else {
		if ((rc = strbuf_addstr(out,
			 "<div class=\"con-table\"><table>"
			 "<thead><tr><th scope=\"col\">")) != 0 ||
		    (rc = console_text(out, v->lang, "token.name")) != 0 ||
		    (rc = strbuf_addstr(out, "</th><th scope=\"col\">")) !=
			0 ||
		    (rc = console_text(out, v->lang, "token.token")) != 0 ||
		    (rc = strbuf_addstr(out, "</th><th scope=\"col\">")) !=
			0 ||
		    (rc = console_text(out, v->lang, "token.expire")) != 0 ||
		    (rc = strbuf_addstr(out, "</th><th scope=\"col\">")) !=
			0 ||
		    (rc = console_text(out, v->lang, "token.actions")) != 0 ||
		    (rc = strbuf_addstr(out, "</th></tr></thead><tbody>")) !=
			0)
			return rc;
		for (i = 0; i < v->n_toks; i++)
			if ((rc = tok_row(out, v, &v->toks[i])) != 0)
				return rc;
		rc = strbuf_addstr(out, "</tbody></table></div>");
	}
	if (rc != 0 || (rc = console_h2(out, v->lang, "token.add")) != 0)
		return rc;
	return console_form(out, v->lang, &f, add, NELEM(add));
}

int
console_token_page(struct strbuf *out, const struct console_token_view *v)
{
	int rc;

	if ((rc = token_part(out, v)) != 0)
		return rc;
	return toks_part(out, v);
}
