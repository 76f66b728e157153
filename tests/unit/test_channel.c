/*
 * test_channel.c: unit tests for the network channels' pure parts
 * (src/channel/): each webhook type's payload builder, the cp body, the
 * text shaping (html to text, json, truncation), the mail MIME builder
 * and RFC 2047 subjects, and the outcome classification of transport
 * results and service replies.  No network: chan_http_outcome() and the
 * check functions are fed synthetic replies.
 */
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#include "channel/webhook_int.h"
#include "render/render.h"
#include "store/store.h"
#include "util/strbuf.h"

static struct message
msg(const char *title, const char *content, int tpl)
{
	struct message m;

	memset(&m, 0, sizeof(m));
	m.title = (char *)title;
	m.content = (char *)content;
	m.content_len = strlen(content);
	m.tpl = tpl;
	snprintf(m.short_code, sizeof(m.short_code), "%s",
	    "0123456789abcdef0123456789abcdef");
	return m;
}

/* The body type t builds for m to url, in a static buffer. */
static const char *
build_to(const struct webhook_type *t, const struct message *m,
    const char *url)
{
	static struct strbuf sb = STRBUF_INIT;

	strbuf_reset(&sb);
	if (t->build(&sb, m, url) != 0)
		return NULL;
	return sb.buf;
}

static const char *
build(const struct webhook_type *t, const struct message *m)
{
	return build_to(t, m, "https://hook.example/");
}

TEST(wecom_markdown_and_text)
{
	struct message m = msg("标题", "**粗**", TPL_MARKDOWN);

	CHECK_STR(build(&webhook_wecom, &m), "{\"msgtype\":\"markdown\","
	    "\"markdown\":{\"content\":\"### 标题\\n\\n**粗**\"}}");
	m = msg("", "a<b>", TPL_TXT);
	CHECK_STR(build(&webhook_wecom, &m), "{\"msgtype\":\"text\","
	    "\"text\":{\"content\":\"a<b>\"}}");
}

TEST(dingtalk_title_from_content)
{
	struct message m = msg("", "# 周报\n正文", TPL_MARKDOWN);

	CHECK_STR(build(&webhook_dingtalk, &m), "{\"msgtype\":\"markdown\","
	    "\"markdown\":{\"title\":\"周报 正文\",\"text\":\"# 周报\\n正文\"}}");
}

TEST(feishu_card_and_text)
{
	struct message m = msg("T", "<p>a</p><p>b &amp; c</p>", TPL_HTML);

	CHECK_STR(build(&webhook_feishu, &m), "{\"msg_type\":\"interactive\","
	    "\"card\":{\"header\":{\"title\":{\"tag\":\"plain_text\","
	    "\"content\":\"T\"}},\"elements\":[{\"tag\":\"markdown\","
	    "\"content\":\"a\\nb & c\"}]}}");
	m = msg("", "x", TPL_MARKDOWN);
	CHECK_STR(build(&webhook_feishu, &m), "{\"msg_type\":\"interactive\","
	    "\"card\":{\"elements\":[{\"tag\":\"markdown\",\"content\":"
	    "\"x\"}]}}");
	m = msg("T", "x", TPL_TXT);
	CHECK_STR(build(&webhook_feishu, &m), "{\"msg_type\":\"text\","
	    "\"content\":{\"text\":\"T\\n\\nx\"}}");
}

TEST(serverchan_title_cut_and_json)
{
	struct message m = msg("一二三四五六七八九十一二三四五六七八九十"
	    "一二三四五六七八九十一二三四五", "{\"a\":1}", TPL_JSON);

	CHECK_STR(build(&webhook_serverchan, &m), "{\"title\":\"一二三四五六七"
	    "八九十一二三四五六七八九十一二三四五六七八九十一…\",\"desp\":"
	    "\"```json\\n{\\n  \\\"a\\\": 1\\n}\\n```\"}");
}

TEST(json_webhook_as_sent)
{
	struct message m = msg("t", "{'bad json'}", TPL_JSON);

	CHECK_STR(build(&webhook_json, &m), "{\"title\":\"t\",\"content\":"
	    "\"{'bad json'}\",\"template\":\"json\",\"shortCode\":"
	    "\"0123456789abcdef0123456789abcdef\"}");
}

