/*
 * test_wh_custom.c: unit tests for the custom webhook type
 * (src/channel/wh_custom.c): the placeholder expander and its three
 * escapings, the header parser (JSON object text and lines, every
 * refusal), the config check, and the request built for a message
 * (method, URL, headers, body) without any network.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#include "channel/webhook.h"
#include "channel/webhook_int.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/strbuf.h"

static const char *
expand(const char *tmpl, enum wh_esc esc, const char *title,
    const char *content)
{
	static struct strbuf sb = STRBUF_INIT;
	struct wh_vars v = { title, content, content ? strlen(content) : 0,
	    "https://p.example/message/abc" };

	strbuf_reset(&sb);
	if (wh_expand(&sb, tmpl, esc, &v) != 0)
		return NULL;
	return sb.buf;
}

TEST(expand_raw)
{
	CHECK_STR(expand("[{title}] {content} {url}", WH_ESC_RAW, "t\"1",
	    "a&b\n"), "[t\"1] a&b\n https://p.example/message/abc");
	/* unknown braces and a lone brace stay as written */
	CHECK_STR(expand("{x}{title}{", WH_ESC_RAW, "T", "c"), "{x}T{");
	CHECK_STR(expand("{{title}}", WH_ESC_RAW, "T", "c"), "{T}");
	/* no title: empty */
	CHECK_STR(expand("<{title}>", WH_ESC_RAW, NULL, "c"), "<>");
	CHECK_STR(expand("", WH_ESC_RAW, "T", "c"), "");
	CHECK_STR(expand("no placeholders", WH_ESC_JSON, "T", "c"),
	    "no placeholders");
}

TEST(expand_json)
{
	CHECK_STR(expand("{\"t\":\"{title}\",\"c\":\"{content}\"}",
	    WH_ESC_JSON, "say \"hi\"\\", "line1\nline2\t\x01"),
	    "{\"t\":\"say \\\"hi\\\"\\\\\",\"c\":\"line1\\nline2\\t"
	    "\\u0001\"}");
	/* UTF-8 passes through; the url needs no escaping in JSON */
	CHECK_STR(expand("{\"u\":\"{url}\",\"x\":\"{title}\"}", WH_ESC_JSON,
	    "你好", ""), "{\"u\":\"https://p.example/message/abc\","
	    "\"x\":\"你好\"}");
}

TEST(expand_url)
{
	CHECK_STR(expand("/p/{title}?c={content}&u={url}", WH_ESC_URL,
	    "a b/c", "你&=#~._-"), "/p/a%20b%2Fc?c=%E4%BD%A0%26%3D%23~._-"
	    "&u=https%3A%2F%2Fp.example%2Fmessage%2Fabc");
}

struct seen {
	char	text[512];
	int	n;
};

static int
record(void *arg, const char *name, size_t nl, const char *val, size_t vl)
{
	struct seen *s = arg;
	size_t len = strlen(s->text);

	snprintf(s->text + len, sizeof(s->text) - len, "[%.*s=%.*s]",
	    (int)nl, name, (int)vl, val);
	s->n++;
	return 0;
}

static const char *
headers(const char *text, struct strbuf *err)
{
	static struct seen s;

	memset(&s, 0, sizeof(s));
	strbuf_reset(err);
	return wh_headers_each(text, record, &s, err) == 0 ? s.text : NULL;
}

TEST(headers_formats)
{
	struct strbuf err = STRBUF_INIT;

	CHECK_STR(headers("{\"A\":\"1\", \"X-N\": 7}", &err), "[A=1][X-N=7]");
	CHECK_STR(headers("  {\"A\":\" sp \"}", &err), "[A=sp]");
	CHECK_STR(headers("A: 1\r\nB:2\n\n  \nC : x: y \t", &err),
	    "[A=1][B=2][C=x: y]");
	CHECK_STR(headers("", &err), "");
	CHECK_STR(headers("\n\r\n", &err), "");
	CHECK_STR(headers("Empty:", &err), "[Empty=]");
	strbuf_release(&err);
}

TEST(headers_refused)
{
	struct strbuf err = STRBUF_INIT;
	char many[1024] = "";
	int i;

	CHECK(headers("A: 1\nnope", &err) == NULL);
	CHECK_CONTAINS(err.buf, "第2行缺少冒号");
	CHECK(headers("host: x", &err) == NULL);
	CHECK_CONTAINS(err.buf, "不能设置Host");
	CHECK(headers("{\"CONTENT-LENGTH\":\"1\"}", &err) == NULL);
	CHECK_CONTAINS(err.buf, "不能设置Content-Length");
	CHECK(headers("Transfer-Encoding: chunked", &err) == NULL);
	CHECK(headers("A: 1\rB: 2", &err) == NULL);
	CHECK_CONTAINS(err.buf, "控制字符");
	CHECK(headers("{\"A\":\"1\\nB: 2\"}", &err) == NULL);
	CHECK(headers("{\"A\":\"\\u0000\"}", &err) == NULL);
	CHECK(headers("{\"A\\r\\nB\":\"1\"}", &err) == NULL);
	CHECK_CONTAINS(err.buf, "名称不合法");
	CHECK(headers("A B: 1", &err) == NULL);
	CHECK(headers(": 1", &err) == NULL);
	CHECK(headers("{\"A\":[1]}", &err) == NULL);
	CHECK_CONTAINS(err.buf, "须为字符串");
	CHECK(headers("{\"A\":", &err) == NULL);
	CHECK(headers("[\"A: 1\"]", &err) == NULL);	/* name `["A` */
	for (i = 0; i <= WH_HEADERS_MAX; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many),
		    "H%d: v\n", i);
	CHECK(headers(many, &err) == NULL);
	CHECK_CONTAINS(err.buf, "最多");
	strbuf_release(&err);
}

