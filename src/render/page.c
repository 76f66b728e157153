/*
 * page.c: render_message_page(), the page a recipient opens for one
 * message: the landing page WeChat's template message would link to.
 *
 * Layout, top to bottom: title, a meta line (sender, topic, UTC+8
 * time, channel), a status line when delivery failed, the note of a
 * form, doc or excel message (card_push.c), then the content
 * fragment from render_content(), and a small footer.  The content comes
 * last so that unbalanced HTML from a sender cannot swallow the header.
 *
 * The page holds no <script> at all and links nothing from feige's
 * origin: it is served with RENDER_MESSAGE_CSP (a sandbox, inline style
 * only), so the stylesheet is inlined.  Every string is escaped except
 * the content of the "html" template, which is the sender's page and is
 * kept inert by that CSP.
 *
 * Title: the sender's, else a preview of the content, else "无标题".
 *
 * The sender of a WxPusher message is its app (and the topic it went
 * to), never the developer's account.  The channel tag says where the
 * message went on this server: "wechat" is delivered to the inbox here
 * (channel/inbox.c), so it is tagged 收件箱, never 微信公众号.
 */
#include <string.h>

#include "util/errors.h"
#include "render/render.h"
#include "render/render_int.h"

#define TITLE_PREVIEW_CHARS	30

static const struct {
	const char	*code;
	const char	*name;
} channels[] = {
	{ "wechat", "收件箱" }, { "webhook", "Webhook" },
	{ "cp", "企业微信" }, { "mail", "邮件" }, { "sms", "短信" },
	{ "inbox", "收件箱" },
};

static int
channel_tag(struct strbuf *out, const char *ch)
{
	const char *name = ch;
	size_t i;
	int rc;

	if (ch == NULL || *ch == '\0')
		return 0;
	for (i = 0; i < NELEM(channels); i++)
		if (strcmp(channels[i].code, ch) == 0)
			name = channels[i].name;
	if ((rc = strbuf_addstr(out, "<span class=\"fg-tag\">")) == 0 &&
	    (rc = render_esc_str(out, name)) == 0)
		rc = strbuf_addstr(out, "</span>");
	return rc;
}

/* The title as plain text: the sender's, a preview, or "无标题". */
static void
page_title(struct strbuf *t, const struct render_message *m)
{
	if (m->title && *m->title) {
		(void)render_utf8(t, m->title, strlen(m->title));
		return;
	}
	if (m->content)
		(void)render_preview(t, m->tpl, m->content, m->content_len,
		    TITLE_PREVIEW_CHARS);
	if (t->len == 0)
		(void)strbuf_addstr(t, "无标题");
}

/* Every page's head up to its title, which is escaped; the rest is open. */
int
render_page_top(struct strbuf *out, const char *title)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">"
	    "<head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">"
	    "<meta name=\"referrer\" content=\"no-referrer\">"
	    "<title>")) != 0 ||
	    (rc = render_esc_str(out, title)) != 0)
		return rc;
	return strbuf_addstr(out, "</title>\n");
}

static int
head(struct strbuf *out, const char *title)
{
	int rc;

	if ((rc = render_page_top(out, title)) != 0 ||
	    (rc = strbuf_addstr(out, "<style>\n")) != 0 ||
	    (rc = strbuf_addstr(out, render_css)) != 0)
		return rc;
	return strbuf_addstr(out, "</style></head>\n");
}

static int
header(struct strbuf *out, const struct render_message *m, const char *title)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<header class=\"fg-head\"><h1>")) != 0 ||
	    (rc = render_esc_str(out, title)) != 0 ||
	    (rc = strbuf_addstr(out, "</h1><div class=\"fg-meta\">")) != 0)
		return rc;
	if ((rc = render_span(out, "fg-sender", m->sender)) != 0)
		return rc;
	if (m->topic && *m->topic &&
	    ((rc = strbuf_addstr(out, "<span class=\"fg-topic\">主题：")) != 0 ||
	    (rc = render_esc_str(out, m->topic)) != 0 ||
	    (rc = strbuf_addstr(out, "</span>")) != 0))
		return rc;
	if (m->created_ms > 0 &&
	    ((rc = strbuf_addstr(out, "<time>")) != 0 ||
	    (rc = render_time(out, m->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</time>")) != 0))
		return rc;
	if ((rc = channel_tag(out, m->channel)) != 0 ||
	    (rc = strbuf_addstr(out, "</div>")) != 0)
		return rc;
	if (m->status == 3 &&
	    ((rc = strbuf_addstr(out, "<div class=\"fg-status\">发送失败"))
	    != 0 || (m->error && *m->error &&
	    ((rc = strbuf_addstr(out, "：")) != 0 ||
	    (rc = render_esc_str(out, m->error)) != 0)) ||
	    (rc = strbuf_addstr(out, "</div>")) != 0))
		return rc;
	if (m->url && (strncmp(m->url, "http://", 7) == 0 ||
	    strncmp(m->url, "https://", 8) == 0) &&
	    ((rc = strbuf_addstr(out, "<p class=\"fg-orig\"><a href=\""))
	    != 0 || (rc = render_esc_str(out, m->url)) != 0 ||
	    (rc = strbuf_addstr(out, "\" rel=\"noopener noreferrer\" "
	    "target=\"_blank\">查看原文 (original link)</a></p>")) != 0))
		return rc;
	if ((rc = render_push_note(out, m)) != 0)
		return rc;
	return strbuf_addstr(out, "</header>\n");
}

int
render_message_page(struct strbuf *out, const struct render_message *m,
    struct strbuf *err)
{
	struct strbuf title = STRBUF_INIT;
	size_t start = out->len;
	int rc;

	page_title(&title, m);
	if ((rc = head(out, title.buf)) == 0 &&
	    (rc = strbuf_addstr(out, "<body><main class=\"fg-msg\">")) == 0 &&
	    (rc = header(out, m, title.buf)) == 0) {
		/* render_content() explains its own failure in err. */
		if ((rc = render_content(out, m->tpl, m->content,
		    m->content_len, err)) != 0)
			goto fail;
		rc = strbuf_addstr(out, "\n<footer class=\"fg-foot\">feige"
		    "</footer></main></body></html>\n");
	}
	if (rc != 0 && err)
		(void)strbuf_setf(err, "message page: %s (output cap %zu "
		    "bytes)", fg_strerror(rc), out->cap);
fail:
	if (rc != 0)
		strbuf_setlen(out, start);
	strbuf_release(&title);
	return rc;
}
