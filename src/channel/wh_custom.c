/*
 * wh_custom.c: webhook type 12, custom (自定义, pushplus extend/diy.md):
 * any URL, with the method, headers and body the user wrote, and the
 * placeholders {title}, {content} and {url} filled in per message.
 *
 * The config's fields (store_chan.h, open API httpMethod/headers/body):
 *
 *   http_method  GET, POST, PUT, PATCH or DELETE ("" is POST).
 *   headers      pushplus does not say how the header pairs its page
 *                collects travel over the API (pushplus-today.md §2.7),
 *                so both spellings a client is likely to send are
 *                taken: a JSON object text {"Name":"value",...}, or
 *                "Name: value" lines (LF or CRLF between them).  Host,
 *                Content-Length and Transfer-Encoding are refused (they
 *                belong to the transport), as is any CR, LF or other
 *                control character inside a name or value: no header can
 *                smuggle another one.  At most WH_HEADERS_MAX.  Header
 *                values are sent as written, placeholders are not
 *                expanded in them.
 *   body         the template; sent for every method but GET.
 *
 * Placeholders: {title} (the title, "" without one), {content} (the
 * content as sent) and {url} (the message page, <public base>/message/
 * <shortCode>, the link other services get).  The escaping follows
 * where the text lands, so a title with a quote or an ampersand cannot
 * break the request:
 *   - in the URL (every method): percent-encoded;
 *   - in a body sent as JSON (a Content-Type header naming json, or a
 *     body starting with { or [, a placeholder such as "{title}: …" at
 *     the start not counting): JSON-escaped, without quotes, so the
 *     template writes "text":"{content}";
 *   - in a body with Content-Type application/x-www-form-urlencoded:
 *     percent-encoded, so title={title}&desp={content} stays a form;
 *   - in any other body: as it is.
 * Without a Content-Type header a body goes as application/json;charset=
 * UTF-8 when it looks like JSON and as text/plain;charset=UTF-8 when it
 * does not.  An empty body template sends an empty body.
 *
 * Success is any 2xx: a custom endpoint has no reply format to read.
 * The transport rules (http.c) apply as to every webhook, the address
 * guard (channel.allow_private) included.
 *
 * Runs on a worker thread; the checks (channel_webhook_custom_check) on
 * the request thread of webhook/add and edit, or the CLI.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "channel/webhook.h"
#include "channel/webhook_int.h"
#include "util/errors.h"

static pthread_mutex_t base_lock = PTHREAD_MUTEX_INITIALIZER;
static char page_base[LIM_PP_URL_BYTES + 1];

void
channel_webhook_page_base(const char *base)
{
	size_t n;

	pthread_mutex_lock(&base_lock);
	snprintf(page_base, sizeof(page_base), "%s", base ? base : "");
	while ((n = strlen(page_base)) > 0 && page_base[n - 1] == '/')
		page_base[n - 1] = '\0';
	pthread_mutex_unlock(&base_lock);
}

void
channel_page_url(char *out, size_t size, const char *short_code)
{
	pthread_mutex_lock(&base_lock);
	snprintf(out, size, "%s/message/%s", page_base, short_code);
	pthread_mutex_unlock(&base_lock);
}

/* ---- placeholders ---- */

static int
add_escaped(struct strbuf *out, const char *s, size_t n, enum wh_esc esc)
{
	size_t start = out->len;
	int rc;

	switch (esc) {
	case WH_ESC_JSON:	/* strbuf_add_json_str, less its quotes */
		if ((rc = strbuf_add_json_str(out, s, n)) == 0) {
			memmove(out->buf + start, out->buf + start + 1,
			    out->len - start - 2);
			strbuf_setlen(out, out->len - 2);
		}
		return rc;
	case WH_ESC_URL:
		return strbuf_add_url(out, s, n);
	default:
		return strbuf_add(out, s, n);
	}
}

/* 1 when p starts with one of the placeholders. */
static int
placeholder(const char *p)
{
	return strncmp(p, "{title}", 7) == 0 ||
	    strncmp(p, "{content}", 9) == 0 || strncmp(p, "{url}", 5) == 0;
}

