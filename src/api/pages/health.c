/*
 * health.c: GET /healthz, for load balancers, container runtimes and
 * the tests: is this server able to take and deliver messages?
 *
 *   200 {"status":"ok","checks":{"store":"ok","writer":"ok","workers":"ok"}}
 *   503 {"status":"fail","checks":{"store":"...","writer":"...",...}}
 *
 * Three checks, each a short string ("ok", "disabled", or "fail: why"):
 *
 *   store    one real write (store_probe(): the time into a meta row),
 *            submitted to the writer like any write and answered after
 *            its commit.  Through the writer and not on a reader
 *            connection: a BEGIN IMMEDIATE beside the writer would
 *            contend with it for the write lock, and would prove the
 *            lock but not that a commit reaches the disk.  A locked,
 *            read-only or full database fails here ("fail: store
 *            failure"; the writer logs SQLite's reason at error).
 *   writer   the writer thread's heartbeat: a batch running for over
 *            LIM_HEALTH_WRITER_MS means it is stuck; then the probe is
 *            not submitted (it would wait behind the stuck batch) and
 *            store says so.  An idle writer is fine: the probe itself
 *            shows it still takes ops.
 *   workers  the delivery workers' heartbeats (queue_stats()): every
 *            thread still running, and not all of them busy on one
 *            attempt for over LIM_HEALTH_WORKER_MS.  queue.workers = 0
 *            (maintenance: accept, deliver nothing) is "disabled", which
 *            does not fail the check.
 *
 * Nothing here reads a token: the answer says nothing about users.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "core/limits.h"
#include "http/http.h"
#include "queue/queue.h"
#include "store/store.h"
#include "store/writer.h"
#include "util/errors.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

struct health_op {
	struct api_op	 base;		/* first */
	char		 writer[96];
	char		 workers[128];
	int		 failed;	/* writer or workers */
};

static void
health_workers(struct http_req *r, struct health_op *h)
{
	struct queue_stats st;

	queue_stats(api_ctx(r)->queue, LIM_HEALTH_WORKER_MS, &st);
	if (st.workers == 0)
		snprintf(h->workers, sizeof(h->workers), "disabled");
	else if (st.alive < st.workers)
		snprintf(h->workers, sizeof(h->workers), "fail: %d of %d "
		    "worker threads running", st.alive, st.workers);
	else if (st.stuck == st.workers)
		snprintf(h->workers, sizeof(h->workers), "fail: all %d "
		    "workers on one attempt for over %d s", st.workers,
		    LIM_HEALTH_WORKER_MS / 1000);
	else
		snprintf(h->workers, sizeof(h->workers), "ok");
	if (strncmp(h->workers, "fail", 4) == 0)
		h->failed = 1;
}

static void
health_reply(struct http_req *r, const struct health_op *h,
    const char *store)
{
	struct strbuf sb = STRBUF_INIT;
	int fail = h->failed || strcmp(store, "ok") != 0;

	strbuf_addf(&sb, "{\"status\":\"%s\",\"checks\":{\"store\":",
	    fail ? "fail" : "ok");
	strbuf_add_json_str(&sb, store, strlen(store));
	strbuf_addstr(&sb, ",\"writer\":");
	strbuf_add_json_str(&sb, h->writer, strlen(h->writer));
	strbuf_addstr(&sb, ",\"workers\":");
	strbuf_add_json_str(&sb, h->workers, strlen(h->workers));
	strbuf_addstr(&sb, "}}");
	http_reply(r, fail ? 503 : 200, "application/json;charset=UTF-8",
	    sb.buf, sb.len);
	http_reply_header(r, "Cache-Control", "no-store");
	strbuf_release(&sb);
}

static int
health_apply(struct api_op *o, struct store *s)
{
	(void)o;
	return store_probe(s);
}

static void
health_done(struct api_op *o, int rc)
{
	struct health_op *h = (struct health_op *)o;
	char store[96];

	if (rc == 0)
		snprintf(store, sizeof(store), "ok");
	else
		snprintf(store, sizeof(store), "fail: %s", fg_strerror(rc));
	health_reply(o->http, h, store);
}

void
api_health(struct http_req *r)
{
	struct health_op *h = xcalloc(1, sizeof(*h));
	int64_t busy = writer_busy_ms(api_ctx(r)->writer);

	health_workers(r, h);
	if (busy > LIM_HEALTH_WRITER_MS) {
		snprintf(h->writer, sizeof(h->writer), "fail: one batch "
		    "running for %lld s", (long long)(busy / 1000));
		h->failed = 1;
		health_reply(r, h, "fail: not probed, the writer is stuck");
		free(h);
		return;
	}
	snprintf(h->writer, sizeof(h->writer), "ok");
	h->base.http = r;
	h->base.apply = health_apply;
	h->base.reply = health_done;
	api_op_submit(r, &h->base);
}
