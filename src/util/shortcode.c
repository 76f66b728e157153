/*
 * shortcode.c: the Feistel permutation behind shortCodes (shortcode.h).
 */
#include <sodium.h>
#include <string.h>

#include "util/shortcode.h"

#define ROUNDS 4

/*
 * The round function: SipHash-2-4 (a PRF with a 128-bit key and 64-bit
 * output, exactly a Feistel half) keyed with the round's slice of the
 * 32-byte key; rounds 0 and 2 use the first half, 1 and 3 the second,
 * and the round number is mixed into the input.
 */
static uint64_t
round_fn(const uint8_t *key, int r, uint64_t x)
{
	uint8_t in[9], out[crypto_shorthash_siphash24_BYTES];
	uint64_t v = 0;
	int i;

	in[0] = (uint8_t)r;
	for (i = 0; i < 8; i++)
		in[1 + i] = (uint8_t)(x >> (56 - 8 * i));
	crypto_shorthash_siphash24(out, in, sizeof(in),
	    key + (r & 1) * crypto_shorthash_siphash24_KEYBYTES);
	for (i = 0; i < 8; i++)
		v = v << 8 | out[i];
	return v;
}

static void
put_hex(uint64_t v, char *out)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 15; i >= 0; i--) {
		out[i] = hex[v & 15];
		v >>= 4;
	}
}

static int
get_hex(const char *s, uint64_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 16; i++) {
		char c = s[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else
			return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

void
shortcode_encode(const uint8_t key[SHORTCODE_KEY_LEN], int64_t id,
    char out[SHORTCODE_LEN + 1])
{
	uint64_t l = (uint64_t)id, r = 0, t;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		t = r;
		r = l ^ round_fn(key, i, r);
		l = t;
	}
	put_hex(l, out);
	put_hex(r, out + 16);
	out[SHORTCODE_LEN] = '\0';
}

int
shortcode_decode(const uint8_t key[SHORTCODE_KEY_LEN], const char *code,
    int64_t *id)
{
	uint64_t l, r, t;
	int i;

	if (strlen(code) != SHORTCODE_LEN || get_hex(code, &l) != 0 ||
	    get_hex(code + 16, &r) != 0)
		return -1;
	for (i = ROUNDS - 1; i >= 0; i--) {
		t = l;
		l = r ^ round_fn(key, i, l);
		r = t;
	}
	if (r != 0 || (int64_t)l <= 0)
		return -1;
	*id = (int64_t)l;
	return 0;
}