int
wh_expand(struct strbuf *out, const char *tmpl, enum wh_esc esc,
    const struct wh_vars *v)
{
	const char *p = tmpl, *b;
	int rc = 0;

	while (rc == 0 && (b = strchr(p, '{')) != NULL) {
		rc = strbuf_add(out, p, (size_t)(b - p));
		if (rc != 0)
			break;
		if (strncmp(b, "{title}", 7) == 0) {
			rc = add_escaped(out, v->title ? v->title : "",
			    v->title ? strlen(v->title) : 0, esc);
			p = b + 7;
		} else if (strncmp(b, "{content}", 9) == 0) {
			rc = add_escaped(out, v->content ? v->content : "",
			    v->content ? v->content_len : 0, esc);
			p = b + 9;
		} else if (strncmp(b, "{url}", 5) == 0) {
			rc = add_escaped(out, v->url ? v->url : "",
			    v->url ? strlen(v->url) : 0, esc);
			p = b + 5;
		} else {
			rc = strbuf_addch(out, '{');
			p = b + 1;
		}
	}
	return rc ? rc : strbuf_addstr(out, p);
}

/* ---- headers ---- */

static int
say(struct strbuf *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
say(struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		strbuf_reset(err);
		va_start(ap, fmt);
		strbuf_vaddf(err, fmt, ap);
		va_end(ap);
	}
	return FG_EINVAL;
}

/* RFC 9110 token characters. */
static int
name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    strchr("!#$%&'*+-.^_`|~", s[i]) == NULL)
			return 0;
	return 1;
}

static int
value_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			return 0;
	return 1;
}

static int
one_header(const char *name, size_t nl, const char *val, size_t vl,
    int *count, wh_header_cb cb, void *arg, struct strbuf *err)
{
	static const char *const refused[] = { "Host", "Content-Length",
	    "Transfer-Encoding", NULL };
	const char *const *r;

	while (nl && (*name == ' ' || *name == '\t'))
		name++, nl--;
	while (nl && (name[nl - 1] == ' ' || name[nl - 1] == '\t'))
		nl--;
	while (vl && (*val == ' ' || *val == '\t'))
		val++, vl--;
	while (vl && (val[vl - 1] == ' ' || val[vl - 1] == '\t'))
		vl--;
	if (!name_ok(name, nl))
		return say(err, "headers中的名称不合法: %.*s (header name is "
		    "not a token)", (int)(nl > 64 ? 64 : nl), name);
	if (!value_ok(val, vl))
		return say(err, "headers中%.*s的值含有换行或控制字符 (header "
		    "value holds CR, LF or a control character)", (int)nl,
		    name);
	for (r = refused; *r; r++)
		if (strlen(*r) == nl && strncasecmp(*r, name, nl) == 0)
			return say(err, "headers不能设置%s (the %s header is "
			    "set by the server)", *r, *r);
	if (++*count > WH_HEADERS_MAX)
		return say(err, "headers最多%d个 (too many headers)",
		    WH_HEADERS_MAX);
	return cb ? cb(arg, name, nl, val, vl) : 0;
}

static int
headers_json(const char *text, wh_header_cb cb, void *arg,
    struct strbuf *err)
{
	json_t *j = json_loads(text, 0, NULL), *v;
	const char *k;
	char num[64];
	int count = 0, rc = 0;

	if (!json_is_object(j)) {
		json_decref(j);
		return say(err, "headers须为JSON对象或“名称: 值”格式的多行文本 "
		    "(headers: a JSON object or \"Name: value\" lines)");
	}
	json_object_foreach(j, k, v) {
		const char *s = num;

		if (json_is_string(v))
			s = json_string_value(v);
		else if (json_is_integer(v))
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(v));
		else {
			rc = say(err, "headers中%.64s的值须为字符串 (header "
			    "values must be strings)", k);
			break;
		}
		if ((rc = one_header(k, strlen(k), s, strlen(s), &count, cb,
		    arg, err)) != 0)
			break;
	}
	json_decref(j);
	return rc;
}

