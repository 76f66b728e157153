/*
 * routes.c: path -> handler, as data.  The table sits in the top layer,
 * next to app.c that hands routes_dispatch() to http_start(): the HTTP
 * layer below knows no handler, and the API adapters know no route.
 *
 * Routing is by path only (compat.md §0: clients send several Host
 * names).  GET, POST, PUT and DELETE are the handler's business
 * (pushplus /send takes them alike).  Nothing here redirects: "/send/"
 * is "/send", and unknown paths get a JSON body in the envelope of the
 * API their prefix belongs to.
 *
 * Every other method is answered here, before any handler, from the
 * methods a row takes (M_*), so that no handler needs to think of them.
 * A row takes M_SEND (GET, POST, PUT, DELETE, and its GET may write)
 * unless it says otherwise, so a new sending row is safe as written:
 *
 *   HEAD     runs the handler only on rows whose GET just reads
 *            (M_READS): MHD sends the GET reply's headers without its
 *            body.  Where GET may write (sends, the open API, remove,
 *            reject), HEAD gets the status and JSON Content-Type of a
 *            GET reply and nothing happens; where GET is not taken, it
 *            is answered as PATCH.
 *   OPTIONS  204 with an Allow header.
 *   PATCH    and any other method: 405, Allow, and the API's envelope.
 *
 * A request whose line or headers are over http.header_kb (the HTTP
 * layer measures them) is refused here too, in the API's envelope.
 *
 * The first row that matches wins, so a longer path comes before the
 * prefix that would swallow it.  Kinds of match:
 *
 *   EXACT    the path itself
 *   SLASH    the path, with or without one trailing slash
 *   SEGMENT  the path then one non-empty segment (no further '/'),
 *            handed to the handler as rest
 *   PREFIX   the path then anything (possibly empty) as rest
 *   TOPICS   "/", an ntfy topic list ([-_A-Za-z0-9]{1,64} joined by
 *            ','), then the row's path ("/json"); rest is the list and
 *            what follows it.  Rows of this kind come last, so a fixed
 *            path always wins over a topic that spells it.
 *
 * A row names one of three handler shapes (plain, with rest, with a
 * fixed int argument), so the adapters keep their natural signatures.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/limits.h"
#include "http/http.h"
#include "routes.h"

enum route_match { EXACT, SLASH, SEGMENT, PREFIX, TOPICS };

#define ROUTE_IMAGE_UPLOAD	API_IMAGE_UPLOAD_PATH

/* The methods a row takes; HEAD and OPTIONS are always answered. */
enum {
	M_GET = 1, M_POST = 2, M_PUT = 4, M_DELETE = 8,
	M_READS = 16,		/* GET has no side effect: HEAD runs it */
	M_ALL = 32,		/* every method reaches the handler */
	M_SEND = M_GET | M_POST | M_PUT | M_DELETE,
	M_READ = M_GET | M_READS,
	M_FORM = M_GET | M_POST | M_READS	/* a page and its form */
};

struct route {
	const char		*path;
	enum route_match	 match;
	void			(*plain)(struct http_req *);
	void			(*rest)(struct http_req *, const char *);
	void			(*arg)(struct http_req *, int);
	int			 argv;
	int			 methods;	/* M_* */
};

/* /api/send/message: the send, or with DELETE the delete. */
static void
wx_message(struct http_req *r)
{
	if (strcmp(r->method, "DELETE") == 0)
		api_wx_delete(r);
	else
		api_wx_send(r);
}

/* /api/send/message/{SPT}/{content}: the GET send of a personal token. */
static void
wx_spt(struct http_req *r, const char *rest)
{
	const char *slash = strchr(rest, '/');
	char spt[64];

	if (strncmp(rest, "SPT_", 4) != 0 || slash == NULL ||
	    (size_t)(slash - rest) >= sizeof(spt)) {
		api_wx_reply(r, 1004, "接口不存在", NULL);
		return;
	}
	snprintf(spt, sizeof(spt), "%.*s", (int)(slash - rest), rest);
	api_wx_spt_get(r, spt, slash + 1);
}

