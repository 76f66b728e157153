/*
 * test_qr.c: the QR code PNG of src/render/qr.c read back the way an
 * image decoder would: the signature, every chunk's CRC-32, the IHDR
 * fields, and the scanlines zlib inflates from the one IDAT, compared
 * pixel by pixel with libqrencode's own matrix (quiet zone white,
 * scale pixels per module).  The SVG twin is checked for its size.
 */
#include <qrencode.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "harness.h"
#include "render/png_read.h"
#include "render/render.h"
#include "util/strbuf.h"

#define LINK "http://127.0.0.1:8080/follow/app/7?qr=0123456789abcdef"

/* 1 when pixel (x, y) of the inflated 1-bit image is black. */
static int
black(const struct png *p, uint32_t x, uint32_t y)
{
	size_t stride = 1 + (p->w + 7) / 8;

	return !(p->raw[y * stride + 1 + x / 8] & (0x80 >> (x % 8)));
}

static void
check_png(int scale, int want_scale)
{
	struct strbuf sb = STRBUF_INIT;
	QRcode *q = QRcode_encodeString(LINK, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct png p;
	uint32_t x, y, side, wrong = 0, filters = 0;
	int mx, my, dark;

	CHECK(q != NULL);
	CHECK(render_qr_png(&sb, LINK, scale) == 0);
	CHECK(png_read((const unsigned char *)sb.buf, sb.len, &p) == 0);
	CHECK_STR(p.order, "IHDRIDATIEND");
	CHECK(p.idat == 1);
	CHECK(p.bad_crc == 0);
	side = (uint32_t)(q->width + 8) * (uint32_t)want_scale;
	CHECK(p.w == side && p.h == side);
	CHECK(p.depth == 1 && p.color == 0 && p.rest == 0);
	CHECK(p.raw != NULL && p.rawlen == (1 + (side + 7) / 8) * side);
	for (y = 0; p.raw && y < p.h; y++) {
		filters += p.raw[y * (1 + (p.w + 7) / 8)] != 0;
		for (x = 0; x < p.w; x++) {
			mx = (int)(x / (uint32_t)want_scale) - 4;
			my = (int)(y / (uint32_t)want_scale) - 4;
			dark = mx >= 0 && my >= 0 && mx < q->width &&
			    my < q->width && (q->data[my * q->width + mx] & 1);
			wrong += black(&p, x, y) != dark;
		}
	}
	CHECK(filters == 0);
	CHECK(wrong == 0);
	free(p.raw);
	QRcode_free(q);
	strbuf_release(&sb);
}

TEST(png_structure_and_pixels)
{
	check_png(RENDER_QR_SCALE, RENDER_QR_SCALE);
	check_png(3, 3);
}

TEST(png_scale_clamped)
{
	check_png(1000, RENDER_QR_SCALE_MAX);
	check_png(0, 1);
	check_png(-5, 1);
}

TEST(png_refuses_what_does_not_fit)
{
	struct strbuf sb = STRBUF_INIT;
	char *big = malloc(8000);

	memset(big, 'a', 7999);
	big[7999] = '\0';
	CHECK(render_qr_png(&sb, big, 8) != 0);
	CHECK(render_qr_svg(&sb, big) != 0);
	CHECK(sb.len == 0);
	free(big);
	strbuf_release(&sb);
}

TEST(png_capped_buffer)
{
	struct strbuf sb;

	strbuf_init(&sb, 64);
	CHECK(render_qr_png(&sb, LINK, 8) != 0);
	strbuf_release(&sb);
}

TEST(svg_same_symbol)
{
	struct strbuf sb = STRBUF_INIT;
	QRcode *q = QRcode_encodeString(LINK, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	char want[64];

	CHECK(render_qr_svg(&sb, LINK) == 0);
	snprintf(want, sizeof(want), "viewBox=\"0 0 %d %d\"", q->width + 8,
	    q->width + 8);
	CHECK_CONTAINS(sb.buf, want);
	CHECK_CONTAINS(sb.buf, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	QRcode_free(q);
	strbuf_release(&sb);
}

int
main(void)
{
	RUN(png_structure_and_pixels);
	RUN(png_scale_clamped);
	RUN(png_refuses_what_does_not_fit);
	RUN(png_capped_buffer);
	RUN(svg_same_symbol);
	DONE();
}