static struct store_chan
chan(int type, const char *method, const char *hdrs, const char *body)
{
	struct store_chan c;

	memset(&c, 0, sizeof(c));
	c.type = type;
	snprintf(c.url, sizeof(c.url), "https://h.example/x?t={title}");
	snprintf(c.http_method, sizeof(c.http_method), "%s", method);
	snprintf(c.headers, sizeof(c.headers), "%s", hdrs);
	snprintf(c.body, sizeof(c.body), "%s", body);
	return c;
}

TEST(config_check)
{
	struct strbuf err = STRBUF_INIT;
	struct store_chan c = chan(12, "", "", "");

	CHECK(channel_webhook_custom_check(&c, &err) == 0);
	CHECK_STR(c.http_method, "POST");
	c = chan(12, "patch", "X: 1", "{}");
	CHECK(channel_webhook_custom_check(&c, &err) == 0);
	CHECK_STR(c.http_method, "PATCH");
	c = chan(12, "TRACE", "", "");
	CHECK(channel_webhook_custom_check(&c, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "httpMethod须为");
	c = chan(12, "get", "", "b");
	CHECK(channel_webhook_custom_check(&c, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "GET请求不能设置body");
	c = chan(12, "GET", "Host: a", "");
	CHECK(channel_webhook_custom_check(&c, &err) == FG_EINVAL);
	c = chan(1, "", "", "");
	CHECK(channel_webhook_custom_check(&c, &err) == 0);
	CHECK_STR(c.http_method, "");
	c = chan(3, "POST", "", "");
	CHECK(channel_webhook_custom_check(&c, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "仅适用于自定义类型");
	strbuf_release(&err);
}

static struct message
msg(const char *title, const char *content)
{
	struct message m;

	memset(&m, 0, sizeof(m));
	m.title = (char *)title;
	m.content = (char *)content;
	m.content_len = strlen(content);
	snprintf(m.short_code, sizeof(m.short_code), "abc");
	return m;
}

/* "METHOD url|h1|h2|...|body" of the request built for c and m. */
static const char *
request(const struct store_chan *c, const struct message *m)
{
	static char out[4096];
	struct wh_request rq;
	const char *const *h;

	if (wh_custom_build(&rq, c, m, "https://p/m/abc") != 0) {
		wh_request_release(&rq);
		return NULL;
	}
	snprintf(out, sizeof(out), "%s %s", rq.method, rq.url.buf);
	for (h = rq.headers; *h; h++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "|%s",
		    *h);
	snprintf(out + strlen(out), sizeof(out) - strlen(out), "|%s",
	    rq.has_body ? rq.body.buf : "(none)");
	wh_request_release(&rq);
	return out;
}

TEST(build_request)
{
	struct message m = msg("a\"b c", "x&y");
	struct store_chan c;

	c = chan(12, "POST", "{\"X-K\":\"v\"}", "{\"t\":\"{title}\"}");
	CHECK_STR(request(&c, &m), "POST https://h.example/x?t=a%22b%20c"
	    "|X-K: v|Content-Type: application/json;charset=UTF-8"
	    "|{\"t\":\"a\\\"b c\"}");
	c = chan(12, "PUT", "content-type: application/x-www-form-urlencoded",
	    "t={title}&c={content}");
	CHECK_STR(request(&c, &m), "PUT https://h.example/x?t=a%22b%20c"
	    "|content-type: application/x-www-form-urlencoded"
	    "|t=a%22b%20c&c=x%26y");
	c = chan(12, "POST", "Content-Type: application/json", "{title}");
	CHECK_STR(request(&c, &m), "POST https://h.example/x?t=a%22b%20c"
	    "|Content-Type: application/json|a\\\"b c");
	c = chan(12, "DELETE", "", "{title} {content}");
	CHECK_STR(request(&c, &m), "DELETE https://h.example/x?t=a%22b%20c"
	    "|Content-Type: text/plain;charset=UTF-8|a\"b c x&y");
	c = chan(12, "GET", "A: 1", "");
	CHECK_STR(request(&c, &m), "GET https://h.example/x?t=a%22b%20c"
	    "|A: 1|(none)");
	/* an empty body: sent empty, no Content-Type made up */
	c = chan(12, "POST", "", "");
	CHECK_STR(request(&c, &m), "POST https://h.example/x?t=a%22b%20c|");
}

int
main(void)
{
	RUN(expand_raw);
	RUN(expand_json);
	RUN(expand_url);
	RUN(headers_formats);
	RUN(headers_refused);
	RUN(config_check);
	RUN(build_request);
	DONE();
}