static void
wx_status_legacy(struct http_req *r, const char *rest)
{
	api_wx_status(r, rest);
}

static void
wx_status(struct http_req *r)
{
	api_wx_status(r, NULL);
}

static void
wx_not_found(struct http_req *r, const char *rest)
{
	(void)rest;
	api_wx_reply(r, 1004, "接口不存在", NULL);
}

static void
pp_send(struct http_req *r)
{
	api_pushplus_send(r, NULL);
}

static void
pp_batch_send(struct http_req *r)
{
	api_pushplus_batch_send(r, NULL);
}

static void
follow_app(struct http_req *r, const char *id)
{
	api_wx_follow_page(r, 0, id);
}

static void
follow_topic(struct http_req *r, const char *id)
{
	api_wx_follow_page(r, 1, id);
}

/* Rows that take M_SEND (the default); the _M forms name theirs. */
#define R_PLAIN(p, m, f)	R_PLAIN_M(p, m, f, M_SEND)
#define R_REST(p, m, f)		R_REST_M(p, m, f, M_SEND)
#define R_ARG(p, m, f, a)	R_ARG_M(p, m, f, a, M_SEND)
#define R_PLAIN_M(p, m, f, ms)	{ p, m, f, NULL, NULL, 0, ms }
#define R_REST_M(p, m, f, ms)	{ p, m, NULL, f, NULL, 0, ms }
#define R_ARG_M(p, m, f, a, ms)	{ p, m, NULL, NULL, f, a, ms }

