/*
 * server.c: the libmicrohttpd daemon and the per-request life cycle
 * (http.h).
 *
 * Mode: MHD's internal epoll thread (a thread pool when http.threads >
 * 1) with suspend/resume, on a listening socket feige binds itself so a
 * port of 0 can be read back.  Request states:
 *
 *   NEW -> BODY        first call: headers are in; size checks
 *   BODY -> BODY       each chunk of body appended (capped; the rest of
 *                      an oversized body is read and dropped, so the
 *                      client still gets its JSON error)
 *   BODY -> ROUTED     last call: the router runs the handler
 *   ROUTED             a parked request is called again after unpark
 *                      and its prepared reply is queued
 *
 * Sizes: http.header_kb caps the request line plus the headers, and
 * feige enforces it itself (head_size()), so that an oversized request
 * is refused in the API's JSON envelope by the router.  MHD's own pool
 * is half again as large to leave room for that: a request
 * that outgrows even the pool never reaches feige, and MHD answers it
 * with its built-in HTML 414 or 431 and closes (0.9.75 has no hook for
 * that body).
 *
 * Shutdown: quiesce (stop accepting), wait until no request is in
 * progress (active: begun, from the request line, and not yet
 * completed; idle keep-alive connections do not count), then stop the
 * daemon, which closes the idle connections.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/errors.h"
#include "core/limits.h"
#include "http/access.h"
#include "http/conn.h"
#include "http/connguard.h"
#include "http/http.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/params.h"
#include "util/xmalloc.h"

enum { REQ_NEW, REQ_BODY, REQ_ROUTED };

/*
 * MHD's per-connection pool, in quarters of http.header_kb: 6/4 leaves
 * room for a head up to half again the limit to be refused in JSON.
 * MHD zeroes the pool for every request: each extra 32 KB costs about
 * 240 ns a request here (docs/performance.md).
 */
#define HTTP_POOL_QUARTERS	6

struct http_server {
	struct MHD_Daemon	*d;
	struct http_config	 cfg;
	atomic_int		 active;	/* requests begun, not completed */
	atomic_int		 stopping;	/* refuse new requests */
	int			 fd;
	int			 port;
	struct connguard	*guard;
};

/*
 * Per-connection state (conn.h): the raw request target of the current
 * request.  MHD rewrites the query in place after the URI log callback,
 * so the target is copied here, into a buffer reused for every request
 * of the connection.  The request itself (struct http_req) is created
 * on the first call of the access handler, because MHD only reports
 * completion for requests that reached it: a client that drops the
 * connection in the middle of its headers would otherwise leak one.
 */
struct http_conn *
http_conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

static enum MHD_Result
on_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
	struct http_server *hs = cls;

	(void)len;
	return connguard_admit(hs->guard, addr) ? MHD_YES : MHD_NO;
}

static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct http_server *hs = cls;
	struct http_conn *hc = *socket_context;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *a = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CONNECTION_FD);

		hc = xcalloc(1, sizeof(*hc));
		strbuf_init(&hc->uri, 0);
		hc->cg = hs->guard;
		connguard_open(hs->guard, &hc->guard, a ? a->client_addr : NULL,
		    fd ? fd->connect_fd : -1);
		*socket_context = hc;
	} else if (hc != NULL) {
		/* a taken one's count is its hold's now (take.c) */
		if (!hc->taken)
			connguard_close(hs->guard, &hc->guard);
		strbuf_release(&hc->uri);
		free(hc);
		*socket_context = NULL;
	}
}

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct http_conn *hc = ci ? ci->socket_context : NULL;

	(void)cls;
	if (hc != NULL) {
		strbuf_reset(&hc->uri);
		(void)strbuf_addstr(&hc->uri, uri ? uri : "/");
	}
	return NULL;
}

static struct http_req *
req_new(struct http_server *hs, struct MHD_Connection *c)
{
	struct http_conn *hc = http_conn_of(c);
	struct http_req *r = xcalloc(1, sizeof(*r));
	struct strbuf path = STRBUF_INIT;
	const char *q;
	size_t plen;

	r->ctx = hs->cfg.ctx;
	r->conn = c;
	r->start_us = clock_mono_us();
	r->trusted_proxies = hs->cfg.trusted_proxies;
	atomic_fetch_add(&hs->active, 1);
	r->refused = atomic_load(&hs->stopping);
	r->uri = xstrdup(hc && hc->uri.len ? hc->uri.buf : "/");
	q = strchr(r->uri, '?');
	plen = q ? (size_t)(q - r->uri) : strlen(r->uri);
	r->query = q ? q + 1 : "";
	r->query_len = strlen(r->query);
	(void)url_decode(&path, r->uri, plen, 0);
	r->path = strbuf_detach(&path, NULL);
	strbuf_init(&r->body, LIM_HTTP_BODY);
	return r;
}

