/*
 * metrics_int.h: the series table that metrics.c fills and
 * metrics_render.c reads.  A slot is free (0), being claimed (1) or
 * ready (2); its def and label values never change once ready.
 */
#ifndef FG_UTIL_METRICS_INT_H
#define FG_UTIL_METRICS_INT_H

#include <stdatomic.h>

#include "util/metrics.h"

enum { METRICS_FREE, METRICS_CLAIMING, METRICS_READY };

struct metrics_series {
	atomic_int			 state;
	const struct metrics_def	*def;
	char				 vals[METRICS_LABELS_MAX]
					    [METRICS_VALUE_MAX];
	atomic_llong			 value;		/* histogram: sum */
	atomic_ullong			 count;		/* histograms */
	atomic_ullong			 buckets[METRICS_BUCKETS_MAX + 1];
};

extern struct metrics_series metrics_table[METRICS_SERIES_MAX];
/* metric_dropped's value: it never takes a slot */
extern atomic_llong metrics_dropped_n;

/* The number of label names of def. */
int	metrics_nlabels(const struct metrics_def *);

#endif
