/*
 * console_admin_sys.c: the operator pages "channel health" and
 * "storage, version and configuration" (issue 12).
 *
 *   GET /console/admin/health   counters since the start, read from the
 *                               metrics table in memory (metrics_each():
 *                               the counters /metrics exports, so the
 *                               send path pays nothing more for this
 *                               page), and the newest error of each
 *                               channel's failing and retrying
 *                               deliveries from the store
 *   GET /console/admin/system   the version, the data dir's storage
 *                               (ops_storage()), every option in effect
 *                               with secrets masked (conf_each())
 *
 * The per-host view, the WeChat token state and the ClawBot pollers
 * are on their own page (console_admin_up.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_admin.h"
#include "api/ctx.h"
#include "core/conf.h"
#include "ops/admin.h"
#include "util/metrics.h"
#include "util/xmalloc.h"

#ifndef FEIGE_VERSION
#define FEIGE_VERSION "dev"
#endif

#define COUNTS_MAX 128
#define OPTS_MAX 128
#define OPT_TEXT 1024

struct counts {
	char a[COUNTS_MAX][METRICS_VALUE_MAX];
	char b[COUNTS_MAX][METRICS_VALUE_MAX];
	struct con_adm_count v[COUNTS_MAX];
	size_t n;
};

static int
one_count(void *arg, const char *const *vals, int64_t value)
{
	struct counts *c = arg;

	if (c->n == COUNTS_MAX)
		return 1;
	snprintf(c->a[c->n], sizeof(c->a[c->n]), "%s", vals[0]);
	snprintf(c->b[c->n], sizeof(c->b[c->n]), "%s",
	    vals[1] ? vals[1] : "");
	c->v[c->n].a = c->a[c->n];
	c->v[c->n].b = c->b[c->n];
	c->v[c->n].n = value;
	c->n++;
	return 0;
}

static int
by_labels(const void *x, const void *y)
{
	const struct con_adm_count *a = x, *b = y;
	int d = strcmp(a->a, b->a);

	return d ? d : strcmp(a->b, b->b);
}

/* The series of def, sorted by their labels (the table has no order). */
static void
load_counts(const struct metrics_def *def, struct counts *c)
{
	c->n = 0;
	(void)metrics_each(def, one_count, c);
	qsort(c->v, c->n, sizeof(c->v[0]), by_labels);
}

struct health_data {
	struct counts dl, push, cb;
	struct console_adm_states states;
};

void
console_adm_health_get(struct console_req *c)
{
	struct health_data *d;
	struct con_adm_health_view v = { 0 };
	struct strbuf body = STRBUF_INIT;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	d = xcalloc(1, sizeof(*d));
	load_counts(&metric_deliveries, &d->dl);
	load_counts(&metric_pushes, &d->push);
	load_counts(&metric_callbacks, &d->cb);
	if (console_adm_states_load(&d->states) < 0)
		d->states.n = 0;
	v.lang = c->lang;
	v.deliveries = d->dl.v;
	v.n_deliveries = d->dl.n;
	v.pushes = d->push.v;
	v.n_pushes = d->push.n;
	v.callbacks = d->cb.v;
	v.n_callbacks = d->cb.n;
	v.states = d->states.sv;
	v.n_states = d->states.n;
	console_adm_answer(c, console_adm_health_page(&body, &v), &body, 200);
	free(d);
}

struct opts {
	char text[OPTS_MAX][OPT_TEXT];
	struct con_adm_opt v[OPTS_MAX];
	size_t n;
};

/* Names and help are the option table's (static); values are copied. */
static int
one_opt(void *arg, const char *name, const char *value, const char *help,
    int secret)
{
	struct opts *o = arg;

	if (o->n == OPTS_MAX)
		return 1;
	snprintf(o->text[o->n], sizeof(o->text[o->n]), "%s", value);
	o->v[o->n].name = name;
	o->v[o->n].value = o->text[o->n];
	o->v[o->n].help = help;
	o->v[o->n].secret = secret;
	o->n++;
	return 0;
}

void
console_adm_system_get(struct console_req *c)
{
	const struct conf *cf = api_ctx(c->r)->conf;
	struct con_adm_system_view v = { 0 };
	struct strbuf body = STRBUF_INIT;
	struct ops_storage sz;
	struct opts *o;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	o = xcalloc(1, sizeof(*o));
	(void)conf_each(cf, one_opt, o);
	ops_storage(cf->data_dir, &sz);
	v.lang = c->lang;
	v.version = FEIGE_VERSION;
	v.data_dir = cf->data_dir;
	v.db = sz.db;
	v.wal = sz.wal;
	v.shm = sz.shm;
	v.images = sz.images;
	v.n_images = sz.n_images;
	v.total = sz.total;
	v.opts = o->v;
	v.n_opts = o->n;
	console_adm_answer(c, console_adm_system_page(&body, &v), &body, 200);
	free(o);
}
