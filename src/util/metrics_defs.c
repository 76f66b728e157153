/*
 * metrics_defs.c: every metric feige exports, in rendering order
 * (metrics.h).  docs/operations.md lists the same names and labels.
 *
 * Names follow Prometheus conventions: a feige_ prefix, base units
 * (seconds, bytes), _total on counters.  Time is stored in
 * microseconds (scale 1e-6) so that sums stay integers updated with one
 * atomic add.
 *
 * Buckets: upstream requests run from a few milliseconds (a local
 * webhook) to channel.timeout_ms (10 s by default, 300 s at most);
 * commits are an fsync, usually well under 10 ms; batches are 1 op when
 * idle and up to store.batch under load.
 */
#include <stddef.h>

#include "util/metrics.h"

static const double metrics_seconds[] = {
	0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
};
static const double metrics_commit[] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1
};
static const double metrics_batch[] = {
	1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096
};

#define N(a)	((int)(sizeof(a) / sizeof((a)[0])))

const struct metrics_def metric_requests = {
	"feige_http_requests_total",
	"HTTP requests by API family, route (the route table's path) and "
	"status; code is the API envelope's code, \"\" when none",
	METRICS_COUNTER, { "api", "route", "status", "code" }, NULL, 0, 0
};
const struct metrics_def metric_accepted = {
	"feige_messages_accepted_total",
	"messages accepted (committed) for delivery, by channel",
	METRICS_COUNTER, { "channel" }, NULL, 0, 0
};
const struct metrics_def metric_queue_depth = {
	"feige_queue_deliveries",
	"deliveries waiting in the queue (due now or scheduled for a retry)",
	METRICS_GAUGE, { NULL }, NULL, 0, 0
};
const struct metrics_def metric_queue_oldest = {
	"feige_queue_oldest_due_seconds",
	"how long the oldest due delivery has been waiting for a worker, 0 "
	"when none is due",
	METRICS_GAUGE, { NULL }, NULL, 0, 1e-3
};
const struct metrics_def metric_deliveries = {
	"feige_deliveries_total",
	"delivery attempts by channel and outcome (ok, retry, failed)",
	METRICS_COUNTER, { "channel", "outcome" }, NULL, 0, 0
};
const struct metrics_def metric_retries = {
	"feige_delivery_retries_total",
	"delivery retries scheduled after a temporary failure, by channel",
	METRICS_COUNTER, { "channel" }, NULL, 0, 0
};
const struct metrics_def metric_callbacks = {
	"feige_callbacks_total",
	"callback POST attempts by outcome (ok, retry, failed)",
	METRICS_COUNTER, { "outcome" }, NULL, 0, 0
};
const struct metrics_def metric_pushes = { "feige_pushes_total",
	"pushes to devices by device type and outcome (ok, retry, failed, "
	"gone, waiting)",
	METRICS_COUNTER, { "type", "outcome" }, NULL, 0, 0 };
const struct metrics_def metric_streams = {
	"feige_live_streams",
	"open live streams by kind",
	METRICS_GAUGE, { "kind" }, NULL, 0, 0
};
const struct metrics_def metric_upstream_seconds = {
	"feige_upstream_request_seconds",
	"time of one delivery attempt at the upstream service, by channel",
	METRICS_HISTOGRAM, { "channel" }, metrics_seconds,
	N(metrics_seconds), 1e-6
};
const struct metrics_def metric_writer_batch = {
	"feige_writer_batch_ops",
	"writer ops committed together in one transaction",
	METRICS_HISTOGRAM, { NULL }, metrics_batch, N(metrics_batch), 0
};
const struct metrics_def metric_writer_commit_seconds = {
	"feige_writer_commit_seconds",
	"time of one writer transaction, begin to commit",
	METRICS_HISTOGRAM, { NULL }, metrics_commit, N(metrics_commit), 1e-6
};
const struct metrics_def metric_rss_bytes = {
	"process_resident_memory_bytes",
	"resident set size, from /proc/self/statm",
	METRICS_GAUGE, { NULL }, NULL, 0, 0
};
const struct metrics_def metric_open_fds = {
	"process_open_fds",
	"open file descriptors, from /proc/self/fd",
	METRICS_GAUGE, { NULL }, NULL, 0, 0
};
const struct metrics_def metric_dropped = {
	"feige_metrics_dropped_total",
	"observations dropped because the series table was full",
	METRICS_COUNTER, { NULL }, NULL, 0, 0
};

const struct metrics_def *const metrics_all[] = { &metric_requests,
	&metric_accepted, &metric_queue_depth, &metric_queue_oldest,
	&metric_deliveries, &metric_retries, &metric_callbacks, &metric_pushes,
	&metric_streams, &metric_upstream_seconds, &metric_writer_batch,
	&metric_writer_commit_seconds, &metric_rss_bytes, &metric_open_fds,
	&metric_dropped, NULL };
