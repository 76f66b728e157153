/*
 * console_wxproducts.c: the console's WxPusher message products (issue
 * 12): what a follower pays for, the operations `feige product`
 * and the WxPusher admin run (ops/app.h).
 *
 *   GET  /console/wxproducts            every app of the person with
 *                                       its products and an add form;
 *                                       ?edit=ID opens one's edit form
 *   POST /console/wxproducts/add        app, topic (0: the app's own
 *                                       follows), name, price (yuan)
 *                                       -> ops_product_add()
 *   POST /console/wxproducts/edit       id, name, price
 *                                       -> ops_product_edit()
 *   POST /console/wxproducts/delete     id -> ops_product_delete()
 *   POST /console/wxproducts/grant      uid, prod, days: paid time for
 *                                       a follower -> ops_follow_pay()
 *                                       (`feige pay grant`; order_pay
 *                                       goes to the app's callback)
 *
 * The app (and the topic, which must be the app's) of every form must
 * be the person's, else 404 before any write.  The price is typed in
 * yuan with at most two decimals ("9.9", "12.50") and kept in fen, as
 * WxPusher's order_pay amounts are; a refused form comes back with the
 * reasons beside its fields and what was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "ops/app.h"
#include "ops/follow.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/xmalloc.h"

#define WP_PRODUCTS 50
#define WP_PRICE_MAX 100000000L /* fen, ops_product_add()'s bound */

struct wp_app {
	struct store_wx_product rows[WP_PRODUCTS];
	struct console_wxproduct view[WP_PRODUCTS];
	struct console_opt covers[CONSOLE_WXTOPICS + 1];
	char cover_id[CONSOLE_WXTOPICS + 1][24];
	char price[WP_PRODUCTS][24];
	struct console_opt prods[WP_PRODUCTS];
	char prod_id[WP_PRODUCTS][24];
	size_t n;
	const struct console_wxtopic_app *t;
};

struct wp_list {
	struct console_wxapps apps;
	struct wp_app p[CONSOLE_WXAPPS];
	struct console_wxproduct_app view[CONSOLE_WXAPPS];
};

/* What a refused form showed: its app, its fields, the reasons. */
struct wp_typed {
	int64_t app, edit, grant_app;
	struct console_wxproduct_form f;
	struct console_wxproduct_grant g;
};

/* "12.50" of fen, into out. */
static void
yuan(char out[24], long fen)
{
	snprintf(out, 24, "%ld.%02ld", fen / 100, fen % 100);
}

static const char *
topic_name(const struct console_wxtopic_app *t, int64_t id)
{
	size_t i;

	for (i = 0; id && i < t->n; i++)
		if (t->topics[i].id == id)
			return t->topics[i].name;
	return NULL;
}

static int
one_product(void *arg, const struct store_wx_product *pr)
{
	struct wp_app *a = arg;
	struct console_wxproduct *v = &a->view[a->n];

	if (a->n == WP_PRODUCTS)
		return 1;
	a->rows[a->n] = *pr;
	yuan(a->price[a->n], pr->price_fen);
	v->id = pr->id;
	v->name = a->rows[a->n].name;
	v->covers = topic_name(a->t, pr->topic_id);
	v->price = a->price[a->n];
	v->price_fen = pr->price_fen;
	v->created_ms = pr->created_ms;
	snprintf(a->prod_id[a->n], sizeof(a->prod_id[0]), "%lld",
	    (long long)pr->id);
	a->prods[a->n].value = a->prod_id[a->n];
	a->prods[a->n].label = a->rows[a->n].name;
	a->n++;
	return 0;
}

/* The choices of what a product covers: the app, then each topic. */
static void
covers_load(struct wp_app *a, int lang)
{
	size_t i;

	a->covers[0].value = "0";
	a->covers[0].label = console_t(lang, "wp.app");
	for (i = 0; i < a->t->n; i++) {
		snprintf(a->cover_id[i + 1], sizeof(a->cover_id[0]), "%lld",
		    (long long)a->t->topics[i].id);
		a->covers[i + 1].value = a->cover_id[i + 1];
		a->covers[i + 1].label = a->t->topics[i].name;
	}
}

