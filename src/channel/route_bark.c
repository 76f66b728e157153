/*
 * route_bark.c: the Bark route (phones.md §5.1): the person's iPhone
 * runs the free Bark app, whose server (api.day.app, or one they host)
 * relays to APNs.  One request, bark-server's V2 form:
 *
 *   POST <server>/push
 *   Content-Type: application/json; charset=utf-8
 *
 *   {"device_key":"<key>","title":"<title>","body":"<summary>",
 *    "url":"<message page>","group":"<source>","id":"<short code>"}
 *
 * The title is the message's, else where it came from; group files it
 * under its app, topic or group (APNs thread-id), "feige" when none.
 * id is the APNs collapse id, the message's short code: a later push
 * with the same id replaces the notification.  That is how a recall
 * reaches an iPhone: the same id with "delete":"1" (bark-server then
 * sends a silent push that removes the notification) and, for servers
 * older than that field, a title and body that say the message was
 * taken back, replacing what was shown.
 *
 * Verdicts: 200 with {"code":200} taken.  bark-server answers 400
 * "failed to get device token" for a key it does not know and 500
 * "push failed: <APNs reason>" with BadDeviceToken or Unregistered for
 * an app that is gone: the device is gone.  429 and other 5xx again
 * later; 418 (the server's Basic auth), other 4xx and a 2xx whose code
 * is not 200 final.
 */
#include <string.h>

#include "channel/route_int.h"
#include "util/errors.h"

#define BARK_RECALL_TITLE "消息已撤回"
#define BARK_RECALL_BODY "发送者撤回了这条消息 (the sender took it back)"

static void
bark_member(struct strbuf *b, const char *name, const char *v)
{
	strbuf_addf(b, "%s\"%s\":", b->len > 1 ? "," : "", name);
	strbuf_add_json_str(b, v, strlen(v));
}

static int
bark_build(const struct route_driver *drv, struct store *rd,
    const struct store_device *d, const struct route_msg *m,
    struct route_req *req, struct strbuf *err)
{
	struct strbuf *b = &req->body;
	int rc;

	(void)drv;
	(void)rd;
	if ((size_t)snprintf(req->url, sizeof(req->url), "%s/push",
		d->endpoint) >= sizeof(req->url)) {
		strbuf_setf(err, "the Bark server URL is too long");
		return FG_EINVAL;
	}
	req->guard = 1;
	if ((rc = route_req_header(req, "Content-Type",
		 "application/json; charset=utf-8")) != 0)
		return rc;
	strbuf_addch(b, '{');
	bark_member(b, "device_key", d->dkey);
	bark_member(b, "title",
	    m->recall	   ? BARK_RECALL_TITLE :
		*m->title  ? m->title :
		*m->source ? m->source :
			     "feige");
	bark_member(b, "body", m->recall ? BARK_RECALL_BODY : m->summary);
	if (!m->recall)
		bark_member(b, "url", m->url);
	bark_member(b, "group", *m->source ? m->source : "feige");
	bark_member(b, "id", m->short_code);
	if (m->recall)
		bark_member(b, "delete", "1");
	return strbuf_addch(b, '}');
}

static int
bark_says(const struct route_answer *a, const char *what)
{
	return a->body != NULL &&
	    memmem(a->body, a->len, what, strlen(what)) != NULL;
}

static void
bark_judge(const struct route_driver *drv, const struct store_device *d,
    const struct route_answer *a, struct route_verdict_out *v)
{
	long s = a->status;

	(void)drv;
	(void)d;
	if (s >= 200 && s < 300)
		v->verdict = bark_says(a, "\"code\":200") ? ROUTE_OK :
							    ROUTE_FAIL;
	else if ((s == 400 && bark_says(a, "failed to get device token")) ||
	    (s >= 500 &&
		(bark_says(a, "BadDeviceToken") ||
		    bark_says(a, "Unregistered"))))
		v->verdict = ROUTE_GONE;
	else if (s == 0 || s == 429 || s >= 500)
		v->verdict = ROUTE_RETRY;
	else
		v->verdict = ROUTE_FAIL;
	route_answer_detail(a, v);
}

const struct route_driver route_bark = {
	.type = "bark",
	.flags = ROUTE_F_RECALL,
	.build = bark_build,
	.judge = bark_judge,
};
