/*
 * test_render.c: unit tests for src/render/: template names, each
 * template's fragment, the message and inbox pages, previews, static
 * assets, and the limits (deep JSON, invalid UTF-8, output caps).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "util/errors.h"
#include "render/render.h"
#include "util/strbuf.h"

static struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

/* Renders content with tpl into the shared buffer; returns its text. */
static const char *
render(int tpl, const char *s)
{
	strbuf_reset(&out);
	strbuf_reset(&err);
	if (render_content(&out, tpl, s, strlen(s), &err) != 0)
		return NULL;
	return out.buf;
}

static const char *
preview(int tpl, const char *s, size_t max)
{
	strbuf_reset(&out);
	if (render_preview(&out, tpl, s, strlen(s), max) != 0)
		return NULL;
	return out.buf;
}

static int
valid_utf8(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, j;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 : u[i] >= 0xc2 ? 2 : 0;
		if (k == 0 || i + k > n || u[i] > 0xf4)
			return 0;
		for (j = 1; j < k; j++)
			if ((u[i + j] & 0xc0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL)
		n++, hay++;
	return n;
}

TEST(template_lookup)
{
	CHECK(render_template_lookup("html", 4) == TPL_HTML);
	CHECK(render_template_lookup("HTML", 4) == TPL_HTML);
	CHECK(render_template_lookup("txt", 3) == TPL_TXT);
	CHECK(render_template_lookup("Json", 4) == TPL_JSON);
	CHECK(render_template_lookup("markdown", 8) == TPL_MARKDOWN);
	CHECK(render_template_lookup("cloudMonitor", 12) == TPL_CLOUDMONITOR);
	CHECK(render_template_lookup("cloudmonitor", 12) == TPL_CLOUDMONITOR);
	CHECK(render_template_lookup("CLOUDMONITOR", 12) == TPL_CLOUDMONITOR);
	CHECK(render_template_lookup("jenkins", 7) == TPL_JENKINS);
	CHECK(render_template_lookup("Route", 5) == TPL_ROUTE);
	CHECK(render_template_lookup("PAY", 3) == TPL_PAY);
	CHECK(render_template_lookup("jsonx", 4) == TPL_JSON);
	CHECK(render_template_lookup("jsonx", 5) == -1);
	CHECK(render_template_lookup("md", 2) == -1);
	CHECK(render_template_lookup("", 0) == -1);
	CHECK(render_template_lookup(NULL, 0) == -1);
	CHECK_STR(render_template_name(TPL_CLOUDMONITOR), "cloudMonitor");
	CHECK_STR(render_template_name(TPL_MARKDOWN), "markdown");
	CHECK_STR(render_template_name(TPL_PAY), "pay");
}

TEST(html_as_is)
{
	const char *s = render(TPL_HTML, "<b>hi</b><img src=x>");

	CHECK_CONTAINS(s, "<b>hi</b><img src=x>");
	CHECK_CONTAINS(s, "fg-tpl-html");
}

TEST(txt_escapes)
{
	const char *s = render(TPL_TXT, "<script>alert('x')</script>\n"
	    "  two  spaces & \"q\"");

	CHECK(s != NULL && strstr(s, "<script") == NULL);
	CHECK_CONTAINS(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n"
	    "  two  spaces &amp; &quot;q&quot;");
	CHECK_CONTAINS(s, "class=\"fg-txt\"");
}

TEST(txt_invalid_utf8)
{
	const char bad[] = "ok\xff\xfe \xe4\xbd \xed\xa0\x80 \xc0\xaf end";
	const char *s;

	strbuf_reset(&out);
	CHECK(render_content(&out, TPL_TXT, bad, sizeof(bad) - 1, &err) == 0);
	s = out.buf;
	CHECK(valid_utf8(s, out.len));
	CHECK_CONTAINS(s, "ok\xef\xbf\xbd");
	CHECK_CONTAINS(s, " end");
}

TEST(json_nested_table)
{
	const char *s = render(TPL_JSON, "{\"user\":{\"name\":\"飞鸽\","
	    "\"tags\":[1,\"x\",true,null,2.5]},\"empty\":{},\"<k>\":\"<v>\"}");

	CHECK_CONTAINS(s, "<table class=\"fg-j\"><tr><th>user</th><td>"
	    "<table class=\"fg-j\"><tr><th>name</th><td><span class=\"fg-js\">"
	    "飞鸽</span>");
	CHECK_CONTAINS(s, "<th class=\"fg-ji\">0</th><td><span class=\"fg-jn\">"
	    "1</span>");
	CHECK_CONTAINS(s, "<span class=\"fg-js\">x</span>");
	CHECK_CONTAINS(s, "<span class=\"fg-jb\">true</span>");
	CHECK_CONTAINS(s, "<span class=\"fg-jz\">null</span>");
	CHECK_CONTAINS(s, "<span class=\"fg-jn\">2.5</span>");
	CHECK_CONTAINS(s, "<span class=\"fg-jz\">{}</span>");
	CHECK_CONTAINS(s, "<th>&lt;k&gt;</th><td><span class=\"fg-js\">"
	    "&lt;v&gt;</span>");
	CHECK(strstr(s, "<k>") == NULL);
}

TEST(json_single_quote_sample)
{
	const char *s = render(TPL_JSON,
	    "{'name':'名称','size':'大小','number':'数量'}");

	CHECK_CONTAINS(s, "<th>name</th><td><span class=\"fg-js\">名称</span>");
	CHECK_CONTAINS(s, "<th>size</th><td><span class=\"fg-js\">大小</span>");
	CHECK_CONTAINS(s, "<th>number</th><td><span class=\"fg-js\">数量"
	    "</span>");
	CHECK(strstr(s, "fg-raw\">{") == NULL || strstr(s, "<details") != NULL);
	s = render(TPL_JSON, "{'it\\'s':\"say \\\"hi\\\"\", 'a':[1,2,],}");
	CHECK_CONTAINS(s, "<th>it&#39;s</th>");
	CHECK_CONTAINS(s, "say &quot;hi&quot;");
}

TEST(json_invalid_shown_raw)
{
	const char *s = render(TPL_JSON, "not json <at all>");

	CHECK_CONTAINS(s, "<pre class=\"fg-raw\">not json &lt;at all&gt;"
	    "</pre>");
	s = render(TPL_JSON, "");
	CHECK(s != NULL);
	s = render(TPL_JSON, "{\"big\":123456789012345678901234567890}");
	CHECK_CONTAINS(s, "123456789012345678901234567890");
}

TEST(json_deep_nesting)
{
	size_t n = 200000, i;
	char *deep = malloc(2 * n + 1);
	const char *s;

	for (i = 0; i < n; i++) {
		deep[i] = '[';
		deep[2 * n - 1 - i] = ']';
	}
	deep[2 * n] = '\0';
	s = render(TPL_JSON, deep);
	CHECK_CONTAINS(s, "fg-raw");
	s = render(TPL_CLOUDMONITOR, deep);
	CHECK_CONTAINS(s, "fg-raw");
	s = render(TPL_MARKDOWN, deep);
	CHECK(s != NULL);
	memset(deep, '>', n);
	deep[n] = '\0';
	s = render(TPL_MARKDOWN, deep);
	CHECK(s != NULL);
	/* at the cap a table, past it the text */
	strcpy(deep, "");
	for (i = 0; i < 32; i++)
		strcat(deep, "{\"a\":");
	strcat(deep, "1");
	for (i = 0; i < 32; i++)
		strcat(deep, "}");
	s = render(TPL_JSON, deep);
	CHECK_CONTAINS(s, "fg-jn\">1</span>");
	memmove(deep + 1, deep, strlen(deep) + 1);
	deep[0] = '[';
	strcat(deep, "]");
	s = render(TPL_JSON, deep);
	CHECK(s != NULL && strstr(s, "fg-jn") == NULL);
	CHECK_CONTAINS(s, "fg-raw");
	free(deep);
}

TEST(markdown)
{
	const char *s = render(TPL_MARKDOWN, "# 大标题 \n ##### 小标题 \n  1. "
	    "第一项 \n 2. 第二项 \n 3. 第三项");

	CHECK_CONTAINS(s, "<h1>大标题</h1>");
	CHECK_CONTAINS(s, "<h5>小标题</h5>");
	CHECK_CONTAINS(s, "<ol>");
	CHECK_CONTAINS(s, "<li>第一项</li>");
	CHECK_CONTAINS(s, "<li>第三项</li>");
	CHECK(count(s, "<ol") == 1);
	s = render(TPL_MARKDOWN, "| a | b |\n|---|---|\n| 1 | <x> |\n\n"
	    "~~old~~ **new** https://example.com/x");
	CHECK_CONTAINS(s, "<table>");
	CHECK_CONTAINS(s, "<th>a</th>");
	CHECK_CONTAINS(s, "<td>1</td>");
	CHECK_CONTAINS(s, "<del>old</del>");
	CHECK_CONTAINS(s, "<strong>new</strong>");
	CHECK_CONTAINS(s, "<a href=\"https://example.com/x\">");
	CHECK_CONTAINS(s, "class=\"fg-md\"");
	s = render(TPL_MARKDOWN, "a\xff\n<span>raw</span>");
	CHECK(valid_utf8(s, strlen(s)));
	CHECK_CONTAINS(s, "<span>raw</span>");
}

static const char cms_json[] =
    "{\"userId\":\"12345\",\"alertName\":\"CPU使用率过高\","
    "\"timestamp\":\"1508136760\",\"alertState\":\"ALARM\","
    "\"triggerLevel\":\"CRITICAL\",\"preTriggerLevel\":\"WARN\","
    "\"dimensions\":\"[{\\\"userId\\\":\\\"12345\\\","
    "\\\"instanceId\\\":\\\"i-12345\\\"}]\","
    "\"expression\":\"[{\\\"expression\\\":\\\"$Average>90\\\","
    "\\\"level\\\":4,\\\"times\\\":2}]\",\"curValue\":\"95\","
    "\"metricName\":\"CPUUtilization\",\"metricProject\":\"acs_ecs\","
    "\"namespace\":\"acs_ecs_dashboard\",\"instanceName\":\"web-<1>\","
    "\"regionName\":\"华东1(杭州)\",\"ruleId\":\"r-1\","
    "\"signature\":\"abc\",\"custom\":\"extra\"}";

TEST(card_cloudmonitor)
{
	const char *s = render(TPL_CLOUDMONITOR, cms_json);

	CHECK_CONTAINS(s, "fg-card fg-bad");
	CHECK_CONTAINS(s, "<span class=\"fg-card-t\">CPU使用率过高</span>");
	CHECK_CONTAINS(s, "报警 · 严重");
	CHECK_CONTAINS(s, "<th>报警名称</th>");
	CHECK_CONTAINS(s, "<th>当前值</th><td>95</td>");
	CHECK_CONTAINS(s, "<th>实例</th><td>web-&lt;1&gt;</td>");
	CHECK_CONTAINS(s, "<th>报警对象</th><td><table class=\"fg-j fg-ja\">");
	CHECK_CONTAINS(s, "i-12345");
	CHECK_CONTAINS(s, "$Average&gt;90");
	CHECK_CONTAINS(s, "<th>报警时间</th><td><time>2017-10-16 14:52:40"
	    "</time>");
	CHECK_CONTAINS(s, "<th>地域</th><td>华东1(杭州)</td>");
	CHECK_CONTAINS(s, "其他字段");
	CHECK_CONTAINS(s, "<th>custom</th><td>extra</td>");
	CHECK(strstr(s, "web-<1>") == NULL);
	CHECK(count(s, "<th>报警名称</th>") == 1);
}

TEST(card_cloudmonitor_form)
{
	const char *s = render(TPL_CLOUDMONITOR, "alertName=%E7%A3%81%E7%9B%98"
	    "+full&alertState=OK&curValue=10%25&dimensions=%7BinstanceId%3Di-1"
	    "%7D&bad=%ff&flag");

	CHECK_CONTAINS(s, "fg-card fg-ok");
	CHECK_CONTAINS(s, "磁盘 full");
	CHECK_CONTAINS(s, ">恢复</span>");
	CHECK_CONTAINS(s, "<th>当前值</th><td>10%</td>");
	CHECK_CONTAINS(s, "{instanceId=i-1}");
	CHECK_CONTAINS(s, "<th>bad</th><td>\xef\xbf\xbd</td>");
	CHECK(valid_utf8(s, strlen(s)));
}

TEST(card_fallbacks)
{
	const char *s = render(TPL_CLOUDMONITOR, "[1,2]");

	CHECK_CONTAINS(s, "fg-j fg-ja");
	CHECK(strstr(s, "fg-card") == NULL);
	s = render(TPL_JENKINS, "hello <world>");
	CHECK_CONTAINS(s, "<pre class=\"fg-raw\">hello &lt;world&gt;</pre>");
	s = render(TPL_PAY, "\"just a string\"");
	CHECK_CONTAINS(s, "just a string");
	CHECK(strstr(s, "fg-card") == NULL);
	s = render(TPL_ROUTE, "{}");
	CHECK_CONTAINS(s, "路由器通知");
}

TEST(card_links_only_http)
{
	const char *s = render(TPL_ROUTE, "{\"a\":\"javascript:alert(1)\","
	    "\"b\":\"https://example.com/?q=1&x=<y>\"}");

	CHECK(strstr(s, "href=\"javascript") == NULL);
	CHECK_CONTAINS(s, "<a href=\"https://example.com/?q=1&amp;x=&lt;y&gt;"
	    "\">");
	s = render(TPL_JENKINS, "{\"name\":\"j\",\"url\":\"javascript:x\"}");
	CHECK(strstr(s, "fg-btn") == NULL);
	s = render(TPL_JSON, "42");
	CHECK_CONTAINS(s, "<span class=\"fg-jn\">42</span>");
}

TEST(card_jenkins)
{
	const char *s = render(TPL_JENKINS, "{\"name\":\"asgard\",\"url\":"
	    "\"job/asgard/\",\"build\":{\"full_url\":\"http://localhost:8080"
	    "/job/asgard/18/\",\"number\":18,\"phase\":\"COMPLETED\","
	    "\"status\":\"SUCCESS\",\"url\":\"job/asgard/18/\",\"scm\":"
	    "{\"url\":\"https://github.com/x/asgard.git\",\"branch\":\"origin/master\","
	    "\"commit\":\"c6d86dc654b1\"},\"log\":\"line1\\n<b>line2</b>\","
	    "\"artifacts\":{\"a.jar\":{\"archive\":\"http://h/a.jar\"}}}}");

	CHECK_CONTAINS(s, "fg-card fg-ok");
	CHECK_CONTAINS(s, "<span class=\"fg-card-t\">asgard #18</span>");
	CHECK_CONTAINS(s, ">成功</span>");
	CHECK_CONTAINS(s, "<th>构建号</th><td><span class=\"fg-jn\">18</span>");
	CHECK_CONTAINS(s, "<th>阶段</th><td><span class=\"fg-badge fg-info\">"
	    "已完成</span> COMPLETED");
	CHECK_CONTAINS(s, "<th>分支</th><td>origin/master</td>");
	CHECK_CONTAINS(s, "c6d86dc654b1");
	CHECK_CONTAINS(s, "line1\n&lt;b&gt;line2&lt;/b&gt;");
	CHECK_CONTAINS(s, "<a class=\"fg-btn\" href=\"http://localhost:8080/"
	    "job/asgard/18/\">查看构建</a>");
	CHECK_CONTAINS(s, "a.jar");
	CHECK(strstr(s, "其他字段") == NULL);

	s = render(TPL_JENKINS, "{\"title\":\"部署失败\",\"content\":\"step 3 "
	    "<failed>\",\"result\":\"FAILURE\"}");
	CHECK_CONTAINS(s, "fg-card fg-bad");
	CHECK_CONTAINS(s, "部署失败");
	CHECK_CONTAINS(s, ">失败</span>");
	CHECK_CONTAINS(s, "step 3 &lt;failed&gt;");
}

TEST(card_route)
{
	const char *s = render(TPL_ROUTE, "{\"Name\":\"iPhone\",\"IP\":"
	    "\"192.168.1.10\",\"mac\":\"AA:BB:CC:DD:EE:FF\",\"status\":"
	    "\"online\",\"time\":1700000000,\"ssid\":\"<home>\","
	    "\"foo\":\"bar\"}");

	CHECK_CONTAINS(s, "fg-card fg-ok");
	CHECK_CONTAINS(s, "路由器通知");
	CHECK_CONTAINS(s, "<th>设备名称</th><td>iPhone</td>");
	CHECK_CONTAINS(s, "<th>IP 地址</th><td>192.168.1.10</td>");
	CHECK_CONTAINS(s, "<th>MAC 地址</th><td>AA:BB:CC:DD:EE:FF</td>");
	CHECK_CONTAINS(s, ">上线</span> online");
	CHECK_CONTAINS(s, "<time>2023-11-15 06:13:20</time>");
	CHECK_CONTAINS(s, "<th>无线网络</th><td>&lt;home&gt;</td>");
	CHECK_CONTAINS(s, "<th>foo</th><td>bar</td>");
	CHECK(strstr(s, "<th>设备名称</th>") < strstr(s, "<th>foo</th>"));
	s = render(TPL_ROUTE, "{\"title\":\"设备下线\",\"event\":\"offline\","
	    "\"devices\":[{\"name\":\"pc\",\"ip\":\"10.0.0.2\"}]}");
	CHECK_CONTAINS(s, "fg-card fg-mute");
	CHECK_CONTAINS(s, "设备下线");
	CHECK_CONTAINS(s, "<th>设备列表</th>");
	CHECK_CONTAINS(s, "10.0.0.2");
}

TEST(card_pay)
{
	const char *s = render(TPL_PAY, "{\"amount\":\"12.34\",\"payType\":"
	    "\"alipay\",\"orderNo\":\"<A001>\",\"time\":\"1632993318000\","
	    "\"remark\":\"咖啡\"}");

	CHECK_CONTAINS(s, "fg-card fg-ok");
	CHECK_CONTAINS(s, "收款通知");
	CHECK_CONTAINS(s, "<td colspan=\"2\" class=\"fg-amount\">¥12.34</td>");
	CHECK_CONTAINS(s, "<th>支付方式</th><td>支付宝</td>");
	CHECK_CONTAINS(s, "<th>订单号</th><td>&lt;A001&gt;</td>");
	CHECK_CONTAINS(s, "<time>2021-09-30 17:15:18</time>");
	CHECK_CONTAINS(s, "咖啡");
	s = render(TPL_PAY, "{\"total_fee\":1205,\"status\":\"fail\"}");
	CHECK_CONTAINS(s, "¥12.05");
	CHECK_CONTAINS(s, "fg-card fg-bad");
	s = render(TPL_PAY, "{\"money\":8.5}");
	CHECK_CONTAINS(s, "¥8.50");
}

TEST(message_page)
{
	struct render_message m = {
		.title = "<b>Hi</b> & \"you\"", .content = "<i>body</i>",
		.tpl = TPL_TXT, .short_code = "abc", .sender = "<bot>",
		.channel = "wechat", .created_ms = 1632993318000LL,
		.status = 3, .error = "upstream <401>",
	};
	const char *s;

	m.content_len = strlen(m.content);
	strbuf_reset(&out);
	CHECK(render_message_page(&out, &m, &err) == 0);
	s = out.buf;
	CHECK(strncmp(s, "<!DOCTYPE html>", 15) == 0);
	CHECK_CONTAINS(s, "<meta name=\"viewport\"");
	CHECK_CONTAINS(s, "<style>");
	CHECK(strstr(s, "<script") == NULL);
	CHECK_CONTAINS(s, "<title>&lt;b&gt;Hi&lt;/b&gt; &amp; &quot;you&quot;"
	    "</title>");
	CHECK_CONTAINS(s, "<h1>&lt;b&gt;Hi&lt;/b&gt; &amp; &quot;you&quot;"
	    "</h1>");
	CHECK_CONTAINS(s, "&lt;bot&gt;");
	CHECK_CONTAINS(s, "2021-09-30 17:15:18");
	CHECK_CONTAINS(s, "发送失败：upstream &lt;401&gt;");
	CHECK_CONTAINS(s, "<span class=\"fg-tag\">收件箱</span>");
	CHECK(strstr(s, "微信公众号") == NULL);
	CHECK(strstr(s, "fg-topic") == NULL);
	CHECK_CONTAINS(s, "&lt;i&gt;body&lt;/i&gt;");
	CHECK_CONTAINS(s, "</html>");

	m.topic = "晨报<t>";
	strbuf_reset(&out);
	CHECK(render_message_page(&out, &m, &err) == 0);
	CHECK_CONTAINS(out.buf, "<span class=\"fg-sender\">&lt;bot&gt;</span>"
	    "<span class=\"fg-topic\">主题：晨报&lt;t&gt;</span>");

	m.title = "";
	m.status = 2;
	m.tpl = TPL_HTML;
	m.content = "<p>第一段</p><p>第二段</p>";
	m.content_len = strlen(m.content);
	strbuf_reset(&out);
	CHECK(render_message_page(&out, &m, &err) == 0);
	CHECK_CONTAINS(out.buf, "<h1>第一段 第二段</h1>");
	CHECK_CONTAINS(out.buf, "<p>第一段</p><p>第二段</p>");
	CHECK(strstr(out.buf, "发送失败") == NULL);

	m.content = "";
	m.content_len = 0;
	strbuf_reset(&out);
	CHECK(render_message_page(&out, &m, &err) == 0);
	CHECK_CONTAINS(out.buf, "<h1>无标题</h1>");

	m.tpl = TPL_PAY;
	m.content = "{\"amount\":\"9.90\",\"status\":\"success\"}";
	m.content_len = strlen(m.content);
	strbuf_reset(&out);
	CHECK(render_message_page(&out, &m, &err) == 0);
	CHECK_CONTAINS(out.buf, "<h1>【支付成功】收款通知 ¥9.90</h1>");
	CHECK(strstr(out.buf, "<script") == NULL);
}

TEST(inbox_page)
{
	struct render_inbox_item items[] = {
		{ 7, "0123456789abcdef0123456789abcdef", "新消息",
		    "<p>内容</p>", 14, TPL_HTML, 1632993318000LL,
		    "天气<app> · 晨报" },
		{ 3, "ffff", "", "first line\nsecond", 17, TPL_TXT,
		    1632993300000LL, NULL },
	};
	struct render_inbox in = { "张三<x>", "UID_1", "tok\"<en>&", items, 2 };
	const char *s;

	strbuf_reset(&out);
	CHECK(render_inbox_page(&out, &in, &err) == 0);
	s = out.buf;
	CHECK_CONTAINS(s, "<script type=\"module\" src=\"/static/inbox.js\">"
	    "</script>");
	CHECK_CONTAINS(s, "<script type=\"module\" src=\"/static/device.js\">"
	    "</script>");
	CHECK(count(s, "<script") == 2);
	/* an installable web app: manifest, theme colour, icons */
	CHECK_CONTAINS(s, "<link rel=\"manifest\" "
	    "href=\"/manifest.webmanifest\">");
	CHECK_CONTAINS(s, "<meta name=\"theme-color\" content=\"#1664ff\">");
	CHECK_CONTAINS(s, "<link rel=\"apple-touch-icon\" "
	    "href=\"/static/apple-touch-icon.png\">");
	/* the language toggle and the texts the catalog switches */
	CHECK_CONTAINS(s, "<button type=\"button\" id=\"fg-lang\"");
	CHECK_CONTAINS(s, "<h1 data-i18n=\"inbox.title\">收件箱</h1>");
	CHECK_CONTAINS(s, "<section id=\"fg-device\" class=\"fg-device\" "
	    "hidden></section>");
	CHECK_CONTAINS(s, "<link rel=\"stylesheet\" "
	    "href=\"/static/feige.css\">");
	CHECK_CONTAINS(s, "data-token=\"tok&quot;&lt;en&gt;&amp;\"");
	CHECK_CONTAINS(s, "张三&lt;x&gt;");
	CHECK_CONTAINS(s, "<a href=\"/message/"
	    "0123456789abcdef0123456789abcdef\">");
	CHECK_CONTAINS(s, "<span class=\"fg-li-t\">新消息</span>");
	CHECK_CONTAINS(s, "<div class=\"fg-li-p\">内容</div>");
	CHECK_CONTAINS(s, "</time></div><span class=\"fg-li-from\">"
	    "天气&lt;app&gt; · 晨报</span><div class=\"fg-li-p\">");
	CHECK(count(s, "fg-li-from") == 1);
	CHECK_CONTAINS(s, "<span class=\"fg-li-t\">first line second</span>");
	CHECK_CONTAINS(s, "2021-09-30 17:15:18");
	CHECK_CONTAINS(s, "id=\"fg-list\"");
	CHECK_CONTAINS(s, "id=\"fg-live\"");
	CHECK(strstr(s, "/message/0123") < strstr(s, "/message/ffff"));
	CHECK_CONTAINS(s, "class=\"fg-empty\" data-i18n=\"inbox.empty\" "
	    "hidden>");

	in.n_items = 0;
	strbuf_reset(&out);
	CHECK(render_inbox_page(&out, &in, &err) == 0);
	CHECK_CONTAINS(out.buf, "data-i18n=\"inbox.empty\">暂无消息");
}

TEST(preview)
{
	CHECK_STR(preview(TPL_TXT, "你好世界你好世界", 5), "你好世界…");
	CHECK_STR(preview(TPL_TXT, "你好世界你", 5), "你好世界你");
	CHECK_STR(preview(TPL_TXT, "你好", 2), "你好");
	CHECK_STR(preview(TPL_TXT, "你好世", 2), "你…");
	CHECK_STR(preview(TPL_TXT, "abc", 1), "…");
	CHECK_STR(preview(TPL_TXT, "abc", 0), "");
	CHECK_STR(preview(TPL_TXT, "  a \n\n\t b  ", 10), "a b");
	CHECK_STR(preview(TPL_TXT, "ab cdef", 4), "ab…");
	CHECK_STR(preview(TPL_TXT, "<b>x</b>", 20), "<b>x</b>");
	CHECK_STR(preview(TPL_HTML, "<p>a</p><p>b</p>&amp;&lt;&#20320;&#x597d;",
	    20), "a b &<你好");
	CHECK_STR(preview(TPL_HTML, "<b>重要</b>通知<style>p{x}</style>"
	    "<script>alert(1)</script><!-- c -->!", 20), "重要通知!");
	CHECK_STR(preview(TPL_HTML, "1 < 2 & 3", 20), "1 < 2 & 3");
	CHECK_STR(preview(TPL_MARKDOWN, "# 大标题 \n ##### 小标题 \n  1. 第一项"
	    "\n - **粗** [链接](http://x) `code`", 40),
	    "大标题 小标题 1. 第一项 粗 链接 code");
	CHECK_STR(preview(TPL_TXT, "a\xff" "b", 10), "a\xef\xbf\xbd" "b");
	strbuf_reset(&out);
	CHECK(render_preview(&out, TPL_TXT, "\xe4\xbd\xa0\xe5\xa5", 5,
	    10) == 0);
	CHECK(valid_utf8(out.buf, out.len));
	/* a lone '<' as the last byte of an unterminated buffer (found by
	 * fuzz_render: the tag reader looked one byte past the end) */
	{
		char *tail = malloc(3);

		memcpy(tail, "ab<", 3);
		strbuf_reset(&out);
		CHECK(render_preview(&out, TPL_HTML, tail, 3, 10) == 0);
		CHECK_STR(out.buf, "ab<");
		free(tail);
	}
}

TEST(preview_summaries)
{
	CHECK_STR(preview(TPL_JSON, "{'name':'名称','size':'大小','n':[1]}",
	    60), "name: 名称; size: 大小; n: […]");
	CHECK_STR(preview(TPL_JSON, "[1, \"a\", null]", 60), "1, a, null");
	CHECK_STR(preview(TPL_JSON, "not json", 60), "not json");
	CHECK_STR(preview(TPL_CLOUDMONITOR, cms_json, 60),
	    "【报警 · 严重】CPU使用率过高 web-<1> CPUUtilization 95");
	CHECK_STR(preview(TPL_JENKINS, "{\"name\":\"asgard\",\"build\":"
	    "{\"number\":18,\"status\":\"SUCCESS\",\"scm\":{\"branch\":"
	    "\"main\"}}}", 60), "【成功】asgard #18 main");
	CHECK_STR(preview(TPL_ROUTE, "{\"event\":\"offline\",\"hostname\":"
	    "\"pc\",\"ip\":\"10.0.0.2\"}", 60),
	    "【下线】路由器通知 pc 10.0.0.2");
	CHECK_STR(preview(TPL_PAY, "{\"money\":8.5}", 60), "收款通知 ¥8.50");
	CHECK_STR(preview(TPL_PAY, "{\"money\":8.5}", 5), "收款通知…");
	CHECK_STR(preview(TPL_PAY, "a=1&b=2", 60), "收款通知");
	CHECK_STR(preview(TPL_ROUTE, "plain words", 60), "plain words");
}

TEST(static_assets)
{
	const char *type = NULL, *js, *css;
	size_t len = 0;

	js = render_static("/static/inbox.js", &len, &type);
	CHECK(js != NULL && len == strlen(js));
	CHECK_STR(type, "text/javascript; charset=utf-8");
	CHECK_CONTAINS(js, "new EventSource('/inbox/stream'");
	CHECK_CONTAINS(js, "encodeURIComponent(token)");
	CHECK_CONTAINS(js, "textContent");
	CHECK(strstr(js, "innerHTML") == NULL);
	CHECK(render_static("inbox.js", &len, &type) == js);
	css = render_static("feige.css", &len, &type);
	CHECK(css != NULL && len == strlen(css));
	CHECK_CONTAINS(type, "text/css");
	CHECK(render_static("/static/feige.css", &len, &type) == css);
	CHECK(render_static("/static/nope.js", &len, &type) == NULL);
	/* the worker and the manifest live at the root, nowhere else */
	js = render_static("/sw.js", &len, &type);
	CHECK(js != NULL && len == strlen(js));
	CHECK_STR(type, "text/javascript; charset=utf-8");
	CHECK_CONTAINS(js, "addEventListener('push'");
	CHECK(render_static("sw.js", &len, &type) == NULL);
	CHECK(render_static("/static/sw.js", &len, &type) == NULL);
	js = render_static("/manifest.webmanifest", &len, &type);
	CHECK(js != NULL);
	CHECK_STR(type, "application/manifest+json; charset=utf-8");
	CHECK_CONTAINS(js, "\"start_url\": \"/inbox\"");
	CHECK(render_static("/static/../sw.js", &len, &type) == NULL);
}

TEST(output_cap)
{
	struct strbuf small;
	char *big = malloc(10001);
	int rc;

	memset(big, '<', 10000);
	big[10000] = '\0';
	strbuf_init(&small, 1000);
	(void)strbuf_addstr(&small, "keep");
	strbuf_reset(&err);
	rc = render_content(&small, TPL_TXT, big, 10000, &err);
	CHECK(rc == FG_ETOOBIG);
	CHECK_STR(small.buf, "keep");
	CHECK(err.len > 0);
	rc = render_content(&small, TPL_JSON, "{\"a\":\"x\"}", 9, &err);
	CHECK(rc == 0);
	strbuf_release(&small);
	free(big);
}

int
main(void)
{
	RUN(template_lookup);
	RUN(html_as_is);
	RUN(txt_escapes);
	RUN(txt_invalid_utf8);
	RUN(json_nested_table);
	RUN(json_single_quote_sample);
	RUN(json_invalid_shown_raw);
	RUN(json_deep_nesting);
	RUN(markdown);
	RUN(card_cloudmonitor);
	RUN(card_cloudmonitor_form);
	RUN(card_fallbacks);
	RUN(card_links_only_http);
	RUN(card_jenkins);
	RUN(card_route);
	RUN(card_pay);
	RUN(message_page);
	RUN(inbox_page);
	RUN(preview);
	RUN(preview_summaries);
	RUN(static_assets);
	RUN(output_cap);
	strbuf_release(&out);
	strbuf_release(&err);
	DONE();
}
