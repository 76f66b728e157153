/*
 * console_history.c: the console's message history (issue 12).
 *
 *   GET  /console/history[?q=&status=]     the sender's newest messages
 *                                          (HIST_READ), searched and
 *                                          filtered here
 *   GET  /console/history/CODE             one message: per recipient
 *                                          (deliveries) and per device
 *                                          push, with error detail
 *   POST /console/history/CODE/recall      ops_recall() (the open API's
 *                                          message/deleteMessage), then
 *                                          the stream events and recall
 *                                          pushes after the commit
 *
 * Only the sender's own messages: another's shortCode answers 404, the
 * same as an unknown one.  The search reads the newest HIST_READ rows
 * and keeps those whose title or shortCode contains q (bytes, case as
 * typed): a console page, not a report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "channel/push.h"
#include "core/message.h"
#include "ops/recall.h"
#include "render/console_sender.h"
#include "render/render.h"
#include "store/readers.h"
#include "store/spool.h"
#include "store/store_push.h"
#include "util/xmalloc.h"

#define HIST_READ 500
#define HIST_SHOWN 100
#define HIST_TARGETS 200

struct hist {
	const char *q;
	int status; /* -1: any */
	size_t n;
	char sc[HIST_SHOWN][40];
	char title[HIST_SHOWN][101];
	char channel[HIST_SHOWN][32];
	char error[HIST_SHOWN][161];
	struct console_hist_row rows[HIST_SHOWN];
};

static int
hist_one(void *arg, const struct message *m)
{
	struct hist *h = arg;
	struct console_hist_row *r = &h->rows[h->n];

	if (h->n == HIST_SHOWN)
		return 1;
	if (h->status >= 0 && m->status != h->status)
		return 0;
	if (*h->q && strstr(m->title, h->q) == NULL &&
	    strstr(m->short_code, h->q) == NULL)
		return 0;
	snprintf(h->sc[h->n], sizeof(h->sc[0]), "%s", m->short_code);
	snprintf(h->title[h->n], sizeof(h->title[0]), "%s", m->title);
	snprintf(h->channel[h->n], sizeof(h->channel[0]), "%s", m->channel);
	snprintf(h->error[h->n], sizeof(h->error[0]), "%s", m->error);
	r->short_code = h->sc[h->n];
	r->title = h->title[h->n];
	r->channel = h->channel[h->n];
	r->error = h->error[h->n];
	r->status = m->status;
	r->created_ms = m->created_ms;
	h->n++;
	return 0;
}

static void
list(struct console_req *c)
{
	struct hist *h = xcalloc(1, sizeof(*h));
	struct console_history_view v = { .lang = c->lang };
	struct strbuf body = STRBUF_INIT;
	const char *st = console_in(c, "status");

	h->q = console_in(c, "q");
	h->status = *st >= '0' && *st <= '3' && st[1] == '\0' ? *st - '0' : -1;
	if (spool_message_list(store_reader(), c->u.id, HIST_READ, hist_one,
		h) < 0)
		h->n = 0;
	v.q = h->q;
	v.status = h->status >= 0 ? st : "";
	v.rows = h->rows;
	v.n = h->n;
	console_answer(c, 200, &body, NULL, console_history_page(&body, &v));
	strbuf_release(&body);
	free(h);
}

/* ---- one message ---------------------------------------------------- */

struct detail {
	size_t n, np;
	struct store_delivery d[HIST_TARGETS];
	struct store_push p[HIST_TARGETS];
	struct console_target t[HIST_TARGETS];
	struct console_target pt[HIST_TARGETS];
};

static int
delivery_one(void *arg, const struct store_delivery *d)
{
	struct detail *x = arg;
	struct console_target *t = &x->t[x->n];

	if (x->n == HIST_TARGETS)
		return 1;
	x->d[x->n] = *d;
	t->who = x->d[x->n].uid;
	t->via = x->d[x->n].channel;
	t->status = console_status_key(d->status);
	t->error = x->d[x->n].error;
	t->attempts = d->attempts;
	x->n++;
	return 0;
}

