/*
 * test_intake.c: unit tests for src/api/intake.c (compat.md §6 body
 * dispatch) without libmicrohttpd.
 *
 * intake.c is included here (h2o's t/00unit style) with its public names
 * and http_header() renamed, so this file can hand it a plain struct
 * http_req and a fake header table while intake.o, linked in with the
 * rest of src/, keeps the real names.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness.h"

#define http_header		test_http_header
#define intake_query		t_intake_query
#define intake_body_kind	t_intake_body_kind
#define intake_body		t_intake_body
#include "api/intake.c"
#undef http_header
#undef intake_query
#undef intake_body_kind
#undef intake_body

#include "util/params.h"
#include "util/strbuf.h"

/* The only header the fake request has: Content-Type (NULL = absent). */
static const char *fake_ct;

const char *
test_http_header(struct http_req *r, const char *name)
{
	(void)r;
	if (strcasecmp(name, "Content-Type") == 0)
		return fake_ct;
	return NULL;
}

static void
req_init(struct http_req *r, const char *ct, const char *body,
    size_t len, const char *query)
{
	memset(r, 0, sizeof(*r));
	strbuf_init(&r->body, 0);
	if (len)
		(void)strbuf_add(&r->body, body, len);
	r->query = query ? query : "";
	r->query_len = strlen(r->query);
	fake_ct = ct;
}

static enum intake_kind
kind(const char *ct, const char *body)
{
	struct http_req r;
	enum intake_kind k;

	req_init(&r, ct, body, strlen(body), NULL);
	k = t_intake_body_kind(&r);
	strbuf_release(&r.body);
	return k;
}

TEST(body_kind)
{
	CHECK(kind("application/json", "") == INTAKE_EMPTY);
	CHECK(kind(NULL, "") == INTAKE_EMPTY);
	CHECK(kind("application/json", "{}") == INTAKE_JSON);
	CHECK(kind(" Application/JSON ; charset=utf-8", "a=1") ==
	    INTAKE_JSON);
	CHECK(kind("application/json;charset=UTF-8", "x") == INTAKE_JSON);
	CHECK(kind("text/json", "x") == INTAKE_JSON);
	CHECK(kind("application/vnd.api+json", "x") == INTAKE_JSON);
	CHECK(kind("application/x-www-form-urlencoded", "{\"a\":1}") ==
	    INTAKE_FORM);
	CHECK(kind("APPLICATION/X-WWW-FORM-URLENCODED; charset=utf-8",
	    "a=1") == INTAKE_FORM);
	CHECK(kind("multipart/form-data; boundary=B", "--B") ==
	    INTAKE_MULTIPART);
	CHECK(kind("multipart/form-data;boundary=B", "--B") ==
	    INTAKE_MULTIPART);
	/* missing or other types: sniff the first non-blank byte */
	CHECK(kind(NULL, "  \r\n{\"a\":1}") == INTAKE_JSON);
	CHECK(kind("text/plain", "{\"a\":1}") == INTAKE_JSON);
	CHECK(kind("text/plain", "a=1") == INTAKE_FORM);
	CHECK(kind(NULL, "a=1") == INTAKE_FORM);
	CHECK(kind(NULL, "\xef\xbb\xbf{\"a\":1}") == INTAKE_JSON);
	CHECK(kind("", "{}") == INTAKE_JSON);
	CHECK(kind("+json", "a=1") == INTAKE_FORM);
}

/* Runs query + body intake into p (released by the caller). */
static int
intake(struct params *p, const char *ct, const char *body,
    const char *query, json_t **j)
{
	struct http_req r;
	int rc;

	params_init(p, 64);
	req_init(&r, ct, body, strlen(body), query);
	rc = t_intake_query(&r, p);
	if (rc == 0)
		rc = t_intake_body(&r, p, j);
	strbuf_release(&r.body);
	return rc;
}

TEST(body_overrides_query)
{
	struct params p;

	CHECK(intake(&p, "application/x-www-form-urlencoded",
	    "token=body&content=%E4%BD%A0+x", "token=query&title=t&x=",
	    NULL) == 0);
	CHECK_STR(params_get(&p, "token", NULL), "body");
	CHECK_STR(params_get(&p, "title", NULL), "t");
	CHECK_STR(params_get(&p, "content", NULL), "你 x");
	CHECK(params_get(&p, "x", NULL) == NULL);
	params_release(&p);

	CHECK(intake(&p, "application/json", "{\"token\":\"j\",\"n\":1}",
	    "token=q", NULL) == 0);
	CHECK_STR(params_get(&p, "token", NULL), "j");
	CHECK_STR(params_get(&p, "n", NULL), "1");
	params_release(&p);
}

