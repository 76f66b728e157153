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
 *
 * Requests are made by the workers and freed on the loop's thread, one
 * per delivery: a freed request goes to a small pool (REQ_POOL_MAX, under
 * a mutex) with its URL, body and reply buffers kept, and the next
 * chan_req_new() takes it, emptied.  A buffer grown past REQ_KEEP_MAX by
 * a large message is released first, so the pool holds at most
 * REQ_POOL_MAX * 3 * REQ_KEEP_MAX bytes of buffers however large the
 * messages were.  chan_req_pool_drain() frees the pool (at the loop's
 * stop).
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel_int.h"
#include "channel/xloop.h"
#include "util/errors.h"
#include "util/xmalloc.h"

#define REQ_POOL_MAX	256
#define REQ_KEEP_MAX	(16 * 1024)

static pthread_mutex_t	 req_pool_mu = PTHREAD_MUTEX_INITIALIZER;
static struct chan_req	*req_pool;	/* linked by next */
static int		 req_npool;

/* Empty sb for the next request: kept unless it grew large. */
static void
req_buf_empty(struct strbuf *sb)
{
	if (sb->alloc > REQ_KEEP_MAX)
		strbuf_release(sb);
	else
		strbuf_reset(sb);
}

/* r as chan_req_new() hands it out, its buffers kept (emptied). */
static void
req_clear(struct chan_req *r)
{
	struct strbuf url = r->url, body = r->body, reply = r->rep.body;

	memset(r, 0, sizeof(*r));
	r->url = url;
	r->body = body;
	r->rep.body = reply;
	req_buf_empty(&r->url);
	req_buf_empty(&r->body);
	req_buf_empty(&r->rep.body);
}

struct chan_req *
chan_req_new(void)
{
	struct chan_req *r;

	pthread_mutex_lock(&req_pool_mu);
	if ((r = req_pool) != NULL) {
		req_pool = r->next;
		req_npool--;
	}
	pthread_mutex_unlock(&req_pool_mu);
	if (r != NULL) {
		r->next = NULL;
		return r;
	}
	r = xcalloc(1, sizeof(*r));
	strbuf_init(&r->url, 0);
	strbuf_init(&r->body, CHAN_PAYLOAD_MAX);
	chan_http_reply_init(&r->rep);
	return r;
}

static void
req_release(struct chan_req *r)
{
	strbuf_release(&r->url);
	strbuf_release(&r->body);
	chan_http_reply_release(&r->rep);
	free(r);
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
	req_clear(r);
	pthread_mutex_lock(&req_pool_mu);
	if (req_npool < REQ_POOL_MAX) {
		r->next = req_pool;
		req_pool = r;
		req_npool++;
		r = NULL;
	}
	pthread_mutex_unlock(&req_pool_mu);
	if (r != NULL)
		req_release(r);
}

void
chan_req_pool_drain(void)
{
	struct chan_req *r;

	pthread_mutex_lock(&req_pool_mu);
	r = req_pool;
	req_pool = NULL;
	req_npool = 0;
	pthread_mutex_unlock(&req_pool_mu);
	while (r != NULL) {
		struct chan_req *next = r->next;

		req_release(r);
		r = next;
	}
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
chan_req_host_left(const struct chan_req *r)
{
	return r->host_left;
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
