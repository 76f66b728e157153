/*
 * wx_follow.c: following WxPusher apps and topics from a browser, the
 * "me" page, and uplink commands.
 *
 *   GET  /follow/app/{appId}[?qr=CODE|?src=scan]   the app, a 关注 button
 *   POST /follow/app/{appId}   (form: qr, src)     follow it
 *   GET  /follow/topic/{topicId}[?src=scan]        the topic, a button
 *   POST /follow/topic/{topicId}  (form: src)      follow it
 *   GET  /me, POST /me/spt                         wx_me.c
 *   POST /me/unfollow   (form: id)                 drop one follow
 *   POST /me/uplink     (form: content)            "#{appId} text"
 *   POST /api/uplink    (token + content)          the same, for clients
 *
 * A person is the one signed in (api/person.c: the session cookie), or
 * the one a token in the request names (Authorization: Bearer,
 * X-Feige-Token, ?token=).  GET never changes anything: link previews,
 * mail scanners and prefetchers open links too, and must not create
 * people or fire app_subscribe.  It shows what would be followed and a
 * button (or that the person already follows, or is blocked); the
 * button POSTs with the page's CSRF token (api/csrf.c).  Someone not
 * signed in sees "create my inbox" on the button and a sign-in link:
 * only that deliberate POST (field new=1) creates a person, at most
 * person.new_per_hour per client address (api_person_new_gate()); it
 * used to be any anonymous POST, about 720 new users a second.  The
 * person, their first session, the follow, its tip and the
 * app_subscribe callback are one writer op (ops/follow.c,
 * ops/session.h); the page is rendered after the commit and sets the
 * session cookie.  source is "link" for the link, "scan"
 * for the app/topic QR code (which encodes ?src=scan) and parametric QR
 * codes (?qr=CODE, which also passes the code's extra and records the
 * scanner for /api/fun/scan-qrcode-uid), "command" for a bare "#appId".
 * Scanning a parametric code again fires app_subscribe again, so the
 * app learns the binding even from people who already follow it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/tokens.h"
#include "api/wxpusher/wx_int.h"
#include "channel/wechat.h"
#include "util/errors.h"
#include "http/http.h"
#include "ops/follow.h"
#include "ops/session.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/params.h"
#include "util/xmalloc.h"
#include "store/readers.h"


struct follow_op {
	struct api_op		 o;
	int			 kind;	/* 0 page, 1 API uplink, 2 form uplink */
	int			 known;	/* u is an existing person */
	struct store_user	 u;
	struct api_who		 who;
	struct ops_session_new	 sess;	/* !known: the new person's */
	char			 ip[46];
	struct store_wx_app	 app;
	struct store_wx_topic	 topic;
	int64_t			 qr_id;
	char			 source[16];
	char			 extra[WX_EXTRA_BYTES + 1];
	struct ops_follow_result res;
};

static int
follow_apply(struct api_op *o, struct store *s)
{
	struct follow_op *f = (struct follow_op *)o;
	struct ops_follow_req in = { &f->app, f->topic.id,
	    f->known ? &f->u : NULL, f->source, f->extra, f->qr_id };
	int rc;

	rc = ops_follow_apply(s, &in, &f->res, NULL);
	o->cb_added = f->res.cb_added;
	if (rc == 0 && !f->known) {
		f->sess.user_id = f->res.user.id;
		rc = ops_session_new(s, &f->sess, NULL);
	}
	return rc;
}

/* What every follow page shows of the app or topic. */
static void
follow_view(const struct follow_op *f, struct render_wx_follow *rf)
{
	memset(rf, 0, sizeof(*rf));
	rf->app_name = f->app.name;
	rf->topic_name = f->topic.id ? f->topic.name : NULL;
	rf->description = f->topic.id ? f->topic.description :
	    f->app.description;
	rf->contact = f->app.contact;
}

