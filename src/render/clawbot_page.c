/*
 * clawbot_page.c: the person's WeChat ClawBot page (/me/clawbot) and
 * the block on /me that leads there (issue 11 §2).
 *
 * The page says, in plain words, where the person stands: no bot yet
 * (a button that asks for a bind code), a code to scan (its image, the
 * same code as a link for a phone, where it stands; the handler adds a
 * Refresh header so the page reloads every 2 s until the bind is done,
 * no script), or a bound bot with its state: receiving (pushes left and
 * until when), waiting for a reply ("请回复机器人以继续接收": the
 * budget of 10 pushes or the 24 h are used up), or paused (WeChat
 * ended the bot's session; feige tries again after the pause).  Forms
 * POST with the page's CSRF field (the page CSP allows form-action
 * 'self').
 */
#include <stdio.h>
#include <string.h>

#include "render/render.h"
#include "render/render_int.h"

/* A button posting to action, with the page's CSRF field. */
static int
form(struct strbuf *out, const char *action, const char *label,
    const struct render_clawbot *c)
{
	int rc;

	if ((rc = strbuf_addf(out, "<form method=\"post\" action=\"%s\">",
		 action)) ||
	    (rc = render_csrf(out, c->csrf)))
		return rc;
	return strbuf_addf(out, "<button type=\"submit\">%s</button></form>",
	    label);
}

static int
bound(struct strbuf *out, const struct render_clawbot *c)
{
	int rc;

	if ((rc = strbuf_addstr(out,
		 "<p class=\"fg-text\">已绑定 (bound) ")) ||
	    (rc = render_esc_str(out, c->created)) ||
	    (rc = strbuf_addstr(out, "</p><p class=\"fg-clawbot-status\">")))
		return rc;
	if (strcmp(c->status, "active") == 0)
		rc = strbuf_addf(out, "正在接收：本轮还可推送%d条，有效期至",
		    c->left);
	else if (strcmp(c->status, "paused") == 0)
		rc = strbuf_addstr(out,
		    "已暂停：微信结束了机器人的会话，将于以下"
		    "时间后重试 (paused: the bot's session expired) ");
	else
		rc = strbuf_addstr(out,
		    "请回复机器人以继续接收 (reply to the "
		    "bot to receive)：在微信里给机器人发任意一条消息即可。");
	if (rc == 0 && strcmp(c->status, "inactive") != 0)
		rc = render_esc_str(out, c->until);
	if (rc == 0)
		rc = strbuf_addstr(out, "</p>");
	return rc ? rc :
		    form(out, "/me/clawbot/unbind", "解除绑定 (unbind)", c);
}

static int
qr(struct strbuf *out, const struct render_clawbot *c)
{
	int rc;

	if ((rc = strbuf_addstr(out,
		 "<p class=\"fg-text\">用微信扫描二维码，"
		 "并在微信中确认 (scan with WeChat and confirm)：</p><p><img "
		 "class=\"fg-qr\" alt=\"ClawBot\" width=\"240\" "
		 "height=\"240\" "
		 "src=\"")) ||
	    (rc = render_esc_str(out, c->qr_img)) ||
	    (rc = strbuf_addstr(out,
		 "\"></p><p><a rel=\"noopener noreferrer\" "
		 "class=\"fg-clawbot-link\" href=\"")) ||
	    (rc = render_esc_str(out, c->qr_link)) ||
	    (rc = strbuf_addstr(out,
		 "\">在手机上打开 (open on the phone)</a>"
		 "</p><p class=\"fg-clawbot-status\">")) ||
	    (rc = render_esc_str(out, c->why)))
		return rc;
	return strbuf_addstr(out, "</p>");
}

static int
unbound(struct strbuf *out, const struct render_clawbot *c)
{
	int rc;

	if (*c->why &&
	    ((rc = strbuf_addstr(out,
		  "<p class=\"fg-clawbot-"
		  "status\">")) ||
		(rc = render_esc_str(out, c->why)) ||
		(rc = strbuf_addstr(out, "</p>"))))
		return rc;
	if ((rc = strbuf_addstr(out,
		 "<p class=\"fg-text\">绑定后，发给你的消息"
		 "会由你自己的微信ClawBot送到微信里。每次你给机器人发一条消息"
		 "，"
		 "之后24小时内最多可收到10条推送；用完后回复机器人任意消息即可"
		 "继续接收。</p>")) != 0)
		return rc;
	return form(out, "/me/clawbot/bind", "绑定微信ClawBot (bind)", c);
}

int
render_clawbot_page(struct strbuf *out, const struct render_clawbot *c)
{
	int rc;

	if ((rc = render_small_head(out, "微信ClawBot")) != 0)
		return rc;
	if ((rc = strbuf_addstr(out, "<h1>微信ClawBot</h1>")) != 0)
		return rc;
	rc = c->bound ? bound(out, c) : c->qr ? qr(out, c) : unbound(out, c);
	if (rc == 0)
		rc = strbuf_addstr(out,
		    "<p><a href=\"/me\">返回 (back)</a></p>");
	return rc ? rc : render_small_tail(out);
}

int
render_clawbot_me_block(struct strbuf *out)
{
	return strbuf_addstr(out,
	    "<h2>微信ClawBot</h2><p class=\"fg-text\">"
	    "<a href=\"/me/clawbot\">用微信ClawBot接收推送 (receive pushes "
	    "through WeChat ClawBot)</a></p>");
}
