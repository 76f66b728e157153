/*
 * webpush_crypto.h: the cryptography of Web Push, without any I/O.
 *
 * Two pieces, each a pure function of its inputs (any thread):
 *
 *  - webpush_encrypt(): RFC 8291 message encryption over RFC 8188's
 *    aes128gcm content coding, one record (webpush_ece.c).  The body it
 *    produces is what goes in the POST to the subscription's endpoint
 *    with `Content-Encoding: aes128gcm`.
 *  - vapid_*(): the application server's identity, RFC 8292 (vapid.c):
 *    a P-256 key pair made once and kept in the data dir, and the ES256
 *    JWT that goes in `Authorization: vapid t=<jwt>, k=<public key>`.
 *
 * Keys travel as base64url without padding, as browsers hand them out
 * (PushSubscription.toJSON()) and as the page needs the public key for
 * `applicationServerKey`.
 */
#ifndef FG_WEBPUSH_CRYPTO_H
#define FG_WEBPUSH_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define WEBPUSH_PUBLIC_LEN 65 /* uncompressed P-256 point */
#define WEBPUSH_PRIVATE_LEN 32
#define WEBPUSH_AUTH_LEN 16
#define WEBPUSH_SALT_LEN 16
#define WEBPUSH_HEADER_LEN 86 /* salt, rs, idlen, keyid */
#define WEBPUSH_TAG_LEN 16
#define WEBPUSH_RS 4096
/* Push services must take 4096 bytes of body (RFC 8030 7.2). */
#define WEBPUSH_MAX_PLAIN \
	(WEBPUSH_RS - WEBPUSH_HEADER_LEN - WEBPUSH_TAG_LEN - 1)

/*
 * The random inputs of one encryption.  NULL members are drawn fresh
 * (production); tests pin them to reproduce RFC 8291 Appendix A.
 */
struct webpush_fixed {
	const uint8_t *as_private; /* WEBPUSH_PRIVATE_LEN */
	const uint8_t *salt;	   /* WEBPUSH_SALT_LEN */
};

/*
 * Encrypt plain (at most WEBPUSH_MAX_PLAIN bytes) for the subscription
 * whose keys are ua_public and auth; append the aes128gcm body to out.
 * fixed may be NULL.  0, or FG_EINVAL (bad key, too long) with err set.
 */
int webpush_encrypt(const uint8_t ua_public[WEBPUSH_PUBLIC_LEN],
    const uint8_t auth[WEBPUSH_AUTH_LEN], const void *plain, size_t len,
    const struct webpush_fixed *fixed, struct strbuf *out, struct strbuf *err);

/*
 * 1 when a subscription's keys, as PushSubscription.toJSON() gives
 * them, are usable: p256dh base64url of an uncompressed P-256 point,
 * auth base64url of 16 bytes.
 */
int webpush_keys_ok(const char *p256dh, const char *auth);

/* base64url without padding: decode exactly want bytes; 0 or FG_EINVAL. */
int webpush_b64_decode(const char *s, uint8_t *out, size_t want);
/* Append base64url (no padding) of len bytes. */
int webpush_b64_add(struct strbuf *, const void *, size_t len);

/* A VAPID key pair, raw. */
struct vapid_key {
	uint8_t priv[WEBPUSH_PRIVATE_LEN];
	uint8_t pub[WEBPUSH_PUBLIC_LEN];
};

/* Make a fresh key pair.  0 or FG_EIO. */
int vapid_generate(struct vapid_key *, struct strbuf *err);
/* Check that priv and pub belong together (a loaded key).  0 or FG_EINVAL. */
int vapid_check(const struct vapid_key *, struct strbuf *err);
/*
 * Append the Authorization header value "vapid t=<jwt>, k=<pub>" for a
 * request to endpoint (its origin is the JWT's aud), valid until exp
 * (Unix seconds; at most 24 h ahead), with contact sub ("mailto:" or
 * "https:").  0, or FG_EINVAL with err.
 */
int vapid_header(const struct vapid_key *, const char *endpoint, long long exp,
    const char *sub, struct strbuf *out, struct strbuf *err);
/* Append the origin (scheme://host[:port]) of url; 0 or FG_EINVAL. */
int vapid_origin(const char *url, struct strbuf *out);
/*
 * Verify a compact ES256 JWT against a public key (65 bytes).  Used by
 * the tests and the stand-in checks; 0 when the signature is valid.
 */
int vapid_verify(const char *jwt, const uint8_t pub[WEBPUSH_PUBLIC_LEN]);

#endif
