/*
 * wx_pages.c: the WxPusher pages a person sees (render.h): the page
 * behind a follow link, the "me" page (UID, follows, unfollow and
 * command forms) and short notices.  The QR codes are qr.c's.
 *
 * Pages are feige's own (RENDER_PAGE_CSP): the stylesheet is
 * /static/feige.css, forms POST to feige itself, and the only script is
 * the SPT page's /static/copy.js (never inline).  Every string from apps
 * or people is escaped.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "util/xmalloc.h"
#include "render/render.h"
#include "render/render_int.h"

static int
para(struct strbuf *out, const char *cls, const char *a, const char *b)
{
	int rc;

	if ((rc = strbuf_addf(out, "<p class=\"%s\">", cls)) != 0 ||
	    (rc = render_esc_str(out, a)) != 0 ||
	    (b && (rc = render_esc_str(out, b)) != 0))
		return rc;
	return strbuf_addstr(out, "</p>");
}

int
render_wx_notice(struct strbuf *out, const char *title, const char *text)
{
	int rc;

	if ((rc = render_small_head(out, title)) != 0 ||
	    (rc = strbuf_addstr(out, "<h1>")) != 0 ||
	    (rc = render_esc_str(out, title)) != 0 ||
	    (rc = strbuf_addstr(out, "</h1>")) != 0 ||
	    (rc = para(out, "fg-text", text, NULL)) != 0 ||
	    (rc = strbuf_addstr(out, "<p><a href=\"/me\">我的关注 (my "
	    "follows)</a></p>")) != 0)
		return rc;
	return render_small_tail(out);
}

/* The 关注 button of a confirmation: a form posting to the link. */
static int
follow_form(struct strbuf *out, const struct render_wx_follow *f)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<form method=\"post\" action=\"")) != 0 ||
	    (rc = render_esc_str(out, f->action)) != 0 ||
	    (rc = strbuf_addstr(out, "\">")) != 0 ||
	    (rc = render_csrf(out, f->csrf)) != 0 ||
	    (rc = strbuf_addstr(out, "<input type=\"hidden\" name=\"src\" "
	    "value=\"")) != 0 ||
	    (rc = render_esc_str(out, f->src ? f->src : "link")) != 0 ||
	    (rc = strbuf_addstr(out, "\">")) != 0 ||
	    (f->anon && (rc = strbuf_addstr(out, "<input type=\"hidden\" "
	    "name=\"new\" value=\"1\">")) != 0))
		return rc;
	if (f->qr && ((rc = strbuf_addstr(out, "<input type=\"hidden\" "
	    "name=\"qr\" value=\"")) != 0 ||
	    (rc = render_esc_str(out, f->qr)) != 0 ||
	    (rc = strbuf_addstr(out, "\">")) != 0))
		return rc;
	if ((rc = strbuf_addstr(out, "<button type=\"submit\" "
	    "class=\"fg-follow\">")) != 0 ||
	    (rc = render_esc_str(out, f->button ? f->button :
	    "关注 (follow)")) != 0 ||
	    (f->anon && (rc = strbuf_addstr(out, " · 创建我的收件箱 (create my "
	    "inbox)")) != 0) ||
	    (rc = strbuf_addstr(out, "</button></form>")) != 0)
		return rc;
	if (f->uid)
		return para(out, "fg-uid", "你的UID：", f->uid);
	if ((rc = para(out, "fg-text", "你还没有登录：按钮会为你创建一个收件箱（一个"
	    "UID），并在这个浏览器里登录。", NULL)) != 0 || f->signin == NULL)
		return rc;
	if ((rc = strbuf_addstr(out, "<p class=\"fg-text\">已有收件箱？<a "
	    "href=\"")) != 0 || (rc = render_esc_str(out, f->signin)) != 0)
		return rc;
	return strbuf_addstr(out, "\">先登录 (sign in first)</a></p>");
}

