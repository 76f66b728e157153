/*
 * metrics.c: GET /metrics, the Prometheus text exposition of
 * util/metrics.h, and who may read it.
 *
 * Off by default.  Two ways to serve it, either or both:
 *
 *   metrics.enable = yes    on the main listener, as a route;
 *   metrics.listen = A:P    on a listener of its own (app.c starts a
 *                           second small HTTP server whose only routes
 *                           are /metrics and /healthz), so a firewall
 *                           can keep the port private and the public
 *                           port has no /metrics at all.
 *
 * On both, metrics.allow (addresses and CIDR blocks, default 127.0.0.1
 * and ::1) says which clients may read it, by the address
 * http_client_ip() gives (the TCP peer, or the client a trusted proxy
 * names).  Anyone else, and everyone while it is off, gets the same 404
 * as an unknown path: the endpoint's existence is not advertised.
 *
 * Why it is guarded at all: the counters tell traffic volume, channel
 * mix and failure rates, which are nobody else's business.
 *
 * A scrape first refreshes the gauges that are read rather than counted
 * (queue depth and oldest due delivery, RSS, open descriptors), then
 * renders.
 */
#include "api/api.h"
#include "api/ctx.h"
#include "core/limits.h"
#include "http/http.h"
#include "queue/queue.h"
#include "util/iplist.h"
#include "util/metrics.h"
#include "util/strbuf.h"

static void
metrics_serve(struct http_req *r)
{
	const struct api_ctx *c = api_ctx(r);
	struct strbuf sb = STRBUF_INIT;
	struct queue_stats st;
	char ip[64];

	if (!iplist_allowed(c->conf->metrics_allow, http_client_ip(r, ip,
	    sizeof(ip)))) {
		api_pp_reply(r, 404, 404, "接口不存在 (not found)", NULL);
		return;
	}
	queue_stats(c->queue, LIM_HEALTH_WORKER_MS, &st);
	metrics_set(&metric_queue_depth, NULL, (int64_t)st.depth);
	metrics_set(&metric_queue_oldest, NULL, st.oldest_due_ms);
	metrics_process();
	(void)metrics_render(&sb);
	http_reply(r, 200, METRICS_CONTENT_TYPE, sb.buf, sb.len);
	http_reply_header(r, "Cache-Control", "no-store");
	strbuf_release(&sb);
}

void
api_metrics(struct http_req *r)
{
	if (!api_ctx(r)->conf->metrics_enable) {
		api_pp_reply(r, 404, 404, "接口不存在 (not found)", NULL);
		return;
	}
	metrics_serve(r);
}

void
api_metrics_listener(struct http_req *r)
{
	metrics_serve(r);
}
