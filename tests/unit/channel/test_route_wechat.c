/*
 * test_route_wechat.c: the WeChat route (channel/route_wechat.c) without
 * the network: the template message's exact body (fields cut to 20
 * characters, the url), and judge()'s verdict on each errcode of
 * phones.md §1.3 and on transport failures.
 */
#include <string.h>

#include "harness.h"

#include "channel/route.h"
#include "channel/wechat.h"

extern const struct route_driver route_wechat; /* route.c names it so */

TEST(template_body)
{
	struct strbuf sb = STRBUF_INIT;
	struct wechat_tpl t = { "磁盘告警", "/ 使用率 95%", "ops",
		"https://feige.example/message/abc" };

	CHECK(wechat_template_body(&sb, "oOPENID", "TPL1", "title,content,source", &t) == 0);
	CHECK_STR(sb.buf,
	    "{\"touser\":\"oOPENID\",\"template_id\":\"TPL1\",\"url\":"
	    "\"https://feige.example/message/abc\",\"data\":{\"title\":"
	    "{\"value\":\"磁盘告警\"},\"content\":{\"value\":\"/ 使用率 "
	    "95%\"},\"source\":{\"value\":\"ops\"}}}");
	strbuf_release(&sb);
}

TEST(template_fields_cut)
{
	struct strbuf sb = STRBUF_INIT;
	struct wechat_tpl t = { "一二三四五六七八九十一二三四五六七八九十",
		"一二三四五六七八九十一二三四五六七八九十多", "", "u" };

	CHECK(wechat_template_body(&sb, "o", "T", "title,content,source", &t) == 0);
	/* exactly 20: kept; 21: 19 and an ellipsis */
	CHECK_CONTAINS(sb.buf, "\"title\":{\"value\":\"一二三四五六七八九十一二"
			       "三四五六七八九十\"}");
	CHECK_CONTAINS(sb.buf, "\"content\":{\"value\":\"一二三四五六七八九十"
			       "一二三四五六七八九…\"}");
	CHECK_CONTAINS(sb.buf, "\"source\":{\"value\":\"feige\"}");
	strbuf_reset(&sb);
	t.title = "";
	t.summary = "";
	CHECK(wechat_template_body(&sb, "o", "T", "title,content,source", &t) == 0);
	CHECK_CONTAINS(sb.buf, "\"title\":{\"value\":\"新消息\"}");
	strbuf_release(&sb);
}

/* The verdict on an answer of status and body. */
static enum route_verdict
judge(long status, const char *body, struct route_verdict_out *v)
{
	struct store_device d;
	struct route_answer a;

	memset(&d, 0, sizeof(d));
	memset(&a, 0, sizeof(a));
	memset(v, 0, sizeof(*v));
	strbuf_init(&v->detail, 0);
	a.status = status;
	a.body = body;
	a.len = body ? strlen(body) : 0;
	a.transport_msg = status ? NULL : "Connection refused";
	route_wechat.judge(&route_wechat, &d, &a, v);
	return v->verdict;
}

TEST(template_keys)
{
	struct strbuf sb = STRBUF_INIT;
	struct wechat_tpl t = { "T", "S", "F", "u" };

	CHECK(wechat_template_body(&sb, "o", "X", "thing1,,thing3", &t) == 0);
	CHECK_STR(sb.buf,
	    "{\"touser\":\"o\",\"template_id\":\"X\",\"url\":\"u\","
	    "\"data\":{\"thing1\":{\"value\":\"T\"},\"thing3\":"
	    "{\"value\":\"F\"}}}");
	strbuf_reset(&sb);
	CHECK(wechat_template_body(&sb, "o", "X", "a", &t) == 0);
	CHECK_CONTAINS(sb.buf, "\"data\":{\"a\":{\"value\":\"T\"}}");
	strbuf_release(&sb);
}

