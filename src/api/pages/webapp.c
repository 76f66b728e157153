/*
 * webapp.c: the files that make the inbox an installable web app (issue
 * 10 §2): the service worker at /sw.js, /manifest.webmanifest and the
 * icons under /static/ (drawn by render/icon.c).
 *
 * /sw.js is served from the root because a worker controls only the
 * paths under its own: from /static/ it could never see /inbox.  Root
 * scope is the default there, so no Service-Worker-Allowed header is
 * needed; it is sent anyway ("/"), which keeps the registration working
 * should the file ever move below the root.  Cache-Control: no-cache,
 * so a new feige's worker is found at the next visit (browsers ignore
 * caching of worker scripts beyond 24 hours anyway).  The worker runs
 * under its own CSP (its script response's): it fetches from feige only.
 *
 * The manifest has the type the W3C spec names,
 * application/manifest+json.  Icons cost a rendering each, so they are
 * cached for a day; the others for five minutes, like /static/.
 */
#include <string.h>

#include "api/api.h"
#include "http/http.h"
#include "render/render.h"
#include "util/strbuf.h"

#define WEBAPP_WORKER_CSP \
	"default-src 'none'; connect-src 'self'; img-src 'self'"

void
api_webapp_file(struct http_req *r)
{
	const char *ctype, *body;
	size_t len;
	int sw = strcmp(r->path, "/sw.js") == 0;

	if ((body = render_static(r->path, &len, &ctype)) == NULL)
		return api_pp_reply(r, 404, 404, "文件不存在 (not found)",
		    NULL);
	http_reply(r, 200, ctype, body, len);
	http_reply_header(r, "X-Content-Type-Options", "nosniff");
	if (sw) {
		http_reply_header(r, "Cache-Control", "no-cache");
		http_reply_header(r, "Service-Worker-Allowed", "/");
		http_reply_header(r, "Content-Security-Policy",
		    WEBAPP_WORKER_CSP);
	} else
		http_reply_header(r, "Cache-Control", "public, max-age=300");
}

int
api_webapp_icon(struct http_req *r, const char *name)
{
	struct strbuf png = STRBUF_INIT;
	int size, kind;

	if (render_icon_name(name, &size, &kind) != 0)
		return -1;
	if (render_icon_png(&png, size, kind) != 0) {
		strbuf_release(&png);
		api_pp_reply(r, 500, 500, "服务器错误 (icon)", NULL);
		return 0;
	}
	http_reply(r, 200, "image/png", png.buf, png.len);
	http_reply_header(r, "Cache-Control", "public, max-age=86400");
	http_reply_header(r, "X-Content-Type-Options", "nosniff");
	strbuf_release(&png);
	return 0;
}
