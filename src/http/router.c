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
	} else if (prefixed(p, "/message/", &rest) && *rest &&
	    strchr(rest, '/') == NULL) {
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
	} else if (prefixed(p, "/api/send", &rest) ||
	    prefixed(p, "/api/fun", &rest)) {
		api_wx_reply(r, 1004, "接口不存在 (API not found)", NULL);
	} else {
		api_pp_reply(r, 404, 404, "接口不存在 (not found)", NULL);
	}
}
