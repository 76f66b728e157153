/*
 * live.c: api_live_start(), the one way a handler starts a live stream
 * (live.h): the WebSocket handshake or the HTTP head, then a stream on
 * the loop (stream/loop.h), its hub subscriber (replay included), and
 * the socket taken from the HTTP server (http_take()).  The subscriber
 * exists before the socket is taken, so nothing published in between
 * is lost; it is woken once attached.
 *
 * An HTTP stream's body runs until the connection closes (no chunked
 * framing: "Connection: close" delimits it, RFC 9112 6.3), which every
 * EventSource, ntfy client and fetch() reads.
 */
#include <string.h>

#include "api/ctx.h"
#include "api/live.h"
#include "http/http.h"
#include "stream/hub.h"
#include "stream/loop.h"
#include "util/strbuf.h"

static int
http_head(struct strbuf *head, const struct api_live *lv)
{
	return strbuf_addf(head, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
	    "Cache-Control: no-cache\r\nX-Accel-Buffering: no\r\n%s"
	    "Connection: close\r\n\r\n", lv->ctype,
	    lv->headers ? lv->headers : "");
}

static int
start(struct http_req *r, int64_t user, const struct api_live *lv,
    const struct strbuf *head)
{
	struct api_ctx *app = api_ctx(r);
	struct stream_conn *c;
	struct http_hold *hold;
	struct hub_sub *sub;
	int fd;

	if (!stream_loop_room(app->streams))
		return API_LIVE_FULL;
	c = stream_conn_new(app->streams, lv->ws ? STREAM_WS : STREAM_HTTP);
	sub = hub_subscribe(app->hub, user, lv->rcv, lv->rcv_arg, lv->replay,
	    lv->arg, stream_conn_park, stream_conn_wake, c);
	if (http_take(r, head->buf, head->len, &fd, &hold) != 0) {
		hub_unsubscribe(app->hub, sub);
		stream_conn_abort(c);
		return API_LIVE_GONE;
	}
	stream_conn_attach(c, sub, fd, hold, lv->release, lv->arg);
	return API_LIVE_OK;
}

int
api_live_start(struct http_req *r, int64_t user, const struct api_live *lv)
{
	struct strbuf head = STRBUF_INIT;
	int rc;

	if (!lv->ws && strcmp(r->method, "HEAD") == 0) {
		http_reply(r, 200, lv->ctype, "", 0);
		rc = API_LIVE_OK;
	} else if (lv->ws ? http_ws_handshake(r, &head) != 0 :
	    http_head(&head, lv) != 0)
		rc = lv->ws ? API_LIVE_NOT_WS : API_LIVE_GONE;
	else if ((rc = start(r, user, lv, &head)) == API_LIVE_OK) {
		strbuf_release(&head);
		return rc;	/* the loop releases lv->arg */
	}
	lv->release(lv->arg);
	strbuf_release(&head);
	return rc;
}
