/*
 * console_devices.c: the console's devices (issue 12).
 *
 *   GET  /console/devices          the person's push devices
 *   POST /console/devices/delete   id -> ops_device_delete(), the
 *                                  operation of DELETE /api/devices/ID
 *                                  (FG_ENOENT when it is not theirs)
 *
 * Adding a device needs the device itself (a browser subscribing, an
 * app registering): that stays on the inbox and /me, which the page
 * links, as do the WeChat and ClawBot binding blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "ops/device.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/xmalloc.h"

#define DEV_SHOWN 50

struct dev_list {
	struct console_device view[DEV_SHOWN];
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
	l->n++;
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
	console_answer(c, 200, &body, NULL, console_devices_page(&body, &v));
	strbuf_release(&body);
	free(l);
}

struct dev_op {
	struct console_op k; /* first */
	int64_t user, id;
};

static int
dev_apply(struct api_op *o, struct store *s)
{
	struct dev_op *k = (struct dev_op *)o;

	return ops_device_delete(s, k->user, k->id, &k->k.err);
}

void
console_devices_post(struct console_req *c)
{
	int64_t id = console_id(console_in(c, "id"));
	struct dev_op *k;

	if (strcmp(c->rest, "/delete") != 0 || id < 0)
		return console_fail(c, 404, "dev.gone");
	k = console_op_new(c, sizeof(*k), dev_apply, "app.deleted");
	k->user = c->u.id;
	k->id = id;
	console_op_submit(c, &k->k);
}
