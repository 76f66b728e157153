/*
 * http.c: the one HTTP client of the network drivers (channel_int.h),
 * and the transport half of every outcome.
 *
 * Every upstream request is set up by chan_easy_setup(), whichever
 * thread runs it: the outbound loop (xloop.c, every webhook type, SMS, with
 * connections kept alive), or a worker blocking on its own easy handle
 * for at most channel.timeout_ms (chan_http_send, req.c chan_req_perform: cp,
 * SMS, the blocking fallback); no handle is shared between threads.
 *
 * User-supplied URLs (webhooks) are guarded: libcurl's open-socket
 * callback refuses loopback, private and link-local peers unless the
 * operator set channel.allow_private, on the address actually connected
 * to, and again on the peer of a reused connection just before the
 * request goes out (prereq).  Redirects are not followed, so a public URL cannot bounce the
 * request inward.  With channel.proxy the socket goes to the proxy, so
 * the target's name is resolved and checked before the request leaves
 * (chan_guard_target); proxy environment variables are never used.
 * The callback and push senders (callback.c, push_xfer.c) run their own
 * multi handles and share the guard through chan_guard_socket().
 *
 * Outcome rules (design.md, style.md 3.3): no reply at all (timeout,
 * refused or dropped connection) is TEMPFAIL, as are 429 and 5xx; other
 * non-2xx replies are PERMFAIL, with the upstream status and the start
 * of its body as the detail.
 *
 * Every request made for a delivery carries its id as the header
 * X-Feige-Delivery (channel_delivery_begin(), set by the queue's worker
 * around the driver, per thread): deliveries are at least once when
 * several nodes share a database (store/pg_lease.c), and a receiver
 * that sees the same id twice knows it is a repeat.  No upstream feige
 * talks to documents an idempotency key for these calls, and unknown
 * headers are ignored by all of them (docs/scale.md).
 */
#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include "channel/channel_int.h"
#include "util/netguard.h"

void
chan_http_reply_init(struct chan_http_reply *rep)
{
	memset(rep, 0, sizeof(*rep));
	strbuf_init(&rep->body, CHAN_REPLY_MAX);
}

void
chan_http_reply_release(struct chan_http_reply *rep)
{
	strbuf_release(&rep->body);
}

static curl_socket_t
open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct chan_guard *g = arg;

	(void)purpose;
	if (g->refused || g->unresolved)	/* decided on the target */
		return CURL_SOCKET_BAD;
	if (g->on && !g->checked &&
	    netguard_addr_private((struct sockaddr *)&a->addr)) {
		g->refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

/*
 * Just before a request goes out, on a new or a reused connection: the
 * loop keeps connections alive, and one opened for an unguarded request
 * (an operator's URL: channel.wecom_base, an SMS or iLink endpoint) may
 * be reused by a guarded one to the same host and port, where the
 * open-socket check never runs.  So a guarded request also checks the
 * peer of the connection it got.  With a proxy the peer is the proxy
 * and the target was checked by name (g->checked).
 */
static int
prereq(void *arg, char *ip, char *local_ip, int port, int local_port)
{
	struct chan_guard *g = arg;
	struct sockaddr_storage ss;
	struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;

	(void)local_ip;
	(void)port;
	(void)local_port;
	if (!g->on || g->checked)
		return CURL_PREREQFUNC_OK;
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, ip, &a4->sin_addr) == 1)
		a4->sin_family = AF_INET;
	else if (inet_pton(AF_INET6, ip, &a6->sin6_addr) == 1)
		a6->sin6_family = AF_INET6;
	if (ss.ss_family == 0 || netguard_addr_private((struct sockaddr *)&ss)) {
		g->refused = 1;
		return CURL_PREREQFUNC_ABORT;
	}
	return CURL_PREREQFUNC_OK;
}

void
chan_guard_target(const char *url, struct chan_guard *g)
{
	struct addrinfo hints, *ai = NULL, *p;
	char host[CHAN_HOST_MAX], *h = host;
	size_t n;

	if (!g->on || g->checked || *channel_settings()->proxy == '\0')
		return;
	g->checked = 1;
	chan_url_host(url, host);
	if ((n = strlen(h)) > 1 && h[0] == '[' && h[n - 1] == ']')
		h[n - 1] = '\0', h++;
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (*h == '\0' || getaddrinfo(h, NULL, &hints, &ai) != 0) {
		g->unresolved = 1;
		return;
	}
	for (p = ai; p != NULL; p = p->ai_next)
		if (netguard_addr_private(p->ai_addr))
			g->refused = 1;
	freeaddrinfo(ai);
}