static void
follow_reply(struct api_op *o, int rc)
{
	struct follow_op *f = (struct follow_op *)o;
	struct http_req *r = o->http;
	struct render_wx_follow rf;
	struct strbuf sb = STRBUF_INIT;
	char csrf[33];

	if (rc != 0) {
		if (f->kind == 1)
			return wx_refuse(r, 1005, "系统异常", "store error");
		return api_notice_page(r, 500, "出错了", "系统异常，请稍后再试。");
	}
	if (f->res.tip_inbox_id)
		wx_publish(api_ctx(r), f->res.user.id, f->res.tip_inbox_id,
		    &f->res.tip);
	if (f->kind == 1)
		return api_wx_reply(r, f->res.blocked ? 1001 : 1000,
		    f->res.blocked ? "你已被该应用拉黑" : WX_OK_MSG,
		    f->res.blocked ? NULL : f->res.existed ? "\"已关注\"" :
		    "\"关注成功\"");
	follow_view(f, &rf);
	rf.uid = f->res.user.uid;
	rf.existed = f->res.existed;
	rf.blocked = f->res.blocked;
	if (f->known && !rf.blocked && wechat_enabled()) {
		/* the WeChat bind button (api/wechat), with its form token */
		api_csrf_token(r, NULL, csrf);
		rf.csrf = csrf;
		rf.wechat_me = 1;
	}
	render_wx_follow_page(&sb, &rf);
	api_html_page(r, 200, &sb);
	strbuf_release(&sb);
	if (!f->known && f->kind == 0)
		api_session_cookie(r, f->sess.id);
}

static void
follow_submit(struct http_req *r, struct follow_op *f)
{
	f->o.apply = follow_apply;
	f->o.reply = follow_reply;
	api_op_submit(r, &f->o);
}

/*
 * GET of a follow link: what a POST would do, without doing it.  A
 * known person who already follows (and no parametric code to report
 * again) or is blocked on the app sees that; anyone else a 关注 button
 * that posts the same link with src and qr.
 */
static void
confirm_page(struct http_req *r, struct follow_op *f, struct params *p)
{
	struct store *db = store_reader();
	struct store_wx_follow fw;
	struct render_wx_follow rf;
	struct strbuf sb = STRBUF_INIT, action = STRBUF_INIT, img = STRBUF_INIT;
	struct strbuf signin = STRBUF_INIT;
	const char *qr = params_get(p, "qr", NULL);
	char csrf[33];

	follow_view(f, &rf);
	api_csrf_token(r, &f->who, csrf);
	rf.csrf = csrf;
	if (f->known) {
		rf.uid = f->u.uid;
		rf.blocked = dir_wx_follow_find(db, f->u.id, f->app.id, 0,
		    &fw) == 0 && fw.reject;
		rf.existed = qr == NULL && dir_wx_follow_find(db, f->u.id,
		    f->app.id, f->topic.id, &fw) == 0;
	}
	if (!rf.blocked && !rf.existed) {
		strbuf_addf(&action, "/follow/%s/%lld", f->topic.id ? "topic" :
		    "app", (long long)(f->topic.id ? f->topic.id : f->app.id));
		rf.action = action.buf;
		rf.src = f->source;
		rf.qr = qr;
		if ((rf.anon = !f->known) != 0) {
			strbuf_addf(&signin, "/login?next=%s", action.buf);
			if (qr)
				strbuf_addf(&signin, "%%3Fqr%%3D%s", qr);
			rf.signin = signin.buf;
		}
		/* the code of this very link, to scan from another screen */
		if (f->qr_id)
			strbuf_addf(&img, "/qrcode/%s.png", qr);
		else
			strbuf_addf(&img, "/qrcode/%s-%lld.png", f->topic.id ?
			    "topic" : "app", (long long)(f->topic.id ?
			    f->topic.id : f->app.id));
		rf.qr_img = img.buf;
		/* WeChat: follow by scanning the official account's code */
		if (qr == NULL && wechat_enabled())
			rf.wechat_id = f->topic.id ? f->topic.id : f->app.id;
	}
	render_wx_follow_page(&sb, &rf);
	api_html_page(r, 200, &sb);
	strbuf_release(&sb);
	strbuf_release(&action);
	strbuf_release(&img);
	strbuf_release(&signin);
}