static void
show(struct console_req *c, const struct wp_typed *ty, unsigned int st)
{
	struct wp_list *l = xcalloc(1, sizeof(*l));
	struct console_wxproducts_view v = { .lang = c->lang,
		.csrf = c->csrf };
	struct strbuf body = STRBUF_INIT;
	size_t i, j;

	console_wxapps_load(c->u.id, &l->apps);
	for (i = 0; i < l->apps.n; i++) {
		struct console_wxproduct_app *va = &l->view[i];
		struct wp_app *a = &l->p[i];

		a->t = &l->apps.view[i];
		if (dir_wx_product_list(store_reader(), a->t->id, one_product,
			a) < 0)
			a->n = 0;
		covers_load(a, c->lang);
		va->id = a->t->id;
		va->name = a->t->name;
		va->products = a->view;
		va->n = a->n;
		va->covers = a->covers;
		va->n_covers = a->t->n + 1;
		va->prods = a->prods;
		va->n_prods = a->n;
		if (va->id == ty->grant_app)
			va->grant = &ty->g;
		for (j = 0; j < a->n; j++)
			if (a->view[j].id == ty->edit)
				va->editing = &a->view[j];
		if (va->id == ty->app)
			va->form = &ty->f;
	}
	v.apps = l->view;
	v.n = l->apps.n;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_wxproducts_page(&body, &v));
	strbuf_release(&body);
	free(l);
}

/* A product of the person's (into pr), or -1. */
static int
own_product(struct console_req *c, int64_t id, struct store_wx_product *pr)
{
	if (id <= 0 || dir_wx_product_get(store_reader(), id, pr) != 0)
		return -1;
	return console_wxapp_own(c, pr->app_id);
}

void
console_wxproducts_get(struct console_req *c)
{
	struct wp_typed ty = { 0 };
	struct store_wx_product pr;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	ty.edit = console_id(console_in(c, "edit"));
	if (ty.edit > 0 && own_product(c, ty.edit, &pr) != 0)
		return console_fail(c, 404, "wp.gone");
	show(c, &ty, 200);
}

/* ---- writes --------------------------------------------------------- */

/* Yuan with at most two decimals into fen; -1 when it is not one. */
static int
price_fen(const char *s, long *fen)
{
	long whole = 0, cents = 0;
	int digits = 0, dec = -1;

	for (; *s; s++) {
		if (*s == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || dec == 2 || whole > WP_PRICE_MAX)
			return -1;
		if (dec < 0)
			whole = whole * 10 + (*s - '0');
		else
			cents = cents * 10 + (*s - '0'), dec++;
		digits++;
	}
	if (dec == 1)
		cents *= 10;
	*fen = whole * 100 + cents;
	return digits > 0 && *fen <= WP_PRICE_MAX ? 0 : -1;
}

struct wp_op {
	struct console_op k; /* first */
	struct store_wx_product p;
	int del;
	struct store_user u; /* grant: the follower */
	long days;	     /* grant: != 0 */
};

static int
wp_apply(struct api_op *o, struct store *s)
{
	struct wp_op *k = (struct wp_op *)o;
	struct store_wx_product in = k->p; /* ops_product_add() clears out */
	struct ops_product_new n = { in.app_id, in.topic_id, in.name,
		in.price_fen };

	if (k->days) {
		struct ops_follow_pay_req r = { &k->u, k->p.id, k->days,
			clock_ms() };
		struct ops_follow_pay_result res;
		int rc = ops_follow_pay(s, &r, &res, &k->k.err);

		o->cb_added = rc == 0 && res.cb_added; /* order_pay */
		return rc;
	}
	if (k->del)
		return ops_product_delete(s, k->p.id, &k->k.err);
	if (k->p.id)
		return ops_product_edit(s, &k->p, &k->k.err);
	return ops_product_add(s, &n, &k->p, &k->k.err);
}

