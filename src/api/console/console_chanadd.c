/*
 * console_chanadd.c: the console's WeCom app and mail config forms
 * (issue 12), the operation `feige cp add` / `feige mail add` run
 * (ops_chan_add()).
 *
 *   GET  /console/chanadd        the two forms
 *   POST /console/chanadd/cp     code, name, corpid, agentid, secret
 *   POST /console/chanadd/mail   code, name, host, port, ssl, account,
 *                                password
 *
 * The fields and their limits are the renderer's table
 * (console_chanadd_fields()); this file checks each by it (required,
 * length, a number in range: the CLI's ranges, port 1..65535, agentid
 * 0..2^53) and answers a refusal beside the field with what was typed
 * kept.  A good form is one ops_chan_add() in the writer's commit
 * (FG_EEXIST names the taken code), then 303 to the channels page,
 * which lists, tests and deletes the config like any other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "ops/chan.h"
#include "util/xmalloc.h"

static void
show(struct console_req *c, struct console_chanadd_view *v, unsigned int st)
{
	struct strbuf body = STRBUF_INIT;

	v->lang = c->lang;
	v->csrf = c->csrf;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_chanadd_page(&body, v));
	strbuf_release(&body);
}

void
console_chanadd_get(struct console_req *c)
{
	struct console_chanadd_view v = { 0 };

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	show(c, &v, 200);
}

struct ca_op {
	struct console_op k; /* first */
	struct store_chan ch;
};

static int
ca_apply(struct api_op *o, struct store *s)
{
	struct ca_op *k = (struct ca_op *)o;

	return ops_chan_add(s, &k->ch, &k->k.err);
}

/* A field's reason by its row (required, length, number), or NULL. */
static const char *
check(const struct console_field *t, const char *v)
{
	char *end;
	long long n;

	if (*v == '\0')
		return t->required ? "app.err.required" : NULL;
	if (t->maxlen && strlen(v) > (size_t)t->maxlen)
		return "app.err.long";
	if (t->type != CF_NUMBER)
		return NULL;
	n = strtoll(v, &end, 10);
	if (*end != '\0' || n < 0 || n > (1LL << 53) ||
	    (strcmp(t->name, "port") == 0 && (n < 1 || n > 65535)))
		return "app.err.number";
	return NULL;
}

/* The typed value of field name in f (fields t), "" when none. */
static const char *
val(const struct console_field *t, size_t n,
    const struct console_chanadd_form *f, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return f->val[i];
	return "";
}

static void
fill(struct store_chan *ch, const char *kind, const struct console_field *t,
    size_t n, const struct console_chanadd_form *f)
{
#define V(name) val(t, n, f, name)
	snprintf(ch->code, sizeof(ch->code), "%s", V("code"));
	snprintf(ch->name, sizeof(ch->name), "%s", V("name"));
	if (strcmp(kind, "cp") == 0) {
		ch->kind = STORE_CHAN_CP;
		snprintf(ch->corpid, sizeof(ch->corpid), "%s", V("corpid"));
		snprintf(ch->secret, sizeof(ch->secret), "%s", V("secret"));
		ch->agentid = strtoll(V("agentid"), NULL, 10);
		return;
	}
	ch->kind = STORE_CHAN_MAIL;
	snprintf(ch->host, sizeof(ch->host), "%s", V("host"));
	snprintf(ch->account, sizeof(ch->account), "%s", V("account"));
	snprintf(ch->password, sizeof(ch->password), "%s", V("password"));
	ch->port = (int)strtol(V("port"), NULL, 10);
	ch->ssl = *V("ssl") != '\0' && strcmp(V("ssl"), "0") != 0;
#undef V
}

void
console_chanadd_post(struct console_req *c)
{
	struct console_chanadd_view v = { 0 };
	const char *kind = *c->rest == '/' ? c->rest + 1 : "";
	const struct console_field *t;
	struct console_chanadd_form *f;
	struct ca_op *k;
	size_t i, n;
	int bad = 0;

	if ((t = console_chanadd_fields(kind, &n)) == NULL)
		return console_fail(c, 404, "app.notfound");
	f = *kind == 'c' ? &v.cp : &v.mail;
	for (i = 0; i < n; i++) {
		f->val[i] = console_in(c, t[i].name);
		if ((f->err[i] = check(&t[i], f->val[i])) != NULL)
			bad = 1;
	}
	if (bad)
		return show(c, &v, 422);
	k = console_op_new(c, sizeof(*k), ca_apply, "chan.added");
	snprintf(k->k.back, sizeof(k->k.back), "%s", "/console/channels");
	k->ch.owner_id = c->u.id;
	fill(&k->ch, kind, t, n, f);
	console_op_submit(c, &k->k);
}
