/*
 * console_token.c: the console page "my token" (issue 12): UID, token
 * (show, copy, rotate) and message tokens (add with an expiry, delete).
 *
 *   GET  /console/token          the page
 *   POST /console/token/rotate   ops_user_reset_token(): the operation
 *                                of `feige user reset-token` and /me's
 *                                button; the old token leaves the send
 *                                cache after the commit
 *   POST /console/token/add      name (required, <= 64 bytes), expire
 *                                (the open API's formats, empty: never)
 *                                -> ops_token_add()
 *   POST /console/token/delete   id (the person's own) -> ops_token_delete()
 *
 * A refused add answers 422 with the page itself, the typed values in
 * the form and the reason under the field.  Expiry dates are read the
 * way the open API's token/add reads expireTime (open_date_parse(), a
 * bare date valid through its last second), so both take the same text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "api/tokens.h"
#include "ops/token.h"
#include "ops/user.h"
#include "render/console_sender.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/xmalloc.h"

#define TOK_SHOWN 100
#define DAY_END_MS (86400 * 1000LL - 1000)

struct tok_list {
	struct store_msg_token rows[TOK_SHOWN];
	struct console_msgtok view[TOK_SHOWN];
	size_t n;
	char spt[48];
};

static int
one_tok(void *arg, const struct store_msg_token *t)
{
	struct tok_list *l = arg;

	if (l->n == TOK_SHOWN)
		return 1;
	l->rows[l->n] = *t;
	l->view[l->n].id = t->id;
	l->view[l->n].name = l->rows[l->n].name;
	l->view[l->n].token = l->rows[l->n].token;
	l->view[l->n].expire_ms = t->expire_ms;
	l->n++;
	return 0;
}

/* The page; v holds the add form's state (typed values, reasons). */
static void
show(struct console_req *c, struct console_token_view *v, unsigned int status)
{
	struct tok_list *l = xcalloc(1, sizeof(*l));
	struct strbuf body = STRBUF_INIT;
	int64_t total = 0;

	if (dir_token_list(store_reader(), c->u.id, 0, TOK_SHOWN, &total,
		one_tok, l) < 0)
		l->n = 0;
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->uid = c->u.uid;
	v->token = c->u.token;
	if (dir_wx_user_spt(store_reader(), c->u.id, l->spt) != 0)
		l->spt[0] = '\0';
	v->spt = l->spt;
	v->toks = l->view;
	v->n_toks = l->n;
	console_answer(c, status, &body, status == 200 ? NULL : "app.error",
	    console_token_page(&body, v));
	strbuf_release(&body);
	free(l);
}

static void
token_get(struct console_req *c)
{
	struct console_token_view v = { 0 };

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	show(c, &v, 200);
}

/* ---- rotate --------------------------------------------------------- */

struct rotate_op {
	struct console_op k; /* first */
	int64_t user;
	char old[40];
	struct store_user nu;
};

static int
rotate_apply(struct api_op *o, struct store *s)
{
	struct rotate_op *k = (struct rotate_op *)o;

	return ops_user_reset_token(s, k->user, &k->nu, &k->k.err);
}

static void
rotate_done(struct console_op *o)
{
	tokens_forget(api_ctx(o->o.http)->tokens,
	    ((struct rotate_op *)o)->old);
}

static void
rotate(struct console_req *c)
{
	struct rotate_op *k = console_op_new(c, sizeof(*k), rotate_apply,
	    "token.rotated");

	k->user = c->u.id;
	memcpy(k->old, c->u.token, sizeof(k->old));
	k->k.done = rotate_done;
	console_op_submit(c, &k->k);
}

/* ---- message tokens ------------------------------------------------- */

struct tok_op {
	struct console_op k; /* first */
	struct store_msg_token t;
	int del;
};

static int
tok_apply(struct api_op *o, struct store *s)
{
	struct tok_op *k = (struct tok_op *)o;

	if (k->del)
		return ops_token_delete(s, k->t.id, &k->k.err);
	return ops_token_add(s, &k->t, &k->k.err);
}

static void
tok_done(struct console_op *o)
{
	struct tok_op *k = (struct tok_op *)o;

	if (k->del)
		tokens_forget(api_ctx(o->o.http)->tokens, k->t.token);
}

static void
tok_add(struct console_req *c)
{
	struct console_token_view v = { 0 };
	const char *name = console_in(c, "name");
	const char *exp = console_in(c, "expire");
	int64_t ms = 0;
	struct tok_op *k;

	v.add_name = name;
	v.add_expire = exp;
	if (*name == '\0')
		v.err_name = "app.err.required";
	else if (strlen(name) > OPEN_NAME_MAX)
		v.err_name = "app.err.long";
	if (*exp && open_date_parse(exp, &ms) != 0)
		v.err_expire = "token.expire.bad";
	else if (*exp && strchr(exp, ':') == NULL)
		ms += DAY_END_MS;
	if (v.err_name || v.err_expire)
		return show(c, &v, 422);
	k = console_op_new(c, sizeof(*k), tok_apply, "token.added");
	k->t.user_id = c->u.id;
	snprintf(k->t.name, sizeof(k->t.name), "%s", name);
	k->t.expire_ms = ms;
	console_op_submit(c, &k->k);
}

static void
tok_delete(struct console_req *c)
{
	struct store_msg_token t;
	struct tok_op *k;
	int64_t id = console_id(console_in(c, "id"));

	if (id < 0 || dir_token_get(store_reader(), id, &t) != 0 ||
	    t.user_id != c->u.id)
		return console_fail(c, 404, "token.gone");
	k = console_op_new(c, sizeof(*k), tok_apply, "app.deleted");
	k->t = t;
	k->del = 1;
	k->k.done = tok_done;
	console_op_submit(c, &k->k);
}

void
console_token_post(struct console_req *c)
{
	if (strcmp(c->rest, "/rotate") == 0)
		rotate(c);
	else if (strcmp(c->rest, "/add") == 0)
		tok_add(c);
	else if (strcmp(c->rest, "/delete") == 0)
		tok_delete(c);
	else
		console_fail(c, 404, "app.notfound");
}

void
console_token_get(struct console_req *c)
{
	token_get(c);
}
