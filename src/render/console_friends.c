/*
 * console_friends.c: the console's friends (issue 12): the person's
 * friends with their friend token (the `to` of a send), a remark each
 * (a small form per row), remove, and a friend link with its QR code
 * (the /join/CODE page of the open API's friend/getQrCode).
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
remark_form(struct strbuf *out, const struct console_friends_view *v,
    const struct console_member *m)
{
	char id[24], fid[32];
	const struct console_field fs[] = {
		{ .type = CF_HIDDEN, .name = "id", .value = id },
		{ .type = CF_TEXT,
		    .name = "remark",
		    .label = "app.remark",
		    .value = m->remark,
		    .maxlen = 100 },
	};
	const struct console_form f = { .action = "/console/friends/remark",
		.csrf = v->csrf,
		.submit = "fr.remark.save",
		.id = fid };

	snprintf(id, sizeof(id), "%lld", (long long)m->id);
	snprintf(fid, sizeof(fid), "r%lld", (long long)m->id);
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}

static int
row(struct strbuf *out, const void *arg, size_t i)
{
	const struct console_friends_view *v = arg;
	const struct console_member *m = &v->friends[i];
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)m->id);
	if ((rc = strbuf_addstr(out, "<tr><td><code>")) != 0 ||
	    (rc = render_esc_str(out, m->uid)) != 0 ||
	    (rc = strbuf_addstr(out, "</code><br>")) != 0 ||
	    (rc = render_esc_str(out, m->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td><code>")) != 0 ||
	    (rc = render_esc_str(out, m->token)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></td><td>")) != 0 ||
	    (rc = remark_form(out, v, m)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/friends/remove",
		 v->csrf, "app.delete", "id", id, "fr.remove.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
console_friends_page(struct strbuf *out, const struct console_friends_view *v)
{
	static const char *const cols[] = { "token.uid", "fr.token",
		"app.remark", "token.actions" };
	const struct console_table t = { cols, NELEM(cols), v->n, row, v };
	int rc;

	if ((rc = console_hint(out, v->lang, "fr.hint")) != 0)
		return rc;
	if (v->link &&
	    (rc = console_join_link(out, v->lang, "fr.link.made", v->link,
		 v->link_code, "fr.qr")) != 0)
		return rc;
	if ((rc = console_button(out, v->lang, "/console/friends/link",
		 v->csrf, "fr.link", NULL, NULL, NULL)) != 0)
		return rc;
	return console_table(out, v->lang, &t);
}