static const struct route routes[] = {
	/* pushplus send API */
	R_PLAIN("/send", SLASH, pp_send),
	R_REST("/send/", SEGMENT, api_pushplus_send),
	R_PLAIN("/batchSend", SLASH, pp_batch_send),
	R_REST("/batchSend/", SEGMENT, api_pushplus_batch_send),
	/* recipient pages; /shortMessage/{code} is pushplus's page, which
	 * open API clients fetch for the content of message/list items */
	R_REST_M("/message/", SEGMENT, api_message_page, M_READ),
	R_REST_M("/shortMessage/", SEGMENT, api_message_page, M_READ),
	R_PLAIN_M("/inbox", SLASH, api_inbox_page, M_READ),
	R_PLAIN_M("/inbox/messages", EXACT, api_inbox_json, M_READ),
	R_PLAIN_M("/inbox/stream", EXACT, api_inbox_stream, M_READ),
	R_PLAIN_M("/inbox/ws", EXACT, api_inbox_ws, M_READ),
	R_REST_M("/static/", PREFIX, api_static, M_READ),
	/* the inbox as an installable web app (pages/webapp.c) */
	R_PLAIN_M("/sw.js", EXACT, api_webapp_file, M_READ),
	R_PLAIN_M("/manifest.webmanifest", EXACT, api_webapp_file, M_READ),
	R_PLAIN_M("/healthz", EXACT, api_health, M_READ),
	R_PLAIN_M("/metrics", EXACT, api_metrics, M_READ),
	/* a person's devices (issue 10 §3) */
	R_PLAIN_M("/api/webpush/vapid", EXACT, api_webpush_vapid, M_READ),
	R_PLAIN_M("/api/devices", SLASH, api_devices,
	    M_GET | M_POST | M_READS),
	R_PLAIN_M("/api/devices/verify", EXACT, api_device_verify, M_FORM),
	R_REST_M("/api/devices/", SEGMENT, api_device_delete, M_DELETE),
	R_PLAIN_M("/", EXACT, api_landing, M_READ),
	/* the web console (issue 12): pages and their forms */
	R_PLAIN_M("/console", SLASH, api_console_root, M_FORM),
	R_REST_M("/console/", PREFIX, api_console, M_FORM),
	/* pushplus open API (some of its GETs write) */
	R_PLAIN("/api/common/openApi/getAccessKey", EXACT,
	    api_open_access_key),
	/* the image service's upload target (token in the form, no
	 * access-key; a larger body: routes_body_max) and its images */
	R_PLAIN_M(ROUTE_IMAGE_UPLOAD, SLASH, api_open_image_upload, M_POST),
	R_REST_M("/img/", SEGMENT, api_open_image_get, M_READ),
	R_REST("/api/open/", PREFIX, api_open),
	/* push form/doc/sheet open APIs: not hosted, JSON 999 (pp_form.c) */
	R_REST_M("/push/api", PREFIX, api_pp_push_api, M_ALL),
	/* WxPusher API (compat.md §5) */
	R_PLAIN("/api/send/message", SLASH, wx_message),
	R_PLAIN("/api/send/message/simple-push", EXACT, api_wx_simple_push),
	R_REST("/api/send/message/", PREFIX, wx_spt),
	R_PLAIN_M("/api/send/query/status", EXACT, wx_status, M_READ),
	R_REST_M("/api/send/query/", SEGMENT, wx_status_legacy, M_READ),
	R_ARG_M("/api/fun/wxuser", SLASH, api_wx_users, 0, M_READ),
	R_ARG_M("/api/fun/wxuser/v2", SLASH, api_wx_users, 1, M_READ),
	R_PLAIN("/api/fun/remove", EXACT, api_wx_remove),
	R_PLAIN("/api/fun/reject", EXACT, api_wx_reject),
	R_PLAIN("/api/fun/create/qrcode", EXACT, api_wx_qr_create),
	R_PLAIN_M("/api/fun/scan-qrcode-uid", EXACT, api_wx_qr_scan_uid,
	    M_READ),
	R_ARG_M("/api/uplink", EXACT, api_wx_uplink, 0, M_POST),
	R_PLAIN_M("/api/product/query-pay-end-time", EXACT,
	    api_wx_pay_end_time, M_READ),
	R_REST_M("/api/send", PREFIX, wx_not_found, M_ALL),
	R_REST_M("/api/fun", PREFIX, wx_not_found, M_ALL),
	R_REST_M("/api/product", PREFIX, wx_not_found, M_ALL),
	/* WxPusher follow pages and QR codes, pushplus join links */
	R_REST_M("/follow/app/", SEGMENT, follow_app, M_FORM),
	R_REST_M("/follow/topic/", SEGMENT, follow_topic, M_FORM),
	/* the operator's WeChat official account (issue 11 §1) */
	R_PLAIN_M("/wechat/mp", SLASH, api_wechat_mp, M_GET | M_POST),
	R_PLAIN_M("/wechat/bind", SLASH, api_wechat_bind, M_POST),
	R_PLAIN_M("/me", SLASH, api_wx_me_page, M_READ),
	R_PLAIN_M("/me/unfollow", EXACT, api_wx_unfollow, M_POST),
	R_PLAIN_M("/me/spt", EXACT, api_wx_me_spt, M_POST),
	R_ARG_M("/me/uplink", EXACT, api_wx_uplink, 1, M_POST),
	R_PLAIN_M("/me/clawbot", EXACT, api_clawbot_page, M_READ),
	R_PLAIN_M("/me/clawbot/bind", EXACT, api_clawbot_bind, M_POST),
	R_PLAIN_M("/me/clawbot/unbind", EXACT, api_clawbot_unbind_page,
	    M_POST),
	R_REST_M("/me/clawbot/qr/", SEGMENT, api_clawbot_qr_image, M_READ),
	/* a person signed in (issue 10 §1) */
	R_PLAIN_M("/me/token", EXACT, api_me_token, M_POST),
	R_PLAIN_M("/me/sessions/end", EXACT, api_me_sessions_end, M_POST),
	R_PLAIN_M("/me/phone", EXACT, api_me_phone, M_GET),
	R_PLAIN_M("/logout", EXACT, api_logout, M_POST),
	R_PLAIN_M("/login", SLASH, api_login, M_READ),
	R_REST_M("/login/", SEGMENT, api_login_rest, M_FORM),
	R_REST_M("/join/", SEGMENT, api_open_join, M_FORM),
	R_REST_M("/qrcode/", SEGMENT, api_wx_qrcode_image, M_READ),
	/* ntfy's subscriber protocol on a person's topic, their UID
	 * (stream/ntfy.h); the TOPICS rows stay last */
	R_PLAIN_M("/v1/health", EXACT, api_ntfy_health, M_READ),
	R_REST_M("/UID_", SEGMENT, api_ntfy_topic, M_GET | M_POST | M_PUT),
	R_REST_M("/json", TOPICS, api_ntfy_json, M_READ),
	R_REST_M("/sse", TOPICS, api_ntfy_sse, M_READ),
	R_REST_M("/raw", TOPICS, api_ntfy_raw, M_READ),
	R_REST_M("/auth", TOPICS, api_ntfy_auth, M_READ),
	R_REST_M("/ws", TOPICS, api_ntfy_ws, M_READ),
};

