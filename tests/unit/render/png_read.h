/*
 * png_read.h: a PNG read back the way an image decoder would, for the
 * tests of src/render/qr.c and icon.c: the signature, every chunk's
 * CRC-32, the IHDR fields, and the scanlines zlib inflates from IDAT.
 */
#ifndef FG_TEST_PNG_READ_H
#define FG_TEST_PNG_READ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

struct png {
	uint32_t	 w, h;
	int		 depth, color, rest;	/* rest: compression|filter|interlace */
	int		 chunks, bad_crc, idat;
	unsigned char	*raw;
	uLongf		 rawlen;
	size_t		 stride;		/* filter byte + one row */
	char		 order[64];		/* the chunk types, in order */
};

/* Bits per pixel of the colour types the tests meet (0 gray, 6 RGBA). */
static size_t
png_bits(const struct png *p)
{
	return (size_t)p->depth * (p->color == 6 ? 4 : 1);
}

/* Walk the chunks of a PNG; 0 when the structure holds together. */
static int
png_read(const unsigned char *b, size_t len, struct png *p)
{
	static const unsigned char sig[8] = { 137, 80, 78, 71, 13, 10, 26, 10 };
	size_t off = 8;

	memset(p, 0, sizeof(*p));
	if (len < 8 || memcmp(b, sig, 8) != 0)
		return -1;
	while (off + 12 <= len) {
		uint32_t n = get32(b + off), crc;
		const unsigned char *type = b + off + 4, *data = type + 4;

		if (off + 12 + n > len)
			return -1;
		crc = (uint32_t)crc32(crc32(0L, NULL, 0), type, 4 + n);
		if (crc != get32(data + n))
			p->bad_crc++;
		if (strlen(p->order) + 5 < sizeof(p->order))
			memcpy(p->order + strlen(p->order), type, 4);
		p->chunks++;
		if (memcmp(type, "IHDR", 4) == 0 && n == 13) {
			p->w = get32(data);
			p->h = get32(data + 4);
			p->depth = data[8];
			p->color = data[9];
			p->rest = data[10] | data[11] | data[12];
		} else if (memcmp(type, "IDAT", 4) == 0) {
			p->idat++;
			p->stride = 1 + (p->w * png_bits(p) + 7) / 8;
			p->rawlen = (uLongf)p->stride * p->h;
			p->raw = malloc(p->rawlen + 1);
			if (uncompress(p->raw, &p->rawlen, data, n) != Z_OK)
				return -1;
		}
		off += 12 + n;
	}
	return off == len ? 0 : -1;
}

#endif
