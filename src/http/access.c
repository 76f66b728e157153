/*
 * access.c: one access log line per request and the request counter of
 * /metrics (util/metrics.h), both at the request's completion, on the
 * HTTP thread, from what the router and the reply left in struct
 * http_req.
 *
 * The line, at info, key=value like every feige log line:
 *
 *   msg=access method="GET" path="/send" route="/send" api=pushplus
 *   status=200 code=200 bytes=52 duration_ms=3 ip="127.0.0.1"
 *
 * What it leaves out, and why: the query string, where pushplus and
 * WxPusher clients put their tokens; and the rest of a path whose row
 * takes a secret segment (/send/{token}, /message/{code}, the SPT send):
 * those rows set route_mask and the line shows the row with "*" for
 * the rest.  Client values (method, path, address) go through
 * log_quote(), so a crafted path cannot forge a line.  code is the API
 * envelope's code, "-" for a reply that has none (pages, streams);
 * bytes is the body's size, "-" for a stream; status 0 means the client
 * left before a reply was sent.
 *
 * The counter takes the same request with bounded labels only: API
 * family, the route row (never the raw path: a scan of random paths all
 * counts as route="other"), the status and the code.
 */
#include <stdio.h>
#include <string.h>

#include "http/access.h"
#include "http/http.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/metrics.h"

/* The route label: the row's path, with "*" for its rest; or other. */
static const char *
access_route(const struct http_req *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", r->route ? r->route : "other",
	    r->route && r->route_rest ? "*" : "");
	return buf;
}

void
http_access_done(struct http_req *r, int log_on)
{
	char route[128], status[8], code[16], bytes[24];
	char qm[64], qp[LOG_VALUE_MAX], ip[64], qip[LOG_VALUE_MAX];
	const char *api = r->api_family ? r->api_family : "other";
	long long us = clock_mono_us() - r->start_us;

	access_route(r, route, sizeof(route));
	snprintf(status, sizeof(status), "%u", r->reply_status);
	if (r->has_code)
		snprintf(code, sizeof(code), "%d", r->api_code);
	else
		code[0] = '\0';
	metrics_add(&metric_requests, (const char *[]){ api, route, status,
	    code }, 1);
	if (!log_on || log_verbosity < LOG_LVL_INFO)
		return;
	if (r->reply_bytes < 0)
		snprintf(bytes, sizeof(bytes), "-");
	else
		snprintf(bytes, sizeof(bytes), "%lld", r->reply_bytes);
	log_info("msg=access method=\"%s\" path=\"%s\" route=\"%s\" api=%s "
	    "status=%s code=%s bytes=%s duration_ms=%lld ip=\"%s\"",
	    log_quote(qm, sizeof(qm), r->method),
	    log_quote(qp, sizeof(qp), r->route_mask ? route : r->path),
	    route, api, status, *code ? code : "-", bytes, us / 1000,
	    log_quote(qip, sizeof(qip), http_client_ip(r, ip, sizeof(ip))));
}