int
render_wx_follow_page(struct strbuf *out, const struct render_wx_follow *f)
{
	const char *state = f->blocked ? "你已被该应用拉黑，无法关注。" :
	    f->existed ? "你已经关注过了。" : "关注成功！";
	int rc;

	if ((rc = render_small_head(out, f->app_name)) != 0 ||
	    (rc = strbuf_addstr(out, "<h1>")) != 0 ||
	    (rc = render_esc_str(out, f->app_name)) != 0 ||
	    (f->topic_name && ((rc = strbuf_addstr(out, " · ")) != 0 ||
	    (rc = render_esc_str(out, f->topic_name)) != 0)) ||
	    (rc = strbuf_addstr(out, "</h1>")) != 0)
		return rc;
	if (f->description && *f->description &&
	    (rc = para(out, "fg-desc", f->description, NULL)) != 0)
		return rc;
	if (f->action && f->qr_img &&
	    ((rc = strbuf_addstr(out, "<figure class=\"fg-qr\"><img src=\""))
	    != 0 || (rc = render_esc_str(out, f->qr_img)) != 0 ||
	    (rc = strbuf_addstr(out, "\" alt=\"二维码 (QR code)\" width=\"160\" "
	    "height=\"160\"><figcaption>用手机扫码打开 (scan with a phone)"
	    "</figcaption></figure>")) != 0))
		return rc;
	if (f->action)
		rc = follow_form(out, f);
	else if ((rc = para(out, f->blocked ? "fg-status" : "fg-ok", state,
	    NULL)) == 0 && f->uid)
		rc = para(out, "fg-uid", "你的UID：", f->uid);
	if (rc != 0)
		return rc;
	if (f->action && f->wechat_id &&
	    (rc = render_wechat_bind_form(out, f->topic_name ? "topic" : "app",
	    f->wechat_id, f->csrf)) != 0)
		return rc;
	if (f->wechat_me &&
	    (rc = render_wechat_bind_form(out, "me", 0, f->csrf)) != 0)
		return rc;
	if (f->uid && (rc = strbuf_addstr(out, "<p><a href=\"/inbox\">收件箱 "
	    "(inbox)</a> · <a href=\"/me\">我的关注 (my follows)</a></p>")) != 0)
		return rc;
	if (f->contact && *f->contact &&
	    (rc = para(out, "fg-contact", "联系方式：", f->contact)) != 0)
		return rc;
	return render_small_tail(out);
}

int
render_wx_me_page(struct strbuf *out, const struct render_wx_me *me)
{
	size_t i;
	int rc;

	if ((rc = render_small_head(out, "我的关注")) != 0 ||
	    (rc = strbuf_addstr(out, "<h1>我的关注</h1>")) != 0 ||
	    (rc = para(out, "fg-uid", "你的UID：", me->uid)) != 0 ||
	    (rc = strbuf_addstr(out, "<p><a href=\"/inbox\">收件箱 (inbox)"
	    "</a></p>")) != 0)
		return rc;
	if (me->n == 0 && (rc = para(out, "fg-text", "你还没有关注任何应用。",
	    NULL)) != 0)
		return rc;
	if (me->n && (rc = strbuf_addstr(out, "<ul class=\"fg-follows\">")) != 0)
		return rc;
	for (i = 0; i < me->n; i++) {
		const struct render_wx_me_item *it = &me->items[i];

		if ((rc = strbuf_addf(out, "<li><span class=\"fg-tag\">%s %lld"
		    "</span> ", it->is_topic ? "主题" : "应用",
		    (long long)it->target_id)) != 0 ||
		    (rc = render_esc_str(out, it->name)) != 0)
			return rc;
		if (it->settings &&
		    ((rc = strbuf_addstr(out, " <a class=\"fg-settings\" "
		    "rel=\"noopener noreferrer\" href=\"")) != 0 ||
		    (rc = render_esc_str(out, it->settings)) != 0 ||
		    (rc = strbuf_addstr(out, "\">设置 (settings)</a>")) != 0))
			return rc;
		if (it->blocked)
			rc = strbuf_addstr(out, " <em>（已被拉黑）</em>");
		else
			rc = strbuf_addstr(out, " <form method=\"post\" "
			    "action=\"/me/unfollow\" class=\"fg-inline\">");
		if (rc == 0 && !it->blocked &&
		    (rc = render_csrf(out, me->csrf)) == 0)
			rc = strbuf_addf(out, "<input type=\"hidden\" "
			    "name=\"id\" value=\"%lld\"><button type=\"submit\">"
			    "取消关注</button></form>", (long long)it->id);
		if (rc != 0 || (rc = strbuf_addstr(out, "</li>")) != 0)
			return rc;
	}
	if (me->n && (rc = strbuf_addstr(out, "</ul>")) != 0)
		return rc;
	if (me->wechat &&
	    (rc = render_wechat_bind_form(out, "me", 0, me->csrf)) != 0)
		return rc;
	if (me->clawbot && (rc = render_clawbot_me_block(out)) != 0)
		return rc;
	if ((rc = strbuf_addstr(out, "<h2>我的SPT (simple push)</h2>"
	    "<form method=\"post\" action=\"/me/spt\">")) != 0 ||
	    (rc = render_csrf(out, me->csrf)) != 0 ||
	    (rc = strbuf_addstr(out, "<button type=\"submit\">"
	    "获取我的SPT</button></form>")) != 0)
		return rc;
	if ((rc = strbuf_addstr(out, "<h2>发送指令 (command)</h2><form "
	    "method=\"post\" action=\"/me/uplink\">")) != 0 ||
	    (rc = render_csrf(out, me->csrf)) != 0 ||
	    (rc = strbuf_addstr(out, "<input name=\"content\" "
	    "placeholder=\"#应用ID 内容\" maxlength=\"2000\" required> "
	    "<button type=\"submit\">发送</button></form><p class=\"fg-text\">"
	    "格式：#{appId} 内容，例如 #97 测试；只发 #{appId} 表示关注该应用。"
	    "</p>")) != 0)
		return rc;
	if (me->acct && (rc = render_account(out, me->acct)) != 0)
		return rc;
	return render_small_tail(out);
}