TEST(type_lookup)
{
	CHECK(webhook_type_lookup(1) == &webhook_wecom);
	CHECK(webhook_type_lookup(4) == &webhook_serverchan);
	CHECK(webhook_type_lookup(5) == &webhook_json);
	CHECK(webhook_type_lookup(0) == NULL);
	CHECK(webhook_type_lookup(6) == NULL);
	CHECK(webhook_type_lookup(12) == &webhook_custom);
	CHECK(webhook_type_lookup(50) == &webhook_bark);
	CHECK(webhook_type_lookup(11) == &webhook_wxpusher);
}

TEST(bark_gotify_ifttt)
{
	struct message m = msg("T", "<p>a<b>b</b></p>", TPL_HTML);

	CHECK_STR(build(&webhook_bark, &m), "{\"title\":\"T\",\"body\":"
	    "\"ab\"}");
	CHECK_STR(build(&webhook_gotify, &m), "{\"title\":\"T\","
	    "\"message\":\"ab\",\"extras\":{\"client::display\":"
	    "{\"contentType\":\"text/markdown\"}}}");
	CHECK_STR(build(&webhook_ifttt, &m), "{\"value1\":\"T\","
	    "\"value2\":\"ab\"}");
	m = msg("", "x", TPL_TXT);
	CHECK_STR(build(&webhook_bark, &m), "{\"body\":\"x\"}");
	CHECK_STR(build(&webhook_gotify, &m), "{\"message\":\"x\"}");
}

TEST(wxpusher_fields_from_url)
{
	struct message m = msg("T", "**x**", TPL_MARKDOWN);

	CHECK_STR(build_to(&webhook_wxpusher, &m, "https://w.example/api/"
	    "send/message/?appToken=AT_%41b&uid=UID_1,UID_2&topicId=7&"
	    "topicId=x&uids=UID_3#f"), "{\"appToken\":\"AT_Ab\","
	    "\"content\":\"**x**\",\"summary\":\"T\",\"contentType\":3,"
	    "\"uids\":[\"UID_1\",\"UID_2\",\"UID_3\"],\"topicIds\":[7]}");
	m = msg("", "a&b", TPL_TXT);
	CHECK_STR(build_to(&webhook_wxpusher, &m, "https://w.example/"),
	    "{\"appToken\":\"\",\"content\":\"a&b\",\"summary\":"
	    "\"a&b\",\"contentType\":1,\"uids\":[],\"topicIds\":[]}");
}

TEST(cp_body)
{
	struct message m = msg("告警", "内容", TPL_HTML);
	struct store_chan c;
	struct strbuf sb = STRBUF_INIT;

	memset(&c, 0, sizeof(c));
	c.agentid = 1000002;
	CHECK(cp_build(&sb, &m, &c, " u1 ,u2,, ") == 0);
	CHECK_STR(sb.buf, "{\"touser\":\"u1|u2\",\"msgtype\":\"markdown\","
	    "\"agentid\":1000002,\"markdown\":{\"content\":\"### 告警\\n\\n"
	    "内容\"}}");
	strbuf_reset(&sb);
	m = msg("", "t", TPL_TXT);
	CHECK(cp_build(&sb, &m, &c, "") == 0);
	CHECK_STR(sb.buf, "{\"touser\":\"@all\",\"msgtype\":\"text\","
	    "\"agentid\":1000002,\"text\":{\"content\":\"t\"}}");
	strbuf_release(&sb);
}

TEST(html_to_text)
{
	struct strbuf sb = STRBUF_INIT;
	const char *in = "<div>一<br>二</div><script>x()</script><style>p{}"
	    "</style><ul><li>a &lt;b&gt;</li><li>c&nbsp;d</li></ul>";

	CHECK(chan_text(&sb, TPL_HTML, in, strlen(in)) == 0);
	CHECK_STR(sb.buf, "一\n二\na <b>\nc d");
	strbuf_reset(&sb);
	CHECK(chan_text(&sb, TPL_JSON, "[1,2]", 5) == 0);
	CHECK_STR(sb.buf, "[\n  1,\n  2\n]");
	strbuf_release(&sb);
}

TEST(truncate_utf8)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "一二三四");	/* 12 bytes */
	chan_truncate(&sb, 12);
	CHECK_STR(sb.buf, "一二三四");
	chan_truncate(&sb, 10);		/* 7 bytes of text + "…" */
	CHECK_STR(sb.buf, "一二…");
	CHECK(sb.len <= 10);
	strbuf_release(&sb);
}

