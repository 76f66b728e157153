/*
 * cmd_message.c: `feige message list` (newest first) and
 * `feige message show SHORTCODE` (status, deliveries, errors).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "render/render.h"
#include "util/ids.h"

static const char *status_names[] = { "not sent", "sending", "sent",
    "failed" };

static const char *
status_name(int st)
{
	return st >= 0 && st <= 3 ? status_names[st] : "?";
}

static int
list_one(void *arg, const struct message *m)
{
	struct cli_list *c = arg;
	char when[20];

	if (c->json) {
		json_array_append_new(c->arr, json_pack("{s:I,s:s,s:s,s:s,"
		    "s:s,s:i,s:s,s:I}", "id", (json_int_t)m->id, "shortCode",
		    m->short_code, "title", m->title, "template",
		    render_template_name(m->tpl), "channel", m->channel,
		    "status", m->status, "error", m->error, "createdAt",
		    (json_int_t)m->created_ms));
		return 0;
	}
	clock_format_cn(m->created_ms, when);
	printf("%s  %s  %-8s %-8s %s\n", m->short_code, when,
	    status_name(m->status), m->channel, m->title);
	return 0;
}

static int
list_rows(struct store *s, struct cli_list *c)
{
	return spool_message_list(s, 0, 1000, list_one, c);
}

int
cmd_message_list(struct cli_args *a)
{
	return cli_list(a, "messages", list_rows);
}

static int
delivery_one(void *arg, const struct store_delivery *d)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr, json_pack("{s:I,s:s,s:s,s:i,s:s,"
		    "s:i,s:I}", "id", (json_int_t)d->id, "uid", d->uid,
		    "channel", d->channel, "status", d->status, "error",
		    d->error, "attempts", d->attempts, "nextAt",
		    (json_int_t)d->next_ms));
	else
		printf("  delivery %lld to %s via %s: %s, %d attempt(s)%s%s\n",
		    (long long)d->id, d->uid, d->channel,
		    status_name(d->status), d->attempts, *d->error ? ": " : "",
		    d->error);
	return 0;
}

int
cmd_message_show(struct cli_args *a)
{
	struct store *s;
	struct message m;
	struct cli_list c = { NULL, a->json, a };
	char when[20];

	if (cli_open(a, &s) != 0)
		return 1;
	if (spool_message_get(s, a->pos[0], &m) != 0) {
		store_close(s);
		return cli_fail("no message with shortCode '%s'", a->pos[0]);
	}
	clock_format_cn(m.created_ms, when);
	if (a->json) {
		c.arr = json_array();
		if (spool_delivery_list(s, m.id, delivery_one, &c) < 0)
			cli_fail("cannot list deliveries (store error)");
		cli_print_json(json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:i,"
		    "s:s,s:s,s:I,s:o}", "id", (json_int_t)m.id, "shortCode",
		    m.short_code, "title", m.title, "content", m.content,
		    "template", render_template_name(m.tpl), "channel",
		    m.channel, "callbackUrl", m.callback_url, "status",
		    m.status, "statusText", status_name(m.status), "error",
		    m.error, "createdAt", (json_int_t)m.created_ms,
		    "deliveries", c.arr));
	} else {
		printf("message %s (%s)\n  title:    %s\n  template: %s\n"
		    "  channel:  %s\n  status:   %d %s%s%s\n", m.short_code,
		    when, m.title, render_template_name(m.tpl), m.channel,
		    m.status, status_name(m.status), *m.error ? ": " : "",
		    m.error);
		if (spool_delivery_list(s, m.id, delivery_one, &c) < 0)
			cli_fail("cannot list deliveries (store error)");
	}
	message_release(&m);
	store_close(s);
	return 0;
}
