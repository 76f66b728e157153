/*
 * console_landing.c: the root page "/" (issue 12): what this server
 * is, how to sign in, where the console and the inbox are, the APIs it
 * speaks and where their documentation is.
 *
 * feige does not serve its documentation and does not know where its
 * source is published, so the page names the doc files (they ship with
 * the source and the Debian package) instead of linking a guessed URL.
 * Signed in (uid set), the page links the console and the inbox instead
 * of the sign-in page.  It has the console's frame without navigation.
 */
#include "render/console.h"
#include "render/render_int.h"

static int
li(struct strbuf *out, int lang, const char *key)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<li>")) != 0 ||
	    (rc = console_text(out, lang, key)) != 0)
		return rc;
	return strbuf_addstr(out, "</li>");
}

static int
link(struct strbuf *out, int lang, const char *href, const char *key)
{
	int rc;

	if ((rc = strbuf_addf(out, "<a class=\"con-big\" href=\"%s\">",
		 href)) != 0 ||
	    (rc = console_text(out, lang, key)) != 0)
		return rc;
	return strbuf_addstr(out, "</a> ");
}

int
console_landing(struct strbuf *out, int lang, const char *uid,
    const char *csrf)
{
	struct console_frame f = { .lang = lang,
		.title = "land.title",
		.here = "/",
		.uid = uid,
		.csrf = csrf };
	int rc;

	if ((rc = console_head(out, &f)) != 0 ||
	    (rc = strbuf_addstr(out, "<p>")) != 0 ||
	    (rc = console_text(out, lang, "land.lead")) != 0 ||
	    (rc = strbuf_addstr(out, "</p><p>")) != 0)
		return rc;
	if (uid)
		rc = link(out, lang, "/console", "land.console");
	else
		rc = link(out, lang, "/login?next=/console", "land.signin");
	if (rc != 0 || (rc = link(out, lang, "/inbox", "land.inbox")) != 0 ||
	    (rc = strbuf_addstr(out, "</p>")) != 0)
		return rc;
	if (!uid &&
	    ((rc = console_h2(out, lang, "land.account")) != 0 ||
		(rc = console_hint(out, lang, "land.account.text")) != 0))
		return rc;
	if ((rc = console_h2(out, lang, "land.apis")) != 0 ||
	    (rc = strbuf_addstr(out, "<ul>")) != 0 ||
	    (rc = li(out, lang, "land.api.pp")) != 0 ||
	    (rc = li(out, lang, "land.api.wx")) != 0 ||
	    (rc = li(out, lang, "land.api.inbox")) != 0 ||
	    (rc = strbuf_addstr(out, "</ul>")) != 0 ||
	    (rc = console_h2(out, lang, "land.docs")) != 0 ||
	    (rc = strbuf_addstr(out, "<p>")) != 0 ||
	    (rc = console_text(out, lang, "land.docs.text")) != 0 ||
	    (rc = strbuf_addstr(out, "</p>")) != 0)
		return rc;
	return console_tail(out, &f);
}
