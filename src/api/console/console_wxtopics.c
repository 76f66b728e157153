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
 *
 * The person's apps with their topics are read by console_wxapps_load()
 * (here, shared with the products page, console_wxproducts.c).
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

static int
one_topic(void *arg, const struct store_wx_topic *t)
{
	struct console_wxapps_app *a = arg;
	struct console_wxtopic_app *v = a->v;
	struct console_wxtopic *tv = &a->view[v->n];

	if (v->n == CONSOLE_WXTOPICS)
		return 1;
	a->topics[v->n] = *t;
	tv->id = t->id;
	tv->name = a->topics[v->n].name;
	tv->created_ms = t->created_ms;
	v->n++;
	return 0;
}

static int
one_app(void *arg, const struct store_wx_app *a)
{
	struct console_wxapps *l = arg;
	struct console_wxapps_app *w = &l->apps[l->n];
	struct console_wxtopic_app *v = &l->view[l->n];

	if (a->owner_id != l->owner)
		return 0;
	if (l->n == CONSOLE_WXAPPS)
		return 1;
	w->row = *a;
	w->v = v;
	v->id = a->id;
	v->name = w->row.name;
	l->n++;
	return 0;
}

void
console_wxapps_load(int64_t owner, struct console_wxapps *l)
{
	size_t i;

	l->owner = owner;
	if (dir_wx_app_list(store_reader(), one_app, l) < 0)
		l->n = 0;
	for (i = 0; i < l->n; i++) {
		if (dir_wx_topic_list(store_reader(), l->view[i].id, one_topic,
			&l->apps[i]) < 0)
			l->view[i].n = 0;
		l->view[i].topics = l->apps[i].view;
	}
}

int
console_wxapp_own(const struct console_req *c, int64_t id)
{
	struct store_wx_app a;

	if (id <= 0 || dir_wx_app_get(store_reader(), id, &a) != 0)
		return -1;
	return a.owner_id == c->u.id ? 0 : -1;
}

static void
show(struct console_req *c, int64_t app, const char *typed, const char *err,
    unsigned int st)
{
	struct console_wxapps *l = xcalloc(1, sizeof(*l));
	struct console_wxtopics_view v = { .lang = c->lang, .csrf = c->csrf };
	struct strbuf body = STRBUF_INIT;
	size_t i;

	console_wxapps_load(c->u.id, l);
	for (i = 0; i < l->n; i++) {
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

static void
add(struct console_req *c)
{
	int64_t app = console_id(console_in(c, "app"));
	const char *name = console_in(c, "name");
	struct wt_op *k;

	if (console_wxapp_own(c, app) != 0)
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
	    console_wxapp_own(c, t.app_id) != 0)
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