int
wh_headers_each(const char *text, wh_header_cb cb, void *arg,
    struct strbuf *err)
{
	const char *p = text, *eol, *colon;
	size_t n;
	int count = 0, line = 0, rc;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p == '{')
		return headers_json(text, cb, arg, err);
	for (p = text; *p; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		eol = eol ? eol : p + strlen(p);
		n = (size_t)(eol - p);
		line++;
		if (n && p[n - 1] == '\r')
			n--;	/* CRLF between lines */
		if (strspn(p, " \t") >= n)
			continue;	/* blank line */
		if ((colon = memchr(p, ':', n)) == NULL)
			return say(err, "headers第%d行缺少冒号，格式为“名称: 值” "
			    "(headers line %d has no ':')", line, line);
		if ((rc = one_header(p, (size_t)(colon - p), colon + 1,
		    n - (size_t)(colon - p) - 1, &count, cb, arg, err)) != 0)
			return rc;
	}
	return 0;
}

/* ---- the config check ---- */

static const char *const methods[] = { "GET", "POST", "PUT", "PATCH",
    "DELETE", NULL };

int
channel_webhook_custom_check(struct store_chan *c, struct strbuf *err)
{
	const char *const *m;
	char *p;

	if (c->type != WEBHOOK_TYPE_CUSTOM) {
		if (*c->http_method || *c->headers || *c->body)
			return say(err, "httpMethod、headers、body仅适用于自定义"
			    "类型(webhookType=12) (only for the custom type "
			    "12)");
		return 0;
	}
	if (*c->http_method == '\0')
		snprintf(c->http_method, sizeof(c->http_method), "POST");
	for (p = c->http_method; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	for (m = methods; *m && strcmp(*m, c->http_method) != 0; m++)
		;
	if (*m == NULL)
		return say(err, "httpMethod须为GET、POST、PUT、PATCH或DELETE "
		    "(httpMethod must be GET, POST, PUT, PATCH or DELETE)");
	if (strcmp(c->http_method, "GET") == 0 && *c->body)
		return say(err, "GET请求不能设置body，请把{title}、{content}写在"
		    "地址中 (a GET has no body; put the placeholders in the "
		    "URL)");
	return wh_headers_each(c->headers, NULL, NULL, err);
}

/* ---- the request ---- */

struct collect {
	struct wh_request	*rq;
	int			 json, form, has_ctype;
};

static int
collect_header(void *arg, const char *name, size_t nl, const char *val,
    size_t vl)
{
	struct collect *c = arg;

	if (nl == 12 && strncasecmp(name, "Content-Type", 12) == 0) {
		char ct[128];

		snprintf(ct, sizeof(ct), "%.*s", (int)(vl < 127 ? vl : 127),
		    val);
		for (char *p = ct; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		c->has_ctype = 1;
		c->json = strstr(ct, "json") != NULL;
		c->form = strstr(ct, "x-www-form-urlencoded") != NULL;
	}
	if (strbuf_addf(&c->rq->lines, "%.*s: %.*s", (int)nl, name, (int)vl,
	    val) != 0)
		return FG_ETOOBIG;
	return strbuf_addch(&c->rq->lines, '\0');
}

/* Point rq->headers at the NUL-separated lines. */
static void
index_lines(struct wh_request *rq)
{
	size_t off = 0;
	int n = 0;

	while (off < rq->lines.len && n < WH_HEADERS_MAX + 1) {
		rq->headers[n++] = rq->lines.buf + off;
		off += strlen(rq->lines.buf + off) + 1;
	}
	rq->headers[n] = NULL;
}

int
wh_custom_build(struct wh_request *rq, const struct store_chan *cfg,
    const struct message *m, const char *page_url)
{
	struct collect c = { rq, 0, 0, 0 };
	struct wh_vars v = { m->title, m->content, m->content_len, page_url };
	const char *b = cfg->body, *ctype;
	enum wh_esc esc = WH_ESC_RAW;
	int rc;

	memset(rq, 0, sizeof(*rq));
	strbuf_init(&rq->url, LIM_PP_URL_BYTES * 4);
	strbuf_init(&rq->body, CHAN_PAYLOAD_MAX);
	strbuf_init(&rq->lines, LIM_WH_HEADERS_BYTES * 2);
	snprintf(rq->method, sizeof(rq->method), "%s", *cfg->http_method ?
	    cfg->http_method : "POST");
	if ((rc = wh_expand(&rq->url, cfg->url, WH_ESC_URL, &v)) != 0 ||
	    (rc = wh_headers_each(cfg->headers, collect_header, &c,
	    NULL)) != 0)
		return rc;
	rq->has_body = strcmp(rq->method, "GET") != 0;
	while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
		b++;
	if (c.json || (!c.form && (*b == '[' || (*b == '{' &&
	    !placeholder(b)))))
		esc = WH_ESC_JSON;
	else if (c.form)
		esc = WH_ESC_URL;
	if (rq->has_body && (rc = wh_expand(&rq->body, cfg->body, esc,
	    &v)) != 0)
		return rc;
	ctype = esc == WH_ESC_JSON ? "application/json;charset=UTF-8" :
	    "text/plain;charset=UTF-8";
	if (rq->has_body && rq->body.len && !c.has_ctype &&
	    (rc = collect_header(&c, "Content-Type", 12, ctype,
	    strlen(ctype))) != 0)
		return rc;
	index_lines(rq);
	return 0;
}

void
wh_request_release(struct wh_request *rq)
{
	strbuf_release(&rq->url);
	strbuf_release(&rq->body);
	strbuf_release(&rq->lines);
}

static int
custom_make(const struct store_chan *cfg, const struct message *m,
    struct chan_req *req, struct delivery_result *res)
{
	struct wh_request rq;
	char url[LIM_PP_URL_BYTES + 64];
	size_t i;
	int rc = 0;

	channel_page_url(url, sizeof(url), m->short_code);
	if (wh_custom_build(&rq, cfg, m, url) != 0) {
		chan_fail(res, DELIVERY_PERMFAIL, req->what, 0, "the request "
		    "cannot be built (too large, or the config's headers are "
		    "bad)");
		wh_request_release(&rq);
		return -1;
	}
	snprintf(req->method, sizeof(req->method), "%s", rq.method);
	req->has_body = rq.has_body;
	rc = strbuf_add(&req->url, rq.url.buf, rq.url.len);
	if (rc == 0 && rq.has_body)
		rc = strbuf_add(&req->body, rq.body.buf, rq.body.len);
	for (i = 0; rc == 0 && rq.headers[i] != NULL; i++)
		if (rq.has_body || strncasecmp(rq.headers[i],
		    "Content-Type:", 13) != 0)
			rc = chan_req_header(req, rq.headers[i]);
	wh_request_release(&rq);
	if (rc != 0) {
		chan_fail(res, DELIVERY_PERMFAIL, req->what, 0, "the request "
		    "is too large");
		return -1;
	}
	return 0;
}

int
channel_webhook_fits(const struct store_chan *c, const struct message *m,
    char *why, size_t size)
{
	struct message t;
	struct wh_request rq;
	char url[LIM_PP_URL_BYTES + 64];
	int rc;

	if (c->type != WEBHOOK_TYPE_CUSTOM)
		return 0;
	t = *m;		/* the short code is not made yet: the longest */
	memset(t.short_code, 'x', sizeof(t.short_code) - 1);
	t.short_code[sizeof(t.short_code) - 1] = '\0';
	channel_page_url(url, sizeof(url), t.short_code);
	rc = wh_custom_build(&rq, c, &t, url);
	wh_request_release(&rq);
	if (rc != 0) {
		snprintf(why, size, "自定义webhook请求过大: 按此消息生成的请求超过"
		    "%d KB (the custom webhook's request built from this "
		    "message is over %d KiB)", CHAN_PAYLOAD_MAX / 1024,
		    CHAN_PAYLOAD_MAX / 1024);
		return -1;
	}
	return 0;
}

const struct webhook_type webhook_custom = {
	.id = WEBHOOK_TYPE_CUSTOM, .name = "custom", .make = custom_make,
};
