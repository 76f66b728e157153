/*
 * route.c: the table of route drivers (route.h) and the request they
 * fill.
 *
 * The table is data, one line per kind of device: adding a kind is its
 * route_<type>.c and a line here.  route_req keeps its header lines in
 * one buffer (hbuf), NUL-separated, and the headers[] pointers into it;
 * since appending may move the buffer, every append recomputes all the
 * pointers from the buffer, so a driver never holds a stale one.
 */
#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "channel/route_int.h"
#include "store/spool.h"
#include "util/errors.h"
#include "util/ids.h"

extern const struct route_driver route_webpush;
extern const struct route_driver route_unifiedpush;
extern const struct route_driver route_bark;
extern const struct route_driver route_email;
extern const struct route_driver route_clawbot;
extern const struct route_driver route_wechat;

/* One line per kind of device (the trailing comma keeps it so). */
static const struct route_driver *const route_drivers[] = {
	&route_webpush,
	&route_unifiedpush,
	&route_bark,
	&route_email,
	&route_clawbot,
	&route_wechat,
	NULL,
};

const struct route_driver *
route_lookup(const char *type)
{
	size_t i;

	for (i = 0; route_drivers[i] != NULL; i++)
		if (strcmp(route_drivers[i]->type, type) == 0)
			return route_drivers[i];
	return NULL;
}

int
route_may_start(const struct store_device *d)
{
	const struct route_driver *drv = route_lookup(d->type);

	return drv && drv->may_start ? drv->may_start(drv, d) : 0;
}

int
route_configure(const struct route_env *env, struct strbuf *err)
{
	size_t i;
	int rc;

	for (i = 0; route_drivers[i] != NULL; i++)
		if (route_drivers[i]->configure != NULL &&
		    (rc = route_drivers[i]->configure(route_drivers[i], env,
			 err)) != 0)
			return rc;
	return 0;
}

int
route_wake(struct store *wr, int64_t device_id)
{
	return spool_push_wake(wr, device_id, clock_ms());
}

void
route_req_init(struct route_req *r)
{
	memset(r, 0, sizeof(*r));
	r->method = "POST";
	strbuf_init(&r->hbuf, 0);
	strbuf_init(&r->body, 0);
}

void
route_req_free(struct route_req *r)
{
	strbuf_release(&r->hbuf);
	strbuf_release(&r->body);
	memset(r->headers, 0, sizeof(r->headers));
}

/* Point headers[] at the NUL-separated lines of hbuf. */
static void
route_req_point(struct route_req *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->hbuf.len && n < ROUTE_NHEADERS;
	     i += strlen(r->hbuf.buf + i) + 1)
		r->headers[n++] = r->hbuf.buf + i;
	r->headers[n] = NULL;
}

int
route_req_header(struct route_req *r, const char *name, const char *fmt, ...)
{
	size_t n = 0, len = r->hbuf.len;
	va_list ap;
	int rc;

	while (n < ROUTE_NHEADERS && r->headers[n] != NULL)
		n++;
	if (n == ROUTE_NHEADERS || strpbrk(name, ":\r\n") != NULL)
		return FG_EINVAL;
	rc = strbuf_addf(&r->hbuf, "%s: ", name);
	va_start(ap, fmt);
	if (rc == 0)
		rc = strbuf_vaddf(&r->hbuf, fmt, ap);
	va_end(ap);
	/* a value is one line: no CR or LF may end it early */
	if (rc == 0 && strpbrk(r->hbuf.buf + len, "\r\n") != NULL)
		rc = FG_EINVAL;
	if (rc == 0)
		rc = strbuf_addch(&r->hbuf, '\0');
	if (rc != 0)
		strbuf_setlen(&r->hbuf, len);
	route_req_point(r);
	return rc;
}

int
route_req_lines(struct route_req *r, const char *const *lines)
{
	char name[64];
	const char *colon;
	int rc = 0;

	for (; rc == 0 && *lines != NULL; lines++) {
		colon = strchr(*lines, ':');
		if (colon == NULL || (size_t)(colon - *lines) >= sizeof(name))
			return FG_EINVAL;
		snprintf(name, sizeof(name), "%.*s", (int)(colon - *lines),
		    *lines);
		colon++;
		colon += strspn(colon, " ");
		rc = route_req_header(r, name, "%s", colon);
	}
	return rc;
}

int64_t
route_retry_after_ms(const char *v, int64_t now_ms)
{
	char *end;
	long long s;
	time_t t;

	if (v == NULL || *v == '\0')
		return 0;
	s = strtoll(v, &end, 10);
	if (end != v && *end == '\0')
		return s > 0 ? (s > 86400 ? 86400 : s) * 1000 : 0;
	if ((t = curl_getdate(v, NULL)) <= 0)
		return 0;
	s = (long long)t * 1000 - now_ms;
	return s > 0 ? (s > 86400000LL ? 86400000LL : s) : 0;
}

void
route_answer_detail(const struct route_answer *a, struct route_verdict_out *v)
{
	size_t n = a->len > 200 ? 200 : a->len;

	strbuf_reset(&v->detail);
	if (a->status == 0)
		strbuf_addf(&v->detail, "no answer: %s",
		    a->transport_msg ? a->transport_msg : "");
	else {
		strbuf_addf(&v->detail, "HTTP %ld", a->status);
		if (n > 0) {
			strbuf_addstr(&v->detail, ": ");
			strbuf_add(&v->detail, a->body, n);
		}
	}
	v->retry_after_ms = route_retry_after_ms(a->retry_after, clock_ms());
}
