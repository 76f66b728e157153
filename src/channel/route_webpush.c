/*
 * route_webpush.c: the Web Push route (RFC 8030, 8291, 8292;
 * phones.md §3): one encrypted POST to the subscription's endpoint.
 *
 * The request is webpush_build()'s: payload {"title","body","url","id"}
 * (a recall {"id","recall":true}), TTL a day (a phone that is off for a
 * night still gets it), Urgency high (iOS wants it, as ntfy sends), and
 * Topic the message's short code, so a push service holding an
 * undelivered push replaces it by a later one of the same message: a
 * recall that overtakes its message leaves nothing to show.
 *
 * The verdicts are RFC 8030's table (phones.md §3.2): any 2xx taken;
 * 404 and 410 the subscription is gone (the sender deletes it); 429
 * and 5xx again later, after Retry-After when the service gives one;
 * everything else (400, 401/403 a VAPID or key mismatch, 413) final,
 * with the status and the start of the service's answer as the detail
 * the person sees in GET /api/devices.  No answer at all (timeout,
 * refused connection) is transient.
 *
 * The VAPID contact (sub) is webpush.contact, else mailto:feige@ the
 * host of public_url; Apple refuses a sub whose host is localhost, an
 * address or .local (phones.md §3.4), which docs/devices.md says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/route.h"
#include "channel/route_int.h"
#include "channel/webpush.h"
#include "core/conf.h"
#include "util/errors.h"

#define WEBPUSH_TTL_S 86400

static struct vapid_key wp_key;
static char wp_contact[300];

static int
wp_configure(const struct route_driver *drv, const struct route_env *env,
    struct strbuf *err)
{
	(void)drv;
	if (env->vapid != NULL)
		wp_key = *env->vapid;
	webpush_contact(env->conf ? env->conf->webpush_contact : "",
	    env->conf ? env->conf->public_url : "", wp_contact,
	    sizeof(wp_contact));
	if (strncmp(wp_contact, "mailto:", 7) != 0 &&
	    strncmp(wp_contact, "https://", 8) != 0) {
		strbuf_setf(err,
		    "webpush.contact must be mailto:ADDRESS or an "
		    "https:// URL, not \"%s\"",
		    wp_contact);
		return FG_EINVAL;
	}
	return 0;
}

int
route_webpush_request(const struct store_device *d, const struct route_msg *m,
    struct route_req *req, struct strbuf *err)
{
	struct webpush_msg wm;
	struct webpush_request wr;
	int rc;

	if (*d->p256dh == '\0' || *d->auth == '\0') {
		strbuf_setf(err,
		    "the subscription has no keys (p256dh, auth) "
		    "to encrypt with: register it again with them");
		return FG_EINVAL;
	}
	memset(&wm, 0, sizeof(wm));
	wm.title = *m->title ? m->title : m->source;
	wm.body = m->summary;
	wm.url = m->url;
	wm.id = m->short_code;
	wm.ttl = WEBPUSH_TTL_S;
	wm.urgency = "high";
	wm.topic = m->short_code;
	wm.contact = wp_contact;
	wm.recall = m->recall;
	rc = webpush_build(&wp_key, d->endpoint, d->p256dh, d->auth, &wm, &wr,
	    err);
	if (rc == 0)
		rc = route_req_lines(req, wr.headers);
	if (rc == 0) {
		snprintf(req->url, sizeof(req->url), "%s", d->endpoint);
		strbuf_release(&req->body);
		req->body = wr.body;
		strbuf_init(&wr.body, 0);
		req->guard = 1;
	}
	webpush_request_free(&wr);
	return rc;
}

static int
wp_build(const struct route_driver *drv, struct store *rd,
    const struct store_device *d, const struct route_msg *m,
    struct route_req *req, struct strbuf *err)
{
	(void)drv;
	(void)rd;
	return route_webpush_request(d, m, req, err);
}

void
route_webpush_judge(const struct route_answer *a, struct route_verdict_out *v)
{
	long s = a->status;

	if (s >= 200 && s < 300)
		v->verdict = ROUTE_OK;
	else if (s == 404 || s == 410)
		v->verdict = ROUTE_GONE;
	else if (s == 0 || s == 429 || s >= 500)
		v->verdict = ROUTE_RETRY;
	else
		v->verdict = ROUTE_FAIL;
	route_answer_detail(a, v);
}

static void
wp_judge(const struct route_driver *drv, const struct store_device *d,
    const struct route_answer *a, struct route_verdict_out *v)
{
	(void)drv;
	(void)d;
	route_webpush_judge(a, v);
}

const struct route_driver route_webpush = {
	.type = "webpush",
	.flags = ROUTE_F_RECALL,
	.build = wp_build,
	.judge = wp_judge,
	.configure = wp_configure,
};
