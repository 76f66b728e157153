/*
 * console_pre.c: the console's pre-processing scripts (issue 12), the
 * operations the open API's pre/... calls run (ops/pre.h).
 *
 *   GET  /console/pre             the person's scripts, the add form
 *                                 (?edit=ID: that script in it)
 *   POST /console/pre             id empty: ops_pre_add(), else
 *                                 ops_pre_edit() of the person's script
 *   POST /console/pre/delete      id -> ops_pre_delete()
 *   POST /console/pre/test        script and message run in the pool of
 *                                 sandboxed workers, as pre/test does
 *
 * The shape checks are the open API's (both names 1..64 bytes, a
 * script of at most PRE_SCRIPT_MAX), answered beside the field with
 * what was typed kept.  A script of another person is "no such script"
 * before any write.
 *
 * The test run never blocks the HTTP thread: the request is parked on
 * the script (api/prewait.h, the path of pre/test and of /send's pre)
 * and resume(), on the pool's thread, opens the request again
 * (console_open(), as console_send.c does after a send) to draw the
 * page with the result or the script's error under the test form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/prewait.h"
#include "ops/pre.h"
#include "pre/pre.h"
#include "store/dir.h"
#include "store/readers.h"
#include "store/store_open.h"
#include "util/xmalloc.h"

#define PRE_SHOWN 100

struct pre_list {
	struct console_pre_item view[PRE_SHOWN];
	char name[PRE_SHOWN][OPEN_NAME_MAX + 1];
	char code[PRE_SHOWN][OPEN_NAME_MAX + 1];
	size_t n;
};

static int
one_pre(void *arg, const struct store_open_pre *p)
{
	struct pre_list *l = arg;
	struct console_pre_item *v = &l->view[l->n];

	if (l->n == PRE_SHOWN)
		return 1;
	memcpy(l->name[l->n], p->name, sizeof(l->name[0]));
	memcpy(l->code[l->n], p->code, sizeof(l->code[0]));
	v->id = p->id;
	v->name = l->name[l->n];
	v->code = l->code[l->n];
	v->created_ms = p->created_ms;
	l->n++;
	return 0;
}

static void
show(struct console_req *c, struct console_pre_view *v, unsigned int st)
{
	struct pre_list *l = xcalloc(1, sizeof(*l));
	struct strbuf body = STRBUF_INIT;
	int64_t total = 0;

	if (dir_pre_list(store_reader(), c->u.id, 0, PRE_SHOWN, &total,
		one_pre, l) < 0)
		l->n = 0;
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->items = l->view;
	v->n = l->n;
	console_answer(c, st, &body,
	    st == 200 || v->t_error != NULL ? NULL : "app.error",
	    console_pre_page(&body, v));
	strbuf_release(&body);
	free(l);
}

/* The person's script id into p (script on the heap), or -1. */
static int
own(struct console_req *c, int64_t id, struct store_open_pre *p)
{
	if (id <= 0 || dir_pre_get(store_reader(), id, p) != 0)
		return -1;
	if (p->user_id != c->u.id) {
		free(p->script);
		return -1;
	}
	return 0;
}

void
console_pre_get(struct console_req *c)
{
	struct console_pre_view v = { 0 };
	struct store_open_pre p;
	const char *edit = console_in(c, "edit");
	char id[24];

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	if (*edit == '\0')
		return show(c, &v, 200);
	if (own(c, console_id(edit), &p) != 0)
		return console_fail(c, 404, "pre.gone");
	snprintf(id, sizeof(id), "%lld", (long long)p.id);
	v.id = id;
	v.name = p.name;
	v.code = p.code;
	v.script = p.script ? p.script : "";
	v.t_script = v.script;
	show(c, &v, 200);
	free(p.script);
}

enum { PRE_ADD, PRE_EDIT, PRE_DELETE };

struct pre_op {
	struct console_op k; /* first */
	int kind;
	struct store_open_pre p;
};

static int
pre_apply(struct api_op *o, struct store *s)
{
	struct pre_op *k = (struct pre_op *)o;

	switch (k->kind) {
	case PRE_ADD:
		return ops_pre_add(s, &k->p, &k->k.err);
	case PRE_EDIT:
		return ops_pre_edit(s, &k->p, &k->k.err);
	default:
		return ops_pre_delete(s, k->p.id, &k->k.err);
	}
}

static void
pre_release(struct console_op *o)
{
	free(((struct pre_op *)o)->p.script);
}

