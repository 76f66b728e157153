/*
 * webpush.c: one Web Push request (RFC 8030), built from a subscription
 * and a notification, for the caller to POST to the endpoint.
 *
 * The payload is the small JSON the service worker shows
 * ({"title","body","url","id"}; a recall is {"id","recall":true}, and
 * the service worker closes the notification of that id), never the message page's HTML: a
 * record holds WEBPUSH_MAX_PLAIN bytes (4096 minus the aes128gcm header,
 * tag and delimiter) and push services refuse more (413).  When it does
 * not fit, the body text is cut on a UTF-8 boundary with "…" until the
 * encoded JSON fits; escaping can make the first cut short, so the cut
 * repeats.  The click opens url, where the whole message is.
 *
 * Headers (RFC 8030 §5, RFC 8292 §3):
 *   TTL               how long the service may keep an undelivered push
 *   Urgency           very-low, low, normal or high (omitted: normal)
 *   Topic             a replaceable slot: at most 32 base64url characters
 *   Content-Encoding  aes128gcm; Content-Type application/octet-stream
 *   Authorization     vapid t=<ES256 JWT, aud = the endpoint's origin,
 *                     exp now + 12 h>, k=<the server's public key>
 *
 * Nothing here does I/O or keeps state: the same inputs give the same
 * request but for the random salt, ephemeral key and signature.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "channel/channel_int.h"
#include "channel/webpush.h"
#include "util/errors.h"

#define WEBPUSH_JWT_TTL (12 * 3600)
#define WEBPUSH_TOPIC_MAX 32

static int
webpush_bad(struct strbuf *err, const char *what)
{
	strbuf_setf(err, "web push: %s", what);
	return FG_EINVAL;
}

static void
webpush_json_member(struct strbuf *sb, const char *name, const char *v)
{
	strbuf_addf(sb, "%s\"%s\":", sb->len > 1 ? "," : "", name);
	strbuf_add_json_str(sb, v, strlen(v));
}

static void
webpush_json(struct strbuf *sb, const struct webpush_msg *m, const char *body)
{
	strbuf_reset(sb);
	strbuf_addch(sb, '{');
	if (m->recall) { /* the service worker closes the shown one */
		webpush_json_member(sb, "id", m->id ? m->id : "");
		strbuf_addstr(sb, ",\"recall\":true}");
		return;
	}
	webpush_json_member(sb, "title", m->title ? m->title : "");
	webpush_json_member(sb, "body", body);
	if (m->url)
		webpush_json_member(sb, "url", m->url);
	if (m->id)
		webpush_json_member(sb, "id", m->id);
	strbuf_addch(sb, '}');
}

/* The payload JSON within WEBPUSH_MAX_PLAIN bytes, body cut to fit. */
static int
webpush_payload(const struct webpush_msg *m, struct strbuf *out,
    struct strbuf *err)
{
	struct strbuf body = STRBUF_INIT;
	size_t max;

	strbuf_addstr(&body, m->body ? m->body : "");
	webpush_json(out, m, body.buf);
	while (out->len > WEBPUSH_MAX_PLAIN && body.len > 0) {
		max = body.len > out->len - WEBPUSH_MAX_PLAIN ?
		    body.len - (out->len - WEBPUSH_MAX_PLAIN) :
		    0;
		if (max < 4) {
			strbuf_reset(&body);
		} else
			chan_truncate(&body, max);
		webpush_json(out, m, body.buf);
	}
	strbuf_release(&body);
	if (out->len > WEBPUSH_MAX_PLAIN)
		return webpush_bad(err,
		    "title, url and id are too long for "
		    "one push");
	return 0;
}

static int
webpush_topic_ok(const char *t)
{
	size_t n = strlen(t);

	return n > 0 && n <= WEBPUSH_TOPIC_MAX &&
	    t[strspn(t,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_")] == '\0';
}

static int
webpush_urgency_ok(const char *u)
{
	return strcmp(u, "very-low") == 0 || strcmp(u, "low") == 0 ||
	    strcmp(u, "normal") == 0 || strcmp(u, "high") == 0;
}

/* The header lines into hbuf, '\\0'-separated, then the pointers. */
static int
webpush_headers(const struct vapid_key *k, const char *endpoint,
    const struct webpush_msg *m, struct webpush_request *out,
    struct strbuf *err)
{
	size_t i, n = 0;
	int rc;

	if (m->urgency && !webpush_urgency_ok(m->urgency))
		return webpush_bad(err,
		    "Urgency must be very-low, low, normal "
		    "or high");
	if (m->topic && !webpush_topic_ok(m->topic))
		return webpush_bad(err,
		    "Topic must be 1 to 32 base64url "
		    "characters");
	strbuf_addf(&out->hbuf, "TTL: %d%c", m->ttl > 0 ? m->ttl : 0, '\0');
	if (m->urgency)
		strbuf_addf(&out->hbuf, "Urgency: %s%c", m->urgency, '\0');
	if (m->topic)
		strbuf_addf(&out->hbuf, "Topic: %s%c", m->topic, '\0');
	strbuf_addstr(&out->hbuf, "Content-Encoding: aes128gcm");
	strbuf_addch(&out->hbuf, '\0');
	strbuf_addstr(&out->hbuf, "Content-Type: application/octet-stream");
	strbuf_addch(&out->hbuf, '\0');
	strbuf_addstr(&out->hbuf, "Authorization: ");
	if ((rc = vapid_header(k, endpoint,
		 (long long)time(NULL) + WEBPUSH_JWT_TTL,
		 m->contact ? m->contact : "", &out->hbuf, err)) != 0)
		return rc;
	strbuf_addch(&out->hbuf, '\0');
	for (i = 0; i < out->hbuf.len && n < WEBPUSH_NHEADERS;
	     i += strlen(out->hbuf.buf + i) + 1)
		out->headers[n++] = out->hbuf.buf + i;
	out->headers[n] = NULL;
	return 0;
}

int
webpush_build(const struct vapid_key *k, const char *endpoint,
    const char *p256dh, const char *auth, const struct webpush_msg *m,
    struct webpush_request *out, struct strbuf *err)
{
	uint8_t ua[WEBPUSH_PUBLIC_LEN], secret[WEBPUSH_AUTH_LEN];
	struct strbuf plain = STRBUF_INIT;
	int rc;

	memset(out, 0, sizeof(*out));
	strbuf_init(&out->hbuf, 0);
	strbuf_init(&out->body, 0);
	if (webpush_b64_decode(p256dh, ua, sizeof(ua)) != 0 ||
	    webpush_b64_decode(auth, secret, sizeof(secret)) != 0)
		return webpush_bad(err,
		    "subscription keys are not base64url "
		    "of 65 and 16 bytes");
	if ((rc = webpush_payload(m, &plain, err)) == 0 &&
	    (rc = webpush_encrypt(ua, secret, plain.buf, plain.len, NULL,
		 &out->body, err)) == 0)
		rc = webpush_headers(k, endpoint, m, out, err);
	strbuf_release(&plain);
	return rc;
}

void
webpush_request_free(struct webpush_request *r)
{
	strbuf_release(&r->hbuf);
	strbuf_release(&r->body);
	memset(r->headers, 0, sizeof(r->headers));
}
