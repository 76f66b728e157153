/*
 * webpush.h: Web Push with the server's state around the pure crypto of
 * webpush_crypto.h: the VAPID key kept in the store (vapid_keep.c) and
 * the request to a subscription's push service (webpush.c), built but
 * not sent: the caller posts it with chan_http_send().
 */
#ifndef FG_WEBPUSH_H
#define FG_WEBPUSH_H

#include "channel/webpush_crypto.h"
#include "store/store.h"

/*
 * The server's VAPID key: made at the first start, kept in the store's
 * meta table, and checked (vapid_check) at every start.  0, or an
 * enum fg_err with err.
 */
int vapid_load(struct store *, struct vapid_key *out, struct strbuf *err);

/* What one notification says, and how the push service is to hold it. */
struct webpush_msg {
	const char *title;
	const char *body;    /* cut to fit (UTF-8 boundary, "…") */
	const char *url;     /* opened on click; NULL: none */
	const char *id;	     /* the message's id; NULL: none */
	int ttl;	     /* seconds the service keeps it */
	const char *urgency; /* very-low low normal high; NULL */
	const char *topic;   /* <= 32 base64url chars; NULL */
	const char *contact; /* VAPID sub: mailto: or https: */
	int recall;	     /* 1: {"id","recall":true} only */
};

#define WEBPUSH_NHEADERS 6

/*
 * The POST to a subscription's endpoint: header lines ("Name: value",
 * NULL-terminated, pointing into hbuf) and the aes128gcm body (binary,
 * body.len bytes).  Free with webpush_request_free().
 */
struct webpush_request {
	const char *headers[WEBPUSH_NHEADERS + 1];
	struct strbuf hbuf;
	struct strbuf body;
};

/*
 * Build the request for the subscription (endpoint, p256dh, auth as
 * the browser gave them): payload {"title","body","url","id"} within
 * WEBPUSH_MAX_PLAIN bytes, encrypted (RFC 8291), with TTL, Urgency,
 * Topic, Content-Encoding, Content-Type and the VAPID Authorization
 * (valid 12 h from now).  0, or FG_EINVAL with err; out is initialised
 * either way.
 */
int webpush_build(const struct vapid_key *, const char *endpoint,
    const char *p256dh, const char *auth, const struct webpush_msg *,
    struct webpush_request *out, struct strbuf *err);
void webpush_request_free(struct webpush_request *);

/*
 * The VAPID contact (sub) into out: configured (webpush.contact) when
 * set, else mailto:feige@ the host of base_url (public_url).
 */
void webpush_contact(const char *configured, const char *base_url, char *out,
    size_t size);

/*
 * POST a built request to endpoint through the address guard
 * (webpush_post.c).  *status is the push service's HTTP status (0: no
 * answer; detail says why).  0 when the service took it (201 or any
 * 2xx), -1 otherwise.
 */
int webpush_post(const struct webpush_request *, const char *endpoint,
    long *status, struct strbuf *detail);

#endif
