/*
 * metrics.h: the process's Prometheus metrics: a registry of counters,
 * gauges and histograms that any layer bumps (metrics.c), and their
 * text exposition, format 0.0.4 (metrics_render.c).
 *
 * Every metric is a const struct metrics_def, all of them listed in
 * metrics_defs.c (the one place to read what feige exports, in the
 * order it is rendered).  A series is a def plus its label values;
 * call sites pass the values as an array in the order of the def's
 * label names:
 *
 *   metrics_add(&metric_deliveries, (const char *[]){ "bark", "ok" }, 1);
 *
 * Label values must come from a bounded set (route templates, channel
 * names, outcomes, HTTP statuses): never a raw path or a client's
 * string.  The table of series is fixed (METRICS_SERIES_MAX); once full,
 * new series are dropped and counted in feige_metrics_dropped_total, so
 * a bug that leaks cardinality cannot grow memory.
 *
 * Threads: metrics_add/observe/set are lock-free (C11 atomics; a new
 * series claims its slot with one compare-and-swap), so hot paths take
 * no mutex.  Rendering reads the atomics without stopping writers: a
 * scrape may see a histogram's count one observation ahead of a bucket.
 */
#ifndef FG_UTIL_METRICS_H
#define FG_UTIL_METRICS_H

#include <stdint.h>

struct strbuf;

enum metrics_type { METRICS_COUNTER, METRICS_GAUGE, METRICS_HISTOGRAM };

#define METRICS_LABELS_MAX	4
#define METRICS_VALUE_MAX	48	/* bytes of one label value, cut */
#define METRICS_BUCKETS_MAX	16
#define METRICS_SERIES_MAX	1024

struct metrics_def {
	const char		*name;
	const char		*help;
	enum metrics_type	 type;
	const char		*labels[METRICS_LABELS_MAX];	/* NULL ends */
	/* histograms: upper bounds (in rendered units), ascending */
	const double		*bounds;
	int			 nbounds;
	/* rendered value = stored integer * scale (0 means 1) */
	double			 scale;
};

/* Counters (n >= 0) and gauges (any n); vals may be NULL without labels. */
void	metrics_add(const struct metrics_def *, const char *const *vals,
	    int64_t n);
/* Gauges: set the value. */
void	metrics_set(const struct metrics_def *, const char *const *vals,
	    int64_t v);
/* Histograms: one observation, in stored units (scale applies). */
void	metrics_observe(const struct metrics_def *, const char *const *vals,
	    uint64_t v);

/*
 * Each series of d that has been counted: its label values (in the
 * def's order, NULL past the def's labels) and value (a histogram's sum), in table order, not
 * sorted.  For readers in the process (the operator's console), which
 * thereby cost the hot path nothing.  A non-zero return of cb stops
 * the walk and is returned.
 */
typedef int (
    *metrics_each_cb)(void *arg, const char *const *vals, int64_t value);
int metrics_each(const struct metrics_def *, metrics_each_cb, void *arg);

/* The text exposition of every metric in metrics_all[] into out. */
int	metrics_render(struct strbuf *out);
/* The Content-Type of metrics_render()'s text. */
#define METRICS_CONTENT_TYPE	"text/plain; version=0.0.4; charset=utf-8"

/* Set the process gauges (RSS, open fds) from /proc/self. */
void	metrics_process(void);

/* Forget every series (unit tests). */
void	metrics_reset(void);

/* The histogram bucket index of v (nbounds: above every bound). */
int	metrics_bucket(const struct metrics_def *, uint64_t v);

/* ---- what feige exports (metrics_defs.c) ---- */
extern const struct metrics_def metric_requests;	/* family route status code */
extern const struct metrics_def metric_accepted;	/* channel */
extern const struct metrics_def metric_queue_depth;
extern const struct metrics_def metric_queue_oldest;
extern const struct metrics_def metric_deliveries;	/* channel outcome */
extern const struct metrics_def metric_retries;		/* channel */
extern const struct metrics_def metric_callbacks;	/* outcome */
extern const struct metrics_def metric_pushes;		/* type outcome */
extern const struct metrics_def metric_streams;		/* kind */
extern const struct metrics_def metric_upstream_seconds;	/* channel */
extern const struct metrics_def metric_writer_batch;
extern const struct metrics_def metric_writer_commit_seconds;
extern const struct metrics_def metric_rss_bytes;
extern const struct metrics_def metric_open_fds;
extern const struct metrics_def metric_dropped;

/* Every def, in rendering order, NULL-terminated. */
extern const struct metrics_def *const metrics_all[];

#endif
