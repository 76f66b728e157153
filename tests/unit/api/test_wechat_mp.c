/*
 * test_wechat_mp.c: the pure pieces of the official account's server
 * URL (api/wechat/wc_int.h): the signature (a vector computed apart,
 * sorted token/timestamp/nonce, SHA-1 hex), and the event parser's
 * fields and caps (size, depth, DOCTYPE, root, field length, Content
 * cut at a character), and the passive reply's CDATA.
 */
#include <string.h>

#include "harness.h"

#include "api/wechat/wc_int.h"

TEST(signature)
{
	char sig[41];

	/* python3: sha1("".join(sorted([token, ts, nonce]))) */
	wc_sig("feigeMpToken", "1700000000", "42", sig);
	CHECK_STR(sig, "3f03e4587786ceaad3d06aa0194ba96fabaabd37");
	CHECK(wc_sig_ok("feigeMpToken", "1700000000", "42",
	    "3f03e4587786ceaad3d06aa0194ba96fabaabd37"));
	CHECK(!wc_sig_ok("feigeMpToken", "1700000000", "43",
	    "3f03e4587786ceaad3d06aa0194ba96fabaabd37"));
	CHECK(!wc_sig_ok("feigeMpToken", "1700000000", "42",
	    "3F03E4587786CEAAD3D06AA0194BA96FABAABD37"));
	CHECK(!wc_sig_ok("", "1700000000", "42", sig));
	CHECK(!wc_sig_ok("feigeMpToken", NULL, "42", sig));
	CHECK(!wc_sig_ok("feigeMpToken", "1700000000", "42", ""));
}

#define EV(x) "<xml><ToUserName><![CDATA[gh_x]]></ToUserName>"		\
	"<FromUserName><![CDATA[oOPENID]]></FromUserName>"		\
	"<CreateTime>1395658920</CreateTime>" x "</xml>"

TEST(parse_events)
{
	struct ops_wechat_event ev;
	const char *s = EV("<MsgType><![CDATA[event]]></MsgType>"
			   "<Event><![CDATA[subscribe]]></Event>"
			   "<EventKey><![CDATA[qrscene_fgabc]]></EventKey>"
			   "<Ticket><![CDATA[TICKET]]></Ticket>");

	CHECK(wc_xml_parse(s, strlen(s), &ev) == 0);
	CHECK_STR(ev.to, "gh_x");
	CHECK_STR(ev.from, "oOPENID");
	CHECK(ev.create_time == 1395658920);
	CHECK_STR(ev.msg_type, "event");
	CHECK_STR(ev.event, "subscribe");
	CHECK_STR(ev.event_key, "qrscene_fgabc");
	s = EV("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA["
	       "TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID>"
	       "<Status><![CDATA[failed: system failed]]></Status>");
	CHECK(wc_xml_parse(s, strlen(s), &ev) == 0);
	CHECK_STR(ev.msg_id, "200163836");
	CHECK_STR(ev.status, "failed: system failed");
	s = EV("<MsgType>text</MsgType><Content>#12 a&amp;b</Content>"
	       "<MsgId>1234567890123456</MsgId><Other><a><b>x</b></a></Other>");
	CHECK(wc_xml_parse(s, strlen(s), &ev) == 0);
	CHECK_STR(ev.content, "#12 a&b");
	CHECK_STR(ev.msg_id, "1234567890123456");
}

TEST(parse_refuses)
{
	struct ops_wechat_event ev;
	static const char *bad[] = {
		"",
		"not xml",
		"<xml><FromUserName>a</FromUserName>",
		"<root><FromUserName>a</FromUserName></root>",
		"<!DOCTYPE xml [<!ENTITY a \"b\">]><xml><FromUserName>&a;"
		"</FromUserName></xml>",
		"<xml><a><b><c><d>deep</d></c></b></a></xml>",
		"<xml><CreateTime>12x</CreateTime></xml>",
		"<xml><CreateTime>123456789012345678901234</CreateTime></xml>",
		"<xml><FromUserName>oooooooooooooooooooooooooooooooooooooooooooo"
		"oooooooooooooooooooooooooooo</FromUserName></xml>",
	};
	struct strbuf big = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(wc_xml_parse(bad[i], strlen(bad[i]), &ev) == -1);
		CHECK(ev.from[0] == '\0');
	}
	strbuf_addstr(&big, "<xml><Content>");
	while (big.len < WC_XML_MAX)
		strbuf_addstr(&big, "xxxxxxxx");
	strbuf_addstr(&big, "</Content></xml>");
	CHECK(wc_xml_parse(big.buf, big.len, &ev) == -1);
	strbuf_release(&big);
}

TEST(content_cut_at_a_character)
{
	struct ops_wechat_event ev;
	struct strbuf s = STRBUF_INIT;
	size_t n;

	strbuf_addstr(&s, "<xml><FromUserName>o</FromUserName><MsgType>text"
			  "</MsgType><Content>a");
	while (s.len < 6000)
		strbuf_addstr(&s, "微");
	strbuf_addstr(&s, "</Content></xml>");
	CHECK(wc_xml_parse(s.buf, s.len, &ev) == 0);
	n = strlen(ev.content);
	CHECK(n <= OPS_WECHAT_CONTENT_MAX);
	CHECK(n > OPS_WECHAT_CONTENT_MAX - 3);
	CHECK((n - 1) % 3 == 0); /* "a" and whole characters only */
	strbuf_release(&s);
}

TEST(reply_cdata)
{
	struct strbuf sb = STRBUF_INIT;

	wc_xml_reply(&sb, "oTO", "gh_x", 1700000000, "a]]>b");
	CHECK_STR(sb.buf,
	    "<xml><ToUserName><![CDATA[oTO]]></ToUserName><FromUserName>"
	    "<![CDATA[gh_x]]></FromUserName><CreateTime>1700000000"
	    "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>"
	    "<![CDATA[a]]]]><![CDATA[>b]]></Content></xml>");
	strbuf_release(&sb);
}

int
main(void)
{
	RUN(signature);
	RUN(parse_events);
	RUN(parse_refuses);
	RUN(content_cut_at_a_character);
	RUN(reply_cdata);
	DONE();
}
