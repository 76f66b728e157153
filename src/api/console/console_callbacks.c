/*
 * console_callbacks.c: the console's join callbacks (issue 12): what
 * pushplus posts to a group owner's callback URL when someone joins a
 * group (add_topic_user) or becomes a friend (add_friend), and what
 * came of each post.
 *
 *   GET  /console/callbacks        the callback URL (the default one
 *                                  of the settings page: pushplus has
 *                                  one URL for both events) with its
 *                                  form; the newest CB_SHOWN callbacks
 *                                  of each event: when, to which URL,
 *                                  delivered / retrying / given up,
 *                                  attempts, the last error, the body
 *   POST /console/callbacks        url -> ops_setting_callback()
 *
 * The rows are the callback outbox's (ops_outbox_add_for() writes the
 * owner and event since migration 19); callbacks written before it
 * carry no owner and are not listed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "api/tokens.h"
#include "ops/setting.h"
#include "store/readers.h"
#include "store/spool.h"
#include "util/xmalloc.h"

#define CB_SHOWN 30

static const char *const cb_events[CONSOLE_CB_EVENTS] = { "add_topic_user",
	"add_friend" };

struct cb_list {
	struct store_callback rows[CONSOLE_CB_EVENTS][CB_SHOWN];
	struct console_callback view[CONSOLE_CB_EVENTS][CB_SHOWN];
	size_t n[CONSOLE_CB_EVENTS];
	size_t e; /* the event being read */
};

static int
one_cb(void *arg, const struct store_callback *r)
{
	struct cb_list *l = arg;
	size_t i = l->n[l->e];
	struct console_callback *v = &l->view[l->e][i];

	if (i == CB_SHOWN)
		return 1;
	l->rows[l->e][i] = *r;
	r = &l->rows[l->e][i];
	v->url = r->url;
	v->body = r->body;
	v->error = r->error;
	v->status = r->status;
	v->attempts = r->attempts;
	v->created_ms = r->created_ms;
	l->n[l->e]++;
	return 0;
}

static void
show(struct console_req *c, struct console_callbacks_view *v, unsigned int st)
{
	struct cb_list *l = xcalloc(1, sizeof(*l));
	struct strbuf body = STRBUF_INIT;

	for (l->e = 0; l->e < CONSOLE_CB_EVENTS; l->e++) {
		if (spool_outbox_list(store_reader(), c->u.id, cb_events[l->e],
			CB_SHOWN, one_cb, l) < 0)
			l->n[l->e] = 0;
		v->rows[l->e] = l->view[l->e];
		v->n[l->e] = l->n[l->e];
	}
	v->lang = c->lang;
	v->csrf = c->csrf;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_callbacks_page(&body, v));
	strbuf_release(&body);
	free(l);
}

void
console_callbacks_get(struct console_req *c)
{
	struct console_callbacks_view v = { 0 };

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	v.url = c->u.callback_url;
	show(c, &v, 200);
}

struct cb_op {
	struct console_op k; /* first */
	int64_t user;
	char token[40];
	char url[LIM_PP_URL_BYTES + 1];
};

static int
cb_apply(struct api_op *o, struct store *s)
{
	struct cb_op *k = (struct cb_op *)o;

	return ops_setting_callback(s, k->user, k->url, &k->k.err);
}

/* The token cache holds the user with its callback URL: drop it. */
static void
cb_done(struct console_op *o)
{
	tokens_forget(api_ctx(o->o.http)->tokens, ((struct cb_op *)o)->token);
}

void
console_callbacks_post(struct console_req *c)
{
	struct console_callbacks_view v = { 0 };
	struct cb_op *k;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	v.url = console_in(c, "url");
	if (*v.url &&
	    (!open_url_ok(v.url) || strlen(v.url) > LIM_PP_URL_BYTES)) {
		v.err_url = "app.err.url";
		return show(c, &v, 422);
	}
	k = console_op_new(c, sizeof(*k), cb_apply, "app.saved");
	k->user = c->u.id;
	memcpy(k->token, c->u.token, sizeof(k->token));
	snprintf(k->url, sizeof(k->url), "%s", v.url);
	k->k.done = cb_done;
	console_op_submit(c, &k->k);
}