static struct pre_op *
pre_op_new(struct console_req *c, int kind, const char *flash)
{
	struct pre_op *k = console_op_new(c, sizeof(*k), pre_apply, flash);

	k->kind = kind;
	k->k.release = pre_release;
	k->p.user_id = c->u.id;
	return k;
}

/* A field's reason: required, too long, or NULL. */
static const char *
check(const char *s, size_t max, const char *too_long)
{
	if (*s == '\0')
		return "app.err.required";
	return strlen(s) > max ? too_long : NULL;
}

static void
save(struct console_req *c)
{
	struct console_pre_view v = { 0 };
	struct store_open_pre cur;
	struct pre_op *k;
	int64_t id = 0;

	v.id = console_in(c, "id");
	v.name = console_in(c, "name");
	v.code = console_in(c, "code");
	v.script = console_in(c, "script");
	v.err_name = check(v.name, OPEN_NAME_MAX, "app.err.long");
	v.err_code = check(v.code, OPEN_NAME_MAX, "app.err.long");
	v.err_script = check(v.script, PRE_SCRIPT_MAX, "pre.err.big");
	if (v.err_name || v.err_code || v.err_script)
		return show(c, &v, 422);
	if (*v.id != '\0') {
		if (own(c, console_id(v.id), &cur) != 0)
			return console_fail(c, 404, "pre.gone");
		free(cur.script);
		id = cur.id;
	}
	k = pre_op_new(c, id ? PRE_EDIT : PRE_ADD,
	    id ? "app.saved" : "pre.added");
	k->p.id = id;
	k->p.content_type = 1;
	snprintf(k->p.name, sizeof(k->p.name), "%s", v.name);
	snprintf(k->p.code, sizeof(k->p.code), "%s", v.code);
	k->p.script = xstrdup(v.script);
	console_op_submit(c, &k->k);
}

static void delete (struct console_req *c)
{
	struct store_open_pre cur;
	struct pre_op *k;

	if (own(c, console_id(console_in(c, "id")), &cur) != 0)
		return console_fail(c, 404, "pre.gone");
	free(cur.script);
	k = pre_op_new(c, PRE_DELETE, "app.deleted");
	k->p.id = cur.id;
	console_op_submit(c, &k->k);
}

/* A test run parked on the script: what the page shows again. */
struct pre_test {
	struct api_pre_wait w; /* first */
	char *script, *msg;
};

static void
test_free(void *arg)
{
	struct pre_test *t = arg;

	free(t->script);
	free(t->msg);
	free(t);
}

static void
test_resume(struct api_pre_wait *w, int rc, const char *text, size_t len)
{
	struct pre_test *t = (struct pre_test *)w;
	struct console_pre_view v = { 0 };
	struct console_req *c = xcalloc(1, sizeof(*c));
	struct strbuf out = STRBUF_INIT;
	char why[400];

	if (console_open(w->http, c) != 0) {
		api_notice_page(w->http, 401, "需要登录",
		    "请先登录。(sign in first)");
	} else {
		c->page = console_find("/console/pre");
		v.t_script = t->script;
		v.t_msg = t->msg;
		if (rc != 0) {
			api_pre_reason(rc, text, len, why, sizeof(why));
			v.t_error = why;
		} else {
			(void)strbuf_add(&out, text, len);
			v.t_result = out.len ? out.buf : "";
		}
		show(c, &v, 200);
	}
	console_close(c);
	free(c);
	strbuf_release(&out);
	api_unpark(w->http);
}

static void
test(struct console_req *c)
{
	struct console_pre_view v = { 0 };
	struct pre_test *t;

	v.t_script = console_in(c, "script");
	v.t_msg = console_in(c, "message");
	v.err_t_script = check(v.t_script, PRE_SCRIPT_MAX, "pre.err.big");
	if (v.err_t_script)
		return show(c, &v, 422);
	t = xcalloc(1, sizeof(*t));
	t->script = xstrdup(v.t_script);
	t->msg = xstrdup(v.t_msg);
	t->w.http = c->r;
	t->w.resume = test_resume;
	api_pre_run(&t->w, t, test_free, c->u.id, t->script, t->msg, NULL);
}

void
console_pre_post(struct console_req *c)
{
	if (*c->rest == '\0')
		return save(c);
	if (strcmp(c->rest, "/delete") == 0)
		return delete (c);
	if (strcmp(c->rest, "/test") == 0)
		return test(c);
	console_fail(c, 404, "app.notfound");
}
