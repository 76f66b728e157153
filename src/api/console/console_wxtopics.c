/*
 * console_wxtopics.c: the console's WxPusher topics (issue 12), the
 * operations the WxPusher admin and `feige app topic` run (ops/app.h).
 *
 *   GET  /console/wxtopics          every app of the person with its
 *                                   topics and an add form
 *   POST /console/wxtopics/add      app, name -> ops_wx_topic_add()
 *   POST /console/wxtopics/delete   id -> ops_wx_topic_delete() (its
 *                                   follows and products go with it)
 *
 * The app (of an add) and the topic's app (of a delete) must be the
 * person's, else 404 before any write.  A refused name is shown beside
 * that app's form, typed text kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "ops/app.h"
#include "store/dir.h"
#include "store/readers.h"
#include "store/store_wx.h"
#include "util/xmalloc.h"

#define WT_APPS 20
#define WT_TOPICS 50

struct wt_app {
	struct store_wx_topic topics[WT_TOPICS];
	struct console_wxtopic view[WT_TOPICS];
};

struct wt_list {
	struct store_wx_app rows[WT_APPS];
	struct wt_app apps[WT_APPS];
	struct console_wxtopic_app view[WT_APPS];
	size_t n;
};

/* An app's topics being read: its rows and its view. */
struct wt_ctx {
	struct wt_app *a;
	struct console_wxtopic_app *v;
};

static int
one_topic(void *arg, const struct store_wx_topic *t)
{
	struct wt_ctx *x = arg;
	struct console_wxtopic_app *v = x->v;
	struct wt_app *a = x->a;
	struct console_wxtopic *tv = &a->view[v->n];

	if (v->n == WT_TOPICS)
		return 1;
	a->topics[v->n] = *t;
	tv->id = t->id;
	tv->name = a->topics[v->n].name;
	tv->created_ms = t->created_ms;
	v->n++;
	return 0;
}

static void
show(struct console_req *c, int64_t app, const char *typed, const char *err,
    unsigned int st)
{
	struct wt_list *l = xcalloc(1, sizeof(*l));
	struct console_wxtopics_view v = { .lang = c->lang, .csrf = c->csrf };
	struct strbuf body = STRBUF_INIT;
	size_t i;

	l->n = console_my_apps(c, l->rows, WT_APPS);
	for (i = 0; i < l->n; i++) {
		struct wt_ctx x = { &l->apps[i], &l->view[i] };

		l->view[i].id = l->rows[i].id;
		l->view[i].name = l->rows[i].name;

		if (dir_wx_topic_list(store_reader(), l->view[i].id, one_topic,
			&x) < 0)
			l->view[i].n = 0;
		l->view[i].topics = l->apps[i].view;
		if (l->view[i].id == app) {
			l->view[i].typed = typed;
			l->view[i].err = err;
		}
	}
	v.apps = l->view;
	v.n = l->n;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_wxtopics_page(&body, &v));
	strbuf_release(&body);
	free(l);
}

void
console_wxtopics_get(struct console_req *c)
{
	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	show(c, 0, NULL, NULL, 200);
}

struct wt_op {
	struct console_op k; /* first */
	int64_t app, id;
	char name[LIM_NAME_BYTES + 1];
};

static int
wt_apply(struct api_op *o, struct store *s)
{
	struct wt_op *k = (struct wt_op *)o;
	struct store_wx_topic t;

	if (k->id)
		return ops_wx_topic_delete(s, k->id, &k->k.err);
	return ops_wx_topic_add(s, k->app, k->name, &t, &k->k.err);
}

/* The person's app id, or -1. */
static int
own_app(struct console_req *c, int64_t id)
{
	struct store_wx_app a;

	if (id <= 0 || dir_wx_app_get(store_reader(), id, &a) != 0)
		return -1;
	return a.owner_id == c->u.id ? 0 : -1;
}

static void
add(struct console_req *c)
{
	int64_t app = console_id(console_in(c, "app"));
	const char *name = console_in(c, "name");
	struct wt_op *k;

	if (own_app(c, app) != 0)
		return console_fail(c, 404, "wt.gone");
	if (*name == '\0' || strlen(name) > LIM_NAME_BYTES)
		return show(c, app, name,
		    *name ? "app.err.long" : "app.err.required", 422);
	k = console_op_new(c, sizeof(*k), wt_apply, "wt.added");
	k->app = app;
	snprintf(k->name, sizeof(k->name), "%s", name);
	console_op_submit(c, &k->k);
}

static void
del(struct console_req *c)
{
	int64_t id = console_id(console_in(c, "id"));
	struct store_wx_topic t;
	struct wt_op *k;

	if (id <= 0 || dir_wx_topic_get(store_reader(), id, &t) != 0 ||
	    own_app(c, t.app_id) != 0)
		return console_fail(c, 404, "wt.gone");
	k = console_op_new(c, sizeof(*k), wt_apply, "app.deleted");
	k->id = id;
	console_op_submit(c, &k->k);
}

void
console_wxtopics_post(struct console_req *c)
{
	if (strcmp(c->rest, "/add") == 0)
		return add(c);
	if (strcmp(c->rest, "/delete") == 0)
		return del(c);
	console_fail(c, 404, "app.notfound");
}