void
api_wx_follow_page(struct http_req *r, int topic, const char *id_text)
{
	struct store *db = store_reader();
	struct follow_op *f = xcalloc(1, sizeof(*f));
	struct store_wx_qrcode q;
	struct params p;
	const char *v;
	char *end;
	long long id = strtoll(id_text, &end, 10);

	params_init(&p, LIM_PARAMS);
	(void)intake_query(r, &p);
	if (strcmp(r->method, "POST") == 0)
		(void)intake_body(r, &p, NULL);
	else if (strcmp(r->method, "GET") != 0 &&
	    strcmp(r->method, "HEAD") != 0) {
		api_notice_page(r, 405, "不支持", "请使用页面上的按钮。");
		goto fail;
	}
	snprintf(f->source, sizeof(f->source), "link");
	if ((v = params_get(&p, "src", NULL)) != NULL && strcmp(v, "scan") == 0)
		snprintf(f->source, sizeof(f->source), "scan");
	if (*end || id <= 0 || db == NULL ||
	    (topic && dir_wx_topic_get(db, id, &f->topic) != 0) ||
	    dir_wx_app_get(db, topic ? f->topic.app_id : id, &f->app) != 0) {
		api_notice_page(r, 404, "不存在", "这个应用或主题不存在。(not found)");
		goto fail;
	}
	if ((v = params_get(&p, "qr", NULL)) != NULL) {
		if (topic || strlen(v) >= sizeof(q.code) ||
		    dir_wx_qrcode_get(db, v, &q) != 0 ||
		    q.app_id != f->app.id || q.expires_ms < clock_ms()) {
			api_notice_page(r, 404, "二维码已失效", "这个二维码不存在或已过期。"
			    "(QR code expired)");
			goto fail;
		}
		f->qr_id = q.id;
		snprintf(f->source, sizeof(f->source), "scan");
		memcpy(f->extra, q.extra, sizeof(f->extra));
	}
	f->known = api_person_who(r, &f->u, &f->who) == 0;
	if (strcmp(r->method, "POST") != 0) {
		confirm_page(r, f, &p);
		goto fail;
	}
	if (api_csrf_check(r, &p, f->who.how == API_WHO_TOKEN, 0) != 0 ||
	    (!f->known && api_person_new_gate(r, &p) != 0))
		goto fail;
	if (!f->known)
		api_session_fill(r, &f->sess, f->ip);
	params_release(&p);
	follow_submit(r, f);
	return;
fail:
	params_release(&p);
	free(f);
}

/* ---- unfollow and uplink ------------------------------------------- */

struct small_op {
	struct api_op		 o;
	int			 kind;	/* 0 unfollow, 1 API cmd, 2 form cmd */
	struct ops_follow_ref	 ref;
	struct store_wx_app	 app;
	struct store_user	 u;
	char			*content;
};

static int
small_apply(struct api_op *o, struct store *s)
{
	struct small_op *m = (struct small_op *)o;
	struct ops_follow_upcmd up = { &m->app, &m->u, m->content };

	if (m->kind == 0)
		return ops_follow_remove(s, &m->ref, NULL);
	return ops_follow_upcmd(s, &up, &o->cb_added, NULL);
}

static void
uplink_fail(struct http_req *r, int form, const char *msg)
{
	if (form)
		api_notice_page(r, 400, "无法发送", msg);
	else
		wx_refuse(r, 1001, msg, NULL);
}

/* Uplink commands reach an app's callback only from its followers. */
#define NOT_FOLLOWER "你还没有关注该应用，不能发送指令 (only followers send " \
	"commands)"

static void
small_reply(struct api_op *o, int rc)
{
	struct small_op *m = (struct small_op *)o;

	if (m->kind != 0 && rc == FG_EPERM)	/* unfollowed meanwhile */
		return uplink_fail(o->http, m->kind == 2, NOT_FOLLOWER);
	if (m->kind == 1)
		api_wx_reply(o->http, rc ? 1005 : 1000, rc ? "系统异常" :
		    WX_OK_MSG, rc ? NULL : "\"已发送\"");
	else if (rc)
		api_notice_page(o->http, 500, "出错了", "系统异常，请稍后再试。");
	else
		api_notice_page(o->http, 200, m->kind ? "已发送" : "已取消关注",
		    m->kind ? "指令已发送给应用。" : "你已取消关注。");
}

static void
small_release(struct api_op *o)
{
	free(((struct small_op *)o)->content);
}

