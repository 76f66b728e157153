/*
 * console_keys.c: the console's open API AccessKeys (issue 12).
 *
 *   GET  /console/keys          the person's live AccessKeys (a short id
 *                               from the stored hash, issued, expires)
 *   POST /console/keys/revoke       id -> ops_key_revoke(): that key,
 *                                   gone at once
 *   POST /console/keys/revoke-all   every key of the person (id 0)
 *
 * The open API revokes keys only as a side effect of a new secretKey or
 * of turning it off (ops_key_openapi()); revoking without either is
 * its own operation, ops_key_revoke(), so a leaked key can be ended and
 * the clients holding the secretKey simply fetch a new one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "ops/key.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/xmalloc.h"

#define KEYS_SHOWN 50
#define KEY_SHORT 12 /* hex digits of the hash shown */

struct key_list {
	struct console_key view[KEYS_SHOWN];
	char short_id[KEYS_SHOWN][KEY_SHORT + 1];
	size_t n;
};

static int
one_key(void *arg, const struct store_open_key *k)
{
	struct key_list *l = arg;
	struct console_key *v = &l->view[l->n];

	if (l->n == KEYS_SHOWN)
		return 1;
	snprintf(l->short_id[l->n], sizeof(l->short_id[0]), "%.*s", KEY_SHORT,
	    k->key_hash);
	v->id = k->id;
	v->short_id = l->short_id[l->n];
	v->created_ms = k->created_ms;
	v->expires_ms = k->expires_ms;
	l->n++;
	return 0;
}

void
console_keys_get(struct console_req *c)
{
	struct key_list *l = xcalloc(1, sizeof(*l));
	struct console_keys_view v = { .lang = c->lang, .csrf = c->csrf };
	struct strbuf body = STRBUF_INIT;

	if (*c->rest != '\0') {
		free(l);
		return console_fail(c, 404, "app.notfound");
	}
	if (dir_key_list(store_reader(), c->u.id, clock_ms(), one_key, l) < 0)
		l->n = 0;
	v.keys = l->view;
	v.n = l->n;
	console_answer(c, 200, &body, NULL, console_keys_page(&body, &v));
	strbuf_release(&body);
	free(l);
}

struct key_op {
	struct console_op k; /* first */
	int64_t user, id;
};

static int
key_apply(struct api_op *o, struct store *s)
{
	struct key_op *k = (struct key_op *)o;

	return ops_key_revoke(s, k->user, k->id, &k->k.err);
}

void
console_keys_post(struct console_req *c)
{
	int all = strcmp(c->rest, "/revoke-all") == 0;
	int64_t id = all ? 0 : console_id(console_in(c, "id"));
	struct key_op *k;

	if ((!all && strcmp(c->rest, "/revoke") != 0) || id < 0 ||
	    (!all && id == 0))
		return console_fail(c, 404, "key.gone");
	k = console_op_new(c, sizeof(*k), key_apply, "key.revoked");
	k->user = c->u.id;
	k->id = id;
	console_op_submit(c, &k->k);
}
