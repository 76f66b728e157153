/*
 * console_wx.c: the console's WxPusher apps (issue 12), the operations
 * `feige app` runs (ops/app.c).
 *
 *   GET  /console/wx           the person's apps, create form
 *   POST /console/wx/add       name, callback -> ops_app_add()
 *   GET  /console/wx/ID        appToken, follow link and QR code, edit
 *   POST /console/wx/ID/reset  ops_app_reset_token(): the old appToken
 *                              stops at once
 *   POST /console/wx/ID/edit   name, description, callback_url,
 *                              settings_url: one ops_app_set() each, in
 *                              one commit (a refused one writes none)
 *
 * The app must be the person's (owner_id), else 404.  The app list is
 * every app filtered by owner: the store lists apps whole, and a person
 * has a handful.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "ops/app.h"
#include "store/dir.h"
#include "store/readers.h"
#include "store/store_wx.h"
#include "util/xmalloc.h"

#define APPS_SHOWN 100

struct app_list {
	struct store_wx_app rows[APPS_SHOWN];
	struct console_wxapp view[APPS_SHOWN];
	size_t n;
};

static void
app_view(const struct store_wx_app *a, struct console_wxapp *v)
{
	v->id = a->id;
	v->name = a->name;
	v->token = a->token;
	v->description = a->description;
	v->callback_url = a->callback_url;
	v->settings_url = a->settings_url;
}

/* The person's apps being collected (console_my_apps). */
struct my_apps {
	int64_t owner;
	struct store_wx_app *rows;
	size_t max, n;
};

static int
one_app(void *arg, const struct store_wx_app *a)
{
	struct my_apps *l = arg;

	if (a->owner_id != l->owner)
		return 0;
	if (l->n == l->max)
		return 1;
	l->rows[l->n++] = *a;
	return 0;
}

size_t
console_my_apps(const struct console_req *c, struct store_wx_app *rows,
    size_t max)
{
	struct my_apps l = { c->u.id, rows, max, 0 };

	if (dir_wx_app_list(store_reader(), one_app, &l) < 0)
		return 0;
	return l.n;
}

static void
list(struct console_req *c, struct console_wxapps_view *v, unsigned int st)
{
	struct app_list *l = xcalloc(1, sizeof(*l));
	struct strbuf body = STRBUF_INIT;
	size_t i;

	l->n = console_my_apps(c, l->rows, APPS_SHOWN);
	for (i = 0; i < l->n; i++)
		app_view(&l->rows[i], &l->view[i]);
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->apps = l->view;
	v->n = l->n;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_wxapps_page(&body, v));
	strbuf_release(&body);
	free(l);
}

/* The person's app of the id at the start of c->rest; -1: answered. */
static int
own_app(struct console_req *c, struct store_wx_app *a)
{
	int64_t id = console_id(c->rest);

	if (id < 0 || dir_wx_app_get(store_reader(), id, a) != 0 ||
	    a->owner_id != c->u.id) {
		console_fail(c, 404, "wx.gone");
		return -1;
	}
	return 0;
}

void
console_wx_get(struct console_req *c)
{
	struct console_wxapps_view v = { 0 };
	struct console_wxapp_view one = { .lang = c->lang, .csrf = c->csrf };
	struct console_wxapp av;
	struct strbuf body = STRBUF_INIT, follow = STRBUF_INIT;
	struct store_wx_app a;

	if (*c->rest == '\0')
		return list(c, &v, 200);
	if (strchr(c->rest + 1, '/') != NULL)
		return console_fail(c, 404, "app.notfound");
	if (own_app(c, &a) != 0)
		return;
	app_view(&a, &av);
	(void)strbuf_addf(&follow, "%s/follow/app/%lld",
	    api_ctx(c->r)->base_url, (long long)a.id);
	one.app = &av;
	one.follow = follow.buf;
	console_answer(c, 200, &body, NULL, console_wxapp_page(&body, &one));
	strbuf_release(&body);
	strbuf_release(&follow);
}

/* ---- writes --------------------------------------------------------- */

