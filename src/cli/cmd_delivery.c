/*
 * cmd_delivery.c: the operator's delivery commands (issue 12,
 * "Operators"), the CLI twins of the console's operator pages:
 *
 *   feige delivery failed [--channel C] [--before ID] [--limit N]
 *       failed deliveries, newest first, with the last error; a page
 *       ends with the id to pass as --before for the next one.
 *   feige delivery retry ID | --channel C
 *       ask for a retry of one failed delivery or of every failed
 *       delivery of a channel (ops_delivery_retry).  The CLI has no
 *       queue: it writes the request, and a running `feige serve`
 *       claims it within LIM_REQUEUE_POLL_MS (queue/requeue.c), a
 *       stopped one at its next start.
 *   feige status
 *       version, storage (database, WAL, images) and per channel the
 *       failed and retrying deliveries with their newest error.  The
 *       queue's depth and in-flight work live in the server's memory:
 *       /metrics and the console show them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "ops/admin.h"
#include "util/ids.h"

#define FAILED_PAGE 50
#define FAILED_MAX 1000

struct failed_walk {
	struct cli_list c;
	int64_t last;
	int n;
};

static int
failed_one(void *arg, const struct store_failed *f)
{
	struct failed_walk *w = arg;
	char when[20];

	w->last = f->id;
	w->n++;
	if (w->c.json) {
		json_array_append_new(w->c.arr,
		    json_pack("{s:I,s:s,s:s,s:s,"
			      "s:s,s:i,s:I,s:s}",
			"id", (json_int_t)f->id, "shortCode", f->short_code,
			"uid", f->uid, "channel", f->channel, "title",
			f->title, "attempts", f->attempts, "failedAt",
			(json_int_t)f->updated_ms, "error", f->error));
		return 0;
	}
	clock_format_cn(f->updated_ms, when);
	printf("%-8lld %s  %-8s %s  %s\n  %s\n", (long long)f->id, when,
	    f->channel, f->short_code, f->uid, f->error);
	return 0;
}

int
cmd_delivery_failed(struct cli_args *a)
{
	struct failed_walk w = { { NULL, a->json, a }, 0, 0 };
	long long before = a->before ? cli_parse_id(a->before) : 0;
	long long limit = a->limit ? cli_parse_id(a->limit) : FAILED_PAGE;
	struct store *s;
	int rc;

	if (before < 0 || limit < 0 || limit > FAILED_MAX)
		return cli_fail("--before is a delivery id, --limit 1 to %d",
		    FAILED_MAX);
	if (cli_open(a, &s) != 0)
		return 1;
	if (a->json)
		w.c.arr = json_array();
	rc = spool_admin_failed(s, a->channel ? a->channel : "", before,
	    (int)limit, failed_one, &w);
	store_close(s);
	if (rc != 0) {
		json_decref(w.c.arr);
		return cli_fail("cannot list failed deliveries (store error)");
	}
	/* a full page may have a next one: its --before */
	if (w.n < limit)
		w.last = 0;
	if (a->json)
		cli_print_json(json_pack("{s:o,s:I}", "failed", w.c.arr,
		    "next", (json_int_t)w.last));
	else if (w.last)
		printf("more: --before %lld\n", (long long)w.last);
	return 0;
}

int
cmd_delivery_retry(struct cli_args *a)
{
	long long id = a->npos ? cli_parse_id(a->pos[0]) : 0;
	const char *ch = a->channel ? a->channel : "";
	struct cli_tx t;
	int64_t n = 0;

	if (id < 0 || (a->npos == 0) == (*ch == '\0'))
		return cli_fail(
		    "name a delivery id or --channel C (not both)");
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_tx_begin(&t) == 0)
		t.rc = ops_delivery_retry(t.s, id, ch, &n, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a,
	    json_pack("{s:I,s:I,s:s}", "retried", (json_int_t)n, "id",
		(json_int_t)id, "channel", ch),
	    "%lld deliver%s to retry: "
	    "a running feige serve takes %s within seconds, a stopped one at "
	    "its start\n",
	    (long long)n, n == 1 ? "y" : "ies", n == 1 ? "it" : "them");
}

static const char *
state_name(int status)
{
	return status == 3 ? "failed" : "retrying";
}

static int
state_one(void *arg, const struct store_chan_state *st)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr,
		    json_pack("{s:s,s:s,s:I,s:I,s:s}", "channel", st->channel,
			"state", state_name(st->status), "count",
			(json_int_t)st->n, "lastAt", (json_int_t)st->last_ms,
			"lastError", st->last_error));
	else
		printf("  %-10s %-8s %6lld  %s\n", st->channel,
		    state_name(st->status), (long long)st->n, st->last_error);
	return 0;
}

int
cmd_status(struct cli_args *a)
{
	struct cli_list c = { NULL, a->json, a };
	struct ops_storage sz;
	struct store *s;
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	ops_storage(a->conf.data_dir, &sz);
	if (a->json)
		c.arr = json_array();
	else
		printf("feige %s\nstorage: %lld bytes (database %lld, WAL "
		       "%lld, "
		       "shm %lld, %lld images %lld)\ndeliveries:\n",
		    cli_version(), (long long)sz.total, (long long)sz.db,
		    (long long)sz.wal, (long long)sz.shm,
		    (long long)sz.n_images, (long long)sz.images);
	rc = spool_admin_states(s, state_one, &c);
	store_close(s);
	if (rc != 0) {
		json_decref(c.arr);
		return cli_fail("cannot read the deliveries (store error)");
	}
	if (a->json)
		cli_print_json(
		    json_pack("{s:s,s:{s:I,s:I,s:I,s:I,s:I,s:I},s:o}",
			"version", cli_version(), "storage", "database",
			(json_int_t)sz.db, "wal", (json_int_t)sz.wal, "shm",
			(json_int_t)sz.shm, "images", (json_int_t)sz.images,
			"imageFiles", (json_int_t)sz.n_images, "total",
			(json_int_t)sz.total, "deliveries", c.arr));
	return 0;
}
