/*
 * console_keys.c: the console's list of the open API's live AccessKeys
 * (issue 12: "active AccessKeys, revoke").  A key is never shown: the
 * store keeps only its hash, whose first hex digits name the key in
 * the list (enough to tell two apart, useless to call the API with),
 * with when it was issued and when it expires; each has a revoke
 * button, and one more revokes them all.
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
row(struct strbuf *out, const struct console_keys_view *v,
    const struct console_key *k)
{
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)k->id);
	if ((rc = strbuf_addstr(out, "<tr><td><code>")) != 0 ||
	    (rc = render_esc_str(out, k->short_id)) != 0 ||
	    (rc = strbuf_addstr(out, "…</code></td><td>")) != 0 ||
	    (rc = render_time(out, k->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_time(out, k->expires_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/keys/revoke", v->csrf,
		 "key.revoke", "id", id, "key.revoke.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
console_keys_page(struct strbuf *out, const struct console_keys_view *v)
{
	static const char *const cols[] = { "key.id", "key.created",
		"key.expires", "token.actions" };
	size_t i;
	int rc;

	if ((rc = console_hint(out, v->lang, "key.hint")) != 0)
		return rc;
	if (v->n == 0)
		return console_hint(out, v->lang, "key.none");
	if ((rc = console_thead(out, v->lang, cols, NELEM(cols))) != 0)
		return rc;
	for (i = 0; i < v->n; i++)
		if ((rc = row(out, v, &v->keys[i])) != 0)
			return rc;
	if ((rc = strbuf_addstr(out, "</tbody></table></div><p>")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/keys/revoke-all",
		 v->csrf, "key.revoke.all", NULL, NULL, "key.revoke.all.q")) !=
		0)
		return rc;
	return strbuf_addstr(out, "</p>");
}
