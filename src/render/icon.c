/*
 * icon.c: feige's app icon, drawn in code: a white paper plane (飞鸽,
 * "flying pigeon", carries the message) on feige's blue (#1664ff, the
 * link colour of the pages), as an 8-bit RGBA PNG (png.c).
 *
 * Drawn rather than shipped: the manifest wants 192 and 512 pixel
 * icons, a maskable variant, and iOS an apple-touch-icon of 180; five
 * binary files with no source would be the only blobs in the tree.
 * Here the picture is a few triangles in a unit square, so every size
 * is exact and a change of colour is a one-line diff.  A request costs
 * one rendering (4x4 samples a pixel, about 4 million for 512 pixels);
 * the static handler lets browsers cache the result for a day.
 *
 * Variants (W3C "Web App Manifest", purpose and the maskable safe zone):
 *
 *   any        a rounded square (radius 22%) on transparency, the plane
 *              filling the middle 64%
 *   maskable   the blue square to the edges (the platform cuts its own
 *              shape) and the plane inside the middle 50%, within the
 *              safe zone, a circle of 40% radius
 *   apple      opaque like maskable (iOS rounds the corners itself and
 *              shows black where it finds transparency), plane 60%
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "util/xmalloc.h"
#include "render/render.h"
#include "render/render_int.h"

#define ICON_SS		4	/* samples per pixel along each axis */
#define ICON_RADIUS	0.22	/* corner radius of "any", of the side */

struct icon_pt {
	double x, y;
};

struct icon_tri {
	struct icon_pt	a, b, c;
	unsigned char	rgb[3];
};

static const unsigned char icon_blue[3] = { 0x16, 0x64, 0xff };

/* The plane in a unit square, nose up and right; y grows downwards. */
static const struct icon_tri icon_plane[] = {
	/* upper wing */
	{ { 0.95, 0.08 }, { 0.04, 0.46 }, { 0.42, 0.60 }, { 255, 255, 255 } },
	/* lower wing */
	{ { 0.95, 0.08 }, { 0.42, 0.60 }, { 0.64, 0.93 }, { 255, 255, 255 } },
	/* the fold under the wings, in shade */
	{ { 0.42, 0.60 }, { 0.42, 0.88 }, { 0.55, 0.73 }, { 198, 216, 255 } },
};

struct icon_style {
	int	full;		/* background to the edges (kinds 1, 2) */
	double	content;	/* the plane's box, part of the side */
};

static double
icon_edge(struct icon_pt p, struct icon_pt a, struct icon_pt b)
{
	return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

static int
icon_in_tri(struct icon_pt p, const struct icon_tri *t)
{
	double e1 = icon_edge(p, t->a, t->b), e2 = icon_edge(p, t->b, t->c),
	       e3 = icon_edge(p, t->c, t->a);

	return (e1 >= 0 && e2 >= 0 && e3 >= 0) ||
	    (e1 <= 0 && e2 <= 0 && e3 <= 0);
}

static double
icon_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Is p (unit square) inside the rounded square of the "any" icon? */
static int
icon_in_round(struct icon_pt p)
{
	double cx = icon_clamp(p.x, ICON_RADIUS, 1 - ICON_RADIUS);
	double cy = icon_clamp(p.y, ICON_RADIUS, 1 - ICON_RADIUS);

	return (p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy) <=
	    ICON_RADIUS * ICON_RADIUS;
}

/* The colour at p: 1 and rgb when something is drawn there, else 0. */
static int
icon_sample(const struct icon_style *st, struct icon_pt p,
    const unsigned char **rgb)
{
	struct icon_pt q;
	double off = (1 - st->content) / 2;
	size_t i;

	if (!st->full && !icon_in_round(p))
		return 0;
	q.x = (p.x - off) / st->content;
	q.y = (p.y - off) / st->content;
	*rgb = icon_blue;
	for (i = 0; i < NELEM(icon_plane); i++)
		if (icon_in_tri(q, &icon_plane[i]))
			*rgb = icon_plane[i].rgb;
	return 1;
}

/* One pixel (x, y) of a size-pixel icon into px[4]: RGBA, anti-aliased. */
static void
icon_pixel(const struct icon_style *st, int size, int x, int y,
    unsigned char *px)
{
	unsigned int sum[3] = { 0, 0, 0 }, n = 0, k;
	const unsigned char *rgb;
	struct icon_pt p;
	int sx, sy;

	for (sy = 0; sy < ICON_SS; sy++)
		for (sx = 0; sx < ICON_SS; sx++) {
			p.x = (x + (sx + 0.5) / ICON_SS) / size;
			p.y = (y + (sy + 0.5) / ICON_SS) / size;
			if (!icon_sample(st, p, &rgb))
				continue;
			for (k = 0; k < 3; k++)
				sum[k] += rgb[k];
			n++;
		}
	for (k = 0; k < 3; k++)
		px[k] = n ? (unsigned char)((sum[k] + n / 2) / n) : 0;
	px[3] = (unsigned char)((n * 255 + ICON_SS * ICON_SS / 2) /
	    (ICON_SS * ICON_SS));
}

int
render_icon_png(struct strbuf *out, int size, int kind)
{
	/* the plane's part of the side, by kind (see the top) */
	static const double content[] = { 0.64, 0.50, 0.60 };
	struct icon_style st;
	size_t stride, len;
	unsigned char *raw, *row;
	int x, y, rc;

	if (size < 16 || size > RENDER_ICON_MAX || kind < 0 || kind > 2)
		return FG_EINVAL;
	st.full = kind != 0;
	st.content = content[kind];
	stride = 1 + (size_t)size * 4;
	len = stride * (size_t)size;
	raw = xmalloc(len);
	for (y = 0; y < size; y++) {
		row = raw + (size_t)y * stride;
		row[0] = 0; /* filter type None */
		for (x = 0; x < size; x++)
			icon_pixel(&st, size, x, y, row + 1 + (size_t)x * 4);
	}
	/* bit depth 8, colour type 6 (RGBA) */
	rc = render_png(out, (uint32_t)size, (uint32_t)size, 8, 6, raw, len);
	free(raw);
	return rc;
}

int
render_icon_name(const char *name, int *size, int *kind)
{
	static const struct {
		const char	*name;
		int		 size, kind;
	} icons[] = {
		{ "icon-192.png", 192, 0 },
		{ "icon-512.png", 512, 0 },
		{ "icon-maskable-192.png", 192, 1 },
		{ "icon-maskable-512.png", 512, 1 },
		{ "apple-touch-icon.png", 180, 2 },
	};
	size_t i;

	for (i = 0; i < NELEM(icons); i++)
		if (strcmp(name, icons[i].name) == 0) {
			*size = icons[i].size;
			*kind = icons[i].kind;
			return 0;
		}
	return FG_ENOENT;
}
