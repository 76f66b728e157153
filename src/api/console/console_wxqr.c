/*
 * console_wxqr.c: the console's WxPusher parametric QR codes (issue
 * 12), the operation /api/fun/create/qrcode runs (ops_qrcode_create()).
 *
 *   GET  /console/wxqr[?qr=CODE]   the form; with qr, that code of one
 *                                  of the person's apps: PNG, link,
 *                                  poll secret, expiry
 *   POST /console/wxqr             app, extra (1 to 64 characters),
 *                                  valid (1..2592000 s): the API's
 *                                  checks, then one ops_qrcode_create()
 *                                  and 303 to ?qr=CODE
 *
 * The code's page is the owner's only (404 otherwise): it shows the
 * secret the scanner's UID is polled with.  The store keeps no list of
 * codes per app (the API has none either), so the page shows the code
 * just made, as the API's reply does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "ops/qrcode.h"
#include "store/dir.h"
#include "store/readers.h"
#include "store/store_wx.h"
#include "util/ids.h"
#include "util/xmalloc.h"

#define WQ_APPS 20

struct wq_apps {
	struct store_wx_app rows[WQ_APPS];
	struct console_opt opt[WQ_APPS];
	char id[WQ_APPS][24];
	size_t n;
};

/* The apps of c's person; *mine set when app is one of them. */
static struct wq_apps *
apps_load(struct console_req *c, int64_t app, int *mine)
{
	struct wq_apps *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->n = console_my_apps(c, l->rows, WQ_APPS);
	for (*mine = 0, i = 0; i < l->n; i++) {
		snprintf(l->id[i], sizeof(l->id[0]), "%lld",
		    (long long)l->rows[i].id);
		l->opt[i].value = l->id[i];
		l->opt[i].label = l->rows[i].name;
		if (l->rows[i].id == app)
			*mine = 1;
	}
	return l;
}

static void
show(struct console_req *c, struct console_wxqr_view *v, unsigned int st)
{
	int mine;
	struct wq_apps *l = apps_load(c, 0, &mine);
	struct strbuf body = STRBUF_INIT;

	v->lang = c->lang;
	v->csrf = c->csrf;
	v->apps = l->opt;
	v->n_apps = l->n;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_wxqr_page(&body, v));
	strbuf_release(&body);
	free(l);
}

void
console_wxqr_get(struct console_req *c)
{
	struct console_wxqr_view v = { 0 };
	const char *code = console_in(c, "qr");
	struct store_wx_qrcode q;
	struct strbuf link = STRBUF_INIT;
	int mine = 0;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	if (*code == '\0')
		return show(c, &v, 200);
	if (strlen(code) < sizeof(q.code) &&
	    dir_wx_qrcode_get(store_reader(), code, &q) == 0)
		free(apps_load(c, q.app_id, &mine));
	if (!mine)
		return console_fail(c, 404, "wq.gone");
	if (strbuf_addf(&link, "%s/follow/app/%lld?qr=%s",
		api_ctx(c->r)->base_url, (long long)q.app_id, q.code) != 0) {
		strbuf_release(&link);
		return console_fail(c, 500, "app.notfound");
	}
	v.code = q.code;
	v.link = link.buf;
	v.secret = q.secret;
	v.expires_ms = q.expires_ms;
	show(c, &v, 200);
	strbuf_release(&link);
}

struct wq_op {
	struct console_op k; /* first */
	struct store_wx_qrcode q;
};

static int
wq_apply(struct api_op *o, struct store *s)
{
	struct wq_op *k = (struct wq_op *)o;
	struct ops_qrcode_new in = { k->q.app_id, k->q.extra,
		k->q.expires_ms };

	return ops_qrcode_create(s, &in, &k->q, &k->k.err);
}

/* After the commit: back to the code just made. */
static void
wq_done(struct console_op *o)
{
	snprintf(o->back, sizeof(o->back), "/console/wxqr?qr=%s",
	    ((struct wq_op *)o)->q.code);
}

void
console_wxqr_post(struct console_req *c)
{
	struct console_wxqr_view v = { 0 };
	int64_t app = console_id(console_in(c, "app"));
	char *end;
	long long valid;
	struct wq_op *k;
	int mine;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	v.app = console_in(c, "app");
	v.extra = console_in(c, "extra");
	v.valid = console_in(c, "valid");
	free(apps_load(c, app, &mine));
	if (!mine)
		v.err_app = "wq.err.app";
	if (*v.extra == '\0')
		v.err_extra = "app.err.required";
	else if (strlen(v.extra) > WX_EXTRA_BYTES ||
	    utf8_chars(v.extra, strlen(v.extra)) > 64)
		v.err_extra = "app.err.long";
	valid = strtoll(v.valid, &end, 10);
	if (*v.valid == '\0' || *end != '\0' || valid < 1 || valid > 2592000)
		v.err_valid = "wq.err.valid";
	if (v.err_app || v.err_extra || v.err_valid)
		return show(c, &v, 422);
	k = console_op_new(c, sizeof(*k), wq_apply, "wq.created");
	k->k.done = wq_done;
	k->q.app_id = app;
	snprintf(k->q.extra, sizeof(k->q.extra), "%s", v.extra);
	k->q.expires_ms = clock_ms() + valid * 1000;
	console_op_submit(c, &k->k);
}
