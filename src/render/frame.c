/*
 * frame.c: the frame of feige's own small pages (the WxPusher pages,
 * sign-in, account, ClawBot): the head up to <main>, the foot, and the
 * hidden CSRF field every form carries (api/csrf.c checks it).  The
 * pages' files (wx_pages.c, account.c, clawbot_page.c) all use it; it
 * uses none of them, so a page may embed a block of another page's file
 * without the files depending on each other in a circle.
 *
 * Pages are feige's own (RENDER_PAGE_CSP): the stylesheet is
 * /static/feige.css and no script is inline.
 */
#include "render/render.h"
#include "render/render_int.h"

int
render_small_head(struct strbuf *out, const char *title)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">"
	    "<head><meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"><title>")) != 0 ||
	    (rc = render_esc_str(out, title)) != 0)
		return rc;
	return strbuf_addstr(out, "</title><link rel=\"stylesheet\" "
	    "href=\"/static/feige.css\"></head><body><main class=\"fg-wx\">");
}

int
render_small_tail(struct strbuf *out)
{
	return strbuf_addstr(out, "<footer class=\"fg-foot\">feige</footer>"
	    "</main></body></html>\n");
}

int
render_csrf(struct strbuf *out, const char *token)
{
	int rc;

	if (token == NULL)
		return 0;
	if ((rc = strbuf_addstr(out, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"")) != 0 || (rc = render_esc_str(out, token)) != 0)
		return rc;
	return strbuf_addstr(out, "\">");
}
