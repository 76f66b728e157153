/*
 * test_metrics.c: the metrics registry and its text exposition (format
 * 0.0.4): exact HELP/TYPE/series lines, label escaping, cumulative
 * histogram buckets with +Inf, _sum in seconds, the zero of an unused
 * unlabelled metric, and the table's cap (new series dropped, counted).
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "util/metrics.h"
#include "util/strbuf.h"

static void
render(struct strbuf *sb)
{
	strbuf_reset(sb);
	(void)metrics_render(sb);
}

TEST(counter_lines)
{
	struct strbuf sb = STRBUF_INIT;

	metrics_reset();
	metrics_add(&metric_deliveries, (const char *[]){ "bark", "ok" }, 1);
	metrics_add(&metric_deliveries, (const char *[]){ "bark", "ok" }, 2);
	metrics_add(&metric_deliveries, (const char *[]){ "mail", "failed" },
	    1);
	render(&sb);
	CHECK_CONTAINS(sb.buf, "# HELP feige_deliveries_total delivery "
	    "attempts by channel and outcome (ok, retry, failed)\n"
	    "# TYPE feige_deliveries_total counter\n");
	CHECK_CONTAINS(sb.buf, "\nfeige_deliveries_total{channel=\"bark\","
	    "outcome=\"ok\"} 3\n");
	CHECK_CONTAINS(sb.buf, "\nfeige_deliveries_total{channel=\"mail\","
	    "outcome=\"failed\"} 1\n");
	/* unlabelled and unused: its zero; labelled and unused: nothing */
	CHECK_CONTAINS(sb.buf, "\nfeige_metrics_dropped_total 0\n");
	CHECK(strstr(sb.buf, "\nfeige_callbacks_total") == NULL);
	CHECK_CONTAINS(sb.buf, "# TYPE feige_callbacks_total counter\n");
	strbuf_release(&sb);
}

TEST(label_escaping)
{
	struct strbuf sb = STRBUF_INIT;

	metrics_reset();
	metrics_add(&metric_streams, (const char *[]){ "a\"b\\c\nd" }, 2);
	metrics_add(&metric_streams, (const char *[]){ "a\"b\\c\nd" }, -1);
	render(&sb);
	CHECK_CONTAINS(sb.buf, "\nfeige_live_streams{kind=\"a\\\"b\\\\c\\nd\"}"
	    " 1\n");
	CHECK_CONTAINS(sb.buf, "# TYPE feige_live_streams gauge\n");
	strbuf_release(&sb);
}

TEST(histogram_buckets)
{
	struct strbuf sb = STRBUF_INIT;

	metrics_reset();
	CHECK(metrics_bucket(&metric_writer_batch, 1) == 0);
	CHECK(metrics_bucket(&metric_writer_batch, 2) == 1);
	CHECK(metrics_bucket(&metric_writer_batch, 3) == 2);
	CHECK(metrics_bucket(&metric_writer_batch, 4096) == 11);
	CHECK(metrics_bucket(&metric_writer_batch, 5000) == 12);
	/* microseconds against bounds in seconds */
	CHECK(metrics_bucket(&metric_upstream_seconds, 5000) == 0);
	CHECK(metrics_bucket(&metric_upstream_seconds, 5001) == 1);
	metrics_observe(&metric_writer_batch, NULL, 1);
	metrics_observe(&metric_writer_batch, NULL, 3);
	metrics_observe(&metric_writer_batch, NULL, 9999);
	render(&sb);
	CHECK_CONTAINS(sb.buf, "# TYPE feige_writer_batch_ops histogram\n"
	    "feige_writer_batch_ops_bucket{le=\"1\"} 1\n"
	    "feige_writer_batch_ops_bucket{le=\"2\"} 1\n"
	    "feige_writer_batch_ops_bucket{le=\"4\"} 2\n");
	CHECK_CONTAINS(sb.buf, "feige_writer_batch_ops_bucket{le=\"4096\"} 2\n"
	    "feige_writer_batch_ops_bucket{le=\"+Inf\"} 3\n"
	    "feige_writer_batch_ops_sum 10003\n"
	    "feige_writer_batch_ops_count 3\n");
	metrics_observe(&metric_upstream_seconds, (const char *[]){ "bark" },
	    1500000);
	render(&sb);
	CHECK_CONTAINS(sb.buf, "feige_upstream_request_seconds_bucket{"
	    "channel=\"bark\",le=\"1\"} 0\n"
	    "feige_upstream_request_seconds_bucket{channel=\"bark\","
	    "le=\"2.5\"} 1\n");
	CHECK_CONTAINS(sb.buf, "feige_upstream_request_seconds_sum{channel="
	    "\"bark\"} 1.5\n");
	/* unused unlabelled histogram: zero buckets */
	CHECK_CONTAINS(sb.buf, "feige_writer_commit_seconds_bucket{le=\"+Inf\"}"
	    " 0\nfeige_writer_commit_seconds_sum 0\n"
	    "feige_writer_commit_seconds_count 0\n");
	strbuf_release(&sb);
}

TEST(table_full_drops)
{
	struct strbuf sb = STRBUF_INIT;
	char name[32];
	int i;

	metrics_reset();
	for (i = 0; i < METRICS_SERIES_MAX + 10; i++) {
		snprintf(name, sizeof(name), "k%d", i);
		metrics_add(&metric_streams, (const char *[]){ name }, 1);
	}
	render(&sb);
	/* 10 over the cap */
	CHECK_CONTAINS(sb.buf, "\nfeige_metrics_dropped_total 10\n");
	strbuf_release(&sb);
}

TEST(process_gauges)
{
	struct strbuf sb = STRBUF_INIT;

	metrics_reset();
	metrics_process();
	render(&sb);
	CHECK(strstr(sb.buf, "\nprocess_resident_memory_bytes 0\n") == NULL);
	CHECK_CONTAINS(sb.buf, "\nprocess_resident_memory_bytes ");
	CHECK_CONTAINS(sb.buf, "\nprocess_open_fds ");
	strbuf_release(&sb);
}

int
main(void)
{
	RUN(counter_lines);
	RUN(label_escaping);
	RUN(histogram_buckets);
	RUN(table_full_drops);
	RUN(process_gauges);
	DONE();
}
