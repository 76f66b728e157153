/*
 * wh_bark.c: webhook type 50, Bark (the iOS app me.fin.bark) through a
 * Bark server: api.day.app or a self-hosted bark-server.  pushplus gives
 * Bark the number 50, not 5 (open API V1.17 and its SDKs); feige's 5 is
 * its own generic JSON webhook.  The webhook URL is the user's device
 * URL, https://api.day.app/<device key>.
 *
 * Body: {"title":"…","body":"…"}.  A JSON Content-Type
 * makes bark-server read the body as its V2 parameters, the device key
 * coming from the path (Finb/bark-server route_push.go).  Bark shows
 * plain text, so body is the content as text for every template (html
 * tags removed, json pretty-printed); no title key when the message has
 * none.  APNs caps the whole payload at 4096 bytes, so body is cut at
 * 3000.
 * Reply: {"code":200,"message":"success","timestamp":…}; errors come with
 * the same shape and a 4xx/5xx status (400 "failed to get device
 * token"), which the transport rules already classify; a 2xx whose code
 * is not 200 is final.
 */
#include "channel/webhook_int.h"
#include "util/errors.h"

#define BARK_MAX	3000

static int
bark_build(struct strbuf *out, const struct message *m, const char *url)
{
	int rc;
	json_t *j = webhook_title_text(m, "title", "body", WH_PLAIN,
	    BARK_MAX, &rc);

	(void)url;
	return j ? webhook_dump(out, j) : rc;
}

const struct webhook_type webhook_bark = {
	.id = 50, .name = "Bark", .build = bark_build,
	.ok_key = "code", .ok_msg_key = "message", .ok_code = 200,
};
