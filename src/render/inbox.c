/*
 * inbox.c: render_inbox_page(), a user's list of messages, and
 * render_inbox_from(), the line that says who sent each one.
 *
 * The page is feige's own, served with RENDER_PAGE_CSP: it links
 * /static/feige.css and two module scripts, /static/inbox.js (the live
 * list) and /static/device.js (notifications on this device, adding the
 * inbox to the home screen), and contains no inline script.  It is an
 * installable web app: the head links /manifest.webmanifest, the
 * theme colour and the icons (render/icon.c), so a phone can put it on
 * the home screen, which iOS requires before it offers push.
 * The user's token reaches the scripts through <body data-token="…">
 * (escaped like any attribute); inbox.js opens the SSE stream with it and
 * prepends new messages to <ul id="fg-list">, whose items look exactly
 * like the ones written here:
 *
 *	<li data-id="ID"><a href="/message/SHORTCODE">
 *	  <div class="fg-li-top"><span class="fg-li-t">TITLE</span>
 *	  <time>yyyy-MM-dd HH:mm:ss</time></div>
 *	  <span class="fg-li-from">FROM</span>
 *	  <div class="fg-li-p">PREVIEW</div></a></li>
 *
 * The fg-li-from line says who sent it (render_inbox_from()): the app
 * and topic of a WxPusher send, the group of a pushplus group send, the
 * friend who sent it; none for one's own sends (never the developer's
 * account behind an app).
 * sw.js cuts a recalled message's item out of its offline copy of this
 * page by that shape.
 * Items arrive newest first and keep that order.  An item without a title
 * shows a preview of its content as the title (and no preview line).
 *
 * Language: the page is written in Chinese; elements with
 * data-i18n="key" are the ones the scripts switch to English from the
 * message catalog (web/static/i18n.js), which has the same Chinese
 * texts; the toggle <button id="fg-lang"> names the other language.
 * <section id="fg-device"> stays hidden until device.js fills it.
 */
#include <inttypes.h>
#include <string.h>

#include "util/errors.h"
#include "render/render.h"
#include "render/render_int.h"

#define ITEM_TITLE_CHARS	40

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
	    RENDER_PREVIEW_CHARS);
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
render_inbox_from(struct strbuf *out, const struct render_from *f)
{
	int rc = 0;

	if (f->app && *f->app) {
		rc = strbuf_addstr(out, f->app);
		if (rc == 0 && f->topic && *f->topic)
			rc = strbuf_addf(out, " · %s", f->topic);
	} else if (f->group && *f->group)
		rc = strbuf_addstr(out, f->group);
	else if (f->sender && *f->sender)
		rc = strbuf_addstr(out, f->sender);
	return rc;
}

/* The head: the web app's manifest, colours and icons, styles, scripts. */
#define INBOX_HEAD \
	"<link rel=\"manifest\" href=\"/manifest.webmanifest\">\n" \
	"<meta name=\"theme-color\" content=\"#1664ff\">\n" \
	"<meta name=\"mobile-web-app-capable\" content=\"yes\">\n" \
	"<meta name=\"apple-mobile-web-app-title\" content=\"飞鸽\">\n" \
	"<link rel=\"icon\" type=\"image/png\" sizes=\"192x192\" " \
	"href=\"/static/icon-192.png\">\n" \
	"<link rel=\"apple-touch-icon\" href=\"/static/apple-touch-icon.png\">\n" \
	"<link rel=\"stylesheet\" href=\"/static/feige.css\">\n" \
	"<script type=\"module\" src=\"/static/inbox.js\"></script>\n" \
	"<script type=\"module\" src=\"/static/device.js\"></script>\n" \
	"</head>\n"

int
render_inbox_page(struct strbuf *out, const struct render_inbox *in,
    struct strbuf *err)
{
	size_t start = out->len, i;
	int rc;

	if ((rc = render_page_top(out, "收件箱 · feige")) != 0 ||
	    (rc = strbuf_addstr(out, INBOX_HEAD "<body data-token=\"")) != 0 ||
	    (rc = render_esc_str(out, in->token)) != 0 ||
	    (rc = strbuf_addstr(out, "\"><main class=\"fg-inbox\">"
	    "<header class=\"fg-bar\"><h1 data-i18n=\"inbox.title\">收件箱"
	    "</h1>")) != 0)
		goto fail;
	if ((rc = render_span(out, "fg-user", in->user_name)) != 0)
		goto fail;
	if ((rc = strbuf_addstr(out, "<span id=\"fg-live\" class=\"fg-live\" "
	    "role=\"status\">离线</span><button type=\"button\" "
	    "id=\"fg-lang\" class=\"fg-lang\" lang=\"en\" "
	    "data-i18n=\"lang.switch\" data-i18n-label=\"lang.label\" "
	    "aria-label=\"Switch to English\">English</button></header>\n"
	    "<section id=\"fg-device\" class=\"fg-device\" hidden></section>\n"
	    "<ul id=\"fg-list\" class=\"fg-list\">\n")) != 0)
		goto fail;
	for (i = 0; i < in->n_items; i++)
		if ((rc = item(out, &in->items[i])) != 0)
			goto fail;
	if ((rc = strbuf_addf(out, "</ul>\n<p id=\"fg-empty\" "
	    "class=\"fg-empty\" data-i18n=\"inbox.empty\"%s>暂无消息</p>\n"
	    "</main></body></html>\n", in->n_items ? " hidden" : "")) == 0)
		return 0;
fail:
	strbuf_setlen(out, start);
	if (err)
		(void)strbuf_setf(err, "inbox page: %s (output cap %zu bytes)",
		    fg_strerror(rc), out->cap);
	return rc;
}