/* The metrics.listen listener's table: nothing else is served there. */
static const struct route metrics_routes[] = {
	R_PLAIN_M("/metrics", EXACT, api_metrics_listener, M_READ),
	R_PLAIN_M("/healthz", EXACT, api_health, M_READ),
};
/* "/a,b" then t->path: ntfy's topic list ([-_A-Za-z0-9]{1,64}, ',') */
static int
route_topics(const struct route *t, const char *path, const char **rest)
{
	const char *p = path + 1;
	size_t n;

	if (*path != '/')
		return 0;
	*rest = p;
	for (;;) {
		n = strspn(p, "-_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
		    "vwxyz0123456789");
		if (n == 0 || n > 64)
			return 0;
		p += n;
		if (*p != ',')
			break;
		p++;
	}
	return strcmp(p, t->path) == 0;
}

/* Does path match row t?  *rest: what follows the row's path. */
static int
route_matches(const struct route *t, const char *path, const char **rest)
{
	size_t n = strlen(t->path);

	if (t->match == TOPICS)
		return route_topics(t, path, rest);
	if (strncmp(path, t->path, n) != 0)
		return 0;
	*rest = path + n;
	switch (t->match) {
	case EXACT:
		return **rest == '\0';
	case SLASH:
		return **rest == '\0' || strcmp(*rest, "/") == 0;
	case SEGMENT:
		return **rest != '\0' && strchr(*rest, '/') == NULL;
	case PREFIX:
	case TOPICS:
		return 1;
	}
	return 0;
}

/* The paths answered in the WxPusher envelope; the rest in pushplus's. */
static int
route_is_wx(const char *path)
{
	return strncmp(path, "/api/send", 9) == 0 ||
	    strncmp(path, "/api/fun", 8) == 0 ||
	    strncmp(path, "/api/product", 12) == 0 ||
	    strncmp(path, "/api/uplink", 11) == 0;
}

/*
 * The API family of row t for the access log and /metrics: WxPusher's
 * API, the pushplus send API, the open API (with the image service and
 * the push form stubs), and pages (recipient pages, follow and join
 * pages, QR codes, static files, /healthz, /metrics).
 */
static const char *
route_family(const struct route *t)
{
	if (route_is_wx(t->path))
		return "wxpusher";
	if (strncmp(t->path, "/send", 5) == 0 ||
	    strncmp(t->path, "/batchSend", 10) == 0)
		return "pushplus";
	if (strncmp(t->path, "/api/", 5) == 0 ||
	    strncmp(t->path, "/push/api", 9) == 0)
		return "openapi";
	return "pages";
}

/*
 * Note row t in r for the access log: its rest is masked where it can
 * be a credential (a token, SPT, message or join code: every SEGMENT
 * row, and the SPT send), shown where it names an operation (the open
 * API's group/name, static files, unknown WxPusher paths).
 */
static void
route_note(struct http_req *r, const struct route *t)
{
	r->api_family = route_family(t);
	r->route = t->path;
	r->route_rest = t->match == SEGMENT || t->match == PREFIX;
	r->route_mask = t->match == SEGMENT || t->rest == wx_spt;
}

static void
route_refuse(struct http_req *r, unsigned int status, int pp_code,
    int wx_code, const char *msg)
{
	if (route_is_wx(r->path))
		api_wx_reply_http(r, status, wx_code, msg, NULL);
	else
		api_pp_reply(r, status, pp_code, msg, NULL);
}

