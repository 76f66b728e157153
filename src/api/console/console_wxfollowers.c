/*
 * console_wxfollowers.c: the followers of the person's WxPusher apps
 * (issue 12), through the operations the WxPusher API and
 * `feige app follower` use (ops/follow.h).
 *
 *   GET  /console/wxfollowers?app=ID[&uid=UID]   the app's follows (of
 *                                 the app and of its topics), or one
 *                                 person's, with the block and pay state
 *   POST /console/wxfollowers/block     id -> ops_follow_reject(1)
 *   POST /console/wxfollowers/unblock   id -> ops_follow_reject(0)
 *   POST /console/wxfollowers/remove    id -> ops_follow_remove()
 *
 * A follow is acted on only when its app is the person's (404 before
 * any write otherwise), and the operation is told the app, so it
 * refuses a follow of another app too.  An unknown UID searched is an
 * empty list, not an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "ops/follow.h"
#include "store/dir.h"
#include "store/readers.h"
#include "store/store_wx.h"
#include "util/xmalloc.h"

#define WF_APPS 20
#define WF_ROWS 100

struct wf_list {
	struct store_wx_app app_rows[WF_APPS];
	struct console_wxapp apps[WF_APPS];
	size_t n_apps;
	struct store_wx_follow rows[WF_ROWS];
	struct console_wxfollower view[WF_ROWS];
	size_t n;
};

static int
one_follow(void *arg, const struct store_wx_follow *f)
{
	struct wf_list *l = arg;
	struct store_wx_follow *r = &l->rows[l->n];
	struct console_wxfollower *v = &l->view[l->n];

	if (l->n == WF_ROWS)
		return 1;
	*r = *f;
	v->id = f->id;
	v->uid = r->uid;
	v->target = r->target;
	v->source = r->source;
	v->topic = f->topic_id != 0;
	v->blocked = f->reject;
	v->pay_end_ms = f->pay_end_ms;
	v->created_ms = f->created_ms;
	l->n++;
	return 0;
}

/* Is app one of l's (the person's)? */
static int
mine(const struct wf_list *l, int64_t app)
{
	size_t i;

	for (i = 0; i < l->n_apps; i++)
		if (l->apps[i].id == app)
			return 1;
	return 0;
}

static struct wf_list *
load_apps(struct console_req *c)
{
	struct wf_list *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->n_apps = console_my_apps(c, l->app_rows, WF_APPS);
	for (i = 0; i < l->n_apps; i++) {
		l->apps[i].id = l->app_rows[i].id;
		l->apps[i].name = l->app_rows[i].name;
	}
	return l;
}

void
console_wxfollowers_get(struct console_req *c)
{
	struct wf_list *l;
	struct console_wxfollowers_view v = { .lang = c->lang,
		.csrf = c->csrf };
	struct store_wx_follow_filter f = { .reject = -1,
		.type = -1,
		.limit = WF_ROWS };
	struct store_user u;
	struct strbuf body = STRBUF_INIT;
	int64_t app = console_id(console_in(c, "app"));

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	l = load_apps(c);
	v.uid = console_in(c, "uid");
	if (app > 0 && !mine(l, app)) {
		free(l);
		return console_fail(c, 404, "wt.gone");
	}
	if (app > 0) {
		v.app = f.app_id = app;
		if (*v.uid == '\0')
			f.user_id = 0;
		else if (strlen(v.uid) < sizeof(u.uid) &&
		    dir_user_get(store_reader(), "uid", v.uid, &u) == 0)
			f.user_id = u.id;
		else
			f.user_id = -1; /* no such person: no rows */
		if (f.user_id >= 0 &&
		    dir_wx_follow_list(store_reader(), &f, &v.total,
			one_follow, l) < 0)
			l->n = 0;
	}
	v.apps = l->apps;
	v.n_apps = l->n_apps;
	v.rows = l->view;
	v.n = l->n;
	console_answer(c, 200, &body, NULL,
	    console_wxfollowers_page(&body, &v));
	strbuf_release(&body);
	free(l);
}

enum { WF_BLOCK, WF_UNBLOCK, WF_REMOVE };

struct wf_op {
	struct console_op k; /* first */
	int kind;
	struct ops_follow_ref ref;
};

static int
wf_apply(struct api_op *o, struct store *s)
{
	struct wf_op *k = (struct wf_op *)o;

	if (k->kind == WF_REMOVE)
		return ops_follow_remove(s, &k->ref, &k->k.err);
	return ops_follow_reject(s, &k->ref, k->kind == WF_BLOCK, &k->k.err);
}

void
console_wxfollowers_post(struct console_req *c)
{
	static const struct {
		const char *rest, *flash;
		int kind;
	} acts[] = { { "/block", "wf.blocked.done", WF_BLOCK },
		{ "/unblock", "wf.unblocked.done", WF_UNBLOCK },
		{ "/remove", "app.deleted", WF_REMOVE } };
	int64_t id = console_id(console_in(c, "id"));
	struct store_wx_follow f;
	struct wf_list *l;
	struct wf_op *k;
	size_t i;
	int ok;

	for (i = 0; i < sizeof(acts) / sizeof(acts[0]) &&
	     strcmp(c->rest, acts[i].rest);
	     i++)
		;
	if (i == sizeof(acts) / sizeof(acts[0]))
		return console_fail(c, 404, "app.notfound");
	l = load_apps(c);
	ok = id > 0 && dir_wx_follow_get(store_reader(), id, &f) == 0 &&
	    mine(l, f.app_id);
	free(l);
	if (!ok)
		return console_fail(c, 404, "wf.gone");
	k = console_op_new(c, sizeof(*k), wf_apply, acts[i].flash);
	snprintf(k->k.back, sizeof(k->k.back), "/console/wxfollowers?app=%lld",
	    (long long)f.app_id);
	k->kind = acts[i].kind;
	k->ref.id = id;
	k->ref.app_id = f.app_id;
	console_op_submit(c, &k->k);
}
