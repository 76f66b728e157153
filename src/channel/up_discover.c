/*
 * up_discover.c: the UnifiedPush discovery check (phones.md §4.1,
 * UnifiedPush SERV_1.2.0): before a UnifiedPush endpoint becomes a
 * person's device, feige sends GET <endpoint> (the full URL with its
 * query) and requires a 2xx answer whose body is the discovery JSON
 * {"unifiedpush":{"version":N}} with N >= 1.
 *
 * Why: an endpoint is a URL a client hands in, and every message to the
 * person is then POSTed there.  Without the check, "unifiedpush" would
 * be a webhook to anywhere under another name; with it, only a server
 * that says it is a UnifiedPush push server gets pushes.  ntfy (the
 * distributor most UnifiedPush users have) answers exactly this on its
 * up* topics, NextPush and the other distributors' servers too.
 *
 * The GET goes through chan_http_send() like every upstream request:
 * the address guard (loopback and private addresses refused, on the
 * address actually connected, unless channel.allow_private), no
 * redirects (a 3xx is a refusal: a push server answers for its own
 * endpoints, and a redirect is how a guard is walked around), no proxy
 * from the environment, a reply capped at CHAN_REPLY_MAX, and
 * channel.timeout_ms (10 s by default) for the whole exchange.
 * The push itself (route_unifiedpush.c) keeps the same rules.
 */
#include <jansson.h>
#include <string.h>

#include "channel/channel_int.h"
#include "channel/up_discover.h"
#include "util/errors.h"
#include "util/strbuf.h"

#define UP_NOT_SERVER "该地址不是UnifiedPush推送服务器"

/* 1 when body is {"unifiedpush":{"version":N}}, N >= 1. */
static int
up_discovery_json(const struct strbuf *body)
{
	json_t *j, *v;
	int ok;

	if (body->len == 0 ||
	    (j = json_loadb(body->buf, body->len, 0, NULL)) == NULL)
		return 0;
	v = json_object_get(json_object_get(j, "unifiedpush"), "version");
	ok = json_is_integer(v) && json_integer_value(v) >= 1;
	json_decref(j);
	return ok;
}

int
up_discover(const char *endpoint, struct strbuf *err)
{
	static const char *const hdrs[] = { "Accept: application/json",
		NULL };
	struct chan_http_req req = { NULL, endpoint, NULL, hdrs, 1, 0 };
	struct chan_http_reply rep;
	int rc = FG_EINVAL;

	chan_http_reply_init(&rep);
	if (chan_http_send(&req, &rep) != 0) {
		if (rep.refused)
			strbuf_setf(err, "%s (discovery: address not allowed, "
			    "loopback or private network; see "
			    "channel.allow_private)", UP_NOT_SERVER);
		else
			strbuf_setf(err, "无法连接UnifiedPush推送服务器 "
			    "(discovery GET failed: %s)", rep.error);
	} else if (rep.status >= 300 && rep.status < 400)
		strbuf_setf(err, "%s (discovery GET answered %ld; redirects "
		    "are not followed)", UP_NOT_SERVER, rep.status);
	else if (rep.status < 200 || rep.status >= 300)
		strbuf_setf(err, "%s (discovery GET answered %ld)",
		    UP_NOT_SERVER, rep.status);
	else if (!up_discovery_json(&rep.body))
		strbuf_setf(err, "%s (discovery GET did not answer "
		    "{\"unifiedpush\":{\"version\":1}})", UP_NOT_SERVER);
	else
		rc = 0;
	chan_http_reply_release(&rep);
	return rc;
}
