/*
 * console_admin_queue.c: the operator page "queue and deliveries"
 * (issue 12): the queue as the server holds it (queue_stats(): waiting,
 * the oldest due one's wait, workers running, busy, stuck), per channel
 * the failed and retrying deliveries with their newest error, and the
 * failed deliveries page by page, each with a retry button and each
 * failing channel with "retry all".
 *
 *   GET  /console/admin/queue[?channel=C][&before=ID]
 *   POST /console/admin/queue/retry   id=N, or channel=C (all failed)
 *
 * A retry is ops_delivery_retry() (the CLI's `feige delivery retry`) in
 * a writer op: the rows become requested; after the commit the queue is
 * kicked (queue_requeue_kick()) and claims them at once, so the workers
 * start on them within the request's round trip.  Reads are on this
 * thread's reader through the partial index of failed rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_admin.h"
#include "api/ctx.h"
#include "core/limits.h"
#include "ops/admin.h"
#include "queue/queue.h"
#include "render/console_admin.h"
#include "store/readers.h"
#include "store/spool.h"
#include "util/xmalloc.h"

#define FAILED_PAGE 50

struct queue_data {
	struct store_failed f[FAILED_PAGE];
	struct con_adm_failed fv[FAILED_PAGE];
	size_t nf;
	struct console_adm_states states;
};

static int
one_failed(void *arg, const struct store_failed *f)
{
	struct queue_data *d = arg;
	struct con_adm_failed *v = &d->fv[d->nf];

	if (d->nf == FAILED_PAGE)
		return 1;
	d->f[d->nf] = *f;
	f = &d->f[d->nf];
	v->id = f->id;
	v->short_code = f->short_code;
	v->uid = f->uid;
	v->channel = f->channel;
	v->title = f->title;
	v->error = f->error;
	v->attempts = f->attempts;
	v->failed_ms = f->updated_ms;
	d->nf++;
	return 0;
}

static int
one_state(void *arg, const struct store_chan_state *s)
{
	struct console_adm_states *d = arg;
	struct con_adm_state *v = &d->sv[d->n];

	if (d->n == CONSOLE_ADM_STATES)
		return 1;
	d->st[d->n] = *s;
	s = &d->st[d->n];
	v->channel = s->channel;
	v->failed = s->status == 3;
	v->n = s->n;
	v->last_ms = s->last_ms;
	v->last_error = s->last_error;
	d->n++;
	return 0;
}

int
console_adm_states_load(struct console_adm_states *d)
{
	d->n = 0;
	return spool_admin_states(store_reader(), one_state, d);
}

/* A channel name as the drivers spell them, or "". */
static int
channel_ok(const char *ch)
{
	return strlen(ch) < sizeof(((struct store_failed *)0)->channel) &&
	    strspn(ch, "abcdefghijklmnopqrstuvwxyz0123456789-_") ==
	    strlen(ch);
}

void
console_adm_queue_get(struct console_req *c)
{
	struct queue_data *d;
	struct con_adm_queue_view v = { 0 };
	struct queue_stats qs;
	struct strbuf body = STRBUF_INIT;
	const char *ch = console_in(c, "channel");
	const char *b = console_in(c, "before");
	int64_t before = *b ? console_id(b) : 0;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	if (!channel_ok(ch) || before < 0)
		return console_fail(c, 400, "adm.channel.bad");
	d = xcalloc(1, sizeof(*d));
	queue_stats(api_ctx(c->r)->queue, LIM_HEALTH_WORKER_MS, &qs);
	v.lang = c->lang;
	v.csrf = c->csrf;
	v.depth = (int64_t)qs.depth;
	v.oldest_ms = qs.oldest_due_ms;
	v.workers = qs.workers;
	v.alive = qs.alive;
	v.busy = qs.busy;
	v.stuck = qs.stuck;
	if (console_adm_states_load(&d->states) < 0 ||
	    spool_admin_failed(store_reader(), ch, before, FAILED_PAGE,
		one_failed, d) < 0)
		return free(d), console_fail(c, 500, "app.error");
	v.states = d->states.sv;
	v.n_states = d->states.n;
	v.channel = ch;
	v.failed = d->fv;
	v.n_failed = d->nf;
	v.next = d->nf == FAILED_PAGE ? d->f[d->nf - 1].id : 0;
	console_adm_answer(c, console_adm_queue_page(&body, &v), &body, 200);
	free(d);
}

struct retry_op {
	struct console_op k; /* first */
	int64_t id;
	char channel[32];
	int64_t n;
};

static int
retry_apply(struct api_op *o, struct store *s)
{
	struct retry_op *k = (struct retry_op *)o;

	return ops_delivery_retry(s, k->id, k->channel, &k->n, &k->k.err);
}

static void
retry_done(struct console_op *o)
{
	queue_requeue_kick(api_ctx(o->o.http)->queue);
}

void
console_adm_queue_post(struct console_req *c)
{
	const char *ch = console_in(c, "channel");
	const char *sid = console_in(c, "id");
	int64_t id = *sid ? console_id(sid) : 0;
	struct retry_op *k;

	if (strcmp(c->rest, "/retry") != 0)
		return console_fail(c, 404, "app.notfound");
	if (id < 0 || (id == 0 && (*ch == '\0' || !channel_ok(ch))))
		return console_fail(c, 400, "adm.channel.bad");
	k = console_op_new(c, sizeof(*k), retry_apply, "adm.retried");
	k->id = id;
	snprintf(k->channel, sizeof(k->channel), "%s", id ? "" : ch);
	k->k.done = retry_done;
	console_op_submit(c, &k->k);
}
