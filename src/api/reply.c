/*
 * reply.c: the pushplus and WxPusher envelopes (compat.md §1): code is
 * always a JSON number, business errors are HTTP 200, the body is always
 * a JSON object.  Also the replies and the token extraction shared by
 * the recipient pages (follow, join, QR codes, notices).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "http/http.h"
#include "render/render.h"
#include "util/params.h"
#include "util/strbuf.h"

/*
 * {"code":N,"msg":"...","data":DATA then tail: "}" for pushplus,
 * ',"success":…}' for WxPusher.  No printf for data: it can be large.
 */
static void
envelope(struct http_req *r, unsigned int http_status, int code,
    const char *msg, const char *data_json, const char *tail)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "{\"code\":%d,\"msg\":", code);
	strbuf_add_json_str(&sb, msg, strlen(msg));
	strbuf_addstr(&sb, ",\"data\":");
	strbuf_addstr(&sb, data_json ? data_json : "null");
	strbuf_addstr(&sb, tail);
	http_reply_json(r, http_status, &sb);
	http_note_code(r, code);
	strbuf_release(&sb);
}

void
api_pp_reply(struct http_req *r, unsigned int http_status, int code,
    const char *msg, const char *data_json)
{
	envelope(r, http_status, code, msg, data_json, "}");
}

void
api_pp_reply_str(struct http_req *r, int code, const char *msg,
    const char *data)
{
	struct strbuf d = STRBUF_INIT;

	strbuf_add_json_str(&d, data, strlen(data));
	api_pp_reply(r, 200, code, msg, d.buf);
	strbuf_release(&d);
}

void
api_wx_reply(struct http_req *r, int code, const char *msg,
    const char *data_json)
{
	api_wx_reply_http(r, 200, code, msg, data_json);
}

void
api_wx_reply_http(struct http_req *r, unsigned int http_status, int code,
    const char *msg, const char *data_json)
{
	envelope(r, http_status, code, msg, data_json, code == 1000 ?
	    ",\"success\":true}" : ",\"success\":false}");
}

void
api_html_page(struct http_req *r, unsigned int status,
    const struct strbuf *html)
{
	http_reply(r, status, "text/html;charset=utf-8", html->buf,
	    html->len);
	http_reply_header(r, "Content-Security-Policy", RENDER_PAGE_CSP);
	http_reply_header(r, "Cache-Control", "no-store");
	http_reply_header(r, "Referrer-Policy", "no-referrer");
}

void
api_notice_page(struct http_req *r, unsigned int status, const char *title,
    const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	render_wx_notice(&sb, title, text);
	api_html_page(r, status, &sb);
	strbuf_release(&sb);
}

void
api_see_other(struct http_req *r, const char *to)
{
	http_reply(r, 303, "text/plain;charset=utf-8", "", 0);
	http_reply_header(r, "Location", to);
	http_reply_header(r, "Cache-Control", "no-store");
}

const char *
api_request_token(struct http_req *r, char *buf, size_t size)
{
	struct params p;
	const char *h, *v;
	size_t len = 0;

	if ((h = http_header(r, "Authorization")) != NULL &&
	    strncasecmp(h, "Bearer ", 7) == 0) {
		h += 7;
		while (*h == ' ')
			h++;
		snprintf(buf, size, "%s", h);
		return *buf ? buf : NULL;
	}
	if ((h = http_header(r, "X-Feige-Token")) != NULL && *h) {
		snprintf(buf, size, "%s", h);
		return buf;
	}
	params_init(&p, 64);
	(void)params_parse_form(&p, r->query, r->query_len);
	v = params_get(&p, "token", &len);
	if (v && len < size) {
		memcpy(buf, v, len + 1);
		v = buf;
	} else {
		v = NULL;
	}
	params_release(&p);
	return v;
}
