/*
 * req.c: one upstream request of a loop-form driver (struct chan_req,
 * channel_int.h and xloop.h): made empty, filled by the driver's build()
 * (method, URL, headers, body), named with its delivery
 * (X-Feige-Delivery), then run either by the outbound loop (xloop.c) or
 * here on the calling thread (chan_req_perform, for the blocking path a
 * driver's send() takes), and judged by the driver.
 *
 * Its own file because both runners use it: the loop and the blocking
 * client (http.c) sit below it, so neither has to reach up into the
 * other for the request they share.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel_int.h"
#include "channel/xloop.h"
#include "util/errors.h"
#include "util/xmalloc.h"

struct chan_req *
chan_req_new(void)
{
	struct chan_req *r = xcalloc(1, sizeof(*r));

	strbuf_init(&r->url, 0);
	strbuf_init(&r->body, CHAN_PAYLOAD_MAX);
	chan_http_reply_init(&r->rep);
	return r;
}

void
chan_req_free(struct chan_req *r)
{
	if (r == NULL)
		return;
	if (r->on_free != NULL)
		r->on_free(r);
	if (r->easy != NULL)
		curl_easy_cleanup(r->easy);
	curl_slist_free_all(r->hdrs);
	strbuf_release(&r->url);
	strbuf_release(&r->body);
	chan_http_reply_release(&r->rep);
	free(r);
}

int
chan_req_header(struct chan_req *r, const char *line)
{
	struct curl_slist *l = curl_slist_append(r->hdrs, line);

	if (l == NULL)
		return FG_ENOMEM;
	r->hdrs = l;
	return 0;
}

const char *
chan_req_host(const struct chan_req *r)
{
	return r->host;
}

int
chan_req_perform(struct chan_req *r)
{
	char host[CHAN_HOST_MAX];
	CURL *c;
	CURLcode rc;

	r->g.on = r->guard && !channel_settings()->allow_private;
	if (chan_host_enter(r->url.buf, host) != 0) {
		r->rep.busy = 1;
		snprintf(r->rep.error, sizeof(r->rep.error), "host %.200s busy",
		    host);
		return -1;
	}
	if ((c = curl_easy_init()) == NULL) {
		chan_host_leave(host);
		r->rep.curl_rc = CURLE_OUT_OF_MEMORY;
		snprintf(r->rep.error, sizeof(r->rep.error), "curl_easy_init");
		return -1;
	}
	chan_easy_setup(c, r->method, r->url.buf, r->has_body ? r->body.buf :
	    NULL, r->body.len, &r->hdrs, &r->g, &r->rep, r->errbuf);
	rc = curl_easy_perform(c);
	chan_easy_finish(c, (int)rc, &r->g, r->errbuf, &r->rep);
	curl_easy_cleanup(c);
	chan_host_leave(host);
	return rc == CURLE_OK ? 0 : -1;
}

int
chan_req_delivery(struct chan_req *r, int64_t id)
{
	char did[48];

	snprintf(did, sizeof(did), "X-Feige-Delivery: %lld", (long long)id);
	return id > 0 ? chan_req_header(r, did) : 0;
}

void
chan_send_blocking(const struct channel_driver *drv,
    const struct delivery_job *job, struct delivery_result *res)
{
	struct chan_req *r = chan_req_new();

	if (drv->build(drv, job, r, res) == 0 &&
	    chan_req_delivery(r, job->delivery_id) == 0) {
		(void)chan_req_perform(r);
		drv->judge(drv, r, res);
	}
	chan_req_free(r);
}
