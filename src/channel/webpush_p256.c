/*
 * webpush_p256.c: P-256 keys between their raw wire form and OpenSSL 3.
 *
 * Web Push moves keys as raw bytes: a 65-byte uncompressed point (the
 * browser's p256dh, the VAPID public key, the per-message key in the
 * aes128gcm header) and a 32-byte private scalar (what feige keeps of
 * its VAPID key).  OpenSSL 3 wants EVP_PKEYs built from OSSL_PARAMs.
 * This file is the only place that converts; it uses no API deprecated
 * in OpenSSL 3 (EC_KEY is; EC_GROUP/EC_POINT arithmetic is not), so the
 * public point of a stored scalar is computed here rather than stored
 * twice and trusted.
 *
 * Keys are written as base64url without padding (webpush_b64_decode,
 * webpush_b64_add), the form browsers hand out and pages need.
 *
 * HMAC-SHA-256 comes from libsodium, which feige links already; HKDF
 * (RFC 5869) is two HMACs and is spelled out by the callers, so the
 * RFC 8291 steps read one to one.
 */
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/param_build.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "channel/webpush_int.h"
#include "util/errors.h"
#include "util/xmalloc.h"

static EVP_PKEY *
from_params(const uint8_t *pub, const BIGNUM *priv)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey = NULL;

	if (bld == NULL ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
		"prime256v1", 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
		pub, WEBPUSH_PUBLIC_LEN) ||
	    (priv != NULL &&
		!OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY,
		    priv)) ||
	    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey,
		priv != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
		params) <= 0)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	return pkey;
}

/*
 * The curve, made once: EC_GROUP_new_by_curve_name() costs as much as a
 * scalar multiplication, three times per push before.  A group is only
 * read by the point functions, so threads share it; it is never freed.
 */
static EC_GROUP *p256;
static pthread_once_t p256_once = PTHREAD_ONCE_INIT;

static void
p256_make(void)
{
	p256 = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
}

static const EC_GROUP *
p256_group(void)
{
	pthread_once(&p256_once, p256_make);
	return p256;
}

/* fromdata does not check that the point is on the curve: do it here */
static int
point_ok(const uint8_t pub[WEBPUSH_PUBLIC_LEN])
{
	const EC_GROUP *g = p256_group();
	EC_POINT *p = g ? EC_POINT_new(g) : NULL;
	int ok;

	ok = p != NULL && pub[0] == 0x04 &&
	    EC_POINT_oct2point(g, p, pub, WEBPUSH_PUBLIC_LEN, NULL) == 1 &&
	    EC_POINT_is_on_curve(g, p, NULL) == 1;
	EC_POINT_free(p);
	return ok;
}

EVP_PKEY *
webpush_p256_public(const uint8_t pub[WEBPUSH_PUBLIC_LEN])
{
	return point_ok(pub) ? from_params(pub, NULL) : NULL;
}

int
webpush_keys_ok(const char *p256dh, const char *auth)
{
	uint8_t pub[WEBPUSH_PUBLIC_LEN], a[WEBPUSH_AUTH_LEN];
	EVP_PKEY *k;

	if (webpush_b64_decode(p256dh, pub, sizeof(pub)) != 0 ||
	    webpush_b64_decode(auth, a, sizeof(a)) != 0 ||
	    (k = webpush_p256_public(pub)) == NULL)
		return 0;
	EVP_PKEY_free(k);
	return 1;
}

EVP_PKEY *
webpush_p256_keypair(const uint8_t priv[WEBPUSH_PRIVATE_LEN],
    uint8_t pub[WEBPUSH_PUBLIC_LEN])
{
	const EC_GROUP *g = p256_group();
	EC_POINT *p = g ? EC_POINT_new(g) : NULL;
	BIGNUM *d = BN_bin2bn(priv, WEBPUSH_PRIVATE_LEN, NULL);
	EVP_PKEY *pkey = NULL;

	if (p != NULL && d != NULL && !BN_is_zero(d) &&
	    BN_cmp(d, EC_GROUP_get0_order(g)) < 0 &&
	    EC_POINT_mul(g, p, d, NULL, NULL, NULL) == 1 &&
	    EC_POINT_point2oct(g, p, POINT_CONVERSION_UNCOMPRESSED, pub,
		WEBPUSH_PUBLIC_LEN, NULL) == WEBPUSH_PUBLIC_LEN)
		pkey = from_params(pub, d);
	BN_clear_free(d);
	EC_POINT_free(p);
	return pkey;
}

EVP_PKEY *
webpush_p256_generate_key(uint8_t pub[WEBPUSH_PUBLIC_LEN])
{
	EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	size_t n = 0;

	if (pkey != NULL &&
	    (EVP_PKEY_get_octet_string_param(pkey,
		 OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pub, WEBPUSH_PUBLIC_LEN,
		 &n) != 1 ||
		n != WEBPUSH_PUBLIC_LEN)) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	return pkey;
}

int
webpush_p256_generate(uint8_t priv[WEBPUSH_PRIVATE_LEN],
    uint8_t pub[WEBPUSH_PUBLIC_LEN])
{
	EVP_PKEY *pkey = webpush_p256_generate_key(pub);
	BIGNUM *d = NULL;
	int rc = -1;

	if (pkey != NULL &&
	    EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1 &&
	    BN_bn2binpad(d, priv, WEBPUSH_PRIVATE_LEN) == WEBPUSH_PRIVATE_LEN)
		rc = 0;
	BN_clear_free(d);
	EVP_PKEY_free(pkey);
	return rc;
}

void
webpush_hmac(const uint8_t *key, size_t klen, const void *a, size_t alen,
    const void *b, size_t blen, uint8_t out[32])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, key, klen);
	crypto_auth_hmacsha256_update(&st, a, alen);
	if (b != NULL)
		crypto_auth_hmacsha256_update(&st, b, blen);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof(st));
}

int
webpush_b64_decode(const char *s, uint8_t *out, size_t want)
{
	size_t n = 0;

	if (sodium_base642bin(out, want, s, strlen(s), NULL, &n, NULL,
		sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
	    n == want)
		return 0;
	/* some clients keep the '=' padding */
	if (sodium_base642bin(out, want, s, strlen(s), NULL, &n, NULL,
		sodium_base64_VARIANT_URLSAFE) == 0 &&
	    n == want)
		return 0;
	return FG_EINVAL;
}

int
webpush_b64_add(struct strbuf *sb, const void *p, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *tmp = xmalloc(n);
	int rc;

	sodium_bin2base64(tmp, n, p, len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	rc = strbuf_add(sb, tmp, n - 1);
	free(tmp);
	return rc;
}
