/*
 * webpush_ece.c: encrypt one Web Push message (RFC 8291 over RFC 8188
 * aes128gcm) (webpush_crypto.h).
 *
 * The steps follow RFC 8291 section 3.4 one to one, so the unit test can
 * compare each with Appendix A:
 *
 *   ecdh_secret = ECDH(as_private, ua_public)
 *   PRK_key     = HMAC(auth_secret, ecdh_secret)
 *   IKM         = HMAC(PRK_key, "WebPush: info" 0x00 ua_public as_public 0x01)
 *   PRK         = HMAC(salt, IKM)
 *   CEK         = HMAC(PRK, "Content-Encoding: aes128gcm" 0x00 0x01)[0..16)
 *   NONCE       = HMAC(PRK, "Content-Encoding: nonce" 0x00 0x01)[0..12)
 *   body        = salt | rs (4096, BE) | 65 | as_public
 *                 | AES-128-GCM(CEK, NONCE, plain | 0x02) | tag
 *
 * Web Push uses exactly one record, so the nonce is NONCE itself and the
 * padding delimiter is 0x02 (last record); feige adds no padding.  A
 * fresh sender key pair and salt per message (RAND_bytes via OpenSSL's
 * key generation, libsodium's randombytes for the salt) unless the
 * caller pins them for a test vector.  Secrets are wiped before return.
 */
#include <openssl/evp.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "channel/webpush_int.h"
#include "util/errors.h"
#include "util/xmalloc.h"

static const char KEY_INFO[] = "WebPush: info"; /* + its NUL */
static const char CEK_INFO[] = "Content-Encoding: aes128gcm";
static const char NONCE_INFO[] = "Content-Encoding: nonce";

/* ECDH(as, ua) -> 32 bytes; 0 or -1 */
static int
ecdh(EVP_PKEY *as, EVP_PKEY *ua, uint8_t secret[32])
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, as, NULL);
	size_t n = 32;
	int ok;

	ok = ctx != NULL && EVP_PKEY_derive_init(ctx) == 1 &&
	    EVP_PKEY_derive_set_peer(ctx, ua) == 1 &&
	    EVP_PKEY_derive(ctx, secret, &n) == 1 && n == 32;
	EVP_PKEY_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* HKDF-Expand for one block of output: HMAC(prk, info 0x00? 0x01) */
static void
expand(const uint8_t prk[32], const char *info, size_t infolen,
    uint8_t out[32])
{
	static const uint8_t one = 1;

	webpush_hmac(prk, 32, info, infolen, &one, 1, out);
}

static int
seal(const uint8_t cek[16], const uint8_t nonce[12], const void *plain,
    size_t len, uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	static const uint8_t delim = 0x02;
	int n1 = 0, n2 = 0, n3 = 0, ok;

	ok = ctx != NULL &&
	    EVP_EncryptInit_ex2(ctx, EVP_aes_128_gcm(), cek, nonce, NULL) &&
	    EVP_EncryptUpdate(ctx, out, &n1, plain, (int)len) &&
	    EVP_EncryptUpdate(ctx, out + n1, &n2, &delim, 1) &&
	    EVP_EncryptFinal_ex(ctx, out + n1 + n2, &n3) &&
	    (size_t)(n1 + n2 + n3) == len + 1 &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, WEBPUSH_TAG_LEN,
		out + len + 1) == 1;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* The keys of one message: everything derived before the cipher runs. */
struct ece_keys {
	uint8_t as_pub[WEBPUSH_PUBLIC_LEN];
	uint8_t salt[WEBPUSH_SALT_LEN];
	uint8_t cek[32];   /* first 16 used */
	uint8_t nonce[32]; /* first 12 used */
};