TEST(rfc2047_subject)
{
	struct strbuf sb = STRBUF_INIT;

	CHECK(mail_encode_header(&sb, "plain ascii") == 0);
	CHECK_STR(sb.buf, "plain ascii");
	strbuf_reset(&sb);
	CHECK(mail_encode_header(&sb, "a\r\nBcc: x") == 0);
	CHECK_STR(sb.buf, "a  Bcc: x");	/* no header injection */
	strbuf_reset(&sb);
	CHECK(mail_encode_header(&sb, "你好") == 0);
	CHECK_STR(sb.buf, "=?UTF-8?B?5L2g5aW9?=");
	strbuf_reset(&sb);
	/* 20 CJK characters: 60 bytes, two words, no character split */
	CHECK(mail_encode_header(&sb, "一二三四五六七八九十一二三四五六七八九十")
	    == 0);
	CHECK_STR(sb.buf, "=?UTF-8?B?5LiA5LqM5LiJ5Zub5LqU5YWt5LiD5YWr5Lmd5Y2B5LiA5LqM"
	    "5LiJ?=\r\n =?UTF-8?B?5Zub5LqU5YWt5LiD5YWr5Lmd5Y2B?=");
	strbuf_release(&sb);
}

TEST(mail_mime)
{
	struct message m = msg("主题", "line1\nline2", TPL_TXT);
	struct strbuf sb = STRBUF_INIT;

	CHECK(mail_build(&sb, "f@x.test", "t@y.test", &m, 7,
	    1700000000000LL) == 0);
	CHECK_STR(sb.buf, "From: <f@x.test>\r\nTo: <t@y.test>\r\n"
	    "Subject: =?UTF-8?B?5Li76aKY?=\r\n"
	    "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
	    "Message-ID: <0123456789abcdef0123456789abcdef.7@feige>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n"
	    "bGluZTEKbGluZTI=\r\n");
	strbuf_reset(&sb);
	m = msg("", "<b>x</b>", TPL_HTML);
	CHECK(mail_build(&sb, "f@x.test", "t@y.test", &m, 1, 0) == 0);
	CHECK_CONTAINS(sb.buf, "Subject: x\r\n");
	CHECK_CONTAINS(sb.buf, "Content-Type: text/html; charset=UTF-8");
	strbuf_release(&sb);
}

static struct delivery_result
result(void)
{
	struct delivery_result r;

	memset(&r, 0, sizeof(r));
	r.outcome = DELIVERY_OK;
	strbuf_init(&r.detail, 4096);
	return r;
}

static int
outcome_of(int curl_rc, long status, int refused, const char *body,
    struct delivery_result *res)
{
	struct chan_http_reply rep;
	int rc;

	chan_http_reply_init(&rep);
	rep.curl_rc = curl_rc;
	rep.status = status;
	rep.refused = refused;
	strbuf_addstr(&rep.body, body);
	snprintf(rep.error, sizeof(rep.error), "%s", "connection reset");
	rc = chan_http_outcome(&rep, "w", res);
	chan_http_reply_release(&rep);
	return rc;
}

TEST(transport_outcomes)
{
	struct delivery_result r = result();

	CHECK(outcome_of(0, 200, 0, "", &r) == 0);
	CHECK(outcome_of(0, 204, 0, "", &r) == 0);
	CHECK(outcome_of(0, 503, 0, "busy", &r) == -1);
	CHECK(r.outcome == DELIVERY_TEMPFAIL);
	CHECK_STR(r.detail.buf, "w: upstream 503, busy");
	CHECK(r.upstream_status == 503);
	CHECK(outcome_of(0, 429, 0, "", &r) == -1 &&
	    r.outcome == DELIVERY_TEMPFAIL);
	CHECK(outcome_of(0, 400, 0, "bad", &r) == -1 &&
	    r.outcome == DELIVERY_PERMFAIL);
	CHECK(outcome_of(0, 301, 0, "", &r) == -1 &&
	    r.outcome == DELIVERY_PERMFAIL);
	CHECK(outcome_of(CURLE_OPERATION_TIMEDOUT, 0, 0, "", &r) == -1 &&
	    r.outcome == DELIVERY_TEMPFAIL);
	CHECK_CONTAINS(r.detail.buf, "timeout");
	CHECK(outcome_of(CURLE_RECV_ERROR, 0, 0, "", &r) == -1 &&
	    r.outcome == DELIVERY_TEMPFAIL);
	CHECK(outcome_of(CURLE_PEER_FAILED_VERIFICATION, 0, 0, "", &r) == -1 &&
	    r.outcome == DELIVERY_PERMFAIL);
	CHECK(outcome_of(CURLE_COULDNT_RESOLVE_HOST, 0, 0, "", &r) == -1 &&
	    r.outcome == DELIVERY_TEMPFAIL);
	CHECK(chan_curl_final(CURLE_LOGIN_DENIED) &&
	    !chan_curl_final(CURLE_GOT_NOTHING));
	CHECK(outcome_of(CURLE_COULDNT_CONNECT, 0, 1, "", &r) == -1 &&
	    r.outcome == DELIVERY_PERMFAIL);
	CHECK_CONTAINS(r.detail.buf, "not allowed");
	strbuf_release(&r.detail);
}

