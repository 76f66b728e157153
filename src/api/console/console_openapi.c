/*
 * console_openapi.c: the console's open API page (issue 12), the
 * operation `feige user openapi` runs (ops_key_openapi()).
 *
 *   GET  /console/openapi   on or off, a secretKey set or not, the
 *                           allowlist
 *   POST /console/openapi   enable (a box), secret (empty: keep), ips:
 *                           checked here as the CLI checks them
 *                           (OPS_SECRET_MIN..MAX bytes, iplist_check()),
 *                           the secret hashed (argon2id) on this thread,
 *                           before the writer; then one ops_key_openapi()
 *
 * Turning the API on without a secretKey or an allowlist is the
 * operation's refusal (FG_EINVAL), shown with its reason.  The
 * operation revokes every AccessKey on a new secret or when turned off.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "ops/key.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/iplist.h"

static void
show(struct console_req *c, struct console_openapi_view *v, unsigned int st)
{
	struct store_open_settings s;
	struct strbuf body = STRBUF_INIT;

	memset(&s, 0, sizeof(s));
	if (dir_settings_get(store_reader(), c->u.id, &s) != 0)
		s.enabled = 0;
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->enabled = s.enabled;
	v->has_secret = s.secret_hash[0] != '\0';
	if (v->enable == NULL)
		v->enable = s.enabled ? "1" : "";
	if (v->ips == NULL)
		v->ips = s.ips;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_openapi_page(&body, v));
	strbuf_release(&body);
}

void
console_openapi_get(struct console_req *c)
{
	struct console_openapi_view v = { 0 };

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	show(c, &v, 200);
}

struct oa_op {
	struct console_op k; /* first */
	struct ops_openapi in;
	char hash[sizeof(((struct store_open_settings *)0)->secret_hash)];
	char ips[OPEN_IPS_MAX + 1];
};

static int
oa_apply(struct api_op *o, struct store *s)
{
	return ops_key_openapi(s, &((struct oa_op *)o)->in,
	    &((struct oa_op *)o)->k.err);
}

static void
oa_release(struct console_op *o)
{
	sodium_memzero(((struct oa_op *)o)->hash,
	    sizeof(((struct oa_op *)o)->hash));
}

void
console_openapi_post(struct console_req *c)
{
	struct console_openapi_view v = { 0 };
	struct strbuf why = STRBUF_INIT;
	const char *secret = console_in(c, "secret");
	size_t n = strlen(secret);
	struct oa_op *k;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	v.enable = console_in(c, "enable");
	v.ips = console_in(c, "ips");
	if (n && (n < OPS_SECRET_MIN || n > OPS_SECRET_MAX))
		v.err_secret = "oa.secret.bad";
	if (*v.ips &&
	    (strlen(v.ips) > OPEN_IPS_MAX || iplist_check(v.ips, &why) != 0))
		v.err_ips = why.len ? why.buf : "app.err.long";
	if (v.err_secret || v.err_ips) {
		show(c, &v, 422);
		strbuf_release(&why);
		return;
	}
	strbuf_release(&why);
	k = console_op_new(c, sizeof(*k), oa_apply, "app.saved");
	k->k.release = oa_release;
	if (n &&
	    ops_key_secret_hash(secret, k->hash, sizeof(k->hash), &k->k.err) !=
		0) {
		console_fail(c, 500, k->k.err.buf);
		k->k.o.release(&k->k.o);
		free(k);
		return;
	}
	snprintf(k->ips, sizeof(k->ips), "%s", v.ips);
	k->in.user_id = c->u.id;
	k->in.secret_hash = n ? k->hash : NULL;
	k->in.ips = k->ips;
	k->in.enable = strcmp(v.enable, "1") == 0;
	console_op_submit(c, &k->k);
}
