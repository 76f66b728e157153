/*
 * device_verify.c: confirming an e-mail device (ops/device.c):
 *
 *   GET  /api/devices/verify?secret=S   a page with one button
 *   POST /api/devices/verify (secret=S) the device is active
 *
 * The link mailed to a new address opens the page; only the button
 * confirms.  Mail providers' link scanners open every link in a mail
 * (a GET); if that alone confirmed the address, anyone could have
 * their messages mailed to an address whose owner never agreed.  The
 * secret is the only credential: a POST from anywhere with it
 * confirms, which is what its holder asked for.
 */
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "http/http.h"
#include "ops/device.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define VERIFY_SECRET_MAX 64

struct verify_op {
	struct api_op base; /* first */
	char secret[VERIFY_SECRET_MAX + 1];
	struct store_device d;
};

/* secret= of the query (GET) or the form (POST) into out; 0 or -1. */
static int
verify_secret(struct http_req *r, char out[VERIFY_SECRET_MAX + 1])
{
	struct params p;
	const char *v;
	size_t len = 0;
	int post = strcmp(r->method, "POST") == 0;

	params_init(&p, 16);
	(void)params_parse_form(&p, post ? r->body.buf : r->query,
	    post ? r->body.len : r->query_len);
	v = params_get(&p, "secret", &len);
	*out = '\0';
	if (v != NULL && len <= VERIFY_SECRET_MAX &&
	    v[strspn(v, "0123456789abcdef")] == '\0')
		memcpy(out, v, len + 1);
	params_release(&p);
	return *out ? 0 : -1;
}

static int
verify_apply(struct api_op *o, struct store *s)
{
	struct verify_op *v = (struct verify_op *)o;

	return ops_device_verify(s, v->secret, &v->d, NULL);
}

static void
verify_reply(struct api_op *o, int rc)
{
	struct verify_op *v = (struct verify_op *)o;
	struct strbuf text = STRBUF_INIT;

	if (rc != 0) {
		api_notice_page(o->http, 404, "链接无效 (invalid link)",
		    "这个确认链接无效或已经用过。This confirmation link is "
		    "not valid, or was used already.");
		return;
	}
	strbuf_addf(&text,
	    "%s 已确认，以后的消息会发到这个地址。%s is "
	    "confirmed: your messages will be mailed to it from now on.",
	    v->d.endpoint, v->d.endpoint);
	api_notice_page(o->http, 200, "邮箱已确认 (address confirmed)",
	    text.buf);
	strbuf_release(&text);
}

/* The page with the button: a form that posts the secret back. */
static void
verify_page(struct http_req *r, const char *secret)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb,
	    "<!DOCTYPE html><html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\"><title>确认邮箱 (confirm "
	    "address)</title><link rel=\"stylesheet\" href=\"/static/"
	    "feige.css\"></head><body><main><h1>确认邮箱地址</h1><p>把这个"
	    "地址用作feige的通知邮箱？Use this address for your feige "
	    "notifications?</p><form method=\"post\" action=\"/api/devices/"
	    "verify\"><input type=\"hidden\" name=\"secret\" value=\"");
	strbuf_add_html(&sb, secret, strlen(secret));
	strbuf_addstr(&sb,
	    "\"><button type=\"submit\">确认 (confirm)"
	    "</button></form></main></body></html>");
	api_html_page(r, 200, &sb);
	strbuf_release(&sb);
}

void
api_device_verify(struct http_req *r)
{
	char secret[VERIFY_SECRET_MAX + 1];
	struct verify_op *v;

	if (verify_secret(r, secret) != 0) {
		api_notice_page(r, 404, "链接无效 (invalid link)",
		    "这个确认链接不完整。This confirmation link is "
		    "incomplete.");
		return;
	}
	if (strcmp(r->method, "POST") != 0) {
		verify_page(r, secret);
		return;
	}
	v = xcalloc(1, sizeof(*v));
	memcpy(v->secret, secret, sizeof(v->secret));
	v->base.http = r;
	v->base.apply = verify_apply;
	v->base.reply = verify_reply;
	api_op_submit(r, &v->base);
}