void
api_wx_unfollow(struct http_req *r)
{
	struct store_user u;
	struct store_wx_follow f;
	struct small_op *m;
	struct params p;
	struct api_who who;
	long long id;
	int known, bad;

	params_init(&p, LIM_PARAMS);
	(void)intake_body(r, &p, NULL);
	id = wx_param_id(&p, "id");
	known = api_person_who(r, &u, &who) == 0;
	bad = strcmp(r->method, "POST") == 0 && api_csrf_check(r, &p,
	    who.how == API_WHO_TOKEN, 0) != 0;
	params_release(&p);
	if (bad)
		return;
	if (strcmp(r->method, "POST") != 0)
		return api_notice_page(r, 405, "不支持", "请使用页面上的按钮。");
	if (!known || id <= 0 ||
	    dir_wx_follow_get(store_reader(), id, &f) != 0 ||
	    f.user_id != u.id)
		return api_notice_page(r, 404, "不存在", "没有这个关注。(not found)");
	if (f.reject)
		return api_notice_page(r, 403, "已被拉黑", "你已被该应用拉黑。(blocked)");
	m = xcalloc(1, sizeof(*m));
	m->ref.id = id;
	m->ref.user_id = u.id;
	m->o.apply = small_apply;
	m->o.reply = small_reply;
	api_op_submit(r, &m->o);
}

void
api_wx_uplink(struct http_req *r, int form)
{
	struct store *db = store_reader();
	struct store_user u;
	struct store_wx_app app;
	struct store_wx_follow f;
	struct params p;
	struct api_who who;
	const char *c, *text;
	char *end;
	long long id;

	params_init(&p, LIM_PARAMS);
	if (strcmp(r->method, "POST") != 0) {
		if (form)	/* like /me/unfollow: the page's form posts */
			api_notice_page(r, 405, "不支持", "请使用页面上的表单。");
		else
			uplink_fail(r, form, "请使用POST");
		goto out;
	}
	if (intake_query(r, &p) != 0 || intake_body(r, &p, NULL) != 0) {
		uplink_fail(r, form, "请求数据格式错误");
		goto out;
	}
	if (api_person_who(r, &u, &who) != 0 && ((c = params_get(&p, "token",
	    NULL)) == NULL || tokens_lookup(api_ctx(r)->tokens, db, c, &u) !=
	    0)) {
		if (form)
			api_notice_page(r, 401, "需要登录", "请先打开应用的关注链接。");
		else
			wx_refuse(r, 1002, "未认证",
			    "a valid user token is required");
		goto out;
	}
	/* the page's form: its CSRF token; the API: no other site's */
	if (api_csrf_check(r, &p, !form || who.how != API_WHO_SESSION, !form)
	    != 0)
		goto out;
	c = params_get(&p, "content", NULL);
	if (c == NULL || c[0] != '#' || !isdigit((unsigned char)c[1]) ||
	    (id = strtoll(c + 1, &end, 10)) <= 0 || (*end && *end != ' ') ||
	    strlen(c) > 4000) {
		uplink_fail(r, form, "指令格式：#{appId} 内容");
		goto out;
	}
	if (dir_wx_app_get(db, id, &app) != 0) {
		uplink_fail(r, form, "应用不存在");
		goto out;
	}
	text = *end ? end + 1 : "";
	if (*text == '\0') {
		struct follow_op *fo = xcalloc(1, sizeof(*fo));

		fo->kind = form ? 2 : 1;
		fo->known = 1;
		fo->u = u;
		fo->app = app;
		snprintf(fo->source, sizeof(fo->source), "command");
		follow_submit(r, fo);
	} else if (dir_wx_follow_find(db, u.id, id, 0, &f) == 0 &&
	    f.reject) {
		uplink_fail(r, form, "你已被该应用拉黑");
	} else if (ops_follow_is_follower(db, id, u.id) <= 0) {
		uplink_fail(r, form, NOT_FOLLOWER);
	} else {
		struct small_op *m = xcalloc(1, sizeof(*m));

		m->kind = form ? 2 : 1;
		m->app = app;
		m->u = u;
		m->content = xstrdup(text);
		m->o.apply = small_apply;
		m->o.reply = small_reply;
		m->o.release = small_release;
		api_op_submit(r, &m->o);
	}
out:
	params_release(&p);
}
