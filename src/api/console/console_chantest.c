/*
 * console_chantest.c: a channel config's "send a test" (issue 12).
 *
 *   POST /console/channels/test   id: one of the person's configs
 *
 * The config is the person's own (looked up among its configs, else
 * 404), sent a fixed test message by its driver now, and the channel
 * configs page comes back with what the upstream answered: its HTTP
 * status and body (cut and escaped), or the driver's reason when
 * nothing came back.  Nothing is stored: the test is a look at the
 * wire, so it is no write and has no ops_*() call; the queue's
 * queue_chan_test_start() runs the driver on a thread of its own.
 *
 * The request is parked (api/commit.h) while the upstream answers, so
 * no HTTP thread waits for it, and answered from the test's thread.
 * One test per person at a time: a second press while one runs is
 * answered at once with the reason (429), the first goes on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "queue/chantest.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/xmalloc.h"

/* A test parked with its request: the page that shows its result. */
struct test_run {
	struct queue_chan_test t; /* first */
	const char *page;
	console_test_show show;
};

static void
test_free(void *arg)
{
	struct queue_chan_test *t = arg;

	strbuf_release(&t->reply);
	strbuf_release(&t->detail);
	free(t);
}

void
console_test_result(const struct queue_chan_test *t, const char *code,
    struct console_channels_view *v)
{
	v->t_code = code;
	v->t_ok = t->ok;
	v->t_status = t->status;
	v->t_reply = t->reply.buf;
	v->t_detail = t->detail.buf;
}

/* The page with t's result; t->cfg.code names the config. */
static void
show(struct console_req *c, const struct queue_chan_test *t,
    unsigned int status, const char *error)
{
	struct console_channels_view v = { 0 };

	if (error == NULL)
		console_test_result(t, t->cfg.code, &v);
	console_channels_show(c, &v, status, error);
}

/* On the test's thread: answer the parked request. */
static void
test_done(struct queue_chan_test *t)
{
	struct test_run *x = (struct test_run *)t;
	struct http_req *r = (struct http_req *)t->arg;
	struct console_req *c = xcalloc(1, sizeof(*c));

	if (console_open(r, c) != 0)
		api_notice_page(r, 401, "需要登录",
		    "请先登录。(sign in first)");
	else {
		c->page = console_find(x->page);
		x->show(c, t, 200, NULL);
	}
	console_close(c);
	free(c);
	api_unpark(r);
}

void
console_test_run(struct console_req *c, struct queue_chan_test *t,
    const char *page, console_test_show fn)
{
	struct test_run *x = xcalloc(1, sizeof(*x));
	const char *why = NULL;

	x->t = *t;
	x->page = page;
	x->show = fn;
	x->t.arg = c->r;
	x->t.done = test_done;
	api_park(c->r, x, test_free);
	if (queue_chan_test_start(&x->t, &why) != 0) {
		fn(c, &x->t, 429, why);
		api_unpark(c->r);
	}
}

/* t from the person's config id; -1 when it is not one of theirs. */
static int
load(struct console_req *c, struct queue_chan_test *t)
{
	struct console_cfgs *l = xcalloc(1, sizeof(*l));
	int64_t id = console_id(console_in(c, "id"));
	size_t i;
	int found;

	console_cfgs_load(c->u.id, l);
	for (i = 0; i < l->n && l->rows[i].id != id; i++)
		;
	if ((found = i < l->n))
		t->cfg = l->rows[i];
	free(l);
	if (!found)
		return -1;
	if (t->cfg.kind == STORE_CHAN_MAIL &&
	    dir_user_email_get(store_reader(), c->u.id, t->email) != 0)
		t->email[0] = '\0';
	t->user_id = c->u.id;
	snprintf(t->title, sizeof(t->title), "%s",
	    console_t(c->lang, "chan.test.title"));
	snprintf(t->content, sizeof(t->content), "%s",
	    console_t(c->lang, "chan.test.content"));
	return 0;
}

void
console_chantest(struct console_req *c)
{
	struct queue_chan_test *t = xcalloc(1, sizeof(*t));

	if (load(c, t) == 0)
		console_test_run(c, t, "/console/channels", show);
	else
		console_fail(c, 404, "chan.gone");
	free(t);
}
