/*
 * console_admin.c: the table of the console's operator pages (issue
 * 12, "Operators"), and the users page.
 *
 * Operator pages are rows with admin set: console.c lists them in the
 * navigation of admins only (users.is_admin) and answers 403 to
 * everyone else, so no page here checks again.  Each page calls the
 * same operations as the CLI (ops/admin.h, ops/user.h): nothing an
 * operator does here is a rule of its own.
 *
 *   GET  /console/admin/users          every user (the first USERS_SHOWN)
 *   POST /console/admin/users/add      name -> ops_user_add()
 *   POST /console/admin/users/disable  id -> ops_user_set_disabled(1)
 *   POST /console/admin/users/enable   id -> ops_user_set_disabled(0)
 *   POST /console/admin/users/reset    id -> ops_user_reset_token()
 *   POST /console/admin/users/limits   id daily rate -> ops_user_set_limits()
 *
 * A limit is parsed by ops_user_limit_parse(), as the CLI does; a
 * refused one shows the page again (422) with that user's form open.
 * A disabled user's, a limited user's or a reset token leaves the send
 * cache after the commit (tokens_forget), so the console's change is in
 * force at once, where the CLI's waits for the cache's TTL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_admin.h"
#include "api/ctx.h"
#include "api/tokens.h"
#include "core/limits.h"
#include "ops/admin.h"
#include "ops/user.h"
#include "ops/user_limits.h"
#include "render/console_admin.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/xmalloc.h"

#define USERS_SHOWN 500

const struct console_page console_admin_pages[] = {
	{ "/console/admin/users", "adm.users.title", CON_NAV_OPERATOR, 1,
	    console_adm_users_get, console_adm_users_post },
	{ "/console/admin/queue", "adm.queue.title", CON_NAV_OPERATOR, 1,
	    console_adm_queue_get, console_adm_queue_post },
	{ "/console/admin/health", "adm.health.title", CON_NAV_OPERATOR, 1,
	    console_adm_health_get, NULL },
	{ "/console/admin/upstreams", "adm.up.title", CON_NAV_OPERATOR, 1,
	    console_adm_up_get, NULL },
	{ "/console/admin/sms", "adm.sms.title", CON_NAV_OPERATOR, 1,
	    console_adm_sms_get, console_adm_sms_post },
	{ "/console/admin/system", "adm.system.title", CON_NAV_OPERATOR, 1,
	    console_adm_system_get, NULL },
};
const size_t console_n_admin_pages = sizeof(console_admin_pages) /
    sizeof(console_admin_pages[0]);

struct user_list {
	struct store_user rows[USERS_SHOWN];
	struct con_adm_user view[USERS_SHOWN];
	size_t n;
	int more;
};

static int
one_user(void *arg, const struct store_user *u)
{
	struct user_list *l = arg;
	struct con_adm_user *v;

	if (l->n == USERS_SHOWN) {
		l->more = 1;
		return 1;
	}
	l->rows[l->n] = *u;
	v = &l->view[l->n];
	v->id = u->id;
	v->uid = l->rows[l->n].uid;
	v->name = l->rows[l->n].name;
	v->token = l->rows[l->n].token;
	v->admin = u->is_admin;
	v->disabled = u->disabled;
	v->created_ms = u->created_ms;
	v->daily_limit = u->daily_limit;
	v->rate_limit = u->rate_limit;
	l->n++;
	return 0;
}

static void
show(struct console_req *c, struct con_adm_users_view *v, unsigned int status)
{
	struct user_list *l = xcalloc(1, sizeof(*l));
	struct strbuf body = STRBUF_INIT;

	if (dir_user_list(store_reader(), one_user, l) < 0)
		l->n = 0;
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->rows = l->view;
	v->n = l->n;
	v->more = l->more;
	console_adm_answer(c, console_adm_users_page(&body, v), &body, status);
	free(l);
}

void
console_adm_answer(struct console_req *c, int rc, struct strbuf *body,
    unsigned int status)
{
	if (rc != 0)
		console_fail(c, 500, "page too large");
	else
		console_reply(c, status, body,
		    status == 200 ? NULL : "app.error");
	strbuf_release(body);
}

void
console_adm_users_get(struct console_req *c)
{
	struct con_adm_users_view v = { 0 };

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	show(c, &v, 200);
}

/* ---- writes --------------------------------------------------------- */

