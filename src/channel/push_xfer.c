/*
 * push_xfer.c: one push on the sender's multi handle (push.c): the
 * easy handle a driver's request (route.h struct route_req) becomes,
 * and the answer the driver judges.
 *
 * HTTP: the method, URL, header lines and binary body as built;
 * HTTP/2 over TLS where the service offers it, waiting for a
 * connection being set up rather than opening another (PIPEWAIT), no
 * "Expect: 100-continue" round trip, no redirects (the address guard
 * sets that: UnifiedPush forbids following them, and a redirect would
 * get around the guard).  SMTP (ROUTE_F_SMTP): the envelope and the
 * message as built, STARTTLS when the server offers it on smtp://.
 * Every request has channel.timeout_ms and, when the driver asks
 * (req.guard), the address guard with channel.allow_private.
 *
 * The answer keeps the first PUSH_REPLY_MAX bytes of the body (what a
 * service says about a refused push is short) and the Retry-After
 * header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/push_int.h"
#include "util/log.h"

static size_t
xfer_write(char *p, size_t n, size_t m, void *arg)
{
	struct pxfer *x = arg;
	size_t len = n * m, room = x->reply.cap - x->reply.len;

	(void)strbuf_add(&x->reply, p, len < room ? len : room);
	return len;
}

static size_t
xfer_header(char *p, size_t n, size_t m, void *arg)
{
	static const char name[] = "retry-after:";
	struct pxfer *x = arg;
	size_t len = n * m, k = sizeof(name) - 1;

	if (len > k && strncasecmp(p, name, k) == 0) {
		p += k, len -= k;
		while (len > 0 && (*p == ' ' || *p == '\t'))
			p++, len--;
		while (len > 0 &&
		    (p[len - 1] == '\r' || p[len - 1] == '\n' ||
			p[len - 1] == ' '))
			len--;
		snprintf(x->retry_after, sizeof(x->retry_after), "%.*s",
		    (int)len, p);
	}
	return n * m;
}

static size_t
xfer_read(char *buf, size_t size, size_t n, void *arg)
{
	struct pxfer *x = arg;
	size_t room = size * n, left = x->req.body.len - x->sent;

	if (left < room)
		room = left;
	memcpy(buf, x->req.body.buf + x->sent, room);
	x->sent += room;
	return room;
}

static void
xfer_smtp(struct pxfer *x)
{
	CURL *e = x->easy;

	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(e, CURLOPT_MAIL_FROM, x->req.mail_from);
	x->rcpt = curl_slist_append(NULL, x->req.mail_rcpt);
	curl_easy_setopt(e, CURLOPT_MAIL_RCPT, x->rcpt);
	curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(e, CURLOPT_READFUNCTION, xfer_read);
	curl_easy_setopt(e, CURLOPT_READDATA, x);
	curl_easy_setopt(e, CURLOPT_INFILESIZE, (long)x->req.body.len);
	if (strncmp(x->req.url, "smtps:", 6) != 0)
		curl_easy_setopt(e, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
}

static void
xfer_http(struct pxfer *x)
{
	CURL *e = x->easy;
	size_t i;

	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
	    (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	for (i = 0; x->req.headers[i] != NULL; i++)
		x->hdrs = curl_slist_append(x->hdrs, x->req.headers[i]);
	x->hdrs = curl_slist_append(x->hdrs, "Expect:");
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, xfer_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	if (strcmp(x->req.method, "GET") == 0) {
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
		return;
	}
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->req.body.buf);
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)x->req.body.len);
	if (strcmp(x->req.method, "POST") != 0)
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, x->req.method);
}

void
push_transfer_start(struct push_sender *ps, struct pxfer *x)
{
	long timeout = (long)channel_settings()->timeout_ms;
	CURL *e;

	x->easy = e = curl_easy_init();
	curl_easy_setopt(e, CURLOPT_URL, x->req.url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, timeout);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "feige-push/1");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, xfer_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	if (x->drv->flags & ROUTE_F_SMTP)
		xfer_smtp(x);
	else
		xfer_http(x);
	x->guard.on = x->req.guard;
	chan_guard_apply(e, x->req.url, &x->guard);
	curl_multi_add_handle(ps->multi, e);
	ps->flight[ps->nflight++] = x;
}

void
push_answer(struct push_sender *ps, struct pxfer *x, CURLcode cc)
{
	struct route_answer a;
	struct route_verdict_out v;

	memset(&a, 0, sizeof(a));
	memset(&v, 0, sizeof(v));
	strbuf_init(&v.detail, STORE_PUSH_ERROR_MAX - 1);
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &a.status);
	a.body = x->reply.buf;
	a.len = x->reply.len;
	a.retry_after = *x->retry_after ? x->retry_after : NULL;
	if (cc != CURLE_OK) {
		a.transport = (int)cc;
		a.transport_msg = *x->errbuf ? x->errbuf :
					       curl_easy_strerror(cc);
	}
	if (x->guard.refused) {
		v.verdict = ROUTE_FAIL;
		strbuf_setf(&v.detail,
		    "refused by the address guard (set "
		    "channel.allow_private = yes for private addresses)");
	} else
		x->drv->judge(x->drv, &x->job.d, &a, &v);
	push_settle_out(ps, x, &v, a.status);
	push_xfer_free(ps, x);
}

void
push_xfer_free(struct push_sender *ps, struct pxfer *x)
{
	int i;

	for (i = 0; i < ps->nflight; i++)
		if (ps->flight[i] == x) {
			ps->flight[i] = ps->flight[--ps->nflight];
			break;
		}
	if (x->easy != NULL) {
		curl_multi_remove_handle(ps->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	curl_slist_free_all(x->hdrs);
	curl_slist_free_all(x->rcpt);
	route_req_free(&x->req);
	strbuf_release(&x->reply);
	free(x);
}