TEST(judge_errcodes)
{
	struct route_verdict_out v;
	static const struct {
		const char *body;
		enum route_verdict want;
	} cases[] = {
		{ "{\"errcode\":40001,\"errmsg\":\"invalid credential rid: x\"}",
		    ROUTE_RETRY },
		{ "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}",
		    ROUTE_RETRY },
		{ "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}",
		    ROUTE_RETRY },
		{ "{\"errcode\":-1,\"errmsg\":\"system error\"}", ROUTE_RETRY },
		{ "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}",
		    ROUTE_RETRY },
		{ "{\"errcode\":43004,\"errmsg\":\"require subscribe rid: y\"}",
		    ROUTE_GONE },
		{ "{\"errcode\":40003,\"errmsg\":\"invalid openid\"}",
		    ROUTE_FAIL },
		{ "{\"errcode\":40037,\"errmsg\":\"invalid template_id\"}",
		    ROUTE_FAIL },
		{ "{\"errcode\":47003,\"errmsg\":\"argument invalid!\"}",
		    ROUTE_FAIL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(judge(200, cases[i].body, &v) == cases[i].want);
		CHECK_CONTAINS(v.detail.buf, "errcode");
		if (strstr(cases[i].body, "45009"))
			CHECK(v.retry_after_ms >= 3600 * 1000);
		strbuf_release(&v.detail);
	}
}

TEST(judge_ok_and_transport)
{
	struct route_verdict_out v;

	CHECK(judge(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":"
			 "9007199254740993}",
		  &v) == ROUTE_OK);
	CHECK_STR(v.upstream_id, "9007199254740993");
	strbuf_release(&v.detail);
	CHECK(judge(0, NULL, &v) == ROUTE_RETRY);
	CHECK_CONTAINS(v.detail.buf, "Connection refused");
	strbuf_release(&v.detail);
	CHECK(judge(503, "busy", &v) == ROUTE_RETRY);
	strbuf_release(&v.detail);
	CHECK(judge(429, "", &v) == ROUTE_RETRY);
	strbuf_release(&v.detail);
	CHECK(judge(404, "nope", &v) == ROUTE_FAIL);
	strbuf_release(&v.detail);
	CHECK(judge(200, "<html>", &v) == ROUTE_FAIL);
	CHECK_CONTAINS(v.detail.buf, "not JSON");
	strbuf_release(&v.detail);
}

TEST(build_needs_configuration)
{
	struct wechat_settings ws = { "", "", "", "", "",
		"http://127.0.0.1:9", "", 0, 60 };
	struct store_device d;
	struct route_msg m = { 1, "c", "t", "s", "u", "src", 0 };
	struct route_req req;
	struct strbuf err = STRBUF_INIT;

	memset(&d, 0, sizeof(d));
	wechat_configure(&ws);
	route_req_init(&req);
	CHECK(route_wechat.build(&route_wechat, NULL, &d, &m, &req, &err) !=
	    0);
	CHECK_CONTAINS(err.buf, "template_id");
	route_req_free(&req);
	ws.template_id = "T";
	wechat_configure(&ws);
	route_req_init(&req);
	strbuf_reset(&err);
	CHECK(route_wechat.build(&route_wechat, NULL, &d, &m, &req, &err) !=
	    0);
	CHECK_CONTAINS(err.buf, "not configured");
	route_req_free(&req);
	strbuf_release(&err);
}

/* No answer from the token call: built anyway, and 41001 retries. */
TEST(build_without_token_retries)
{
	struct wechat_settings ws = { "wxid", "secret", "T",
		"title,content,source", "tok", "http://127.0.0.1:9", "", 0, 60 };
	struct store_device d;
	struct route_msg m = { 1, "c", "t", "s", "u", "src", 0 };
	struct route_req req;
	struct route_verdict_out v;
	struct strbuf err = STRBUF_INIT;
	size_t n;

	memset(&d, 0, sizeof(d));
	snprintf(d.endpoint, sizeof(d.endpoint), "oX");
	wechat_configure(&ws);
	route_req_init(&req);
	CHECK(route_wechat.build(&route_wechat, NULL, &d, &m, &req, &err) ==
	    0);
	n = strlen(req.url);
	CHECK(n > 13 && strcmp(req.url + n - 13, "access_token=") == 0);
	CHECK_CONTAINS(req.body.buf, "\"touser\":\"oX\"");
	route_req_free(&req);
	strbuf_release(&err);
	CHECK(judge(200, "{\"errcode\":41001,\"errmsg\":\"access_token "
			 "missing\"}",
		  &v) == ROUTE_RETRY);
	strbuf_release(&v.detail);
}

int
main(void)
{
	RUN(template_body);
	RUN(template_fields_cut);
	RUN(template_keys);
	RUN(judge_errcodes);
	RUN(judge_ok_and_transport);
	RUN(build_needs_configuration);
	RUN(build_without_token_retries);
	DONE();
}
