/*
 * qr.c: the QR code images behind every link feige hands out to be
 * scanned: WxPusher's /qrcode/... (wx_qr.c) and the open API's
 * /join/{code} (open_join.c).  Each is served in two forms, chosen by
 * the path's suffix so that the URL alone says what it is (clients
 * that download qrCodeImgUrl or shortUrl save it under its own name):
 *
 *   KEY.svg   image/svg+xml, sharp at any size (what feige served first)
 *   KEY.png   image/png, for clients and mail readers that take only
 *             bitmaps in <img>; ?scale=N pixels per module (default
 *             RENDER_QR_SCALE, clamped to 1..RENDER_QR_SCALE_MAX)
 *
 * The image of a link never changes while the link lives, so it may be
 * cached for an hour (an expired link's image only leads to the page
 * that says so).  Neither may load anything (CSP default-src 'none'),
 * and nosniff keeps a browser from reading them as anything else.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "http/http.h"
#include "render/render.h"
#include "util/params.h"
#include "util/strbuf.h"

int
api_qr_name(const char *name, char *key, size_t size)
{
	size_t n = strlen(name);
	int kind;

	if (n <= 4)
		return API_QR_NONE;
	if (strcmp(name + n - 4, ".svg") == 0)
		kind = API_QR_SVG;
	else if (strcmp(name + n - 4, ".png") == 0)
		kind = API_QR_PNG;
	else
		return API_QR_NONE;
	if (n - 4 >= size)
		return API_QR_NONE;
	memcpy(key, name, n - 4);
	key[n - 4] = '\0';
	return kind;
}

/* ?scale=N of a PNG request, else the default. */
static int
qr_scale(struct http_req *r)
{
	struct params p;
	const char *v;
	int scale = RENDER_QR_SCALE;
	long long n;

	params_init(&p, 16);
	(void)params_parse_form(&p, r->query, r->query_len);
	if ((v = params_get(&p, "scale", NULL)) != NULL &&
	    params_int(v, INT_MIN, INT_MAX, &n) == 0)
		scale = (int)n;
	params_release(&p);
	return scale;
}

void
api_qr_reply(struct http_req *r, const char *link, int kind)
{
	struct strbuf img = STRBUF_INIT;
	const char *type = "image/svg+xml";
	int rc;

	if (kind == API_QR_PNG) {
		type = "image/png";
		rc = render_qr_png(&img, link, qr_scale(r));
	} else {
		rc = render_qr_svg(&img, link);
	}
	if (rc != 0) {
		api_pp_reply(r, 500, 500, "系统异常，请稍后再试", NULL);
	} else {
		http_reply(r, 200, type, img.buf, img.len);
		http_reply_header(r, "Cache-Control", "public, max-age=3600");
		http_reply_header(r, "X-Content-Type-Options", "nosniff");
		http_reply_header(r, "Content-Security-Policy",
		    "default-src 'none'");
	}
	strbuf_release(&img);
}
