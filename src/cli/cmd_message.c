/*
 * cmd_message.c: `feige message list` (newest first) and
 * `feige message show SHORTCODE` (status, deliveries, errors, and the
 * pushes to the recipients' devices with what each device's service
 * answered).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
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

static const char *const push_kinds[] = { "push", "recall", "verify" };

static int
push_one(void *arg, const struct store_push *p)
{
	struct cli_list *c = arg;
	const char *kind = p->kind >= 0 && p->kind <= 2 ? push_kinds[p->kind] :
							  "?";

	if (c->json)
		json_array_append_new(c->arr,
		    json_pack("{s:I,s:I,s:s,s:s,s:s,"
			      "s:i,s:s,s:I}",
			"id", (json_int_t)p->id, "device",
			(json_int_t)p->device_id, "type",
			*p->type ? p->type : "(deleted)", "kind", kind,
			"status", p->status, "attempts", p->attempts, "error",
			p->error, "updatedAt", (json_int_t)p->updated_ms));
	else
		printf("  %s %lld to device %lld (%s): %s, %d "
		       "attempt(s)%s%s\n",
		    kind, (long long)p->id, (long long)p->device_id,
		    *p->type ? p->type : "deleted", p->status, p->attempts,
		    *p->error ? ": " : "", p->error);
	return 0;
}

/* The message's device pushes: into c->arr (JSON) or printed. */
static void
show_pushes(struct store *s, int64_t id, struct cli_list *c)
{
	if (spool_push_list(s, id, push_one, c) < 0)
		cli_fail("cannot list pushes (store error)");
}

int
cmd_message_show(struct cli_args *a)
{
	struct store *s;
	struct message m;
	struct cli_list c = { NULL, a->json, a }, pc = { NULL, a->json, a };
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
		pc.arr = json_array();
		show_pushes(s, m.id, &pc);
		cli_print_json(json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:i,"
					 "s:s,s:s,s:I,s:o,s:o}",
		    "id", (json_int_t)m.id, "shortCode", m.short_code, "title",
		    m.title, "content", m.content, "template",
		    render_template_name(m.tpl), "channel", m.channel,
		    "callbackUrl", m.callback_url, "status", m.status,
		    "statusText", status_name(m.status), "error", m.error,
		    "createdAt", (json_int_t)m.created_ms, "deliveries", c.arr,
		    "pushes", pc.arr));
	} else {
		printf("message %s (%s)\n  title:    %s\n  template: %s\n"
		    "  channel:  %s\n  status:   %d %s%s%s\n", m.short_code,
		    when, m.title, render_template_name(m.tpl), m.channel,
		    m.status, status_name(m.status), *m.error ? ": " : "",
		    m.error);
		if (spool_delivery_list(s, m.id, delivery_one, &c) < 0)
			cli_fail("cannot list deliveries (store error)");
		show_pushes(s, m.id, &pc);
	}
	message_release(&m);
	store_close(s);
	return 0;
}
