/*
 * account.c: what a signed-in person does with their account on /me
 * (issue 10 §1).
 *
 *   POST /me/token          a new token (ops_user_reset_token(), the
 *                           operation `feige user reset-token` runs):
 *                           the old one stops working at once, here and
 *                           in the send cache
 *   POST /me/sessions/end   sign out every other session
 *   POST /logout            sign out this one (row deleted, cookie
 *                           cleared)
 *   GET  /me/phone          "add this phone": a fresh sign-in link as a
 *                           QR code, for another phone to scan
 *
 * Every POST carries the page's CSRF token (api/csrf.c) and answers
 * 303 to the page to show next, so a reload does not post again.  The
 * account part of /me itself (token masked, sessions) is assembled by
 * api_account_view() for wx_me.c, which owns the page.
 *
 * /me/phone is a GET that writes (a link row): it is a page a signed-in
 * person opens on purpose, behind their session cookie, which a link
 * scanner does not have; and the link it makes is useless to anyone
 * who does not see the screen.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/tokens.h"
#include "http/http.h"
#include "ops/session.h"
#include "ops/user.h"
#include "render/render.h"
#include "store/readers.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

/* ---- the account part of /me --------------------------------------- */

static int
one_session(void *arg, const struct store_session *se)
{
	struct api_account *a = arg;
	struct render_session *rs;

	if (a->n == API_ACCOUNT_SESSIONS)
		return 1;
	rs = &a->sessions[a->n];
	memcpy(&a->rows[a->n], se, sizeof(*se));
	rs->id = se->id;
	rs->created_ms = se->created_ms;
	rs->last_seen_ms = se->last_seen_ms;
	rs->agent = a->rows[a->n].agent;
	rs->ip = a->rows[a->n].ip;
	rs->current = se->id == a->current;
	a->n++;
	return 0;
}

void
api_account_view(struct http_req *r, const struct store_user *u,
    const struct api_who *who, struct api_account *a)
{
	(void)r;
	memset(a, 0, sizeof(*a));
	a->current = who->session;
	a->view.token = u->token;
	a->view.signed_in = who->how == API_WHO_SESSION;
	if (a->view.signed_in && dir_session_list(store_reader(), u->id,
	    one_session, a) < 0)
		a->n = 0;
	a->view.sessions = a->sessions;
	a->view.n_sessions = a->n;
}

/* ---- the POSTs ----------------------------------------------------- */

/*
 * The person of a POST to one of these pages with a good CSRF token;
 * -1 when it was answered (refused) already.
 */
static int
poster(struct http_req *r, struct store_user *u, struct api_who *who)
{
	struct params p;
	int rc;

	if (strcmp(r->method, "POST") != 0) {
		api_notice_page(r, 405, "不支持", "请使用页面上的按钮。");
		return -1;
	}
	params_init(&p, LIM_PARAMS);
	(void)intake_body(r, &p, NULL);
	if (api_person_who(r, u, who) != 0) {
		api_notice_page(r, 401, "需要登录", "请先登录。(sign in first)");
		rc = -1;
	} else
		rc = api_csrf_check(r, &p, who->how == API_WHO_TOKEN, 0);
	params_release(&p);
	return rc;
}

enum acct_kind { ACCT_TOKEN, ACCT_OTHERS, ACCT_LOGOUT };

struct acct_op {
	struct api_op		 o;	/* first */
	enum acct_kind		 kind;
	struct store_user	 u, nu;
	int64_t			 session;
};

static int
acct_apply(struct api_op *o, struct store *s)
{
	struct acct_op *k = (struct acct_op *)o;
	int rc;

	switch (k->kind) {
	case ACCT_TOKEN:
		return ops_user_reset_token(s, k->u.id, &k->nu, NULL);
	case ACCT_OTHERS:
		return dir_session_end_user(s, k->u.id, k->session);
	case ACCT_LOGOUT:
		rc = dir_session_delete(s, k->session);
		return rc == FG_ENOENT ? 0 : rc;
	}
	return FG_EINVAL;
}

static void
acct_reply(struct api_op *o, int rc)
{
	struct acct_op *k = (struct acct_op *)o;
	struct http_req *r = o->http;

	if (rc != 0)
		return api_notice_page(r, 500, "出错了", "系统异常，请稍后再试。");
	if (k->kind == ACCT_TOKEN)	/* the old token, out of the cache */
		tokens_forget(api_ctx(r)->tokens, k->u.token);
	if (k->kind == ACCT_LOGOUT) {
		api_session_clear(r);
		return api_notice_page(r, 200, "已退出登录", "你已在这个浏览器上"
		    "退出登录。(signed out)");
	}
	api_see_other(r, "/me");
}

static void
acct_submit(struct http_req *r, enum acct_kind kind)
{
	struct acct_op *k = xcalloc(1, sizeof(*k));
	struct api_who who;

	if (poster(r, &k->u, &who) != 0) {
		free(k);
		return;
	}
	if (kind != ACCT_TOKEN && who.how != API_WHO_SESSION) {
		free(k);
		return api_notice_page(r, 400, "没有登录", "这个请求没有登录会话。"
		    "(no session: sign in first)");
	}
	k->kind = kind;
	k->session = who.session;
	k->o.apply = acct_apply;
	k->o.reply = acct_reply;
	api_op_submit(r, &k->o);
}

void
api_me_token(struct http_req *r)
{
	acct_submit(r, ACCT_TOKEN);
}

void
api_me_sessions_end(struct http_req *r)
{
	acct_submit(r, ACCT_OTHERS);
}

void
api_logout(struct http_req *r)
{
	acct_submit(r, ACCT_LOGOUT);
}

/* ---- add this phone ------------------------------------------------ */

struct phone_op {
	struct api_op		 o;	/* first */
	struct ops_login_new	 ln;
};

static int
phone_apply(struct api_op *o, struct store *s)
{
	return ops_login_new(s, &((struct phone_op *)o)->ln, NULL);
}

static void
phone_reply(struct api_op *o, int rc)
{
	struct phone_op *k = (struct phone_op *)o;
	struct http_req *r = o->http;
	struct strbuf link = STRBUF_INIT, sb = STRBUF_INIT;

	if (rc != 0)
		return api_notice_page(r, 500, "出错了", "系统异常，请稍后再试。");
	strbuf_addf(&link, "%s/login/%s", api_ctx(r)->base_url, k->ln.code);
	render_phone_page(&sb, link.buf, OPS_LOGIN_TTL_MS / 60000);
	api_html_page(r, 200, &sb);
	sodium_memzero(link.buf, link.len);
	sodium_memzero(k->ln.code, sizeof(k->ln.code));
	strbuf_release(&link);
	strbuf_release(&sb);
}

void
api_me_phone(struct http_req *r)
{
	struct phone_op *k;
	struct store_user u;
	struct api_who who;

	if (api_person_who(r, &u, &who) != 0 || who.how != API_WHO_SESSION)
		return api_notice_page(r, 401, "需要登录", "请先在这部手机上登录。"
		    "(sign in first)");
	k = xcalloc(1, sizeof(*k));
	k->ln.user_id = u.id;
	k->ln.next = "/me";
	k->o.apply = phone_apply;
	k->o.reply = phone_reply;
	api_op_submit(r, &k->o);
}