void
chan_guard_socket(void *curl, const char *url, struct chan_guard *g)
{
	const char *proxy = channel_settings()->proxy;

	curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, g);
	curl_easy_setopt(curl, CURLOPT_PREREQFUNCTION, prereq);
	curl_easy_setopt(curl, CURLOPT_PREREQDATA, g);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	/*
	 * Proxy environment variables are ignored (the guard must see the
	 * target); channel.proxy names the one proxy, and then the target
	 * is checked by name before the request leaves (see the top).
	 */
	curl_easy_setopt(curl, CURLOPT_PROXY, proxy);
	if (*proxy) {
		chan_guard_target(url, g);
		if (strncmp(url, "http", 4) != 0)	/* SMTP: a tunnel */
			curl_easy_setopt(curl, CURLOPT_HTTPPROXYTUNNEL, 1L);
	}
}

void
chan_guard_apply(void *curl, const char *url, struct chan_guard *g)
{
	if (channel_settings()->allow_private)
		g->on = 0;
	chan_guard_socket(curl, url, g);
	if (*channel_settings()->ca_file)
		curl_easy_setopt(curl, CURLOPT_CAINFO,
		    channel_settings()->ca_file);
}

static size_t
collect(char *p, size_t n, size_t m, void *arg)
{
	struct chan_http_reply *rep = arg;
	size_t len = n * m, room = CHAN_REPLY_MAX - rep->body.len;

	/* keep the start of an oversized reply; the rest is dropped */
	(void)strbuf_add(&rep->body, p, len < room ? len : room);
	return len;
}

/* The delivery the calling worker is attempting, 0 for none. */
static _Thread_local int64_t cur_delivery;

void
channel_delivery_begin(int64_t id)
{
	cur_delivery = id;
}

void
channel_delivery_end(void)
{
	cur_delivery = 0;
}

int
chan_http_request(const char *url, const char *body, const char *ctype,
    int guard, struct chan_http_reply *rep)
{
	char hct[128];
	const char *hdrs[] = { hct, NULL };
	struct chan_http_req req = { NULL, url, body, hdrs, guard, 0 };

	snprintf(hct, sizeof(hct), "Content-Type: %s", ctype);
	return chan_http_send(&req, rep);
}

/* The exchange's outcome for the operator's per-host view. */
static void
health_note(const char *host, const struct chan_http_reply *rep)
{
	char what[160];
	int n;

	if (rep->refused || rep->curl_rc != CURLE_OK ||
	    (rep->status >= 200 && rep->status < 300)) {
		chan_health_note(host, rep->status >= 200 && rep->status < 300,
		    rep->status,
		    rep->refused ? "address not allowed" : rep->error);
		return;
	}
	n = rep->body.len > 120 ? 120 : (int)rep->body.len;
	while (n > 0 && n < (int)rep->body.len &&
	    (rep->body.buf[n] & 0xc0) == 0x80)
		n--;
	snprintf(what, sizeof(what), "HTTP %ld: %.*s", rep->status, n,
	    n ? rep->body.buf : "");
	chan_health_note(host, 0, rep->status, what);
}

/* Note the exchange under host:port, as the push sender names hosts. */
static void
easy_health(void *c, const struct chan_http_reply *rep)
{
	char host[CHAN_HOST_MAX], hp[CHAN_HOST_MAX + 16];
	char *url = NULL;
	long port = 0;

	if (curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &url) != CURLE_OK ||
	    url == NULL)
		return;
	chan_url_host(url, host);
	if (curl_easy_getinfo(c, CURLINFO_PRIMARY_PORT, &port) != CURLE_OK ||
	    port <= 0)
		snprintf(hp, sizeof(hp), "%s", host);
	else
		snprintf(hp, sizeof(hp), "%.200s:%ld", host, port);
	health_note(hp, rep);
}

void
chan_easy_setup(void *c, const char *method, const char *url,
    const char *body, size_t body_len, struct curl_slist **hdrs,
    struct chan_guard *g, struct chan_http_reply *rep, char *errbuf)
{
	long timeout = (long)channel_settings()->timeout_ms;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "feige");
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	chan_guard_apply(c, url, g);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, rep);
	if (body) {
		*hdrs = curl_slist_append(*hdrs, "Expect:");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)body_len);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, *hdrs);
	if (method && *method)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
}

