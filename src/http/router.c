/*
 * router.c: path -> handler.  Routing is by path only (compat.md §0:
 * clients send several Host names); methods are the handler's business
 * (pushplus /send takes GET, POST, PUT and DELETE alike).  Nothing here
 * redirects: "/send/" is "/send", and unknown paths get a JSON body in
 * the envelope of the API their prefix belongs to.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "http/http.h"

static int
prefixed(const char *path, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);

	if (strncmp(path, prefix, n) != 0)
		return 0;
	*rest = path + n;
	return 1;
}

static int
is(const char *m, const char *want)
{
	return strcmp(m, want) == 0;
}

/*
 * WxPusher paths (compat.md §5); 1 if one matched.  /api/send/message
 * with or without the slash is the send (GET: text only) or, with
 * DELETE, the delete; its sub-paths (simple-push, {SPT}/{content}) are
 * kept apart.
 */
static int
route_wx(struct http_req *r, const char *p)
{
	const char *rest, *slash;
	char spt[64];

	if (is(p, "/api/send/message") || is(p, "/api/send/message/")) {
		if (is(r->method, "DELETE"))
			api_wx_delete(r);
		else
			api_wx_send(r);
	} else if (is(p, "/api/send/message/simple-push")) {
		api_wx_simple_push(r);
	} else if (prefixed(p, "/api/send/message/", &rest) &&
	    strncmp(rest, "SPT_", 4) == 0 &&
	    (slash = strchr(rest, '/')) != NULL &&
	    (size_t)(slash - rest) < sizeof(spt)) {
		snprintf(spt, sizeof(spt), "%.*s", (int)(slash - rest), rest);
		api_wx_spt_get(r, spt, slash + 1);
	} else if (is(p, "/api/send/query/status")) {
		api_wx_status(r, NULL);
	} else if (prefixed(p, "/api/send/query/", &rest) && *rest &&
	    strchr(rest, '/') == NULL) {
		api_wx_status(r, rest);
	} else if (is(p, "/api/fun/wxuser") || is(p, "/api/fun/wxuser/")) {
		api_wx_users(r, 0);
	} else if (is(p, "/api/fun/wxuser/v2") || is(p, "/api/fun/wxuser/v2/")) {
		api_wx_users(r, 1);
	} else if (is(p, "/api/fun/remove")) {
		api_wx_remove(r);
	} else if (is(p, "/api/fun/reject")) {
		api_wx_reject(r);
	} else if (is(p, "/api/fun/create/qrcode")) {
		api_wx_qr_create(r);
	} else if (is(p, "/api/fun/scan-qrcode-uid")) {
		api_wx_qr_scan_uid(r);
	} else if (is(p, "/api/uplink")) {
		api_wx_uplink(r, 0);
	} else {
		return 0;
	}
	return 1;
}

void
http_route(struct http_req *r)
{
	const char *p = r->path, *rest;

	if (strcmp(p, "/send") == 0 || strcmp(p, "/send/") == 0) {
		api_pushplus_send(r, NULL);
	} else if (prefixed(p, "/send/", &rest) && strchr(rest, '/') == NULL) {
		api_pushplus_send(r, rest);
	} else if (strcmp(p, "/healthz") == 0) {
		api_health(r);
	} else if ((prefixed(p, "/message/", &rest) ||
	    prefixed(p, "/shortMessage/", &rest)) && *rest &&
	    strchr(rest, '/') == NULL) {
		/* /shortMessage/{code}: pushplus's page, which open API clients
		 * fetch for the content of message/list items */
		api_message_page(r, rest);
	} else if (strcmp(p, "/inbox") == 0 || strcmp(p, "/inbox/") == 0) {
		api_inbox_page(r);
	} else if (strcmp(p, "/inbox/messages") == 0) {
		api_inbox_json(r);
	} else if (strcmp(p, "/inbox/stream") == 0) {
		api_inbox_stream(r);
	} else if (prefixed(p, "/static/", &rest)) {
		api_static(r, rest);
	} else if (strcmp(p, "/") == 0) {
		api_index(r);
	} else if (strcmp(p, "/api/common/openApi/getAccessKey") == 0) {
		api_open_access_key(r);
	} else if (prefixed(p, "/api/open/", &rest)) {
		api_open(r, rest);
	} else if (prefixed(p, "/api/", &rest) && route_wx(r, p)) {
		/* handled */
	} else if (prefixed(p, "/follow/app/", &rest) && *rest &&
	    strchr(rest, '/') == NULL) {
		api_wx_follow_page(r, 0, rest);
	} else if (prefixed(p, "/follow/topic/", &rest) && *rest &&
	    strchr(rest, '/') == NULL) {
		api_wx_follow_page(r, 1, rest);
	} else if (strcmp(p, "/me") == 0 || strcmp(p, "/me/") == 0) {
		api_wx_me_page(r);
	} else if (strcmp(p, "/me/unfollow") == 0) {
		api_wx_unfollow(r);
	} else if (strcmp(p, "/me/uplink") == 0) {
		api_wx_uplink(r, 1);
	} else if (prefixed(p, "/join/", &rest) && *rest &&
	    strchr(rest, '/') == NULL) {
		api_open_join(r, rest);
	} else if (prefixed(p, "/qrcode/", &rest) && *rest &&
	    strchr(rest, '/') == NULL) {
		api_wx_qrcode_svg(r, rest);
	} else if (prefixed(p, "/api/send", &rest) ||
	    prefixed(p, "/api/fun", &rest)) {
		api_wx_reply(r, 1004, "接口不存在 (API not found)", NULL);
	} else {
		api_pp_reply(r, 404, 404, "接口不存在 (not found)", NULL);
	}
}