/*
 * A request line or headers over http.header_kb, or a body of ambiguous
 * length: refused, and the connection closed.
 */
static void
route_too_big(struct http_req *r)
{
	char msg[160];

	if (r->head_too_big == HTTP_HEAD_FRAMING) {
		route_refuse(r, 400, 999, 1001, "请求格式错误：Content-Length"
		    "重复");
		http_reply_header(r, "Connection", "close");
		return;
	}
	if (r->head_too_big == HTTP_HEAD_LINE)
		snprintf(msg, sizeof(msg), "请求行过长，超过%d KB，请改用POST "
		    "(request line over %d KB; use POST)", r->head_kb,
		    r->head_kb);
	else
		snprintf(msg, sizeof(msg), "请求头过大，超过%d KB "
		    "(request headers over %d KB)", r->head_kb, r->head_kb);
	route_refuse(r, r->head_too_big == HTTP_HEAD_LINE ? 414 : 431, 999,
	    1001, msg);
	http_reply_header(r, "Connection", "close");
}

/*
 * HEAD, OPTIONS and other methods than GET, POST, PUT and DELETE on
 * row t.  Returns 1 when answered here, 0 when the handler runs.
 */
static int
route_method(struct http_req *r, const struct route *t)
{
	static const struct { int bit; const char *name; } names[] = {
		{ M_GET, "GET, HEAD" }, { M_POST, "POST" },
		{ M_PUT, "PUT" }, { M_DELETE, "DELETE" },
	};
	const char *m = r->method;
	char allow[64], msg[256];
	size_t i, n = 0;

	if (t->methods & M_ALL || strcmp(m, "GET") == 0 ||
	    strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 ||
	    strcmp(m, "DELETE") == 0 ||
	    (strcmp(m, "HEAD") == 0 && t->methods & M_READS))
		return 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (t->methods & names[i].bit)
			n += (size_t)snprintf(allow + n, sizeof(allow) - n,
			    "%s, ", names[i].name);
	snprintf(allow + n, sizeof(allow) - n, "OPTIONS");
	if (strcmp(m, "HEAD") == 0 && t->methods & M_GET) {
		/* the headers of a GET reply: no Allow */
		route_refuse(r, 200, 999, 1001, "HEAD不执行请求，请用GET或POST "
		    "(HEAD does nothing here; use GET or POST)");
		return 1;
	}
	if (strcmp(m, "OPTIONS") == 0)
		http_reply(r, 204, NULL, "", 0);
	else {
		snprintf(msg, sizeof(msg), "不支持%.16s方法，请用%s (method "
		    "%.16s not allowed; use %s)", m, allow, m, allow);
		route_refuse(r, 405, 405, 1001, msg);
	}
	http_reply_header(r, "Allow", allow);
	return 1;
}

size_t
routes_body_max(const char *path)
{
	size_t n = strlen(ROUTE_IMAGE_UPLOAD);

	if (strncmp(path, ROUTE_IMAGE_UPLOAD, n) == 0 &&
	    (path[n] == '\0' || strcmp(path + n, "/") == 0))
		return LIM_IMAGE_BODY;
	return LIM_HTTP_BODY;
}

static void
route_table(struct http_req *r, const struct route *table, size_t n)
{
	const struct route *t;
	const char *rest;
	size_t i;

	if (r->head_too_big) {
		route_too_big(r);
		return;
	}
	for (i = 0; i < n; i++) {
		t = &table[i];
		if (!route_matches(t, r->path, &rest))
			continue;
		route_note(r, t);
		if (route_method(r, t))
			return;
		if (t->plain)
			t->plain(r);
		else if (t->rest)
			t->rest(r, rest);
		else
			t->arg(r, t->argv);
		return;
	}
	api_pp_reply(r, 404, 404, "接口不存在 (not found)", NULL);
}

void
routes_dispatch(struct http_req *r)
{
	route_table(r, routes, sizeof(routes) / sizeof(routes[0]));
}

void
routes_metrics_dispatch(struct http_req *r)
{
	route_table(r, metrics_routes, sizeof(metrics_routes) /
	    sizeof(metrics_routes[0]));
}
