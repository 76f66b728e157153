/*
 * routes.c: path -> handler, as data.  The table sits in the top layer,
 * next to app.c that hands routes_dispatch() to http_start(): the HTTP
 * layer below knows no handler, and the API adapters know no route.
 *
 * Routing is by path only (compat.md §0: clients send several Host
 * names); methods are the handler's business (pushplus /send takes GET,
 * POST, PUT and DELETE alike).  Nothing here redirects: "/send/" is
 * "/send", and unknown paths get a JSON body in the envelope of the API
 * their prefix belongs to.
 *
 * The first row that matches wins, so a longer path comes before the
 * prefix that would swallow it.  Kinds of match:
 *
 *   EXACT    the path itself
 *   SLASH    the path, with or without one trailing slash
 *   SEGMENT  the path then one non-empty segment (no further '/'),
 *            handed to the handler as rest
 *   PREFIX   the path then anything (possibly empty) as rest
 *
 * A row names one of three handler shapes (plain, with rest, with a
 * fixed int argument), so the adapters keep their natural signatures.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "http/http.h"
#include "routes.h"

enum route_match { EXACT, SLASH, SEGMENT, PREFIX };

struct route {
	const char		*path;
	enum route_match	 match;
	void			(*plain)(struct http_req *);
	void			(*rest)(struct http_req *, const char *);
	void			(*arg)(struct http_req *, int);
	int			 argv;
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

#define R_PLAIN(p, m, f)	{ p, m, f, NULL, NULL, 0 }
#define R_REST(p, m, f)		{ p, m, NULL, f, NULL, 0 }
#define R_ARG(p, m, f, a)	{ p, m, NULL, NULL, f, a }

static const struct route routes[] = {
	/* pushplus send API */
	R_PLAIN("/send", SLASH, pp_send),
	R_REST("/send/", SEGMENT, api_pushplus_send),
	R_PLAIN("/batchSend", SLASH, pp_batch_send),
	R_REST("/batchSend/", SEGMENT, api_pushplus_batch_send),
	/* recipient pages; /shortMessage/{code} is pushplus's page, which
	 * open API clients fetch for the content of message/list items */
	R_REST("/message/", SEGMENT, api_message_page),
	R_REST("/shortMessage/", SEGMENT, api_message_page),
	R_PLAIN("/inbox", SLASH, api_inbox_page),
	R_PLAIN("/inbox/messages", EXACT, api_inbox_json),
	R_PLAIN("/inbox/stream", EXACT, api_inbox_stream),
	R_REST("/static/", PREFIX, api_static),
	R_PLAIN("/healthz", EXACT, api_health),
	R_PLAIN("/", EXACT, api_index),
	/* pushplus open API */
	R_PLAIN("/api/common/openApi/getAccessKey", EXACT,
	    api_open_access_key),
	R_REST("/api/open/", PREFIX, api_open),
	/* WxPusher API (compat.md §5) */
	R_PLAIN("/api/send/message", SLASH, wx_message),
	R_PLAIN("/api/send/message/simple-push", EXACT,
	    api_wx_simple_push),
	R_REST("/api/send/message/", PREFIX, wx_spt),
	R_PLAIN("/api/send/query/status", EXACT, wx_status),
	R_REST("/api/send/query/", SEGMENT, wx_status_legacy),
	R_ARG("/api/fun/wxuser", SLASH, api_wx_users, 0),
	R_ARG("/api/fun/wxuser/v2", SLASH, api_wx_users, 1),
	R_PLAIN("/api/fun/remove", EXACT, api_wx_remove),
	R_PLAIN("/api/fun/reject", EXACT, api_wx_reject),
	R_PLAIN("/api/fun/create/qrcode", EXACT, api_wx_qr_create),
	R_PLAIN("/api/fun/scan-qrcode-uid", EXACT, api_wx_qr_scan_uid),
	R_ARG("/api/uplink", EXACT, api_wx_uplink, 0),
	R_PLAIN("/api/product/query-pay-end-time", EXACT,
	    api_wx_pay_end_time),
	R_REST("/api/send", PREFIX, wx_not_found),
	R_REST("/api/fun", PREFIX, wx_not_found),
	R_REST("/api/product", PREFIX, wx_not_found),
	/* WxPusher follow pages and QR codes, pushplus join links */
	R_REST("/follow/app/", SEGMENT, follow_app),
	R_REST("/follow/topic/", SEGMENT, follow_topic),
	R_PLAIN("/me", SLASH, api_wx_me_page),
	R_PLAIN("/me/unfollow", EXACT, api_wx_unfollow),
	R_ARG("/me/uplink", EXACT, api_wx_uplink, 1),
	R_REST("/join/", SEGMENT, api_open_join),
	R_REST("/qrcode/", SEGMENT, api_wx_qrcode_svg),
};

/* Does path match row t?  *rest: what follows the row's path. */
static int
route_matches(const struct route *t, const char *path, const char **rest)
{
	size_t n = strlen(t->path);

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
		return 1;
	}
	return 0;
}

void
routes_dispatch(struct http_req *r)
{
	const struct route *t;
	const char *rest;
	size_t i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		t = &routes[i];
		if (!route_matches(t, r->path, &rest))
			continue;
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
