/*
 * account.c: the pages of a person signed in (issue 10 §1): the
 * account part of /me, a sign-in link's page, the sign-in page and
 * "add this phone".
 *
 * The token is shown masked (its first and last four digits); the full
 * value sits in a <details> element, so it shows only when the person
 * opens it, beside a copy button (/static/copy.js: pages run no inline
 * script).  It appears in the page's body only, never in a link: links
 * end up in histories, logs and Referer headers.
 *
 * Every form posts to feige with the hidden csrf field (render_csrf();
 * api/csrf.c checks it).  Sessions are listed newest use first with
 * when they began and were last seen (UTC+8, as every page prints
 * times), the browser's User-Agent and address, the current one
 * marked.
 */
#include <string.h>

#include "util/errors.h"
#include "render/render.h"
#include "render/render_int.h"

/* <form method="post" action="ACTION">, csrf field, one button. */
static int
button_form(struct strbuf *out, const char *action, const char *csrf,
    const char *label, const char *cls)
{
	int rc;

	if ((rc = strbuf_addf(out, "<form method=\"post\" action=\"%s\" "
	    "class=\"fg-inline\">", action)) != 0 ||
	    (rc = render_csrf(out, csrf)) != 0 ||
	    (rc = strbuf_addf(out, "<button type=\"submit\" class=\"%s\">",
	    cls)) != 0 || (rc = render_esc_str(out, label)) != 0)
		return rc;
	return strbuf_addstr(out, "</button></form>");
}

static int
token_part(struct strbuf *out, const struct render_account *a)
{
	size_t n = strlen(a->token);
	int rc;

	if ((rc = strbuf_addstr(out, "<h2>我的令牌 (my token)</h2><p "
	    "class=\"fg-uid\"><code>")) != 0 ||
	    (rc = strbuf_add(out, a->token, n < 4 ? n : 4)) != 0 ||
	    (rc = strbuf_addstr(out, "••••••••••••••••••••••••")) != 0 ||
	    (n > 8 && (rc = strbuf_add(out, a->token + n - 4, 4)) != 0) ||
	    (rc = strbuf_addstr(out, "</code></p><details class=\"fg-reveal\">"
	    "<summary>显示 (reveal)</summary><div class=\"fg-spt\"><input "
	    "id=\"fg-token\" readonly value=\"")) != 0 ||
	    (rc = render_esc_str(out, a->token)) != 0 ||
	    (rc = strbuf_addstr(out, "\" aria-label=\"token\"><button "
	    "type=\"button\" class=\"fg-copy\" data-copy=\"fg-token\">复制 "
	    "(copy)</button></div></details><p class=\"fg-text\">用它调用推送"
	    "接口（/send 的 token）。令牌就像密码；泄露了就换一个：旧令牌立即失效。"
	    "</p>")) != 0)
		return rc;
	return button_form(out, "/me/token", a->csrf, "更换令牌 (rotate my "
	    "token)", "fg-danger");
}

static int
session_item(struct strbuf *out, const struct render_session *s)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<li>")) != 0 ||
	    (rc = render_span(out, "fg-agent", *s->agent ? s->agent :
	    "(unknown browser)")) != 0 ||
	    (s->current && (rc = strbuf_addstr(out, " <em>当前 (this "
	    "browser)</em>")) != 0) ||
	    (rc = strbuf_addstr(out, "<br><small>登录 ")) != 0 ||
	    (rc = render_time(out, s->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, " · 最近 ")) != 0 ||
	    (rc = render_time(out, s->last_seen_ms)) != 0 ||
	    (rc = strbuf_addstr(out, " · ")) != 0 ||
	    (rc = render_esc_str(out, s->ip)) != 0)
		return rc;
	return strbuf_addstr(out, "</small></li>");
}

static int
sessions_part(struct strbuf *out, const struct render_account *a)
{
	size_t i;
	int rc;

	if ((rc = strbuf_addstr(out, "<h2>登录的设备 (sessions)</h2>"
	    "<ul class=\"fg-sessions\">")) != 0)
		return rc;
	for (i = 0; i < a->n_sessions; i++)
		if ((rc = session_item(out, &a->sessions[i])) != 0)
			return rc;
	if ((rc = strbuf_addstr(out, "</ul><p>")) != 0 ||
	    (rc = button_form(out, "/me/sessions/end", a->csrf, "退出其他设备 "
	    "(sign out other sessions)", "fg-danger")) != 0 ||
	    (rc = strbuf_addstr(out, " ")) != 0 ||
	    (rc = button_form(out, "/logout", a->csrf, "退出登录 (sign out)",
	    "")) != 0)
		return rc;
	return strbuf_addstr(out, "</p><p><a href=\"/me/phone\">添加这部手机 "
	    "(add a phone: a sign-in QR code)</a></p>");
}

