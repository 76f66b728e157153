/*
 * console_devices.c: the console's devices (issue 12).
 *
 *   GET  /console/devices          the person's push devices
 *   POST /console/devices/delete   id -> ops_device_delete(), the
 *                                  operation of DELETE /api/devices/ID
 *                                  (FG_ENOENT when it is not theirs)
 *   POST /console/devices/test     id -> ops_device_test_push(): a
 *                                  test push through the push outbox,
 *                                  then back to the page with
 *                                  ?testing=ID&since=MS
 *
 * Each device shows its last settled push (what /api/devices calls
 * lastStatus and lastError).  After a test the page reloads itself
 * (data-refresh) until the device's last push is newer than the test,
 * for at most DEV_WAIT_MS: then the answer of the device's service is
 * in the row.
 *
 * Adding a device needs the device itself (a browser subscribing, an
 * app registering): that stays on the inbox and /me, which the page
 * links, as do the WeChat and ClawBot binding blocks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "channel/push.h"
#include "ops/device.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/xmalloc.h"

#define DEV_SHOWN 50
#define DEV_WAIT_MS 60000 /* reload after a test at most this long */

struct dev_list {
	struct console_device view[DEV_SHOWN];
	struct store_push last[DEV_SHOWN];
	char type[DEV_SHOWN][16];
	size_t n;
};

static int
one_device(void *arg, const struct store_device *d)
{
	struct dev_list *l = arg;
	struct console_device *v = &l->view[l->n];

	if (l->n == DEV_SHOWN)
		return 1;
	memcpy(l->type[l->n], d->type, sizeof(l->type[0]));
	l->type[l->n][sizeof(l->type[0]) - 1] = '\0';
	v->id = d->id;
	v->type = l->type[l->n];
	v->created_ms = d->created_ms;
	v->last_seen_ms = d->last_seen_ms;
	v->pending = d->verify[0] != '\0';
	if (spool_push_last(store_reader(), d->id, &l->last[l->n]) == 0) {
		v->last_status = l->last[l->n].status;
		v->last_error = l->last[l->n].error;
		v->last_ms = l->last[l->n].updated_ms;
	}
	l->n++;
	return 0;
}

/* 1 while ?testing=ID&since=MS has no newer settled push, briefly. */
static int
waiting(struct console_req *c, const struct dev_list *l)
{
	int64_t id = console_id(console_in(c, "testing"));
	int64_t since = console_id(console_in(c, "since"));
	size_t i;

	if (id <= 0 || since <= 0 || clock_ms() - since > DEV_WAIT_MS)
		return 0;
	for (i = 0; i < l->n; i++)
		if (l->view[i].id == id)
			return l->view[i].last_ms < since;
	return 0;
}

void
console_devices_get(struct console_req *c)
{
	struct dev_list *l = xcalloc(1, sizeof(*l));
	struct console_devices_view v = { .lang = c->lang, .csrf = c->csrf };
	struct strbuf body = STRBUF_INIT;

	if (*c->rest != '\0') {
		free(l);
		return console_fail(c, 404, "app.notfound");
	}
	if (dir_device_list(store_reader(), c->u.id, one_device, l) < 0)
		l->n = 0;
	v.devices = l->view;
	v.n = l->n;
	v.waiting = waiting(c, l);
	console_answer(c, 200, &body, NULL, console_devices_page(&body, &v));
	strbuf_release(&body);
	free(l);
}

struct dev_op {
	struct console_op k; /* first */
	int64_t user, id, now;
	int test;
};

static int
dev_apply(struct api_op *o, struct store *s)
{
	struct dev_op *k = (struct dev_op *)o;

	if (k->test)
		return ops_device_test_push(s, k->user, k->id, k->now,
		    &k->k.err);
	return ops_device_delete(s, k->user, k->id, &k->k.err);
}

/* After the test's commit: the push sender looks now. */
static void
test_done(struct console_op *o)
{
	push_kick(api_ctx(o->o.http)->pushes);
}

void
console_devices_post(struct console_req *c)
{
	int64_t id = console_id(console_in(c, "id"));
	int test = strcmp(c->rest, "/test") == 0;
	struct dev_op *k;

	if ((!test && strcmp(c->rest, "/delete") != 0) || id < 0)
		return console_fail(c, 404, "dev.gone");
	k = console_op_new(c, sizeof(*k), dev_apply,
	    test ? "dev.test.queued" : "app.deleted");
	k->user = c->u.id;
	k->id = id;
	k->test = test;
	k->now = clock_ms();
	if (test) {
		k->k.done = test_done;
		snprintf(k->k.back, sizeof(k->k.back),
		    "/console/devices?testing=%lld&since=%lld", (long long)id,
		    (long long)k->now);
	}
	console_op_submit(c, &k->k);
}
