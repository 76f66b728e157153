/*
 * wx_me.c: a WxPusher person's own page ("我的", WxPusher's my
 * subscriptions and my UID in its official account).
 *
 *   GET  /me       their UID, inbox link, follows (each with unfollow and,
 *                  when the app has one, its settings page), the command
 *                  form, and the button for their SPT
 *   POST /me/spt   their SPT (simple-push token), made on first use by
 *                  ops_wx_spt(), the operation `feige user spt` calls
 *
 * The person is the one signed in (the session cookie) or the one a
 * user token in the request names (api_person_who()).  Below the
 * WxPusher parts the page shows the account (api/account.c): the token
 * masked, rotating it, the sessions, signing out.  Every form carries
 * the page's CSRF token (api/csrf.c).
 *
 * Settings page: an app may have a settings URL (`feige app set ID
 * settings_url URL`, WxPusher's 应用设置页面).  The follow list links
 * to it with the person's UID appended as WxPusher does, uid=UID_…,
 * joined with '&' when the URL already has a query and put before a
 * #fragment, so the app's page learns who opened it.  A blocked
 * follow shows no link.
 *
 * The SPT is a credential: GET never makes one (link previews open
 * pages too), the button POSTs (the page CSP allows form-action
 * 'self'), and the answer is a page that is not cached.  Its copy
 * button is /static/copy.js: feige's pages run no inline script.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "channel/wechat.h"
#include "http/http.h"
#include "ops/app.h"
#include "render/render.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"
#include "store/readers.h"

struct me_list {
	struct render_wx_me_item	*items;
	char				(*names)[LIM_NAME_BYTES + 1];
	int64_t				*apps;
	size_t				 n, alloc;
};

static int
me_item(void *arg, const struct store_wx_follow *f)
{
	struct me_list *l = arg;
	struct render_wx_me_item *it;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 16;
		l->items = xrealloc(l->items, l->alloc * sizeof(*l->items));
		l->names = xrealloc(l->names, l->alloc * sizeof(*l->names));
		l->apps = xrealloc(l->apps, l->alloc * sizeof(*l->apps));
	}
	it = &l->items[l->n];
	memset(it, 0, sizeof(*it));
	memcpy(l->names[l->n], f->target, sizeof(l->names[0]));
	l->apps[l->n] = f->app_id;
	it->id = f->id;
	it->is_topic = f->topic_id != 0;
	it->target_id = f->topic_id ? f->topic_id : f->app_id;
	it->blocked = f->reject;
	l->n++;
	return 0;
}

/* url with uid=UID added to its query (before any #fragment); heap. */
static char *
settings_link(const char *url, const char *uid)
{
	struct strbuf sb = STRBUF_INIT;
	const char *hash = strchr(url, '#');
	size_t n = hash ? (size_t)(hash - url) : strlen(url);
	const char *q = memchr(url, '?', n);

	strbuf_add(&sb, url, n);
	if (q == NULL)
		strbuf_addch(&sb, '?');
	else if (url[n - 1] != '?' && url[n - 1] != '&')
		strbuf_addch(&sb, '&');
	strbuf_addf(&sb, "uid=%s", uid);
	if (hash)
		strbuf_addstr(&sb, hash);
	return strbuf_detach(&sb, NULL);
}

/* The settings links of l's apps, for the follows not blocked. */
static void
me_settings(struct store *db, struct me_list *l, const char *uid)
{
	struct store_wx_app app;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!l->items[i].blocked &&
		    dir_wx_app_get(db, l->apps[i], &app) == 0 &&
		    *app.settings_url)
			l->items[i].settings = settings_link(app.settings_url,
			    uid);
}

void
api_wx_me_page(struct http_req *r)
{
	struct store *db = store_reader();
	struct store_user u;
	struct store_wx_follow_filter fl = { 0, 0, -1, -1, 0, 1000 };
	struct me_list l;
	struct render_wx_me me;
	struct strbuf sb = STRBUF_INIT;
	struct api_who who;
	struct api_account *acct;
	char csrf[33];
	int64_t total;
	size_t i;

	if (api_person_who(r, &u, &who) != 0)
		return api_notice_page(r, 200, "我的关注", "你还没有登录：打开应用的"
		    "关注链接或扫描它的二维码即可关注；已有收件箱请先登录 /login。"
		    "(not signed in: sign in at /login)");
	memset(&l, 0, sizeof(l));
	fl.user_id = u.id;
	if (dir_wx_follow_list(db, &fl, &total, me_item, &l) < 0)
		l.n = 0;	/* the page still shows the person */
	me_settings(db, &l, u.uid);
	for (i = 0; i < l.n; i++)
		l.items[i].name = l.names[i];
	acct = xcalloc(1, sizeof(*acct));
	api_csrf_token(r, &who, csrf);
	api_account_view(r, &u, &who, acct);
	acct->view.csrf = csrf;
	me.uid = u.uid;
	me.csrf = csrf;
	me.items = l.items;
	me.n = l.n;
	me.clawbot = api_ctx(r)->clawbot != NULL;
	me.acct = &acct->view;
	me.wechat = wechat_enabled();	/* the bind button (api/wechat) */
	render_wx_me_page(&sb, &me);
	free(acct);
	api_html_page(r, 200, &sb);
	strbuf_release(&sb);
	for (i = 0; i < l.n; i++)
		free((char *)l.items[i].settings);
	free(l.items);
	free(l.names);
	free(l.apps);
}

struct spt_op {
	struct api_op		 o;	/* first */
	struct store_user	 u;
	char			 spt[48];
};

static int
spt_apply(struct api_op *o, struct store *s)
{
	struct spt_op *k = (struct spt_op *)o;

	return ops_wx_spt(s, k->u.id, k->spt, NULL);
}

static void
spt_reply(struct api_op *o, int rc)
{
	struct spt_op *k = (struct spt_op *)o;
	struct strbuf sb = STRBUF_INIT;

	if (rc != 0)
		return api_notice_page(o->http, 500, "出错了",
		    "系统异常，请稍后再试。");
	render_wx_spt_page(&sb, k->u.uid, k->spt);
	api_html_page(o->http, 200, &sb);
	strbuf_release(&sb);
}

void
api_wx_me_spt(struct http_req *r)
{
	struct spt_op *k;
	struct api_who who;
	struct params p;
	int bad;

	if (strcmp(r->method, "POST") != 0)
		return api_notice_page(r, 405, "不支持", "请使用页面上的按钮。");
	k = xcalloc(1, sizeof(*k));
	if (api_person_who(r, &k->u, &who) != 0) {
		free(k);
		return api_notice_page(r, 403, "无法获取SPT", "请先关注一个应用"
		    "或打开你的收件箱，再来获取SPT。");
	}
	params_init(&p, LIM_PARAMS);
	(void)intake_body(r, &p, NULL);
	bad = api_csrf_check(r, &p, who.how == API_WHO_TOKEN, 0) != 0;
	params_release(&p);
	if (bad) {
		free(k);
		return;
	}
	k->o.apply = spt_apply;
	k->o.reply = spt_reply;
	api_op_submit(r, &k->o);
}
