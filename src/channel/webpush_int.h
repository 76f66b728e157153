/*
 * webpush_int.h: P-256 keys and HMAC shared by webpush_ece.c and
 * vapid.c (webpush_p256.c).  Internal to the Web Push files.
 */
#ifndef FG_WEBPUSH_INT_H
#define FG_WEBPUSH_INT_H

#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

#include "channel/webpush_crypto.h"

/* A public key from its 65-byte uncompressed point; NULL if invalid. */
EVP_PKEY *webpush_p256_public(const uint8_t pub[WEBPUSH_PUBLIC_LEN]);
/*
 * A key pair from the 32-byte private scalar; its public point is
 * computed and written to pub.  NULL if the scalar is not a valid key.
 */
EVP_PKEY *webpush_p256_keypair(const uint8_t priv[WEBPUSH_PRIVATE_LEN],
    uint8_t pub[WEBPUSH_PUBLIC_LEN]);
/* A fresh random key pair, its public key raw into pub; NULL on error. */
EVP_PKEY *webpush_p256_generate_key(uint8_t pub[WEBPUSH_PUBLIC_LEN]);
/* Fresh random key pair, raw.  0 or -1. */
int webpush_p256_generate(uint8_t priv[WEBPUSH_PRIVATE_LEN],
    uint8_t pub[WEBPUSH_PUBLIC_LEN]);
/* HMAC-SHA-256(key, a || b) into out (32 bytes); b may be NULL. */
void webpush_hmac(const uint8_t *key, size_t klen, const void *a, size_t alen,
    const void *b, size_t blen, uint8_t out[32]);

#endif
