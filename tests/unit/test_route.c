/*
 * test_route.c: the route drivers' pure parts (channel/route.c and
 * route_*.c): the request's header lines (pointers into a buffer that
 * moves as it grows), the lookup table, Retry-After, and each driver's
 * judge() on the answers its service gives.
 */
#include <stdlib.h>
#include <string.h>

#include "channel/route.h"
#include "channel/route_int.h"
#include "harness.h"
#include "util/errors.h"

TEST(req_headers_survive_growth)
{
	struct route_req r;
	char big[3000];
	int i;

	route_req_init(&r);
	CHECK_STR(r.method, "POST");
	CHECK(r.headers[0] == NULL);
	CHECK(route_req_header(&r, "TTL", "%d", 60) == 0);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	/* a long value moves hbuf: the first pointer must follow it */
	CHECK(route_req_header(&r, "Authorization", "vapid t=%s", big) == 0);
	CHECK_STR(r.headers[0], "TTL: 60");
	CHECK(strncmp(r.headers[1], "Authorization: vapid t=xxx", 26) == 0);
	CHECK(strlen(r.headers[1]) == strlen("Authorization: vapid t=") +
	    sizeof(big) - 1);
	CHECK(r.headers[2] == NULL);
	for (i = 2; i < ROUTE_NHEADERS; i++)
		CHECK(route_req_header(&r, "X-N", "%d", i) == 0);
	CHECK(route_req_header(&r, "X-Over", "1") == FG_EINVAL);
	CHECK(r.headers[ROUTE_NHEADERS] == NULL);
	CHECK_STR(r.headers[ROUTE_NHEADERS - 1], "X-N: 7");
	route_req_free(&r);
}

TEST(req_header_refuses_line_breaks)
{
	struct route_req r;

	route_req_init(&r);
	CHECK(route_req_header(&r, "A", "1") == 0);
	CHECK(route_req_header(&r, "B", "x\r\nInjected: 1") == FG_EINVAL);
	CHECK(route_req_header(&r, "C:D", "1") == FG_EINVAL);
	CHECK(route_req_header(&r, "E", "2") == 0);
	CHECK_STR(r.headers[0], "A: 1");
	CHECK_STR(r.headers[1], "E: 2");
	CHECK(r.headers[2] == NULL);
	CHECK(r.hbuf.len == strlen("A: 1") + 1 + strlen("E: 2") + 1);
	route_req_free(&r);
}

TEST(req_lines_copied)
{
	static const char *const lines[] = { "TTL: 86400",
		"Content-Encoding: aes128gcm", NULL };
	struct route_req r;

	route_req_init(&r);
	CHECK(route_req_lines(&r, lines) == 0);
	CHECK_STR(r.headers[0], "TTL: 86400");
	CHECK_STR(r.headers[1], "Content-Encoding: aes128gcm");
	CHECK(r.headers[2] == NULL);
	route_req_free(&r);
}

TEST(lookup)
{
	CHECK(route_lookup("webpush") != NULL);
	CHECK_STR(route_lookup("webpush")->type, "webpush");
	CHECK(route_lookup("webpush")->flags & ROUTE_F_RECALL);
	CHECK(route_lookup("nope") == NULL);
	CHECK(route_lookup("") == NULL);
}

TEST(retry_after)
{
	CHECK(route_retry_after_ms(NULL, 0) == 0);
	CHECK(route_retry_after_ms("", 0) == 0);
	CHECK(route_retry_after_ms("7", 0) == 7000);
	CHECK(route_retry_after_ms("0", 0) == 0);
	CHECK(route_retry_after_ms("-3", 0) == 0);
	CHECK(route_retry_after_ms("999999", 0) == 86400000);
	CHECK(route_retry_after_ms("soon", 0) == 0);
	/* an HTTP date 30 s after now */
	CHECK(route_retry_after_ms("Wed, 21 Oct 2015 07:28:30 GMT",
	    1445412480000LL) == 30000);
	CHECK(route_retry_after_ms("Wed, 21 Oct 2015 07:28:30 GMT",
	    1445412540000LL) == 0);
}

/* The verdict of driver type on an answer (status, body, Retry-After). */
static enum route_verdict
judge(const char *type, long status, const char *body, const char *ra,
    struct route_verdict_out *v)
{
	const struct route_driver *d = route_lookup(type);
	struct store_device dev;
	struct route_answer a;

	memset(&dev, 0, sizeof(dev));
	memset(&a, 0, sizeof(a));
	strbuf_release(&v->detail);
	memset(v, 0, sizeof(*v));
	strbuf_init(&v->detail, 511);
	a.status = status;
	a.body = body;
	a.len = body ? strlen(body) : 0;
	a.retry_after = ra;
	if (status == 0) {
		a.transport = 28;
		a.transport_msg = "Operation timed out";
	}
	d->judge(d, &dev, &a, v);
	return v->verdict;
}