static enum MHD_Result
queue_reply(struct http_req *r)
{
	enum MHD_Result ret;

	if (r->reply == NULL) {
		static const char fallback[] =
		    "{\"code\":500,\"msg\":\"系统异常，请稍后再试\",\"data\":null}";

		http_reply(r, 500, "application/json;charset=UTF-8", fallback,
		    sizeof(fallback) - 1);
		if (r->reply == NULL)
			return MHD_NO;
	}
	ret = MHD_queue_response(r->conn, r->reply_status, r->reply);
	MHD_destroy_response(r->reply);
	r->reply = NULL;
	return ret;
}

static enum MHD_Result
head_field_size(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	size_t *n = cls;

	(void)kind;
	*n += strlen(key) + (value ? strlen(value) : 0) + 4;	/* ": " CRLF */
	return MHD_YES;
}

/*
 * Is the request line, or the line plus the headers, over the limit?
 * Sizes are those of the bytes on the wire (give or take the spaces
 * around a header's colon).
 */
static int
head_size(struct http_req *r, const char *version, size_t limit)
{
	size_t n = strlen(r->method) + strlen(r->uri) + strlen(version) + 4;

	if (n > limit)
		return HTTP_HEAD_LINE;
	(void)MHD_get_connection_values(r->conn, MHD_HEADER_KIND,
	    head_field_size, &n);
	return n + 2 > limit ? HTTP_HEAD_FIELDS : 0;
}

static enum MHD_Result
count_length(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	(void)value;
	if (strcasecmp(key, "Content-Length") == 0)
		++*(int *)cls;
	return MHD_YES;
}

/* More than one Content-Length: the body's end is ambiguous. */
static int
length_ambiguous(struct MHD_Connection *c)
{
	int n = 0;

	(void)MHD_get_connection_values(c, MHD_HEADER_KIND, count_length, &n);
	return n > 1;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct http_server *hs = cls;
	struct http_req *r = *con_cls;

	(void)url;
	if (r == NULL)
		*con_cls = r = req_new(cls, c);
	r->conn = c;
	switch (r->state) {
	case REQ_NEW: {
		const char *cl = MHD_lookup_connection_value(c,
		    MHD_HEADER_KIND, "Content-Length");

		if (http_conn_of(c) != NULL)
			connguard_head_done(hs->guard, &http_conn_of(c)->guard);
		r->method = method;
		r->state = REQ_BODY;
		r->head_kb = hs->cfg.header_kb;
		r->head_too_big = head_size(r, version,
		    (size_t)hs->cfg.header_kb * 1024);
		if (!r->head_too_big && length_ambiguous(c))
			r->head_too_big = HTTP_HEAD_FRAMING;
		if (hs->cfg.body_max)
			r->body.cap = hs->cfg.body_max(r->path);
		/* a refused request's body is read and dropped */
		if (r->head_too_big ||
		    (cl && strtoull(cl, NULL, 10) > r->body.cap))
			r->body_too_big = 1;
		return MHD_YES;
	}
	case REQ_BODY:
		if (*upload_size) {
			if (!r->body_too_big &&
			    strbuf_add(&r->body, upload, *upload_size) != 0)
				r->body_too_big = 1;
			*upload_size = 0;
			return MHD_YES;
		}
		r->state = REQ_ROUTED;
		if (r->refused) {
			/* never park a request once shutdown began: MHD may
			 * not be stopped with suspended connections */
			static const char bye[] = "{\"code\":500,\"msg\":\"服务器"
			    "正在停止，请稍后重试 (server is shutting down)\","
			    "\"data\":null}";

			http_reply(r, 503, "application/json;charset=UTF-8", bye,
			    sizeof(bye) - 1);
			http_reply_header(r, "Connection", "close");
			return queue_reply(r);
		}
		hs->cfg.route(r);
		/*
		 * A parked request may already be completed by the writer
		 * thread, which sets r->reply and resumes the connection:
		 * reading r->reply here would race with it and could queue
		 * the reply from this call and leave the resumed one with
		 * none.  The reply is queued by the call after the resume.
		 */
		if (r->parked || r->reply == NULL)
			return MHD_YES;
		return queue_reply(r);
	default:
		if (r->taken)	/* its socket is the stream loop's (take.c) */
			return MHD_NO;
		if (*upload_size) {
			*upload_size = 0;
			return MHD_YES;
		}
		if (r->reply == NULL)
			return MHD_YES;
		return queue_reply(r);
	}
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http_server *hs = cls;
	struct http_req *r = *con_cls;

	(void)toe;
	/* the next request on this connection has a head deadline again */
	if (http_conn_of(c) != NULL && !http_conn_of(c)->taken)
		connguard_head_again(hs->guard, &http_conn_of(c)->guard);
	if (r == NULL)
		return;
	atomic_fetch_sub(&((struct http_server *)cls)->active, 1);
	if (r->method != NULL)	/* the head arrived */
		http_access_done(r, hs->cfg.access_log);
	if (r->hstate_free)
		r->hstate_free(r->hstate);
	if (r->reply)
		MHD_destroy_response(r->reply);
	strbuf_release(&r->body);
	if (r->early.buf)
		strbuf_release(&r->early);
	free(r->path);
	free(r->uri);
	free(r);
	*con_cls = NULL;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512], q[LOG_VALUE_MAX];
	size_t n;

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	log_debug("msg=\"http: %s\"", log_quote(q, sizeof(q), line));
}

