/*
 * console_channels.c: the console's channel configs (issue 12).
 *
 *   GET  /console/channels          every config of the person, the
 *                                   add-a-webhook form
 *   POST /console/channels/add      a webhook of any type feige sends:
 *                                   the open API's webhook/add checks
 *                                   (type supported, http(s) URL, the
 *                                   custom type's fields by
 *                                   channel_webhook_custom_check()),
 *                                   then ops_chan_add()
 *   POST /console/channels/delete   id -> ops_chan_delete()
 *   POST /console/channels/test     id -> one request to the upstream
 *                                   now, its answer on this page
 *                                   (console_chantest.c)
 *
 * The page itself is drawn by console_channels_show()
 * (console_channels_view.c), which the test send's answer uses too.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/openapi/open_int.h"
#include "channel/channel.h"
#include "channel/webhook.h"
#include "ops/chan.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/xmalloc.h"

void
console_channels_get(struct console_req *c)
{
	struct console_channels_view v = { 0 };

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	console_channels_show(c, &v, 200, NULL);
}

/* ---- writes --------------------------------------------------------- */

struct chan_op {
	struct console_op k; /* first */
	struct store_chan ch;
	int del;
};

static int
chan_apply(struct api_op *o, struct store *s)
{
	struct chan_op *k = (struct chan_op *)o;

	if (k->del)
		return ops_chan_delete(s, k->ch.owner_id, k->ch.kind,
		    k->ch.code, NULL, &k->k.err);
	return ops_chan_add(s, &k->ch, &k->k.err);
}

/* The form's fields into ch, each reason into v; 0 when all are good. */
static int
read_form(struct console_req *c, struct console_channels_view *v,
    struct store_chan *ch, struct strbuf *why)
{
	long type = strtol(console_in(c, "type"), NULL, 10);

	v->code = console_in(c, "code");
	v->name = console_in(c, "name");
	v->type = console_in(c, "type");
	v->url = console_in(c, "url");
	v->method = console_in(c, "method");
	v->headers = console_in(c, "headers");
	v->body = console_in(c, "body");
	if (*v->code == '\0' || strlen(v->code) >= sizeof(ch->code))
		v->err_code = *v->code ? "app.err.long" : "app.err.required";
	if (*v->name == '\0' || strlen(v->name) >= sizeof(ch->name))
		v->err_name = *v->name ? "app.err.long" : "app.err.required";
	if (type <= 0 || type >= INT_MAX ||
	    !channel_webhook_type_ok((int)type))
		v->err_type = "chan.type.bad";
	if (!open_url_ok(v->url) || strlen(v->url) >= sizeof(ch->url))
		v->err_url = "app.err.url";
	if (v->err_code || v->err_name || v->err_type || v->err_url)
		return -1;
	ch->owner_id = c->u.id;
	ch->kind = STORE_CHAN_WEBHOOK;
	ch->type = (int)type;
	snprintf(ch->code, sizeof(ch->code), "%s", v->code);
	snprintf(ch->name, sizeof(ch->name), "%s", v->name);
	snprintf(ch->url, sizeof(ch->url), "%s", v->url);
	if (type == WEBHOOK_TYPE_CUSTOM) {
		snprintf(ch->http_method, sizeof(ch->http_method), "%s",
		    v->method);
		snprintf(ch->headers, sizeof(ch->headers), "%s", v->headers);
		snprintf(ch->body, sizeof(ch->body), "%s", v->body);
	}
	if (channel_webhook_custom_check(ch, why) != 0) {
		v->err_custom = why->buf;
		return -1;
	}
	return 0;
}

static void
add(struct console_req *c)
{
	struct console_channels_view v = { 0 };
	struct store_chan *ch = xcalloc(1, sizeof(*ch));
	struct strbuf why = STRBUF_INIT;
	struct chan_op *k;

	if (read_form(c, &v, ch, &why) != 0)
		console_channels_show(c, &v, 422, "app.error");
	else {
		k = console_op_new(c, sizeof(*k), chan_apply, "chan.added");
		k->ch = *ch;
		console_op_submit(c, &k->k);
	}
	strbuf_release(&why);
	free(ch);
}

static void
del(struct console_req *c)
{
	int64_t id = console_id(console_in(c, "id"));
	struct console_cfgs *l = xcalloc(1, sizeof(*l));
	struct chan_op *k;
	size_t i;

	console_cfgs_load(c->u.id, l);
	for (i = 0; i < l->n && l->rows[i].id != id; i++)
		;
	if (i == l->n) {
		free(l);
		return console_fail(c, 404, "chan.gone");
	}
	k = console_op_new(c, sizeof(*k), chan_apply, "app.deleted");
	k->ch = l->rows[i];
	k->del = 1;
	free(l);
	console_op_submit(c, &k->k);
}

void
console_channels_post(struct console_req *c)
{
	if (strcmp(c->rest, "/add") == 0)
		add(c);
	else if (strcmp(c->rest, "/delete") == 0)
		del(c);
	else if (strcmp(c->rest, "/test") == 0)
		console_chantest(c);
	else
		console_fail(c, 404, "app.notfound");
}