int
render_wx_spt_page(struct strbuf *out, const char *uid, const char *spt)
{
	int rc;

	if ((rc = render_small_head(out, "我的SPT")) != 0 ||
	    (rc = strbuf_addstr(out, "<h1>我的SPT</h1>")) != 0 ||
	    (rc = para(out, "fg-uid", "你的UID：", uid)) != 0 ||
	    (rc = strbuf_addstr(out, "<div class=\"fg-spt\"><input "
	    "id=\"fg-spt\" readonly value=\"")) != 0 ||
	    (rc = render_esc_str(out, spt)) != 0 ||
	    (rc = strbuf_addstr(out, "\" aria-label=\"SPT\"><button "
	    "type=\"button\" class=\"fg-copy\" data-copy=\"fg-spt\">复制 "
	    "(copy)</button></div>")) != 0 ||
	    (rc = para(out, "fg-text", "用它给自己发消息：GET /api/send/message/"
	    "{SPT}/{内容}，或 POST /api/send/message/simple-push。"
	    "SPT就像密码，不要告诉别人。", NULL)) != 0 ||
	    (rc = strbuf_addstr(out, "<p><a href=\"/me\">我的关注 (my "
	    "follows)</a></p><script src=\"/static/copy.js\" defer>"
	    "</script>")) != 0)
		return rc;
	return render_small_tail(out);
}

/* ---- the operator's WeChat official account (issue 11 §1) ---------- */

int
render_wechat_bind_form(struct strbuf *out, const char *what, long long id,
    const char *csrf)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<section class=\"fg-wechat\"><h2>"
	    "微信通知 (WeChat)</h2><form method=\"post\" action=\"/wechat/bind\">"
	    )) != 0 || (rc = render_csrf(out, csrf)) != 0 ||
	    (rc = strbuf_addstr(out,
	    "<input type=\"hidden\" name=\"for\" value=\"")) != 0 ||
	    (rc = render_esc_str(out, what)) != 0 ||
	    (rc = strbuf_addf(out, "\"><input type=\"hidden\" name=\"id\" "
	    "value=\"%lld\"><button type=\"submit\" class=\"fg-wechat-bind\">",
	    id)) != 0)
		return rc;
	return strbuf_addstr(out, strcmp(what, "me") == 0 ?
	    "绑定微信 (bind WeChat)</button></form><p class=\"fg-text\">"
	    "用微信扫码关注公众号，消息就会推送到你的微信。</p></section>" :
	    "用微信扫码关注 (follow in WeChat)</button></form><p "
	    "class=\"fg-text\">用微信扫码关注公众号即关注本应用，消息推送到"
	    "微信。</p></section>");
}

int
render_wechat_qr_page(struct strbuf *out, const struct render_wechat_qr *q)
{
	struct strbuf png = STRBUF_INIT;
	char *b64;
	size_t n;
	int rc;

	if ((rc = render_qr_png(&png, q->qr_text, 6)) != 0) {
		strbuf_release(&png);
		return rc;
	}
	n = sodium_base64_encoded_len(png.len, sodium_base64_VARIANT_ORIGINAL);
	b64 = xmalloc(n);
	sodium_bin2base64(b64, n, (const unsigned char *)png.buf, png.len,
	    sodium_base64_VARIANT_ORIGINAL);
	strbuf_release(&png);
	if ((rc = render_small_head(out, q->title)) != 0 ||
	    (rc = strbuf_addstr(out, "<h1>")) != 0 ||
	    (rc = render_esc_str(out, q->title)) != 0 ||
	    (rc = strbuf_addstr(out, "</h1><figure class=\"fg-qr\"><img "
	    "id=\"fg-wechat-qr\" src=\"data:image/png;base64,")) != 0 ||
	    (rc = strbuf_addstr(out, b64)) != 0 ||
	    (rc = strbuf_addf(out, "\" alt=\"微信二维码 (WeChat QR code)\">"
	    "<figcaption>用微信扫一扫，%d分钟内有效，只能用一次 (scan with "
	    "WeChat within %d minutes, once)</figcaption></figure>",
	    (q->ttl_s + 59) / 60, (q->ttl_s + 59) / 60)) != 0 ||
	    (rc = strbuf_addstr(out, "<p><a class=\"fg-wechat-img\" "
	    "rel=\"noopener noreferrer\" href=\"")) != 0 ||
	    (rc = render_esc_str(out, q->image_url)) != 0 ||
	    (rc = strbuf_addstr(out, "\">微信的二维码图片 (WeChat's image)"
	    "</a> · <a href=\"/me\">我的 (me)</a></p>")) != 0)
		goto out;
	rc = render_small_tail(out);
out:
	free(b64);
	return rc;
}