int
render_account(struct strbuf *out, const struct render_account *a)
{
	int rc;

	if ((rc = token_part(out, a)) != 0)
		return rc;
	if (a->signed_in && (rc = sessions_part(out, a)) != 0)
		return rc;
	if (!a->signed_in && (rc = strbuf_addstr(out, "<p class=\"fg-text\">"
	    "这个页面是用令牌打开的；<a href=\"/login\">登录</a>后可以管理登录的设备。"
	    "</p>")) != 0)
		return rc;
	return strbuf_addstr(out, "<script src=\"/static/copy.js\" defer>"
	    "</script>");
}

int
render_login_link_page(struct strbuf *out, const char *action,
    const char *csrf, const char *uid)
{
	int rc;

	if ((rc = render_small_head(out, "登录 feige (sign in)")) != 0 ||
	    (rc = strbuf_addstr(out, "<h1>登录 feige</h1>")) != 0 ||
	    (rc = strbuf_addstr(out, "<p class=\"fg-text\">用这个一次性链接登录"
	    "到你的收件箱（")) != 0 || (rc = render_esc_str(out, uid)) != 0 ||
	    (rc = strbuf_addstr(out, "）。链接只能用一次，15分钟内有效。</p>"
	    "<form method=\"post\" action=\"")) != 0 ||
	    (rc = render_esc_str(out, action)) != 0 ||
	    (rc = strbuf_addstr(out, "\">")) != 0 ||
	    (rc = render_csrf(out, csrf)) != 0 ||
	    (rc = strbuf_addstr(out, "<button type=\"submit\" class=\"fg-follow\">"
	    "登录 (sign in)</button></form><p class=\"fg-text\">不是你要求的链接？"
	    "关掉这个页面即可，什么都不会发生。</p>")) != 0)
		return rc;
	return render_small_tail(out);
}

int
render_login_page(struct strbuf *out, const char *csrf, const char *next,
    const char *notice)
{
	int rc, i;

	if ((rc = render_small_head(out, "登录 feige (sign in)")) != 0 ||
	    (rc = strbuf_addstr(out, "<h1>登录 feige</h1>")) != 0 ||
	    (notice && ((rc = strbuf_addstr(out, "<p class=\"fg-ok\">")) != 0 ||
	    (rc = render_esc_str(out, notice)) != 0 ||
	    (rc = strbuf_addstr(out, "</p>")) != 0)))
		return rc;
	for (i = 0; i < 2; i++) {
		if ((rc = strbuf_addf(out, "<h2>%s</h2><form method=\"post\" "
		    "action=\"%s\">", i ? "用邮件登录 (e-mail me a link)" :
		    "用密码登录 (password)", i ? "/login/mail" :
		    "/login/password")) != 0 ||
		    (rc = render_csrf(out, csrf)) != 0 ||
		    (rc = strbuf_addstr(out, "<input type=\"hidden\" "
		    "name=\"next\" value=\"")) != 0 ||
		    (rc = render_esc_str(out, next ? next : "/me")) != 0 ||
		    (rc = strbuf_addstr(out, "\">")) != 0)
			return rc;
		if (i)
			rc = strbuf_addstr(out, "<p><input name=\"email\" "
			    "type=\"email\" autocomplete=\"email\" required "
			    "placeholder=\"you@example.com\" aria-label=\"e-mail\">"
			    "</p><button type=\"submit\">发送登录链接 (send)"
			    "</button></form>");
		else
			rc = strbuf_addstr(out, "<p><input name=\"user\" "
			    "autocomplete=\"username\" required placeholder=\""
			    "UID 或邮箱 (UID or e-mail)\" aria-label=\"UID\"></p>"
			    "<p><input name=\"password\" type=\"password\" "
			    "autocomplete=\"current-password\" required "
			    "aria-label=\"password\" placeholder=\"密码 (password)"
			    "\"></p><button type=\"submit\" class=\"fg-follow\">"
			    "登录 (sign in)</button></form>");
		if (rc != 0)
			return rc;
	}
	if ((rc = strbuf_addstr(out, "<p class=\"fg-text\">也可以让管理员运行 "
	    "<code>feige user login-link UID</code> 给你一个登录链接，或在已登录的"
	    "手机上打开“添加这部手机”扫码。</p>")) != 0)
		return rc;
	return render_small_tail(out);
}

int
render_phone_page(struct strbuf *out, const char *link, int minutes)
{
	int rc;

	if ((rc = render_small_head(out, "添加这部手机 (add a phone)")) != 0 ||
	    (rc = strbuf_addstr(out, "<h1>添加这部手机</h1><p class=\"fg-text\">"
	    "用另一部手机扫描这个二维码，即可登录到同一个收件箱。")) != 0 ||
	    (rc = strbuf_addf(out, "二维码只能用一次，%d分钟内有效；不要给别人看。"
	    "</p><figure class=\"fg-qr fg-qr-login\">", minutes)) != 0 ||
	    (rc = render_qr_svg(out, link)) != 0 ||
	    (rc = strbuf_addstr(out, "<figcaption>scan with the other phone"
	    "</figcaption></figure><p><a href=\"/me\">返回 (back)</a></p>"))
	    != 0)
		return rc;
	return render_small_tail(out);
}