TEST(judge_webpush)
{
	struct route_verdict_out v = { 0, 0, "", STRBUF_INIT };

	CHECK(judge("webpush", 201, "", NULL, &v) == ROUTE_OK);
	CHECK(judge("webpush", 200, "{}", NULL, &v) == ROUTE_OK);
	CHECK(judge("webpush", 404, "", NULL, &v) == ROUTE_GONE);
	CHECK(judge("webpush", 410, "expired", NULL, &v) == ROUTE_GONE);
	CHECK(judge("webpush", 413, "too large", NULL, &v) == ROUTE_FAIL);
	CHECK_STR(v.detail.buf, "HTTP 413: too large");
	CHECK(judge("webpush", 400, "", NULL, &v) == ROUTE_FAIL);
	CHECK(judge("webpush", 403, "{\"reason\":\"BadJwtToken\"}", NULL,
	    &v) == ROUTE_FAIL);
	CHECK_CONTAINS(v.detail.buf, "BadJwtToken");
	CHECK(judge("webpush", 429, "", "12", &v) == ROUTE_RETRY);
	CHECK(v.retry_after_ms == 12000);
	CHECK(judge("webpush", 503, "", NULL, &v) == ROUTE_RETRY);
	CHECK(v.retry_after_ms == 0);
	CHECK(judge("webpush", 0, NULL, NULL, &v) == ROUTE_RETRY);
	CHECK_CONTAINS(v.detail.buf, "timed out");
	strbuf_release(&v.detail);
}

TEST(judge_unifiedpush)
{
	struct route_verdict_out v = { 0, 0, "", STRBUF_INIT };

	CHECK(judge("unifiedpush", 201, "", NULL, &v) == ROUTE_OK);
	CHECK(judge("unifiedpush", 200, "{\"id\":\"x\"}", NULL, &v) ==
	    ROUTE_OK);
	CHECK(judge("unifiedpush", 307, "", NULL, &v) == ROUTE_FAIL);
	CHECK(judge("unifiedpush", 404, "", NULL, &v) == ROUTE_GONE);
	CHECK(judge("unifiedpush", 413, "", NULL, &v) == ROUTE_FAIL);
	CHECK(judge("unifiedpush", 400, "", NULL, &v) == ROUTE_FAIL);
	CHECK(judge("unifiedpush", 429, "", "3", &v) == ROUTE_RETRY);
	CHECK(v.retry_after_ms == 3000);
	CHECK(judge("unifiedpush", 507, "{\"code\":50701}", NULL, &v) ==
	    ROUTE_RETRY);
	strbuf_release(&v.detail);
}

TEST(judge_bark)
{
	struct route_verdict_out v = { 0, 0, "", STRBUF_INIT };

	CHECK(judge("bark", 200, "{\"code\":200,\"message\":\"success\"}",
	    NULL, &v) == ROUTE_OK);
	CHECK(judge("bark", 200, "{\"code\":400}", NULL, &v) == ROUTE_FAIL);
	CHECK(judge("bark", 400, "{\"code\":400,\"message\":\"failed to "
	    "get device token: x\"}", NULL, &v) == ROUTE_GONE);
	CHECK(judge("bark", 400, "{\"message\":\"device key is empty\"}",
	    NULL, &v) == ROUTE_FAIL);
	CHECK(judge("bark", 500, "{\"message\":\"push failed: "
	    "BadDeviceToken\"}", NULL, &v) == ROUTE_GONE);
	CHECK(judge("bark", 500, "{\"message\":\"push failed: "
	    "ServiceUnavailable\"}", NULL, &v) == ROUTE_RETRY);
	CHECK(judge("bark", 418, "I'm a teapot", NULL, &v) == ROUTE_FAIL);
	CHECK(judge("bark", 0, NULL, NULL, &v) == ROUTE_RETRY);
	strbuf_release(&v.detail);
}

TEST(judge_email)
{
	struct route_verdict_out v = { 0, 0, "", STRBUF_INIT };
	const struct route_driver *d = route_lookup("email");
	struct store_device dev;
	struct route_answer a;

	CHECK(d != NULL && (d->flags & ROUTE_F_SMTP) &&
	    !(d->flags & ROUTE_F_RECALL));
	memset(&dev, 0, sizeof(dev));
	memset(&a, 0, sizeof(a));
	strbuf_init(&v.detail, 511);
	a.status = 250;
	d->judge(d, &dev, &a, &v);
	CHECK(v.verdict == ROUTE_OK);
	a.status = 550;
	a.transport = 55;	/* CURLE_SEND_ERROR */
	a.transport_msg = "mailbox unavailable";
	d->judge(d, &dev, &a, &v);
	CHECK(v.verdict == ROUTE_FAIL);
	CHECK_CONTAINS(v.detail.buf, "550");
	a.status = 451;
	d->judge(d, &dev, &a, &v);
	CHECK(v.verdict == ROUTE_RETRY);
	a.status = 0;
	a.transport = 67;	/* CURLE_LOGIN_DENIED */
	d->judge(d, &dev, &a, &v);
	CHECK(v.verdict == ROUTE_FAIL);
	a.transport = 28;	/* CURLE_OPERATION_TIMEDOUT */
	d->judge(d, &dev, &a, &v);
	CHECK(v.verdict == ROUTE_RETRY);
	strbuf_release(&v.detail);
}

int
main(void)
{
	RUN(req_headers_survive_growth);
	RUN(req_header_refuses_line_breaks);
	RUN(req_lines_copied);
	RUN(lookup);
	RUN(retry_after);
	RUN(judge_webpush);
	RUN(judge_unifiedpush);
	RUN(judge_bark);
	RUN(judge_email);
	DONE();
}