enum user_act { U_ADD, U_DISABLE, U_ENABLE, U_RESET, U_LIMITS };

struct user_op {
	struct console_op k; /* first */
	enum user_act act;
	int64_t user;
	char name[LIM_NAME_BYTES + 1];
	char old[40]; /* the token that leaves the cache */
	struct ops_user_limits lim;
	struct store_user out;
};

static int
user_apply(struct api_op *o, struct store *s)
{
	struct user_op *k = (struct user_op *)o;

	switch (k->act) {
	case U_ADD:
		return ops_user_add(s, k->name, &k->out, &k->k.err);
	case U_DISABLE:
	case U_ENABLE:
		return ops_user_set_disabled(s, k->user, k->act == U_DISABLE,
		    &k->k.err);
	case U_RESET:
		return ops_user_reset_token(s, k->user, &k->out, &k->k.err);
	case U_LIMITS:
		return ops_user_set_limits(s, k->user, &k->lim, &k->k.err);
	}
	return FG_EINVAL;
}

static void
user_done(struct console_op *o)
{
	struct user_op *k = (struct user_op *)o;

	if (*k->old)
		tokens_forget(api_ctx(o->o.http)->tokens, k->old);
}

static void
user_add(struct console_req *c)
{
	struct con_adm_users_view v = { 0 };
	const char *name = console_in(c, "name");
	struct user_op *k;

	v.add_name = name;
	if (*name == '\0')
		v.err_name = "app.err.required";
	else if (strlen(name) > LIM_NAME_BYTES)
		v.err_name = "app.err.long";
	if (v.err_name)
		return show(c, &v, 422);
	k = console_op_new(c, sizeof(*k), user_apply, "adm.user.added");
	k->act = U_ADD;
	snprintf(k->name, sizeof(k->name), "%s", name);
	console_op_submit(c, &k->k);
}

/*
 * The limits form: both fields parsed before anything is written, each
 * refused one marked (the ops' range, the same as the CLI's).
 */
static int
limits_in(struct console_req *c, int64_t id, struct ops_user_limits *l)
{
	struct con_adm_users_view v = { 0 };

	v.lim_id = id;
	v.lim_daily = console_in(c, "daily");
	v.lim_rate = console_in(c, "rate");
	if (ops_user_limit_parse(v.lim_daily, &l->daily, NULL) != 0)
		v.err_daily = "adm.lim.err";
	if (ops_user_limit_parse(v.lim_rate, &l->rate, NULL) != 0)
		v.err_rate = "adm.lim.err";
	if (v.err_daily == NULL && v.err_rate == NULL)
		return 0;
	show(c, &v, 422);
	return -1;
}

static void
user_change(struct console_req *c, enum user_act act)
{
	static const char *const done[] = { [U_DISABLE] = "adm.user.changed",
		[U_ENABLE] = "adm.user.changed",
		[U_RESET] = "adm.user.reset_done",
		[U_LIMITS] = "adm.lim.saved" };
	struct ops_user_limits lim = { OPS_LIMIT_DEFAULT, OPS_LIMIT_DEFAULT };
	struct store_user u;
	struct user_op *k;
	int64_t id = console_id(console_in(c, "id"));

	if (id < 0 || dir_user_get_id(store_reader(), id, &u) != 0)
		return console_fail(c, 404, "adm.user.gone");
	if (act == U_LIMITS && limits_in(c, id, &lim) != 0)
		return;
	k = console_op_new(c, sizeof(*k), user_apply, done[act]);
	k->act = act;
	k->lim = lim;
	k->user = id;
	if (act != U_ENABLE)
		memcpy(k->old, u.token, sizeof(k->old));
	k->k.done = user_done;
	console_op_submit(c, &k->k);
}

void
console_adm_users_post(struct console_req *c)
{
	if (strcmp(c->rest, "/add") == 0)
		user_add(c);
	else if (strcmp(c->rest, "/disable") == 0)
		user_change(c, U_DISABLE);
	else if (strcmp(c->rest, "/enable") == 0)
		user_change(c, U_ENABLE);
	else if (strcmp(c->rest, "/reset") == 0)
		user_change(c, U_RESET);
	else if (strcmp(c->rest, "/limits") == 0)
		user_change(c, U_LIMITS);
	else
		console_fail(c, 404, "app.notfound");
}
