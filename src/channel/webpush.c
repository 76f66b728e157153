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
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "channel/channel_int.h"
#include "channel/webpush.h"
#include "util/errors.h"

#define WEBPUSH_JWT_TTL (12 * 3600)
#define WEBPUSH_JWT_REUSE 3600 /* seconds a signed token is reused */
#define WEBPUSH_JWT_CACHE 16   /* origins (push services) kept */
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

/*
 * The VAPID Authorization value for endpoint's origin: a signed JWT
 * valid WEBPUSH_JWT_TTL, reused for WEBPUSH_JWT_REUSE (so every token
 * sent still has 11 h to run) for the same key, origin and contact.
 * One ES256 signature per push service an hour instead of one per push
 * (phones.md §3.4: cache one token per audience).  Any thread.
 */
static int
webpush_vapid_cached(const struct vapid_key *k, const char *endpoint,
    const char *contact, struct strbuf *out, struct strbuf *err)
{
	static struct {
		char origin[256];
		char contact[256];
		uint8_t pub[WEBPUSH_PUBLIC_LEN];
		long long made;
		char value[1024];
	} cache[WEBPUSH_JWT_CACHE];
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static unsigned int next;
	struct strbuf origin = STRBUF_INIT, value = STRBUF_INIT;
	long long now = (long long)time(NULL);
	unsigned int i;
	int rc;

	if (vapid_origin(endpoint, &origin) != 0 ||
	    origin.len >= sizeof(cache[0].origin) ||
	    strlen(contact) >= sizeof(cache[0].contact)) {
		strbuf_release(&origin); /* uncached: vapid_header says */
		return vapid_header(k, endpoint, now + WEBPUSH_JWT_TTL,
		    contact, out, err);
	}
	pthread_mutex_lock(&mu);
	for (i = 0; i < WEBPUSH_JWT_CACHE; i++)
		if (cache[i].made > now - WEBPUSH_JWT_REUSE &&
		    strcmp(cache[i].origin, origin.buf) == 0 &&
		    strcmp(cache[i].contact, contact) == 0 &&
		    memcmp(cache[i].pub, k->pub, sizeof(k->pub)) == 0) {
			rc = strbuf_addstr(out, cache[i].value);
			pthread_mutex_unlock(&mu);
			strbuf_release(&origin);
			return rc;
		}
	pthread_mutex_unlock(&mu);
	rc = vapid_header(k, endpoint, now + WEBPUSH_JWT_TTL, contact, &value,
	    err);
	if (rc == 0 && value.len < sizeof(cache[0].value)) {
		pthread_mutex_lock(&mu);
		i = next++ % WEBPUSH_JWT_CACHE;
		snprintf(cache[i].origin, sizeof(cache[i].origin), "%s",
		    origin.buf);
		snprintf(cache[i].contact, sizeof(cache[i].contact), "%s",
		    contact);
		memcpy(cache[i].pub, k->pub, sizeof(k->pub));
		memcpy(cache[i].value, value.buf, value.len + 1);
		cache[i].made = now;
		pthread_mutex_unlock(&mu);
	}
	if (rc == 0)
		rc = strbuf_add(out, value.buf, value.len);
	strbuf_release(&origin);
	strbuf_release(&value);
	return rc;
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
	if ((rc = webpush_vapid_cached(k, endpoint,
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
webpush_contact(const char *configured, const char *base_url, char *out,
    size_t size)
{
	char host[CHAN_HOST_MAX];

	if (configured != NULL && *configured) {
		snprintf(out, size, "%s", configured);
		return;
	}
	chan_url_host(base_url ? base_url : "", host);
	snprintf(out, size, "mailto:feige@%s", *host ? host : "localhost");
}

void
webpush_request_free(struct webpush_request *r)
{
	strbuf_release(&r->hbuf);
	strbuf_release(&r->body);
	memset(r->headers, 0, sizeof(r->headers));
}