/* Name and price of the form into p, reasons into ty; 0 when good. */
static int
read_form(struct console_req *c, struct wp_typed *ty,
    struct store_wx_product *p)
{
	long fen = 0;

	ty->f.name = console_in(c, "name");
	ty->f.price = console_in(c, "price");
	ty->f.topic = console_in(c, "topic");
	if (*ty->f.name == '\0' || strlen(ty->f.name) > LIM_NAME_BYTES)
		ty->f.err_name = *ty->f.name ? "app.err.long" :
					       "app.err.required";
	if (price_fen(ty->f.price, &fen) != 0)
		ty->f.err_price = "wp.err.price";
	snprintf(p->name, sizeof(p->name), "%s", ty->f.name);
	p->price_fen = (int)fen;
	return ty->f.err_name || ty->f.err_price ? -1 : 0;
}

static void
submit(struct console_req *c, const struct store_wx_product *p, int del,
    const char *flash)
{
	struct wp_op *k = console_op_new(c, sizeof(*k), wp_apply, flash);

	k->p = *p;
	k->del = del;
	console_op_submit(c, &k->k);
}

static void
add(struct console_req *c)
{
	struct wp_typed ty = { 0 };
	struct store_wx_product p = { 0 };
	struct store_wx_topic t;

	p.app_id = ty.app = console_id(console_in(c, "app"));
	p.topic_id = strtoll(console_in(c, "topic"), NULL, 10);
	if (console_wxapp_own(c, p.app_id) != 0 || p.topic_id < 0 ||
	    (p.topic_id &&
		(dir_wx_topic_get(store_reader(), p.topic_id, &t) != 0 ||
		    t.app_id != p.app_id)))
		return console_fail(c, 404, "wp.gone");
	if (read_form(c, &ty, &p) != 0)
		return show(c, &ty, 422);
	submit(c, &p, 0, "wp.added");
}

static void
edit(struct console_req *c, int del)
{
	struct wp_typed ty = { 0 };
	struct store_wx_product p;

	if (own_product(c, console_id(console_in(c, "id")), &p) != 0)
		return console_fail(c, 404, "wp.gone");
	if (!del && read_form(c, &ty, &p) != 0) {
		ty.app = p.app_id;
		ty.edit = p.id;
		return show(c, &ty, 422);
	}
	submit(c, &p, del, del ? "app.deleted" : "app.saved");
}

/* Paid time for a follower of the product's app (ops_follow_pay()). */
static void
grant(struct console_req *c)
{
	struct wp_typed ty = { 0 };
	struct store_wx_product p;
	struct store_user u;
	struct wp_op *k;
	char *end;
	long days;

	if (own_product(c, console_id(console_in(c, "prod")), &p) != 0)
		return console_fail(c, 404, "wp.gone");
	ty.grant_app = p.app_id;
	ty.g.uid = console_in(c, "uid");
	ty.g.prod = console_in(c, "prod");
	ty.g.days = console_in(c, "days");
	days = strtol(ty.g.days, &end, 10);
	if (*ty.g.days == '\0' || *end != '\0' || days == 0 || days < -36500 ||
	    days > 36500)
		ty.g.err_days = "wp.err.days";
	if (strlen(ty.g.uid) >= sizeof(u.uid) ||
	    dir_user_get(store_reader(), "uid", ty.g.uid, &u) != 0)
		ty.g.err_uid = "wp.err.uid";
	if (ty.g.err_days || ty.g.err_uid)
		return show(c, &ty, 422);
	k = console_op_new(c, sizeof(*k), wp_apply, "wp.granted");
	k->p = p;
	k->u = u;
	k->days = days;
	console_op_submit(c, &k->k);
}

void
console_wxproducts_post(struct console_req *c)
{
	if (strcmp(c->rest, "/grant") == 0)
		return grant(c);
	if (strcmp(c->rest, "/add") == 0)
		return add(c);
	if (strcmp(c->rest, "/edit") == 0)
		return edit(c, 0);
	if (strcmp(c->rest, "/delete") == 0)
		return edit(c, 1);
	console_fail(c, 404, "app.notfound");
}