static int
bind_listen(const char *addr, int *port_out, struct strbuf *err)
{
	char host[128];
	const char *colon = strrchr(addr, ':');
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	int fd, one = 1;

	if (colon == NULL || (size_t)(colon - addr) >= sizeof(host)) {
		strbuf_setf(err, "listen '%s': expected ADDR:PORT", addr);
		return -1;
	}
	memcpy(host, addr, (size_t)(colon - addr));
	host[colon - addr] = '\0';
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)strtol(colon + 1, NULL, 10));
	if (*host == '\0' || strcmp(host, "*") == 0)
		sin.sin_addr.s_addr = htonl(INADDR_ANY);
	else if (strcmp(host, "localhost") == 0)
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
		strbuf_setf(err, "listen '%s': not an IPv4 address", addr);
		return -1;
	}
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(fd, 4096) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &sl) != 0) {
		strbuf_setf(err, "listen '%s': %m", addr);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*port_out = ntohs(sin.sin_port);
	return fd;
}

int
http_start(struct http_server **out, const struct http_config *cfg,
    struct strbuf *err)
{
	struct http_server *hs = xcalloc(1, sizeof(*hs));
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	unsigned int threads = (unsigned int)cfg->threads;

	hs->cfg = *cfg;
	if ((hs->fd = bind_listen(cfg->listen, &hs->port, err)) < 0) {
		free(hs);
		return FG_EIO;
	}
	if ((hs->guard = connguard_new(cfg->per_ip, cfg->head_timeout_s,
	    cfg->conn_limit, cfg->trusted_proxies)) == NULL) {
		strbuf_setf(err, "cannot start the connection guard");
		close(hs->fd);
		free(hs);
		return FG_EIO;
	}
	hs->d = MHD_start_daemon(flags, 0, on_accept, hs, on_request, hs,
	    MHD_OPTION_LISTEN_SOCKET, hs->fd,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, hs,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, hs,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, hs,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)cfg->header_kb * 1024 * HTTP_POOL_QUARTERS / 4,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->conn_limit,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->timeout_s,
	    MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0,
	    MHD_OPTION_END);
	if (hs->d == NULL) {
		strbuf_setf(err, "cannot start the HTTP server on '%s'",
		    cfg->listen);
		connguard_free(hs->guard);
		close(hs->fd);
		free(hs);
		return FG_EIO;
	}
	*out = hs;
	return 0;
}

int
http_port(struct http_server *hs)
{
	return hs->port;
}

void
http_stop(struct http_server *hs, int wait_ms)
{
	struct timespec ts = { 0, 10 * 1000000 };
	int waited = 0;

	if (hs == NULL)
		return;
	atomic_store(&hs->stopping, 1);
	/*
	 * Stop accepting at once (new clients are refused, not left in the
	 * backlog while we drain), but keep the descriptor until MHD is
	 * stopped: its thread may still be taking the socket out of its
	 * epoll set, and a closed number can be reused by another socket
	 * meanwhile (ThreadSanitizer reported the close racing epoll_ctl).
	 */
	MHD_quiesce_daemon(hs->d);
	shutdown(hs->fd, SHUT_RDWR);
	while ((atomic_load(&hs->active) > 0 || (hs->cfg.inflight &&
	    atomic_load(hs->cfg.inflight) > 0)) && waited < wait_ms) {
		nanosleep(&ts, NULL);
		waited += 10;
	}
	/* give queued replies a moment to be written */
	nanosleep(&ts, NULL);
	MHD_stop_daemon(hs->d);
	connguard_free(hs->guard);
	close(hs->fd);
	free(hs);
}
