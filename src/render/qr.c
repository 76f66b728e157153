/*
 * qr.c: the QR code of a link, as an SVG document or as a PNG image.
 *
 * Both come from one libqrencode symbol (8-bit mode, error correction
 * level M, the smallest version that holds the text) with a quiet zone
 * of four modules on every side, the margin ISO/IEC 18004 asks for.
 *
 * SVG is the sharp one: one path of unit squares in a viewBox, so it
 * scales without blur.  PNG is for the places that want a bitmap: mail
 * clients and chat apps that refuse SVG in <img>, pushplus and WxPusher
 * clients that download qrCodeImgUrl / shortUrl and hand it to an image
 * view, phones saving the picture.  Upstream serves JPEG or PNG there,
 * never SVG.
 *
 * The PNG is written by render_png() (png.c) rather than through
 * libpng, because a QR code needs so little of the format (RFC 2083 /
 * PNG 1.2):
 *
 *   signature  137 80 78 71 13 10 26 10
 *   IHDR       width, height (big-endian 32-bit), bit depth 1, colour
 *              type 0 (grayscale), compression 0, filter 0, interlace 0
 *   IDAT       one chunk: the zlib stream (zlib's compress2) of every
 *              scanline, each a filter byte 0 (None) and then the row's
 *              pixels packed eight to a byte, most significant bit
 *              first, 1 = white and 0 = black
 *   IEND       empty
 *
 * and every chunk is length, type, data and the CRC-32 of type and data
 * (zlib's crc32, the same polynomial PNG uses).  1-bit grayscale keeps
 * the raw image an eighth of an 8-bit one, and filter None is right for
 * a picture made of long runs that deflate shrinks to almost nothing
 * (a 2960-pixel code compresses to a few kilobytes).
 *
 * A scanline depends only on its module row, so each module row is
 * built once and copied scale times.  The scale (pixels per module) is
 * clamped to 1..RENDER_QR_SCALE_MAX: the largest symbol (version 40,
 * 177 modules + 8 of quiet zone) at the maximum scale is 2960 pixels a
 * side and about 1.1 MB of raw scanlines, the most one request can make
 * this allocate.
 */
#include <qrencode.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "util/xmalloc.h"
#include "render/render.h"
#include "render/render_int.h"

#define QR_BORDER 4 /* quiet zone, in modules */

static QRcode *
qr_encode(const char *text)
{
	return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

int
render_qr_svg(struct strbuf *out, const char *text)
{
	QRcode *q = qr_encode(text);
	int x, y, rc, w;

	if (q == NULL)
		return FG_EINVAL;
	w = q->width + 2 * QR_BORDER;
	rc = strbuf_addf(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" "
	    "fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    w, w, w * RENDER_QR_SCALE, w * RENDER_QR_SCALE, w, w);
	for (y = 0; rc == 0 && y < q->width; y++)
		for (x = 0; rc == 0 && x < q->width; x++)
			if (q->data[y * q->width + x] & 1)
				rc = strbuf_addf(out, "M%d %dh1v1h-1z",
				    x + QR_BORDER, y + QR_BORDER);
	if (rc == 0)
		rc = strbuf_addstr(out, "\"/></svg>\n");
	QRcode_free(q);
	return rc;
}

/* The scanlines of q at scale pixels per module; *len gets their size. */
static unsigned char *
png_scanlines(const QRcode *q, int scale, size_t px, size_t *len)
{
	size_t stride = 1 + (px + 7) / 8, y, x, r;
	unsigned char *raw = xmalloc(stride * px), *row;
	int my, mx;

	for (y = 0; y < px; y += (size_t)scale) {
		row = raw + y * stride;
		memset(row, 0xff, stride);
		row[0] = 0; /* filter type None */
		my = (int)(y / (size_t)scale) - QR_BORDER;
		for (x = 0; my >= 0 && my < q->width && x < px; x++) {
			mx = (int)(x / (size_t)scale) - QR_BORDER;
			if (mx >= 0 && mx < q->width &&
			    (q->data[my * q->width + mx] & 1))
				row[1 + x / 8] &= (unsigned char)~(
				    0x80 >> (x % 8));
		}
		for (r = 1; r < (size_t)scale; r++)
			memcpy(row + r * stride, row, stride);
	}
	*len = stride * px;
	return raw;
}

int
render_qr_png(struct strbuf *out, const char *text, int scale)
{
	QRcode *q = qr_encode(text);
	unsigned char *raw;
	size_t px, rawlen;
	int rc;

	if (q == NULL)
		return FG_EINVAL;
	if (scale < 1)
		scale = 1;
	if (scale > RENDER_QR_SCALE_MAX)
		scale = RENDER_QR_SCALE_MAX;
	px = (size_t)(q->width + 2 * QR_BORDER) * (size_t)scale;
	raw = png_scanlines(q, scale, px, &rawlen);
	QRcode_free(q);
	/* bit depth 1, colour type 0 (grayscale) */
	rc = render_png(out, (uint32_t)px, (uint32_t)px, 1, 0, raw, rawlen);
	free(raw);
	return rc;
}