void
chan_easy_finish(void *c, int rc, const struct chan_guard *g,
    const char *errbuf, struct chan_http_reply *rep)
{
	rep->refused = g->refused;
	rep->curl_rc = rc;
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &rep->status);
	else if (g->unresolved) {
		rep->curl_rc = CURLE_COULDNT_RESOLVE_HOST;
		snprintf(rep->error, sizeof(rep->error), "cannot resolve the "
		    "host (with channel.proxy feige resolves it to check it)");
	} else
		snprintf(rep->error, sizeof(rep->error), "%s",
		    *errbuf ? errbuf : curl_easy_strerror((CURLcode)rc));
	easy_health(c, rep);
}

int
chan_http_send(const struct chan_http_req *req, struct chan_http_reply *rep)
{
	struct chan_guard g = { req->guard, 0, 0, 0 };
	struct curl_slist *hdrs = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", host[CHAN_HOST_MAX], did[48];
	const char *const *h;
	CURL *c;
	CURLcode rc;

	if (chan_host_enter(req->url, host) != 0) {
		rep->busy = 1;
		snprintf(rep->error, sizeof(rep->error), "host %.200s busy", host);
		return -1;
	}
	if ((c = curl_easy_init()) == NULL) {
		chan_host_leave(host);
		rep->curl_rc = CURLE_OUT_OF_MEMORY;
		snprintf(rep->error, sizeof(rep->error), "curl_easy_init");
		return -1;
	}
	for (h = req->headers; h && *h; h++)
		if (req->body || strncasecmp(*h, "Content-Type:", 13) != 0)
			hdrs = curl_slist_append(hdrs, *h);
	if (cur_delivery) {
		snprintf(did, sizeof(did), "X-Feige-Delivery: %lld",
		    (long long)cur_delivery);
		hdrs = curl_slist_append(hdrs, did);
	}
	chan_easy_setup(c, req->method, req->url, req->body, req->body ?
	    (req->body_len ? req->body_len : strlen(req->body)) : 0, &hdrs,
	    &g, rep, errbuf);
	rc = curl_easy_perform(c);
	chan_easy_finish(c, (int)rc, &g, errbuf, rep);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	chan_host_leave(host);
	return rc == CURLE_OK ? 0 : -1;
}

int
chan_curl_final(int rc)
{
	switch (rc) {
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_LOGIN_DENIED:
		return 1;
	}
	return 0;
}

void
chan_fail(struct delivery_result *res, enum delivery_outcome outcome,
    const char *what, long status, const char *fmt, ...)
{
	va_list ap;

	res->outcome = outcome;
	res->upstream_status = (int)status;
	strbuf_reset(&res->detail);
	if (status)
		strbuf_addf(&res->detail, "%s: upstream %ld, ", what, status);
	else
		strbuf_addf(&res->detail, "%s: ", what);
	va_start(ap, fmt);
	strbuf_vaddf(&res->detail, fmt, ap);
	va_end(ap);
}

int
chan_http_outcome(const struct chan_http_reply *rep, const char *what,
    struct delivery_result *res)
{
	int n;

	if (res->reply && rep->status) { /* a test send shows it all */
		res->upstream_status = (int)rep->status;
		strbuf_reset(res->reply);
		(void)strbuf_add(res->reply, rep->body.buf,
		    rep->body.len > CHANNEL_TEST_REPLY_MAX + 1 ?
			CHANNEL_TEST_REPLY_MAX + 1 :
			rep->body.len);
		chan_truncate(res->reply, CHANNEL_TEST_REPLY_MAX);
	}
	if (rep->busy) {
		res->outcome = DELIVERY_DEFER;
		strbuf_setf(&res->detail, "%s: %s", what, rep->error);
		return -1;
	}
	if (rep->refused) {
		chan_fail(res, DELIVERY_PERMFAIL, what, 0, "address not "
		    "allowed (loopback or private network; see "
		    "channel.allow_private)");
		return -1;
	}
	if (rep->curl_rc != CURLE_OK) {
		chan_fail(res, chan_curl_final(rep->curl_rc) ?
		    DELIVERY_PERMFAIL : DELIVERY_TEMPFAIL, what, 0, "%s%s",
		    rep->curl_rc == CURLE_OPERATION_TIMEDOUT ? "timeout: " : "",
		    rep->error);
		return -1;
	}
	if (rep->status >= 200 && rep->status < 300) {
		res->upstream_status = (int)rep->status;
		return 0;
	}
	n = rep->body.len > 300 ? 300 : (int)rep->body.len;
	while (n > 0 && n < (int)rep->body.len &&
	    (rep->body.buf[n] & 0xc0) == 0x80)
		n--;		/* never cut a UTF-8 sequence */
	chan_fail(res, rep->status == 429 || rep->status >= 500 ?
	    DELIVERY_TEMPFAIL : DELIVERY_PERMFAIL, what, rep->status,
	    "%.*s", n, rep->body.buf);
	return -1;
}