enum wx_act { WA_ADD, WA_RESET, WA_EDIT };

static const char *const edit_fields[] = { "name", "description",
	"callback_url", "settings_url" };
#define N_EDIT (sizeof(edit_fields) / sizeof(edit_fields[0]))

struct wx_op {
	struct console_op k; /* first */
	enum wx_act act;
	int64_t id;
	char name[LIM_NAME_BYTES + 1];
	char cb[LIM_PP_URL_BYTES + 1];
	char *values[N_EDIT];
	struct store_wx_app out;
};

static int
wx_apply(struct api_op *o, struct store *s)
{
	struct wx_op *k = (struct wx_op *)o;
	struct ops_app_new in = { .name = k->name,
		.callback_url = *k->cb ? k->cb : NULL };
	struct ops_app_field f = { .app_id = k->id };
	size_t i;
	int rc;

	switch (k->act) {
	case WA_ADD:
		in.owner_id = k->id;
		return ops_app_add(s, &in, &k->out, &k->k.err);
	case WA_RESET:
		return ops_app_reset_token(s, k->id, &k->out, &k->k.err);
	case WA_EDIT:
		for (i = 0; i < N_EDIT; i++) {
			f.field = edit_fields[i];
			f.value = k->values[i];
			if ((rc = ops_app_set(s, &f, &k->k.err)) != 0)
				return rc;
		}
		return 0;
	}
	return FG_EINVAL;
}

static void
wx_done(struct console_op *o)
{
	struct wx_op *k = (struct wx_op *)o;

	snprintf(o->back, sizeof(o->back), "/console/wx/%lld",
	    (long long)(k->act == WA_ADD ? k->out.id : k->id));
}

static void
wx_release(struct console_op *o)
{
	struct wx_op *k = (struct wx_op *)o;
	size_t i;

	for (i = 0; i < N_EDIT; i++)
		free(k->values[i]);
}

static struct wx_op *
wx_op(struct console_req *c, enum wx_act act, int64_t id, const char *flash)
{
	struct wx_op *k = console_op_new(c, sizeof(*k), wx_apply, flash);

	k->act = act;
	k->id = id;
	k->k.done = wx_done;
	k->k.release = wx_release;
	return k;
}

static void
add(struct console_req *c)
{
	struct console_wxapps_view v = { 0 };
	struct wx_op *k;

	v.name = console_in(c, "name");
	v.callback = console_in(c, "callback");
	if (*v.name == '\0' || strlen(v.name) > LIM_NAME_BYTES)
		v.err_name = *v.name ? "app.err.long" : "app.err.required";
	if (*v.callback &&
	    (!open_url_ok(v.callback) ||
		strlen(v.callback) > LIM_PP_URL_BYTES))
		v.err_callback = "app.err.url";
	if (v.err_name || v.err_callback)
		return list(c, &v, 422);
	k = wx_op(c, WA_ADD, c->u.id, "wx.added");
	snprintf(k->name, sizeof(k->name), "%s", v.name);
	snprintf(k->cb, sizeof(k->cb), "%s", v.callback);
	console_op_submit(c, &k->k);
}

void
console_wx_post(struct console_req *c)
{
	const char *act = c->rest[0] ? strchr(c->rest + 1, '/') : NULL;
	struct store_wx_app a;
	struct wx_op *k;
	size_t i;

	if (strcmp(c->rest, "/add") == 0)
		return add(c);
	if (act == NULL)
		return console_fail(c, 404, "app.notfound");
	if (own_app(c, &a) != 0)
		return;
	if (strcmp(act, "/reset") == 0)
		k = wx_op(c, WA_RESET, a.id, "wx.reset.done");
	else if (strcmp(act, "/edit") == 0) {
		k = wx_op(c, WA_EDIT, a.id, "app.saved");
		for (i = 0; i < N_EDIT; i++)
			k->values[i] = xstrdup(console_in(c, edit_fields[i]));
	} else
		return console_fail(c, 404, "app.notfound");
	console_op_submit(c, &k->k);
}
