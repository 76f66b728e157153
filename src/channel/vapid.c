/*
 * vapid.c: the application server's identity for Web Push (RFC 8292).
 *
 * feige has one VAPID key pair per server, made at first start and kept
 * in the data dir (the caller stores the raw 32-byte scalar; the public
 * point is recomputed on load, so the pair cannot drift apart).  Every
 * push request carries
 *
 *   Authorization: vapid t=<JWT>, k=<base64url public key>
 *
 * where the JWT is ES256 over {"typ":"JWT","alg":"ES256"} and the claims
 * {"aud":<origin of the endpoint>,"exp":<unix s>,"sub":<contact>}.  Push
 * services are strict about it (Apple answers 403 BadJwtToken for an
 * exp more than 24 h ahead, a contact that is not a mailto:/https: URL,
 * or an aud with a path), so vapid_header() refuses what they would,
 * here and with a reason, instead of every push failing later.
 *
 * ECDSA signatures from OpenSSL are DER; JWS wants raw r | s (32 + 32
 * bytes), converted with ECDSA_SIG.  vapid_verify() is the inverse, for
 * the tests (RFC 8292 section 2.4's vector) and the recording stand-ins.
 */
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "channel/webpush_int.h"
#include "util/errors.h"

#define VAPID_MAX_TTL (24 * 3600)
#define VAPID_MAX_JWT 2048

int
vapid_generate(struct vapid_key *k, struct strbuf *err)
{
	if (webpush_p256_generate(k->priv, k->pub) != 0) {
		strbuf_setf(err, "VAPID key generation failed");
		return FG_EIO;
	}
	return 0;
}

int
vapid_check(const struct vapid_key *k, struct strbuf *err)
{
	uint8_t pub[WEBPUSH_PUBLIC_LEN];
	EVP_PKEY *pkey = webpush_p256_keypair(k->priv, pub);

	EVP_PKEY_free(pkey);
	if (pkey == NULL || memcmp(pub, k->pub, sizeof(pub)) != 0) {
		strbuf_setf(err, "VAPID private and public key do not match");
		return FG_EINVAL;
	}
	return 0;
}

int
vapid_origin(const char *url, struct strbuf *out)
{
	const char *host, *end;

	if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return FG_EINVAL;
	end = host + strcspn(host, "/?#");
	if (end == host || memchr(host, '@', (size_t)(end - host)) != NULL)
		return FG_EINVAL;
	return strbuf_add(out, url, (size_t)(end - url));
}

/* mailto:/https: with no space, quote or angle bracket (Apple's rule) */
static int
contact_ok(const char *sub)
{
	if (strncmp(sub, "mailto:", 7) != 0 && strncmp(sub, "https://", 8))
		return 0;
	return sub[strcspn(sub, " \t\r\n<>\"\\")] == '\0' && strlen(sub) > 8 &&
	    strlen(sub) < 256;
}

/* ES256 over data, raw r | s into sig */
static int
sign(const struct vapid_key *k, const char *data, size_t len, uint8_t sig[64])
{
	uint8_t pub[WEBPUSH_PUBLIC_LEN], der[80];
	EVP_PKEY *pkey = webpush_p256_keypair(k->priv, pub);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	const unsigned char *p = der;
	const BIGNUM *r, *s;
	ECDSA_SIG *es = NULL;
	size_t n = sizeof(der);
	int ok;

	ok = pkey != NULL && md != NULL &&
	    EVP_DigestSignInit_ex(md, NULL, "SHA256", NULL, NULL, pkey,
		NULL) == 1 &&
	    EVP_DigestSign(md, der, &n, (const unsigned char *)data, len) ==
		1 &&
	    (es = d2i_ECDSA_SIG(NULL, &p, (long)n)) != NULL;
	if (ok) {
		ECDSA_SIG_get0(es, &r, &s);
		ok = BN_bn2binpad(r, sig, 32) == 32 &&
		    BN_bn2binpad(s, sig + 32, 32) == 32;
	}
	ECDSA_SIG_free(es);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pkey);
	return ok ? 0 : -1;
}

