/*
 * console_channels_view.c: the channel configs page as it is drawn
 * (console_channels_show): the person's configs, the webhook types
 * offered in the add form (named in the page's language), and whatever
 * the caller put in the view (a refused form's values and reasons, the
 * answer of a test send).  Its own file because both the page's
 * handlers (console_channels.c) and the test send (console_chantest.c)
 * draw it, and neither should reach into the other for it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "channel/channel.h"
#include "channel/webhook.h"
#include "util/xmalloc.h"

#define TYPE_MAX 32 /* webhook type ids probed for the select */

struct types {
	struct console_opt opt[TYPE_MAX];
	char id[TYPE_MAX][12];
	size_t n;
};

/* The types offered, named in the page's language. */
static void
types_load(struct types *t, int lang)
{
	int i;

	for (i = 1; i < TYPE_MAX && t->n < TYPE_MAX; i++) {
		if (!channel_webhook_type_ok(i))
			continue;
		snprintf(t->id[t->n], sizeof(t->id[0]), "%d", i);
		t->opt[t->n].value = t->id[t->n];
		t->opt[t->n].label = lang == CON_EN ?
		    channel_webhook_type_name_en(i) :
		    channel_webhook_type_name(i);
		t->n++;
	}
}

void
console_channels_show(struct console_req *c, struct console_channels_view *v,
    unsigned int st, const char *error)
{
	struct console_cfgs *l = xcalloc(1, sizeof(*l));
	struct types *t = xcalloc(1, sizeof(*t));
	struct strbuf body = STRBUF_INIT;

	console_cfgs_load(c->u.id, l);
	types_load(t, c->lang);
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->cfgs = l->view;
	v->n = l->n;
	v->types = t->opt;
	v->n_types = t->n;
	console_answer(c, st, &body, error, console_channels_page(&body, v));
	strbuf_release(&body);
	free(l);
	free(t);
}