TEST(json_body)
{
	struct params p;
	json_t *j = NULL;

	CHECK(intake(&p, "application/json; charset=utf-8",
	    "\xef\xbb\xbf{\"title\":\"\\ud83d\\ude00\",\"topic\":null}", "",
	    &j) == 0);
	CHECK(j != NULL && json_is_object(j));
	CHECK_STR(params_get(&p, "title", NULL), "😀");
	CHECK(params_get(&p, "topic", NULL) == NULL);
	json_decref(j);
	params_release(&p);

	/* a JSON type with a blank body is no error and sets nothing */
	j = (json_t *)&j;
	CHECK(intake(&p, "application/json", " \r\n\t", "", &j) == 0);
	CHECK(j == NULL);
	CHECK(p.n == 0);
	params_release(&p);

	/* not JSON, not an object */
	CHECK(intake(&p, "application/json", "{\"a\":", "", &j) ==
	    FG_EINVAL);
	CHECK(j == NULL);
	params_release(&p);
	CHECK(intake(&p, "application/json", "[1,2]", "", &j) == FG_EINVAL);
	CHECK(j == NULL);
	params_release(&p);
	CHECK(intake(&p, "text/json", "\"str\"", "", NULL) == FG_EINVAL);
	params_release(&p);
	/* sniffed JSON that is broken is an error too */
	CHECK(intake(&p, NULL, "{broken", "", NULL) == FG_EINVAL);
	params_release(&p);
}

#define CRLF "\r\n"
#define MP_BODY(b) \
	"--" b CRLF "Content-Disposition: form-data; name=\"token\"" CRLF \
	CRLF "tk" CRLF "--" b CRLF \
	"Content-Disposition: form-data; name=\"content\"" CRLF CRLF \
	"你好" CRLF "--" b "--" CRLF

TEST(multipart_boundary)
{
	struct params p;

	CHECK(intake(&p, "multipart/form-data; boundary=abc123",
	    MP_BODY("abc123"), "", NULL) == 0);
	CHECK_STR(params_get(&p, "token", NULL), "tk");
	CHECK_STR(params_get(&p, "content", NULL), "你好");
	params_release(&p);

	/* quoted, with characters that need the quotes */
	CHECK(intake(&p, "multipart/form-data; boundary=\"a b:c\"",
	    MP_BODY("a b:c"), "", NULL) == 0);
	CHECK_STR(params_get(&p, "token", NULL), "tk");
	CHECK_STR(params_get(&p, "content", NULL), "你好");
	params_release(&p);

	/* other parameters before and after, odd case */
	CHECK(intake(&p, "Multipart/Form-Data; charset=utf-8; "
	    "Boundary=----WebKitFormBoundaryX; foo=bar",
	    MP_BODY("----WebKitFormBoundaryX"), "", NULL) == 0);
	CHECK_STR(params_get(&p, "token", NULL), "tk");
	params_release(&p);

	/* no boundary, or an empty one */
	CHECK(intake(&p, "multipart/form-data", MP_BODY("B"), "", NULL) ==
	    FG_EINVAL);
	params_release(&p);
	CHECK(intake(&p, "multipart/form-data; boundary=", MP_BODY("B"), "",
	    NULL) == FG_EINVAL);
	params_release(&p);
	CHECK(intake(&p, "multipart/form-data; boundary=\"\"", MP_BODY("B"),
	    "", NULL) == FG_EINVAL);
	params_release(&p);
}

TEST(param_cap)
{
	struct http_req r;
	struct params p;
	const char *body = "a=1&b=2&c=3";

	params_init(&p, 2);
	req_init(&r, NULL, body, strlen(body), NULL);
	CHECK(t_intake_body(&r, &p, NULL) == FG_ETOOBIG);
	strbuf_release(&r.body);
	params_release(&p);
}

int
main(void)
{
	RUN(body_kind);
	RUN(body_overrides_query);
	RUN(json_body);
	RUN(multipart_boundary);
	RUN(param_cap);
	DONE();
}
