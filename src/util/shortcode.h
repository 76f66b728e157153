/*
 * shortcode.h: pushplus shortCodes (32 lowercase hex digits) as an
 * encryption of the message id.
 *
 * shortCode = hex(E_k(id || 0^64)), where E is a 4-round Feistel network
 * over two 64-bit halves with SipHash-2-4 as the round function (a
 * pseudorandom permutation, Luby-Rackoff).  Decoding inverts it and
 * accepts the code only if the low half comes back zero, so a guessed
 * code names a message with probability 2^-64, while the store needs no
 * index on a random column: every message insert would otherwise dirty a
 * random index page (most of the write volume of a group commit).
 *
 * The key is 32 random bytes kept in the store (meta table) and loaded by
 * every connection.
 */
#ifndef FG_SHORTCODE_H
#define FG_SHORTCODE_H

#include <stdint.h>

#define SHORTCODE_KEY_LEN	32
#define SHORTCODE_LEN		32

void	shortcode_encode(const uint8_t key[SHORTCODE_KEY_LEN], int64_t id,
	    char out[SHORTCODE_LEN + 1]);
/* 0 and *id on success; -1 if code is not one of ours. */
int	shortcode_decode(const uint8_t key[SHORTCODE_KEY_LEN],
	    const char *code, int64_t *id);

#endif
