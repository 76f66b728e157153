/*
 * png.c: render_png(), a PNG file (RFC 2083 / PNG 1.2) around scanlines
 * the caller has already laid out, for the QR codes (qr.c, 1-bit
 * grayscale) and the app icons (icon.c, 8-bit RGBA).
 *
 * Only the part of the format those need, written here rather than
 * through libpng:
 *
 *   signature  137 80 78 71 13 10 26 10
 *   IHDR       width, height (big-endian 32-bit), bit depth, colour
 *              type, compression 0, filter 0, interlace 0
 *   IDAT       one chunk: the zlib stream (zlib's compress2) of every
 *              scanline, each a filter byte then the row's pixels
 *   IEND       empty
 *
 * and every chunk is length, type, data and the CRC-32 of type and data
 * (zlib's crc32, the same polynomial PNG uses).  The scanlines are the
 * caller's: it picks the filter byte of each row (0, None, everywhere
 * today) and packs the pixels for its depth and colour type.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/errors.h"
#include "util/xmalloc.h"
#include "render/render_int.h"

static void
png_put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* One chunk: length, type, data, CRC-32 of type and data. */
static int
png_chunk(struct strbuf *out, const char *type, const unsigned char *data,
    size_t len)
{
	unsigned char head[8], tail[4];
	uLong crc;
	int rc;

	png_put32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	crc = crc32(0L, head + 4, 4);
	if (len > 0) /* crc32() of a NULL buffer is the initial value */
		crc = crc32(crc, data, (uInt)len);
	png_put32(tail, (uint32_t)crc);
	if ((rc = strbuf_add(out, head, sizeof(head))) != 0 ||
	    (len > 0 && (rc = strbuf_add(out, data, len)) != 0))
		return rc;
	return strbuf_add(out, tail, sizeof(tail));
}

int
render_png(struct strbuf *out, uint32_t w, uint32_t h, int depth, int color,
    const unsigned char *raw, size_t rawlen)
{
	static const unsigned char sig[8] = { 137, 80, 78, 71, 13, 10, 26,
		10 };
	unsigned char ihdr[13], *z;
	uLongf zlen = compressBound((uLong)rawlen);
	size_t start = out->len;
	int rc;

	z = xmalloc(zlen);
	if (compress2(z, &zlen, raw, (uLong)rawlen, Z_BEST_COMPRESSION) !=
	    Z_OK) {
		free(z);
		return FG_EINVAL;
	}
	png_put32(ihdr, w);
	png_put32(ihdr + 4, h);
	ihdr[8] = (unsigned char)depth;
	ihdr[9] = (unsigned char)color;
	ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, filter 0, none */
	if ((rc = strbuf_add(out, sig, sizeof(sig))) == 0 &&
	    (rc = png_chunk(out, "IHDR", ihdr, sizeof(ihdr))) == 0 &&
	    (rc = png_chunk(out, "IDAT", z, zlen)) == 0)
		rc = png_chunk(out, "IEND", NULL, 0);
	free(z);
	if (rc != 0)
		strbuf_setlen(out, start);	/* no half a file */
	return rc;
}
