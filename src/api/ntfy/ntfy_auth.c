/*
 * ntfy_auth.c: who reads an ntfy topic (ntfy_int.h), and ntfy's error
 * JSON.
 *
 * The ntfy Android app sends `Authorization: Basic base64(user:pass)`
 * with what the person typed when adding the server (ntfy-android
 * util/HttpUtil.kt); other clients send `Bearer <token>`, and browsers'
 * WebSocket clients put the whole header value, base64url-encoded, in
 * ?auth= (server.go readAuthHeader).  feige has no ntfy user names: the
 * token is the secret, so the password is taken as the token whatever
 * the user name says (ntfy itself takes the password as a token when
 * the user name is empty).  A missing or unknown credential is 401
 * 40101, a topic that is not the person's 403 40301, the codes the
 * ntfy app turns into its "login required" and "access denied" prompts
 * (ApiService.checkAuth).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/ntfy/ntfy_int.h"
#include "api/tokens.h"
#include "core/limits.h"
#include "store/readers.h"
#include "util/params.h"
#include "util/strbuf.h"

#define NTFY_AUTH_LINK "https://ntfy.sh/docs/publish/#authentication"

void
ntfy_error(struct http_req *r, unsigned int http, int code, const char *error,
    const char *link)
{
	struct strbuf sb = STRBUF_INIT;

	(void)strbuf_addf(&sb, "{\"code\":%d,\"http\":%u,\"error\":", code,
	    http);
	(void)strbuf_add_json_str(&sb, error, strlen(error));
	if (link) {
		(void)strbuf_addstr(&sb, ",\"link\":");
		(void)strbuf_add_json_str(&sb, link, strlen(link));
	}
	(void)strbuf_addstr(&sb, "}\n");
	http_reply(r, http, "application/json", sb.buf, sb.len);
	http_reply_header(r, "Access-Control-Allow-Origin", "*");
	strbuf_release(&sb);
}

/* base64 in any of its four spellings; 0 and a C string in out. */
static int
b64_decode(const char *in, size_t len, char *out, size_t size)
{
	static const int variants[] = {
		sodium_base64_VARIANT_URLSAFE_NO_PADDING,
		sodium_base64_VARIANT_URLSAFE,
		sodium_base64_VARIANT_ORIGINAL,
		sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
	};
	size_t i, n;

	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
		if (sodium_base642bin((unsigned char *)out, size - 1, in, len,
			" ", &n, NULL, variants[i]) == 0) {
			out[n] = '\0';
			return 0;
		}
	return -1;
}

/* The Authorization value: the header, or ?auth= (which wins). */
static const char *
auth_value(struct http_req *r, char *buf, size_t size)
{
	struct params p;
	const char *v;
	size_t len = 0;
	int given, bad = 0;

	params_init(&p, LIM_PARAMS);
	(void)params_parse_form(&p, r->query, r->query_len);
	if ((v = params_get(&p, "auth", &len)) == NULL)
		v = params_get(&p, "authorization", &len);
	if ((given = v && *v))
		bad = b64_decode(v, len, buf, size);
	params_release(&p);	/* v dangles from here */
	if (given)
		return bad ? NULL : buf;
	return http_header(r, "Authorization");
}

/* The token in the credentials; NULL: none given. */
static const char *
ntfy_token(struct http_req *r, char *tok, size_t size)
{
	char hv[512], basic[256], *colon;
	const char *h = auth_value(r, hv, sizeof(hv));

	if (h && strncasecmp(h, "Bearer ", 7) == 0) {
		for (h += 7; *h == ' '; h++)
			;
		snprintf(tok, size, "%s", h);
		return *tok ? tok : NULL;
	}
	if (h && strncasecmp(h, "Basic ", 6) == 0) {
		for (h += 6; *h == ' '; h++)
			;
		if (b64_decode(h, strlen(h), basic, sizeof(basic)) != 0 ||
		    (colon = strchr(basic, ':')) == NULL)
			return NULL;
		snprintf(tok, size, "%s", colon[1] ? colon + 1 : basic);
		if (!colon[1])
			tok[colon - basic] = '\0';
		return *tok ? tok : NULL;
	}
	if (h && *h)
		return NULL; /* a scheme ntfy does not take */
	return api_request_token(r, tok, size);
}

int
ntfy_reader(struct http_req *r, const char *topics, struct store_user *u)
{
	char tok[256];
	size_t n, k;
	const char *t, *end;

	if (ntfy_token(r, tok, sizeof(tok)) == NULL ||
	    tokens_lookup(api_ctx(r)->tokens, store_reader(), tok, u) != 0) {
		ntfy_error(r, 401, 40101, "unauthorized", NTFY_AUTH_LINK);
		return -1;
	}
	k = strlen(u->uid);
	end = topics + strcspn(topics, "/");
	for (t = topics; t < end; t += n + 1) {
		n = strcspn(t, ",/");
		if (n != k || strncmp(t, u->uid, k) != 0) {
			ntfy_error(r, 403, 40301,
			    "forbidden: a person's "
			    "topic is their UID",
			    NTFY_AUTH_LINK);
			return -1;
		}
		if (t + n >= end)
			break;
	}
	return 0;
}
