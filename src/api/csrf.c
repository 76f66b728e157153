/*
 * csrf.c: refusing forged form POSTs (issue 10 §1).
 *
 * Every state-changing form of feige's pages (follow, join, sign-in,
 * sign-out, everything under /me) carries a hidden "csrf" field, and
 * the POST is refused without the right one.  Two tokens:
 *
 *   - signed in: 32 hex digits of BLAKE2b keyed with the session id
 *     (the cookie's value) over a fixed label.  Only someone holding the
 *     cookie can compute it, nothing is stored, and it changes with the
 *     session, so signing out retires every form.
 *   - not signed in (the sign-in forms, "create my inbox"): the double
 *     submit pattern: a random value in the feige_csrf cookie (HttpOnly,
 *     SameSite=Lax), set by the page that shows the form, and the same
 *     value in the form.  Another site can make a browser send the
 *     cookie but can neither read nor set it, so it cannot fill the
 *     field.
 *
 * Before either, a POST that says where it comes from must come from
 * here: an Origin header must name this server (public_url, or the Host
 * the request was sent to: clients reach feige under several names),
 * and Sec-Fetch-Site, when the browser sends it, must be same-origin or
 * none.  Origin "null" says nothing: feige's pages are served with
 * Referrer-Policy: no-referrer, under which browsers send exactly that
 * for their own form posts.  Old browsers send neither; the token
 * covers them.
 *
 * A request that names its credential itself (a user token as Bearer,
 * X-Feige-Token or ?token=) is not forgeable by another site, which
 * does not know the token: the caller says so (by_token) and only the
 * origin check applies.  Comparisons are constant time.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/ctx.h"
#include "http/http.h"
#include "util/ids.h"
#include "util/params.h"

#define CSRF_COOKIE	"feige_csrf"
#define CSRF_LABEL	"feige csrf v1"

static int
hex32(const char *s)
{
	return strlen(s) == ID_TOKEN_LEN &&
	    strspn(s, "0123456789abcdef") == ID_TOKEN_LEN;
}

/* The token of session id sid into out[33]. */
static void
derive(const char *sid, char out[33])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)CSRF_LABEL,
	    sizeof(CSRF_LABEL) - 1, (const unsigned char *)sid, strlen(sid));
	sodium_bin2hex(out, 33, h, sizeof(h));
}

/* The token this request's cookies call for; 0 if there is one. */
static int
expected(struct http_req *r, char out[33])
{
	char v[64];

	if (api_cookie(r, API_SESSION_COOKIE, v, sizeof(v)) && hex32(v)) {
		derive(v, out);
		return 0;
	}
	if (api_cookie(r, CSRF_COOKIE, v, sizeof(v)) && hex32(v)) {
		memcpy(out, v, 33);
		return 0;
	}
	return -1;
}

void
api_csrf_token(struct http_req *r, const struct api_who *who, char out[33])
{
	/* who's session may be new, made by this very request */
	if (who && who->how == API_WHO_SESSION && hex32(who->sid)) {
		derive(who->sid, out);
		return;
	}
	if (expected(r, out) == 0)
		return;
	ids_token(out);
	api_cookie_set(r, CSRF_COOKIE, out, -1);
}

/* Whether origin ("scheme://host[:port]") is this server. */
static int
same_origin(struct http_req *r, const char *origin)
{
	const char *base = api_ctx(r)->base_url, *host = http_header(r,
	    "Host"), *p = strstr(base, "://");
	size_t n = p ? strcspn(p + 3, "/") + (size_t)(p + 3 - base) : 0;
	const char *o = strstr(origin, "://");

	if (n && strlen(origin) == n && strncasecmp(origin, base, n) == 0)
		return 1;
	return o && host && *host && strcasecmp(o + 3, host) == 0;
}

static int
refuse(struct http_req *r, int json, const char *why)
{
	char msg[256];

	snprintf(msg, sizeof(msg), "请求来源无法验证，请刷新页面后重试。"
	    "(%s: reload the page and try again)", why);
	if (json)
		api_pp_reply(r, 403, 403, msg, NULL);
	else
		api_notice_page(r, 403, "请求被拒绝", msg);
	return -1;
}

int
api_csrf_check(struct http_req *r, const struct params *form, int by_token,
    int json)
{
	const char *origin = http_header(r, "Origin");
	const char *site = http_header(r, "Sec-Fetch-Site");
	const char *got;
	char want[33];

	/* "null": pages sent with Referrer-Policy: no-referrer post so */
	if (origin && strcmp(origin, "null") != 0 && !same_origin(r, origin))
		return refuse(r, json, "cross-site request refused");
	if (site && strcmp(site, "same-origin") != 0 &&
	    strcmp(site, "none") != 0)
		return refuse(r, json, "cross-site request refused");
	if (by_token)
		return 0;
	got = params_get(form, API_CSRF_FIELD, NULL);
	if (got == NULL || !hex32(got))
		return refuse(r, json, "CSRF token missing");
	if (expected(r, want) != 0 || sodium_memcmp(got, want, 32) != 0)
		return refuse(r, json, "CSRF token wrong");
	return 0;
}
