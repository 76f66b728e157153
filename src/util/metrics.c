/*
 * metrics.c: the lock-free series table (metrics.h).
 *
 * A series is found by hashing its def's address and its label values
 * into a fixed open-addressing table (linear probing).  A new series
 * claims a free slot with compare-and-swap (FREE -> CLAIMING), writes
 * its def and values, then publishes it (READY); a thread that probes a
 * slot being claimed waits for it, which takes a few instructions.
 * Slots are never freed while the server runs, so a found slot stays
 * valid and the hot path is a hash, a few string compares and one
 * atomic add: no mutex, whatever the number of threads.
 *
 * Why a table and not per-call-site static counters: the request
 * counter has four labels whose combinations are only known at run
 * time (route row x status x API code), and one mechanism for every
 * metric keeps the renderer simple.  The table is the cardinality
 * guard: when it is full the observation is dropped and counted, in a
 * plain atomic outside the table (metric_dropped has no slot, so it
 * can be counted when no slot is left).
 */
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "util/metrics_int.h"

struct metrics_series metrics_table[METRICS_SERIES_MAX];
atomic_llong metrics_dropped_n;

int
metrics_nlabels(const struct metrics_def *d)
{
	int n = 0;

	while (n < METRICS_LABELS_MAX && d->labels[n] != NULL)
		n++;
	return n;
}

static uint64_t
metrics_hash(const struct metrics_def *d, const char *const *vals, int n)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)(uintptr_t)d;
	const unsigned char *p;
	int i;

	for (i = 0; i < n; i++) {
		for (p = (const unsigned char *)vals[i]; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
		h = (h ^ 0xff) * 1099511628211ULL;
	}
	return h;
}

/* Do slot s's values equal vals (each cut as it was stored)? */
static int
metrics_same(const struct metrics_series *s, const char *const *vals, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strncmp(s->vals[i], vals[i], METRICS_VALUE_MAX - 1) != 0)
			return 0;
	return 1;
}

static struct metrics_series *
metrics_find(const struct metrics_def *d, const char *const *vals)
{
	int n = metrics_nlabels(d), i, st;
	size_t at = (size_t)(metrics_hash(d, vals, n) % METRICS_SERIES_MAX);
	size_t probes;
	struct metrics_series *s;

	for (probes = 0; probes < METRICS_SERIES_MAX; probes++) {
		s = &metrics_table[(at + probes) % METRICS_SERIES_MAX];
		st = atomic_load(&s->state);
		if (st == METRICS_FREE) {
			int want = METRICS_FREE;

			if (atomic_compare_exchange_strong(&s->state, &want,
			    METRICS_CLAIMING)) {
				s->def = d;
				for (i = 0; i < n; i++) {
					snprintf(s->vals[i], sizeof(s->vals[i]),
					    "%s", vals[i]);
				}
				atomic_store(&s->state, METRICS_READY);
				return s;
			}
			st = want;
		}
		while (st == METRICS_CLAIMING) {
			sched_yield();
			st = atomic_load(&s->state);
		}
		if (s->def == d && metrics_same(s, vals, n))
			return s;
	}
	return NULL;
}

static struct metrics_series *
metrics_get(const struct metrics_def *d, const char *const *vals)
{
	struct metrics_series *s = metrics_find(d, vals);

	if (s == NULL)
		atomic_fetch_add_explicit(&metrics_dropped_n, 1,
		    memory_order_relaxed);
	return s;
}

void
metrics_add(const struct metrics_def *d, const char *const *vals, int64_t n)
{
	struct metrics_series *s = metrics_get(d, vals);

	if (s != NULL)
		atomic_fetch_add_explicit(&s->value, n, memory_order_relaxed);
}

void
metrics_set(const struct metrics_def *d, const char *const *vals, int64_t v)
{
	struct metrics_series *s = metrics_get(d, vals);

	if (s != NULL)
		atomic_store_explicit(&s->value, v, memory_order_relaxed);
}

int
metrics_bucket(const struct metrics_def *d, uint64_t v)
{
	double x = (double)v * (d->scale ? d->scale : 1);
	int i;

	for (i = 0; i < d->nbounds && i < METRICS_BUCKETS_MAX; i++)
		if (x <= d->bounds[i])
			return i;
	return i;
}

void
metrics_observe(const struct metrics_def *d, const char *const *vals,
    uint64_t v)
{
	struct metrics_series *s = metrics_get(d, vals);

	if (s == NULL)
		return;
	atomic_fetch_add_explicit(&s->buckets[metrics_bucket(d, v)], 1,
	    memory_order_relaxed);
	atomic_fetch_add_explicit(&s->value, (long long)v,
	    memory_order_relaxed);
	atomic_fetch_add_explicit(&s->count, 1, memory_order_relaxed);
}

void
metrics_reset(void)
{
	memset(metrics_table, 0, sizeof(metrics_table));
	atomic_store(&metrics_dropped_n, 0);
}

int
metrics_each(const struct metrics_def *d, metrics_each_cb cb, void *arg)
{
	const char *vals[METRICS_LABELS_MAX];
	int i, n = metrics_nlabels(d), rc;
	size_t k;

	for (k = 0; k < METRICS_SERIES_MAX; k++) {
		struct metrics_series *s = &metrics_table[k];

		if (atomic_load(&s->state) != METRICS_READY || s->def != d)
			continue;
		for (i = 0; i < METRICS_LABELS_MAX; i++)
			vals[i] = i < n ? s->vals[i] : NULL;
		if ((rc = cb(arg, vals, (int64_t)atomic_load(&s->value))) != 0)
			return rc;
	}
	return 0;
}
