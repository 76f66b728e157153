/*
 * metrics_render.c: the Prometheus text exposition format, version
 * 0.0.4 (metrics.h), of every metric in metrics_all[].
 *
 * Per metric: "# HELP name text" (backslash and newline escaped), then
 * "# TYPE name counter|gauge|histogram", then one line per series,
 * `name{label="value",...} number`, label values escaped (backslash,
 * double quote, newline).  Histograms print cumulative
 * name_bucket{...,le="bound"} lines ending with le="+Inf", then
 * name_sum and name_count.  A metric without labels and without a
 * series yet prints its zero, so a scraper sees every unlabelled name
 * from the first scrape; labelled ones appear with their first use.
 *
 * Numbers: integers as integers; scaled values (seconds from stored
 * microseconds) with %.9g, which Prometheus parses as a float.
 */
#include <stdio.h>

#include "util/metrics_int.h"
#include "util/strbuf.h"

static void
render_escaped(struct strbuf *out, const char *s, int quote)
{
	for (; *s; s++) {
		if (*s == '\\')
			(void)strbuf_addstr(out, "\\\\");
		else if (*s == '\n')
			(void)strbuf_addstr(out, "\\n");
		else if (*s == '"' && quote)
			(void)strbuf_addstr(out, "\\\"");
		else
			(void)strbuf_addch(out, *s);
	}
}

/* {a="x",b="y"[,le="bound"]} or nothing. */
static void
render_labels(struct strbuf *out, const struct metrics_series *s,
    const char *le)
{
	int i, n = s ? metrics_nlabels(s->def) : 0;

	if (n == 0 && le == NULL)
		return;
	(void)strbuf_addch(out, '{');
	for (i = 0; i < n; i++) {
		(void)strbuf_addf(out, "%s%s=\"", i ? "," : "",
		    s->def->labels[i]);
		render_escaped(out, s->vals[i], 1);
		(void)strbuf_addch(out, '"');
	}
	if (le != NULL)
		(void)strbuf_addf(out, "%sle=\"%s\"", n ? "," : "", le);
	(void)strbuf_addch(out, '}');
}

static void
render_number(struct strbuf *out, const struct metrics_def *d, long long v)
{
	if (d->scale == 0)
		(void)strbuf_addf(out, " %lld\n", v);
	else
		(void)strbuf_addf(out, " %.9g\n", (double)v * d->scale);
}

static void
render_histogram(struct strbuf *out, const struct metrics_def *d,
    const struct metrics_series *s)
{
	unsigned long long cum = 0;
	char le[32];
	int i;

	for (i = 0; i <= d->nbounds && i <= METRICS_BUCKETS_MAX; i++) {
		if (s != NULL)
			cum += atomic_load(&s->buckets[i]);
		if (i < d->nbounds && i < METRICS_BUCKETS_MAX)
			snprintf(le, sizeof(le), "%.9g", d->bounds[i]);
		else
			snprintf(le, sizeof(le), "+Inf");
		(void)strbuf_addf(out, "%s_bucket", d->name);
		render_labels(out, s, le);
		(void)strbuf_addf(out, " %llu\n", cum);
		if (i >= d->nbounds)
			break;
	}
	(void)strbuf_addf(out, "%s_sum", d->name);
	render_labels(out, s, NULL);
	render_number(out, d, s ? atomic_load(&s->value) : 0);
	(void)strbuf_addf(out, "%s_count", d->name);
	render_labels(out, s, NULL);
	(void)strbuf_addf(out, " %llu\n", s ? atomic_load(&s->count) : 0ULL);
}

static void
render_series(struct strbuf *out, const struct metrics_def *d,
    const struct metrics_series *s)
{
	if (d->type == METRICS_HISTOGRAM) {
		render_histogram(out, d, s);
		return;
	}
	(void)strbuf_addstr(out, d->name);
	render_labels(out, s, NULL);
	if (s != NULL)
		render_number(out, d, atomic_load(&s->value));
	else
		render_number(out, d, d == &metric_dropped ?
		    atomic_load(&metrics_dropped_n) : 0);
}

static void
render_def(struct strbuf *out, const struct metrics_def *d)
{
	static const char *const types[] = { "counter", "gauge", "histogram" };
	size_t i;
	int seen = 0;

	(void)strbuf_addf(out, "# HELP %s ", d->name);
	render_escaped(out, d->help, 0);
	(void)strbuf_addf(out, "\n# TYPE %s %s\n", d->name, types[d->type]);
	for (i = 0; i < METRICS_SERIES_MAX; i++) {
		const struct metrics_series *s = &metrics_table[i];

		if (atomic_load(&s->state) != METRICS_READY || s->def != d)
			continue;
		render_series(out, d, s);
		seen = 1;
	}
	if (!seen && metrics_nlabels(d) == 0)
		render_series(out, d, NULL);
}

int
metrics_render(struct strbuf *out)
{
	size_t i;

	for (i = 0; metrics_all[i] != NULL; i++)
		render_def(out, metrics_all[i]);
	return 0;
}
