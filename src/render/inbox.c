/*
 * inbox.c: render_inbox_page(), a user's list of messages.
 *
 * The page is feige's own, served with RENDER_PAGE_CSP: it links
 * /static/feige.css and /static/inbox.js and contains no inline script.
 * The user's token reaches the script through <body data-token="…">
 * (escaped like any attribute); inbox.js opens the SSE stream with it and
 * prepends new messages to <ul id="fg-list">, whose items look exactly
 * like the ones written here:
 *
 *	<li data-id="ID"><a href="/message/SHORTCODE">
 *	  <div class="fg-li-top"><span class="fg-li-t">TITLE</span>
 *	  <time>yyyy-MM-dd HH:mm:ss</time></div>
 *	  <span class="fg-li-from">APP · TOPIC</span>
 *	  <div class="fg-li-p">PREVIEW</div></a></li>
 *
 * The fg-li-from line is there for WxPusher sends only: the app that
 * sent the message and the topic it came through, never the
 * developer's account.
 * Items arrive newest first and keep that order.  An item without a title
 * shows a preview of its content as the title (and no preview line).
 */
#include <inttypes.h>
#include <string.h>

#include "util/errors.h"
#include "render/render.h"
#include "render/render_int.h"

#define ITEM_TITLE_CHARS	40
#define ITEM_PREVIEW_CHARS	80

/* A path segment: unreserved bytes as they are, the rest %XX. */
static int
add_segment(struct strbuf *out, const char *s)
{
	return s ? strbuf_add_url(out, s, strlen(s)) : 0;
}

static int
item(struct strbuf *out, const struct render_inbox_item *it)
{
	struct strbuf title = STRBUF_INIT, prev = STRBUF_INIT;
	int rc;

	(void)render_preview(&prev, it->tpl, it->content, it->content_len,
	    ITEM_PREVIEW_CHARS);
	if (it->title && *it->title)
		(void)render_utf8(&title, it->title, strlen(it->title));
	else {
		(void)render_preview(&title, it->tpl, it->content,
		    it->content_len, ITEM_TITLE_CHARS);
		strbuf_reset(&prev);
	}
	if (title.len == 0)
		(void)strbuf_addstr(&title, "无标题");
	if ((rc = strbuf_addf(out, "<li data-id=\"%" PRId64 "\"><a href=\""
	    "/message/", it->id)) == 0 &&
	    (rc = add_segment(out, it->short_code)) == 0 &&
	    (rc = strbuf_addstr(out, "\"><div class=\"fg-li-top\">"
	    "<span class=\"fg-li-t\">")) == 0 &&
	    (rc = render_esc(out, title.buf, title.len)) == 0 &&
	    (rc = strbuf_addstr(out, "</span><time>")) == 0 &&
	    (rc = render_time(out, it->created_ms)) == 0 &&
	    (rc = strbuf_addstr(out, "</time></div>")) == 0)
		rc = render_span(out, "fg-li-from", it->from);
	if (rc == 0 && prev.len)
		if ((rc = strbuf_addstr(out, "<div class=\"fg-li-p\">")) == 0 &&
		    (rc = render_esc(out, prev.buf, prev.len)) == 0)
			rc = strbuf_addstr(out, "</div>");
	if (rc == 0)
		rc = strbuf_addstr(out, "</a></li>\n");
	strbuf_release(&title);
	strbuf_release(&prev);
	return rc;
}

int
render_inbox_page(struct strbuf *out, const struct render_inbox *in,
    struct strbuf *err)
{
	size_t start = out->len, i;
	int rc;

	if ((rc = render_page_top(out, "收件箱 · feige")) != 0 ||
	    (rc = strbuf_addstr(out, "<link rel=\"stylesheet\" "
	    "href=\"/static/feige.css\">\n"
	    "<script src=\"/static/inbox.js\" defer></script>\n"
	    "</head>\n<body data-token=\"")) != 0 ||
	    (rc = render_esc_str(out, in->token)) != 0 ||
	    (rc = strbuf_addstr(out, "\"><main class=\"fg-inbox\">"
	    "<header class=\"fg-bar\"><h1>收件箱</h1>")) != 0)
		goto fail;
	if ((rc = render_span(out, "fg-user", in->user_name)) != 0)
		goto fail;
	if ((rc = strbuf_addstr(out, "<span id=\"fg-live\" class=\"fg-live\">"
	    "离线</span></header>\n<ul id=\"fg-list\" class=\"fg-list\">\n"))
	    != 0)
		goto fail;
	for (i = 0; i < in->n_items; i++)
		if ((rc = item(out, &in->items[i])) != 0)
			goto fail;
	if ((rc = strbuf_addf(out, "</ul>\n<p id=\"fg-empty\" "
	    "class=\"fg-empty\"%s>暂无消息</p>\n</main></body></html>\n",
	    in->n_items ? " hidden" : "")) == 0)
		return 0;
fail:
	strbuf_setlen(out, start);
	if (err)
		(void)strbuf_setf(err, "inbox page: %s (output cap %zu bytes)",
		    fg_strerror(rc), out->cap);
	return rc;
}