/* as: the sender's key pair (k->as_pub is its public key); kept. */
static int
derive(struct ece_keys *k, EVP_PKEY *as,
    const uint8_t ua_public[WEBPUSH_PUBLIC_LEN],
    const uint8_t auth[WEBPUSH_AUTH_LEN], struct strbuf *err)
{
	uint8_t secret[32], prk_key[32], ikm[32], prk[32];
	uint8_t info[sizeof(KEY_INFO) + 2 * WEBPUSH_PUBLIC_LEN];
	EVP_PKEY *ua;
	int rc = FG_EINVAL;

	if ((ua = webpush_p256_public(ua_public)) == NULL) {
		strbuf_setf(err, "p256dh is not a P-256 public key");
		return FG_EINVAL;
	}
	if (ecdh(as, ua, secret) != 0) {
		strbuf_setf(err, "ECDH failed");
		goto out;
	}
	webpush_hmac(auth, WEBPUSH_AUTH_LEN, secret, 32, NULL, 0, prk_key);
	memcpy(info, KEY_INFO, sizeof(KEY_INFO)); /* with the 0x00 */
	memcpy(info + sizeof(KEY_INFO), ua_public, WEBPUSH_PUBLIC_LEN);
	memcpy(info + sizeof(KEY_INFO) + WEBPUSH_PUBLIC_LEN, k->as_pub,
	    WEBPUSH_PUBLIC_LEN);
	expand(prk_key, (const char *)info, sizeof(info), ikm);
	webpush_hmac(k->salt, WEBPUSH_SALT_LEN, ikm, 32, NULL, 0, prk);
	expand(prk, CEK_INFO, sizeof(CEK_INFO), k->cek);
	expand(prk, NONCE_INFO, sizeof(NONCE_INFO), k->nonce);
	rc = 0;
out:
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(prk_key, sizeof(prk_key));
	sodium_memzero(ikm, sizeof(ikm));
	sodium_memzero(prk, sizeof(prk));
	EVP_PKEY_free(ua);
	return rc;
}

int
webpush_encrypt(const uint8_t ua_public[WEBPUSH_PUBLIC_LEN],
    const uint8_t auth[WEBPUSH_AUTH_LEN], const void *plain, size_t len,
    const struct webpush_fixed *fixed, struct strbuf *out, struct strbuf *err)
{
	uint8_t hdr[WEBPUSH_HEADER_LEN], *ct;
	struct ece_keys k;
	EVP_PKEY *as;
	int rc;

	if (len > WEBPUSH_MAX_PLAIN) {
		strbuf_setf(err, "push payload of %zu bytes exceeds %d", len,
		    WEBPUSH_MAX_PLAIN);
		return FG_EINVAL;
	}
	/* a fresh key is used as made: no second scalar multiplication */
	if (fixed != NULL && fixed->as_private != NULL)
		as = webpush_p256_keypair(fixed->as_private, k.as_pub);
	else
		as = webpush_p256_generate_key(k.as_pub);
	if (as == NULL) {
		strbuf_setf(err, "sender key: generation failed");
		return FG_EIO;
	}
	if (fixed != NULL && fixed->salt != NULL)
		memcpy(k.salt, fixed->salt, WEBPUSH_SALT_LEN);
	else
		randombytes_buf(k.salt, WEBPUSH_SALT_LEN);
	rc = derive(&k, as, ua_public, auth, err);
	EVP_PKEY_free(as);
	if (rc != 0)
		goto out;
	memcpy(hdr, k.salt, WEBPUSH_SALT_LEN);
	hdr[16] = (WEBPUSH_RS >> 24) & 0xff;
	hdr[17] = (WEBPUSH_RS >> 16) & 0xff;
	hdr[18] = (WEBPUSH_RS >> 8) & 0xff;
	hdr[19] = WEBPUSH_RS & 0xff;
	hdr[20] = WEBPUSH_PUBLIC_LEN;
	memcpy(hdr + 21, k.as_pub, WEBPUSH_PUBLIC_LEN);
	ct = xmalloc(len + 1 + WEBPUSH_TAG_LEN);
	if (seal(k.cek, k.nonce, plain, len, ct) != 0) {
		strbuf_setf(err, "AES-128-GCM failed");
		rc = FG_EIO;
	} else if ((rc = strbuf_add(out, hdr, sizeof(hdr))) == 0 &&
	    (rc = strbuf_add(out, ct, len + 1 + WEBPUSH_TAG_LEN)) != 0)
		strbuf_setlen(out, out->len - sizeof(hdr));
	free(ct);
out:
	sodium_memzero(&k, sizeof(k));
	return rc;
}
