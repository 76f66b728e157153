/*
 * test_icon.c: the app icons of src/render/icon.c decoded back: a valid
 * PNG (CRCs, one IDAT, 8-bit RGBA, filter None) of the asked size, the
 * "any" icon transparent in its corners and blue at its edge, maskable
 * and apple icons opaque to the corners, the plane white in the middle
 * of every kind; the names the manifest and the page use, and refusals.
 */
#include "harness.h"
#include "render/png_read.h"
#include "render/render.h"
#include "util/errors.h"
#include "util/strbuf.h"

/* Pixel (x, y) of an inflated RGBA image. */
static const unsigned char *
px(const struct png *p, uint32_t x, uint32_t y)
{
	return p->raw + y * p->stride + 1 + x * 4;
}

static int
is_rgba(const unsigned char *c, int r, int g, int b, int a)
{
	return c[0] == r && c[1] == g && c[2] == b && c[3] == a;
}

static void
check_icon(int size, int kind)
{
	struct strbuf sb = STRBUF_INIT;
	struct png p;
	uint32_t y, filters = 0, s = (uint32_t)size;

	CHECK(render_icon_png(&sb, size, kind) == 0);
	CHECK(png_read((const unsigned char *)sb.buf, sb.len, &p) == 0);
	CHECK_STR(p.order, "IHDRIDATIEND");
	CHECK(p.bad_crc == 0 && p.idat == 1);
	CHECK(p.w == s && p.h == s);
	CHECK(p.depth == 8 && p.color == 6 && p.rest == 0);
	CHECK(p.raw != NULL && p.rawlen == (1 + s * 4) * s);
	for (y = 0; p.raw && y < s; y++)
		filters += p.raw[y * p.stride] != 0;
	CHECK(filters == 0);
	if (p.raw == NULL)
		return;
	if (kind == 0) {
		/* rounded corners: nothing there; the middle of an edge blue */
		CHECK(px(&p, 0, 0)[3] == 0);
		CHECK(px(&p, s - 1, s - 1)[3] == 0);
		CHECK(is_rgba(px(&p, s / 2, 1), 0x16, 0x64, 0xff, 255));
	} else {
		/* full bleed: opaque blue to the corners */
		CHECK(is_rgba(px(&p, 0, 0), 0x16, 0x64, 0xff, 255));
		CHECK(is_rgba(px(&p, s - 1, s - 1), 0x16, 0x64, 0xff, 255));
	}
	/* the plane's upper wing is white a little left of the middle */
	CHECK(is_rgba(px(&p, s * 45 / 100, s * 45 / 100), 255, 255, 255,
	    255));
	free(p.raw);
	strbuf_release(&sb);
}

TEST(icon_kinds_and_sizes)
{
	check_icon(192, 0);
	check_icon(512, 0);
	check_icon(192, 1);
	check_icon(512, 1);
	check_icon(180, 2);
	check_icon(16, 0);
}

TEST(icon_names)
{
	int size = 0, kind = -1;

	CHECK(render_icon_name("icon-192.png", &size, &kind) == 0);
	CHECK(size == 192 && kind == 0);
	CHECK(render_icon_name("icon-maskable-512.png", &size, &kind) == 0);
	CHECK(size == 512 && kind == 1);
	CHECK(render_icon_name("apple-touch-icon.png", &size, &kind) == 0);
	CHECK(size == 180 && kind == 2);
	CHECK(render_icon_name("icon-1024.png", &size, &kind) == FG_ENOENT);
	CHECK(render_icon_name("", &size, &kind) == FG_ENOENT);
}

TEST(icon_refuses)
{
	struct strbuf sb = STRBUF_INIT, small;

	CHECK(render_icon_png(&sb, 8, 0) == FG_EINVAL);
	CHECK(render_icon_png(&sb, RENDER_ICON_MAX + 1, 0) == FG_EINVAL);
	CHECK(render_icon_png(&sb, 192, 3) == FG_EINVAL);
	CHECK(render_icon_png(&sb, 192, -1) == FG_EINVAL);
	CHECK(sb.len == 0);
	/* a capped buffer: the strbuf's error, nothing half written past */
	strbuf_init(&small, 100);
	CHECK(render_icon_png(&small, 192, 0) == FG_ETOOBIG);
	CHECK(small.len == 0);
	strbuf_release(&small);
}

TEST(inbox_from)
{
	struct strbuf sb = STRBUF_INIT;
	struct render_from f = { "天气应用", "晨报", "家人群", "张三" };

	CHECK(render_inbox_from(&sb, &f) == 0);
	CHECK_STR(sb.buf, "天气应用 · 晨报");
	strbuf_reset(&sb);
	f.topic = "";
	CHECK(render_inbox_from(&sb, &f) == 0);
	CHECK_STR(sb.buf, "天气应用");
	strbuf_reset(&sb);
	f.app = "";
	CHECK(render_inbox_from(&sb, &f) == 0);
	CHECK_STR(sb.buf, "家人群");
	strbuf_reset(&sb);
	f.group = NULL;
	CHECK(render_inbox_from(&sb, &f) == 0);
	CHECK_STR(sb.buf, "张三");
	strbuf_reset(&sb);
	f.sender = "";
	CHECK(render_inbox_from(&sb, &f) == 0);
	CHECK(sb.len == 0);
	strbuf_release(&sb);
}

int
main(void)
{
	RUN(icon_kinds_and_sizes);
	RUN(icon_names);
	RUN(icon_refuses);
	RUN(inbox_from);
	DONE();
}
