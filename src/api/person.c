/*
 * person.c: who is behind a request to a person's page (follow links,
 * join links, the "me" page): the feige_token cookie that those pages
 * set, or a user token in the request (Authorization: Bearer,
 * X-Feige-Token, ?token=).  Message tokens never identify a person.
 *
 * The cookie is the user token itself, HttpOnly and SameSite=Lax (so a
 * cross-site POST carries none), and Secure when people reach feige over
 * https (public_url).
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/tokens.h"
#include "http/http.h"
#include "store/readers.h"

#define PERSON_COOKIE	"feige_token"

int
api_person(struct http_req *r, struct store_user *u)
{
	const char *c = http_header(r, "Cookie"), *p;
	char buf[64];
	size_t n;

	while (c && (p = strstr(c, PERSON_COOKIE "=")) != NULL) {
		if (p == c || p[-1] == ' ' || p[-1] == ';') {
			p += sizeof(PERSON_COOKIE);
			n = strcspn(p, "; ");
			if (n < sizeof(buf)) {
				memcpy(buf, p, n);
				buf[n] = '\0';
				if (tokens_lookup(api_ctx(r)->tokens,
				    store_reader(), buf, u) == 0)
					return 0;
			}
		}
		c = p + 1;
	}
	if (api_request_token(r, buf, sizeof(buf)) != NULL &&
	    tokens_lookup(api_ctx(r)->tokens, store_reader(), buf, u) == 0)
		return 0;
	return -1;
}

void
api_person_cookie(struct http_req *r, const char *token)
{
	char cookie[192];

	snprintf(cookie, sizeof(cookie), PERSON_COOKIE "=%s; Path=/; "
	    "Max-Age=31536000; HttpOnly; SameSite=Lax%s", token,
	    strncmp(api_ctx(r)->base_url, "https:", 6) == 0 ? "; Secure" : "");
	http_reply_header(r, "Set-Cookie", cookie);
}
