/*
 * ntfy_misc.c: the small ntfy endpoints a client touches besides the
 * streams.
 *
 *   GET /v1/health        {"healthy":true}, as ntfy's server answers
 *   GET /<topic>/auth     {"success":true} when the credentials may
 *                         read every topic named, else 401/403: the
 *                         ntfy app's access check when a person adds a
 *                         subscription with a user (ApiService.checkAuth)
 *   POST/PUT /UID_…       ntfy's publish: refused with 403 40301 and
 *                         the way to send instead.  A person's topic is
 *                         fed by the pushplus and WxPusher APIs (their
 *                         sends, channels and recalls), so a second way
 *                         in with other rules would only confuse; GET on
 *                         such a path is ntfy's 404.

 * The streams, WebSocket included, are in ntfy_sub.c.
 */
#include <string.h>

#include "api/api.h"
#include "api/ntfy/ntfy_int.h"
#include "http/http.h"
#include "store/store.h"

void
api_ntfy_health(struct http_req *r)
{
	static const char body[] = "{\"healthy\":true}\n";

	http_reply(r, 200, "application/json", body, sizeof(body) - 1);
}

void
api_ntfy_auth(struct http_req *r, const char *topics)
{
	static const char body[] = "{\"success\":true}\n";
	struct store_user u;

	if (ntfy_reader(r, topics, &u) != 0)
		return;
	http_reply(r, 200, "application/json", body, sizeof(body) - 1);
	http_reply_header(r, "Access-Control-Allow-Origin", "*");
}

void
api_ntfy_topic(struct http_req *r, const char *rest)
{
	(void)rest;
	if (strcmp(r->method, "GET") == 0)
		return ntfy_error(r, 404, 40401, "page not found", NULL);
	ntfy_error(r, 403, 40301,
	    "forbidden: feige does not take ntfy "
	    "publishes; send with the pushplus or WxPusher API "
	    "(/send, /api/send/message) to this person's token or UID",
	    "https://ntfy.sh/docs/publish/");
}