static enum delivery_outcome
check(const struct webhook_type *t, const char *body,
    struct delivery_result *r)
{
	r->outcome = DELIVERY_OK;
	strbuf_reset(&r->detail);
	webhook_type_check(t, body, strlen(body), "w", 200, r);
	return r->outcome;
}

TEST(service_codes)
{
	struct delivery_result r = result();

	CHECK(check(&webhook_wecom, "{\"errcode\":0,\"errmsg\":\"ok\"}", &r) ==
	    DELIVERY_OK);
	CHECK(check(&webhook_wecom, "{\"errcode\":93000,\"errmsg\":\"invalid "
	    "webhook url\"}", &r) == DELIVERY_PERMFAIL);
	CHECK_STR(r.detail.buf, "w: upstream 200, errcode 93000: invalid "
	    "webhook url");
	CHECK(check(&webhook_wecom, "{\"errcode\":45009,\"errmsg\":\"freq\"}",
	    &r) == DELIVERY_TEMPFAIL);
	CHECK(check(&webhook_dingtalk, "{\"errcode\":130101,\"errmsg\":\"too "
	    "fast\"}", &r) == DELIVERY_TEMPFAIL);
	CHECK(check(&webhook_dingtalk, "{\"errcode\":310000,\"errmsg\":\"keywords"
	    " not in content\"}", &r) == DELIVERY_PERMFAIL);
	CHECK(check(&webhook_feishu, "{\"code\":0,\"msg\":\"success\"}", &r) ==
	    DELIVERY_OK);
	CHECK(check(&webhook_feishu, "{\"StatusCode\":0,\"StatusMessage\":"
	    "\"success\"}", &r) == DELIVERY_OK);
	CHECK(check(&webhook_feishu, "{\"code\":19024,\"msg\":\"Key Words Not "
	    "Found\"}", &r) == DELIVERY_PERMFAIL);
	CHECK_CONTAINS(r.detail.buf, "Key Words Not Found");
	CHECK(check(&webhook_feishu, "{\"code\":11232,\"msg\":\"frequency "
	    "limited\"}", &r) == DELIVERY_TEMPFAIL);
	CHECK(check(&webhook_serverchan, "{\"code\":0,\"message\":\"\"}", &r) ==
	    DELIVERY_OK);
	CHECK(check(&webhook_serverchan, "{\"code\":40001,\"message\":\"bad "
	    "pushkey\"}", &r) == DELIVERY_PERMFAIL);
	CHECK(check(&webhook_wecom, "<html>ok</html>", &r) ==
	    DELIVERY_PERMFAIL);
	CHECK_CONTAINS(r.detail.buf, "unexpected reply");
	CHECK(check(&webhook_bark, "{\"code\":200,\"message\":\"success\","
	    "\"timestamp\":1}", &r) == DELIVERY_OK);
	CHECK(check(&webhook_bark, "{\"code\":0,\"message\":\"x\"}", &r) ==
	    DELIVERY_PERMFAIL);
	CHECK(check(&webhook_wxpusher, "{\"code\":1000,\"msg\":\"处理成功\","
	    "\"success\":true}", &r) == DELIVERY_OK);
	CHECK(check(&webhook_wxpusher, "{\"code\":1001,\"msg\":\"appToken"
	    "不正确\"}", &r) == DELIVERY_PERMFAIL);
	CHECK_STR(r.detail.buf, "w: upstream 200, code 1001: appToken不正确");
	strbuf_release(&r.detail);
}

int
main(void)
{
	RUN(wecom_markdown_and_text);
	RUN(dingtalk_title_from_content);
	RUN(feishu_card_and_text);
	RUN(serverchan_title_cut_and_json);
	RUN(json_webhook_as_sent);
	RUN(type_lookup);
	RUN(bark_gotify_ifttt);
	RUN(wxpusher_fields_from_url);
	RUN(cp_body);
	RUN(html_to_text);
	RUN(truncate_utf8);
	RUN(rfc2047_subject);
	RUN(mail_mime);
	RUN(transport_outcomes);
	RUN(service_codes);
	DONE();
}