static int
push_one(void *arg, const struct store_push *p)
{
	static const char *const kinds[] = { "push", "recall", "verify" };
	struct detail *x = arg;
	struct console_target *t = &x->pt[x->np];

	if (x->np == HIST_TARGETS)
		return 1;
	x->p[x->np] = *p;
	t->who = *p->type ? x->p[x->np].type : "(deleted)";
	t->via = p->kind >= 0 && p->kind <= 2 ? kinds[p->kind] : "?";
	t->status = x->p[x->np].status;
	t->error = x->p[x->np].error;
	t->attempts = p->attempts;
	x->np++;
	return 0;
}

/* The person's message of code into m; -1 (answered 404) if none. */
static int
own_message(struct console_req *c, const char *code, struct message *m)
{
	memset(m, 0, sizeof(*m));
	if (spool_message_get(store_reader(), code, m) != 0) {
		console_fail(c, 404, "hist.gone");
		return -1;
	}
	if (m->sender_id != c->u.id) {
		message_release(m);
		console_fail(c, 404, "hist.gone");
		return -1;
	}
	return 0;
}

static void
detail(struct console_req *c, const char *code)
{
	struct detail *x = xcalloc(1, sizeof(*x));
	struct console_message_view v = { .lang = c->lang, .csrf = c->csrf };
	struct strbuf body = STRBUF_INIT;
	struct message m;

	if (own_message(c, code, &m) != 0) {
		free(x);
		return;
	}
	if (spool_delivery_list(store_reader(), m.id, delivery_one, x) < 0 ||
	    spool_push_list(store_reader(), m.id, push_one, x) < 0)
		x->n = x->np = 0;
	v.m.short_code = m.short_code;
	v.m.title = m.title;
	v.m.channel = m.channel;
	v.m.status = m.status;
	v.m.error = m.error;
	v.m.created_ms = m.created_ms;
	v.tpl = render_template_name(m.tpl);
	v.targets = x->t;
	v.n_targets = x->n;
	v.pushes = x->pt;
	v.n_pushes = x->np;
	console_answer(c, 200, &body, NULL, console_message_page(&body, &v));
	strbuf_release(&body);
	message_release(&m);
	free(x);
}

void
console_history_get(struct console_req *c)
{
	char code[64];

	if (*c->rest == '\0')
		return list(c);
	if (strlen(c->rest) >= sizeof(code) || strchr(c->rest + 1, '/'))
		return console_fail(c, 404, "app.notfound");
	snprintf(code, sizeof(code), "%s", c->rest + 1);
	detail(c, code);
}

/* ---- recall --------------------------------------------------------- */

struct recall_op {
	struct console_op k; /* first */
	struct ops_recall recall;
	int64_t id;
};

static int
recall_apply(struct api_op *o, struct store *s)
{
	struct recall_op *k = (struct recall_op *)o;

	return ops_recall(s, k->id, &k->recall, &k->k.err);
}

static void
recall_done(struct console_op *o)
{
	struct recall_op *k = (struct recall_op *)o;

	ops_recall_publish(api_ctx(o->o.http)->hub, &k->recall);
	if (k->recall.pushes)
		push_kick(api_ctx(o->o.http)->pushes);
}

static void
recall_release(struct console_op *o)
{
	ops_recall_release(&((struct recall_op *)o)->recall);
}

void
console_history_post(struct console_req *c)
{
	const char *slash = strrchr(c->rest, '/');
	struct recall_op *k;
	struct message m;
	char code[64];

	if (slash == NULL || slash == c->rest ||
	    strcmp(slash, "/recall") != 0 ||
	    (size_t)(slash - c->rest) >= sizeof(code))
		return console_fail(c, 404, "app.notfound");
	snprintf(code, sizeof(code), "%.*s", (int)(slash - c->rest - 1),
	    c->rest + 1);
	if (own_message(c, code, &m) != 0)
		return;
	k = console_op_new(c, sizeof(*k), recall_apply, "hist.recalled");
	k->id = m.id;
	k->k.done = recall_done;
	k->k.release = recall_release;
	message_release(&m);
	console_op_submit(c, &k->k);
}