int
vapid_header(const struct vapid_key *k, const char *endpoint, long long exp,
    const char *sub, struct strbuf *out, struct strbuf *err)
{
	static const char hdr[] = "{\"typ\":\"JWT\",\"alg\":\"ES256\"}";
	struct strbuf claims = STRBUF_INIT, jwt = STRBUF_INIT;
	uint8_t sig[64];
	int rc = FG_EINVAL;

	strbuf_init(&jwt, VAPID_MAX_JWT);
	if (!contact_ok(sub)) {
		strbuf_setf(err,
		    "vapid contact must be a mailto: or https: "
		    "URL without spaces or angle brackets");
		goto out;
	}
	if (exp > (long long)time(NULL) + VAPID_MAX_TTL) {
		strbuf_setf(err, "vapid exp more than 24 h ahead");
		goto out;
	}
	strbuf_addstr(&claims, "{\"aud\":\"");
	if (vapid_origin(endpoint, &claims) != 0) {
		strbuf_setf(err, "push endpoint is not an http(s) URL");
		goto out;
	}
	strbuf_addf(&claims, "\",\"exp\":%lld,\"sub\":\"%s\"}", exp, sub);
	if (webpush_b64_add(&jwt, hdr, sizeof(hdr) - 1) != 0 ||
	    strbuf_addch(&jwt, '.') != 0 ||
	    webpush_b64_add(&jwt, claims.buf, claims.len) != 0) {
		strbuf_setf(err, "vapid token too long");
		goto out;
	}
	if (sign(k, jwt.buf, jwt.len, sig) != 0) {
		strbuf_setf(err, "vapid signing failed");
		rc = FG_EIO;
		goto out;
	}
	if ((rc = strbuf_addch(&jwt, '.')) != 0 ||
	    (rc = webpush_b64_add(&jwt, sig, sizeof(sig))) != 0 ||
	    (rc = strbuf_addf(out, "vapid t=%s, k=", jwt.buf)) != 0 ||
	    (rc = webpush_b64_add(out, k->pub, WEBPUSH_PUBLIC_LEN)) != 0)
		strbuf_setf(err, "vapid header too long");
out:
	strbuf_release(&claims);
	strbuf_release(&jwt);
	return rc;
}

int
vapid_verify(const char *jwt, const uint8_t pub[WEBPUSH_PUBLIC_LEN])
{
	const char *dot = strrchr(jwt, '.');
	uint8_t raw[64], der[80], *p = der;
	EVP_PKEY *pkey = NULL;
	EVP_MD_CTX *md = NULL;
	ECDSA_SIG *es = NULL;
	BIGNUM *r, *s;
	int n = 0, ok = 0;

	if (dot == NULL || webpush_b64_decode(dot + 1, raw, 64) != 0 ||
	    (pkey = webpush_p256_public(pub)) == NULL)
		goto out;
	r = BN_bin2bn(raw, 32, NULL);
	s = BN_bin2bn(raw + 32, 32, NULL);
	if ((es = ECDSA_SIG_new()) == NULL || r == NULL || s == NULL ||
	    ECDSA_SIG_set0(es, r, s) != 1) {
		BN_free(r);
		BN_free(s);
		goto out;
	}
	n = i2d_ECDSA_SIG(es, &p);
	ok = n > 0 && (md = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestVerifyInit_ex(md, NULL, "SHA256", NULL, NULL, pkey,
		NULL) == 1 &&
	    EVP_DigestVerify(md, der, (size_t)n, (const unsigned char *)jwt,
		(size_t)(dot - jwt)) == 1;
out:
	EVP_MD_CTX_free(md);
	ECDSA_SIG_free(es);
	EVP_PKEY_free(pkey);
	return ok ? 0 : FG_EINVAL;
}
