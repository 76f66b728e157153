/*
 * clawbot_me.c: the person's WeChat ClawBot page (issue 11 §2), kept
 * apart from /me itself (which only links here) so that the other
 * changes to /me and its sessions do not meet this one.
 *
 *   GET  /me/clawbot            where the person stands (render/
 *                               clawbot_page.c); while a bind code is
 *                               out, the page reloads every 2 s
 *   POST /me/clawbot/bind       ask iLink for a bind code (through the
 *                               poller; the request is parked), then
 *                               303 to the page, which shows it
 *   POST /me/clawbot/unbind     remove the bot and its device, 303 back
 *   GET  /me/clawbot/qr/img.svg|.png?c=CODE   the image of the
 *                               person's own code CODE, to nobody else:
 *                               whoever scans it receives this person's
 *                               pushes.  The code rides in the query,
 *                               which the access log leaves out
 *
 * The person is the signed-in one (api_person_who(): the session, or a
 * user token in the request); both POSTs check the CSRF field of the
 * page's forms (api_csrf_check()).  Without clawbot.enable every path
 * is a 404 notice.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/clawbot.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "channel/route_clawbot.h"
#include "http/http.h"
#include "render/render.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/params.h"
#include "util/strbuf.h"

#define CLAWBOT_PAGE "/me/clawbot"

/* The person behind r on a server with ClawBot, or answered: -1. */
static int
who(struct http_req *r, struct store_user *u, struct api_who *w)
{
	if (api_ctx(r)->clawbot == NULL) {
		api_notice_page(r, 404, "微信ClawBot",
		    "此服务器未启用微信"
		    "ClawBot (ClawBot is not enabled on this server).");
		return -1;
	}
	if (api_person_who(r, u, w) != 0) {
		api_notice_page(r, 403, "微信ClawBot",
		    "请先登录 (sign in first: /login).");
		return -1;
	}
	return 0;
}

/* The person behind a form POST whose CSRF field is right, or -1. */
static int
who_form(struct http_req *r, struct store_user *u)
{
	struct api_who w;
	struct params p;
	int bad;

	if (who(r, u, &w) != 0)
		return -1;
	params_init(&p, LIM_PARAMS);
	(void)intake_body(r, &p, NULL);
	bad = api_csrf_check(r, &p, w.how == API_WHO_TOKEN, 0);
	params_release(&p);
	return bad ? -1 : 0;
}

/* The bound bot's part of the page. */
static void
page_bound(struct render_clawbot *c, const struct store_clawbot *b,
    char created[20], char until[20])
{
	int64_t now = clock_ms();

	c->bound = 1;
	clock_format_cn(b->created_ms, created);
	c->created = created;
	c->left = route_clawbot_left(b, now);
	c->status = route_clawbot_status(b, now);
	clock_format_cn(now < b->paused_until_ms ? b->paused_until_ms :
						   b->window_end_ms,
	    until);
	c->until = until;
}

void
api_clawbot_page(struct http_req *r)
{
	struct store_user u;
	struct store_clawbot b;
	struct render_clawbot c = { 0, "", "", 0, "", 0, "", "", "", "" };
	struct clawbot_qr q;
	struct strbuf sb = STRBUF_INIT;
	struct api_who w;
	char created[20], until[20], img[200], csrf[33];
	int rc;

	if (who(r, &u, &w) != 0)
		return;
	api_csrf_token(r, &w, csrf);
	c.csrf = csrf;
	if ((rc = dir_clawbot_get(store_reader(), u.id, &b)) == 0)
		page_bound(&c, &b, created, until);
	else if (rc != FG_ENOENT)
		return api_notice_page(r, 500, "出错了",
		    "系统异常，请稍后再试。");
	clawbot_qr_state(api_ctx(r)->clawbot, u.id, "", &q);
	if (!c.bound &&
	    (q.state == CLAWBOT_QR_WAIT || q.state == CLAWBOT_QR_SCANNED ||
		q.state == CLAWBOT_QR_BINDING)) {
		snprintf(img, sizeof(img), CLAWBOT_PAGE "/qr/img.svg?c=%s",
		    q.qrcode);
		c.qr = 1;
		c.qr_img = img;
		c.qr_link = q.url;
		c.why = q.state == CLAWBOT_QR_BINDING ? "正在绑定 (binding)" :
							q.why;
	} else if (!c.bound)
		c.why = q.why;
	render_clawbot_page(&sb, &c);
	api_html_page(r, 200, &sb);
	if (c.qr)
		http_reply_header(r, "Refresh", "2");
	strbuf_release(&sb);
}

static void
bind_reply(struct http_req *r, int rc, const struct clawbot_qr *q)
{
	if (rc != 0)
		return api_notice_page(r, 502, "微信ClawBot", q->why);
	api_see_other(r, CLAWBOT_PAGE);
}

void
api_clawbot_bind(struct http_req *r)
{
	struct store_user u;

	if (who_form(r, &u) == 0)
		api_clawbot_qr(r, u.id, bind_reply);
}

static void
unbind_reply(struct http_req *r, int rc)
{
	if (rc != 0 && rc != FG_ENOENT)
		return api_notice_page(r, 500, "出错了",
		    "系统异常，请稍后再试。");
	api_see_other(r, CLAWBOT_PAGE);
}

void
api_clawbot_unbind_page(struct http_req *r)
{
	struct store_user u;

	if (who_form(r, &u) == 0)
		api_clawbot_unbind(r, u.id, unbind_reply);
}

void
api_clawbot_qr_image(struct http_req *r, const char *name)
{
	struct store_user u;
	struct api_who w;
	struct clawbot_qr q;
	struct params p;
	const char *code;
	char stem[8];
	int kind;

	if (who(r, &u, &w) != 0)
		return;
	kind = api_qr_name(name, stem, sizeof(stem));
	params_init(&p, 4);
	(void)params_parse_form(&p, r->query, r->query_len);
	code = params_get(&p, "c", NULL);
	clawbot_qr_state(api_ctx(r)->clawbot, u.id, code ? code : "-", &q);
	params_release(&p);
	if (kind == API_QR_NONE || strcmp(stem, "img") != 0 ||
	    q.state == CLAWBOT_QR_NONE || !*q.url)
		return api_notice_page(r, 404, "微信ClawBot",
		    "二维码不存在或"
		    "已失效 (no such QR code).");
	api_qr_reply(r, q.url, kind);
}
