/*
 * test_util.c: unit tests for src/util/: strbuf (caps, growth, detach,
 * escaping), params (form/query decoding), jsonin (lenient JSON intake),
 * multipart, shortcode and ids (tokens, uids, UTF-8 counting, clocks).
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "util/errors.h"
#include "util/ids.h"
#include "util/jsonin.h"
#include "util/multipart.h"
#include "util/params.h"
#include "util/shortcode.h"
#include "util/strbuf.h"

/* ---- strbuf ---------------------------------------------------------- */

/* params_int: every numeric request parameter (issue 14 item 6). */
TEST(params_int_ranges)
{
	static const char *bad[] = { "0x10", "1e3", "1.5", "abc", "12abc",
	    "9223372036854775808", "-9223372036854775809",
	    "99999999999999999999", "--1", "+-1", "1 2", "\t1" };
	long long n = 0;
	size_t i;

	CHECK(params_int(NULL, 0, 10, &n) == FG_ENOENT);
	CHECK(params_int("", 0, 10, &n) == FG_ENOENT);
	CHECK(params_int("   ", 0, 10, &n) == FG_ENOENT);
	CHECK(params_int(" 12 ", 0, 100, &n) == 0 && n == 12);
	CHECK(params_int("+7", 0, 100, &n) == 0 && n == 7);
	CHECK(params_int("-1", LLONG_MIN, LLONG_MAX, &n) == 0 && n == -1);
	CHECK(params_int("9223372036854775807", LLONG_MIN, LLONG_MAX, &n) ==
	    0 && n == LLONG_MAX);
	CHECK(params_int("-9223372036854775808", LLONG_MIN, LLONG_MAX, &n) ==
	    0 && n == LLONG_MIN);
	CHECK(params_int("11", 0, 10, &n) == FG_EINVAL);
	CHECK(params_int("-1", 0, 10, &n) == FG_EINVAL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = 42;
		CHECK(params_int(bad[i], LLONG_MIN, LLONG_MAX, &n) ==
		    FG_EINVAL);
		CHECK(n == 42);
	}
}

TEST(strbuf_init_empty)
{
	struct strbuf sb = STRBUF_INIT;

	CHECK(sb.buf != NULL);
	CHECK_STR(sb.buf, "");
	CHECK(sb.len == 0);
	strbuf_release(&sb);
	CHECK(sb.buf != NULL && sb.len == 0);
	/* reset/setlen on a never-allocated buffer are harmless */
	strbuf_reset(&sb);
	strbuf_setlen(&sb, 0);
	CHECK_STR(sb.buf, "");
}

TEST(strbuf_cap_add)
{
	struct strbuf sb;

	strbuf_init(&sb, 10);
	CHECK(strbuf_addstr(&sb, "hello") == 0);
	CHECK(strbuf_addstr(&sb, "world!") == FG_ETOOBIG);
	CHECK_STR(sb.buf, "hello");
	CHECK(sb.len == 5);
	CHECK(strbuf_add(&sb, "world", 5) == 0);	/* exactly the cap */
	CHECK_STR(sb.buf, "helloworld");
	CHECK(sb.len == 10);
	CHECK(strbuf_addch(&sb, 'x') == FG_ETOOBIG);
	CHECK(strbuf_addstr(&sb, "") == 0);
	CHECK_STR(sb.buf, "helloworld");
	CHECK(sb.len == 10);
	strbuf_release(&sb);
}

TEST(strbuf_cap_addf)
{
	struct strbuf sb;

	/* the formatted text fits the allocation but passes the cap */
	strbuf_init(&sb, 10);
	CHECK(strbuf_addstr(&sb, "hello") == 0);
	CHECK(sb.alloc > 11);
	CHECK(strbuf_addf(&sb, "%s", "123456") == FG_ETOOBIG);
	CHECK_STR(sb.buf, "hello");
	CHECK(sb.len == 5);
	CHECK(strbuf_addf(&sb, "%d", 12345) == 0);
	CHECK_STR(sb.buf, "hello12345");
	strbuf_release(&sb);

	/* nothing allocated yet */
	strbuf_init(&sb, 4);
	CHECK(strbuf_addf(&sb, "%d", 12345) == FG_ETOOBIG);
	CHECK_STR(sb.buf, "");
	CHECK(sb.len == 0);
	CHECK(strbuf_addf(&sb, "%d", 1234) == 0);
	CHECK_STR(sb.buf, "1234");
	strbuf_release(&sb);

	/*
	 * past the allocation and past the cap: the buffer must stay as it
	 * was, NUL at len included (vsnprintf's first, truncated attempt
	 * must not be left behind)
	 */
	strbuf_init(&sb, 100);
	CHECK(strbuf_addstr(&sb, "ab") == 0);
	CHECK(sb.alloc < 200);
	CHECK(strbuf_addf(&sb, "%0200d", 7) == FG_ETOOBIG);
	CHECK(sb.len == 2);
	CHECK(sb.buf[sb.len] == '\0');
	CHECK_STR(sb.buf, "ab");
	strbuf_release(&sb);
}

TEST(strbuf_addf_growth)
{
	struct strbuf sb = STRBUF_INIT;
	char want[16];
	size_t i, off = 0;
	int ok = 1;

	for (i = 0; i < 5000; i++)
		if (strbuf_addf(&sb, "%zu,", i) != 0)
			ok = 0;
	CHECK(ok);
	for (i = 0; i < 5000 && ok; i++) {
		int n = snprintf(want, sizeof(want), "%zu,", i);

		if (memcmp(sb.buf + off, want, (size_t)n) != 0)
			ok = 0;
		off += (size_t)n;
	}
	CHECK(ok);
	CHECK(off == sb.len);
	CHECK(sb.buf[sb.len] == '\0');
	CHECK(strlen(sb.buf) == sb.len);

	/* one big format after small ones */
	strbuf_reset(&sb);
	CHECK(sb.len == 0 && sb.buf[0] == '\0');
	CHECK(strbuf_addf(&sb, "[%01000d]", 5) == 0);
	CHECK(sb.len == 1002);
	CHECK(sb.buf[0] == '[' && sb.buf[999] == '0' && sb.buf[1000] == '5');
	strbuf_release(&sb);
}

TEST(strbuf_setf_setlen)
{
	struct strbuf sb = STRBUF_INIT;

	CHECK(strbuf_addstr(&sb, "old text") == 0);
	CHECK(strbuf_setf(&sb, "new %s %d", "text", 2) == 0);
	CHECK_STR(sb.buf, "new text 2");
	strbuf_setlen(&sb, 3);
	CHECK_STR(sb.buf, "new");
	CHECK(sb.len == 3);
	strbuf_release(&sb);
}

TEST(strbuf_detach)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *p;

	CHECK(strbuf_addstr(&sb, "你好, world") == 0);
	p = strbuf_detach(&sb, &len);
	CHECK_STR(p, "你好, world");
	CHECK(len == strlen("你好, world"));
	CHECK(sb.buf != NULL && sb.len == 0 && sb.alloc == 0);
	CHECK_STR(sb.buf, "");
	free(p);

	/* detaching an empty buffer still gives a heap string */
	p = strbuf_detach(&sb, &len);
	CHECK(p != NULL && p != sb.buf);
	CHECK_STR(p, "");
	CHECK(len == 0);
	free(p);
	p = strbuf_detach(&sb, NULL);
	free(p);

	/* the buffer is usable after detach */
	CHECK(strbuf_addstr(&sb, "again") == 0);
	CHECK_STR(sb.buf, "again");
	strbuf_release(&sb);
}

TEST(strbuf_html)
{
	struct strbuf sb = STRBUF_INIT;
	const char *in = "<a href=\"x\">'&'</a> 你😀";

	CHECK(strbuf_add_html(&sb, in, strlen(in)) == 0);
	CHECK_STR(sb.buf, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;"
	    "&lt;/a&gt; 你😀");
	strbuf_reset(&sb);
	CHECK(strbuf_add_html(&sb, "plain", 5) == 0);
	CHECK(strbuf_add_html(&sb, "", 0) == 0);
	CHECK_STR(sb.buf, "plain");
	strbuf_release(&sb);
}

TEST(strbuf_json)
{
	struct strbuf sb = STRBUF_INIT;
	const char in[] = "a\"b\\c/\n\r\t\b\f\x01\x1f\x7f 你😀";

	CHECK(strbuf_add_json_str(&sb, in, sizeof(in) - 1) == 0);
	CHECK_STR(sb.buf, "\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0001\\u001f"
	    "\x7f 你😀\"");
	strbuf_reset(&sb);
	CHECK(strbuf_add_json_str(&sb, "x\0y", 3) == 0);
	CHECK_STR(sb.buf, "\"x\\u0000y\"");
	strbuf_reset(&sb);
	CHECK(strbuf_add_json_str(&sb, "", 0) == 0);
	CHECK_STR(sb.buf, "\"\"");
	strbuf_release(&sb);
}

/*
 * strbuf.h: "an append that would pass [the cap] fails with FG_ETOOBIG
 * and leaves the buffer as it was"; the escapers are appends too.
 */
TEST(strbuf_escape_cap_unchanged)
{
	struct strbuf sb;

	strbuf_init(&sb, 10);
	CHECK(strbuf_addstr(&sb, "ab") == 0);
	CHECK(strbuf_add_json_str(&sb, "abcdefghijkl", 12) == FG_ETOOBIG);
	CHECK_STR(sb.buf, "ab");
	CHECK(sb.len == 2);
	CHECK(strbuf_add_html(&sb, "<<<<", 4) == FG_ETOOBIG);
	CHECK_STR(sb.buf, "ab");
	CHECK(sb.len == 2);
	strbuf_release(&sb);
}

/* ---- params ---------------------------------------------------------- */

TEST(params_form_basic)
{
	struct params p;
	const char *q = "a=1&b=hello+world&c=%E4%BD%A0&d=%zz&e=100%4&f&g="
	    "&h=%41%42&&=nokey&raw=你好&pct=%&pct2=%%41";
	size_t len = 0;

	params_init(&p, 64);
	CHECK(params_parse_form(&p, q, strlen(q)) == 0);
	CHECK_STR(params_get(&p, "a", NULL), "1");
	CHECK_STR(params_get(&p, "b", NULL), "hello world");
	CHECK_STR(params_get(&p, "c", &len), "你");
	CHECK(len == 3);
	CHECK_STR(params_get(&p, "d", NULL), "%zz");
	CHECK_STR(params_get(&p, "e", NULL), "100%4");
	CHECK(params_get(&p, "f", NULL) == NULL);	/* no '=' */
	CHECK(params_get(&p, "g", NULL) == NULL);	/* empty */
	CHECK_STR(params_get(&p, "h", NULL), "AB");
	CHECK(params_get(&p, "", NULL) == NULL);
	CHECK_STR(params_get(&p, "raw", NULL), "你好");
	CHECK_STR(params_get(&p, "pct", NULL), "%");
	CHECK_STR(params_get(&p, "pct2", NULL), "%A");
	CHECK(params_get(&p, "missing", NULL) == NULL);
	/* names are case-sensitive */
	CHECK(params_get(&p, "A", NULL) == NULL);
	params_release(&p);
}

TEST(params_form_edges)
{
	struct params p;
	const char *q;
	size_t len = 0;
	const char *v;

	params_init(&p, 64);
	/* trailing escapes of every short length are kept literally */
	q = "x=%4";
	CHECK(params_parse_form(&p, q, strlen(q)) == 0);
	CHECK_STR(params_get(&p, "x", NULL), "%4");
	q = "y=%";
	CHECK(params_parse_form(&p, q, strlen(q)) == 0);
	CHECK_STR(params_get(&p, "y", NULL), "%");
	/* escape ending exactly at the end */
	q = "z=a%41";
	CHECK(params_parse_form(&p, q, strlen(q)) == 0);
	CHECK_STR(params_get(&p, "z", NULL), "aA");
	/* keys are decoded too; '+' and %2B */
	q = "to%6Ben=a%2Bb+c";
	CHECK(params_parse_form(&p, q, strlen(q)) == 0);
	CHECK_STR(params_get(&p, "token", NULL), "a+b c");
	/* '=' inside the value */
	q = "u=a=b";
	CHECK(params_parse_form(&p, q, strlen(q)) == 0);
	CHECK_STR(params_get(&p, "u", NULL), "a=b");
	/* a NUL byte in a value is kept, with its length */
	q = "n=x%00y";
	CHECK(params_parse_form(&p, q, strlen(q)) == 0);
	v = params_get(&p, "n", &len);
	CHECK(v != NULL && len == 3 && memcmp(v, "x\0y", 3) == 0);
	/* parsing honours len, not the NUL */
	q = "k=abcdef";
	CHECK(params_parse_form(&p, q, 5) == 0);
	CHECK_STR(params_get(&p, "k", NULL), "abc");
	/* empty input */
	CHECK(params_parse_form(&p, "", 0) == 0);
	params_release(&p);
}

TEST(params_override)
{
	struct params p;
	const char *q = "a=1&b=2&a=3";

	params_init(&p, 64);
	CHECK(params_parse_form(&p, q, strlen(q)) == 0);
	CHECK_STR(params_get(&p, "a", NULL), "3");
	CHECK(p.n == 2);
	CHECK(params_set(&p, "b", 1, "body", 4) == 0);
	CHECK_STR(params_get(&p, "b", NULL), "body");
	CHECK(p.n == 2);
	CHECK(params_set(&p, "bb", 1, "x", 1) == 0);	/* klen honoured */
	CHECK_STR(params_get(&p, "b", NULL), "x");
	CHECK(params_set(&p, "c", 1, "", 0) == 0);
	CHECK(params_get(&p, "c", NULL) == NULL);
	params_release(&p);
}

TEST(params_cap)
{
	struct params p;
	const char *q = "a=1&b=2&c=3&d=4";

	params_init(&p, 3);
	CHECK(params_parse_form(&p, q, strlen(q)) == FG_ETOOBIG);
	CHECK(p.n == 3);
	CHECK(params_get(&p, "d", NULL) == NULL);
	/* replacing an existing key is fine at the cap */
	CHECK(params_set(&p, "a", 1, "9", 1) == 0);
	CHECK_STR(params_get(&p, "a", NULL), "9");
	CHECK(params_set(&p, "e", 1, "5", 1) == FG_ETOOBIG);
	params_release(&p);

	/* growth past the first allocation when uncapped */
	{
		char k[16];
		int i, ok = 1;

		params_init(&p, 0);
		for (i = 0; i < 100; i++) {
			snprintf(k, sizeof(k), "k%d", i);
			if (params_set(&p, k, strlen(k), k, strlen(k)) != 0)
				ok = 0;
		}
		CHECK(ok);
		CHECK(p.n == 100);
		CHECK_STR(params_get(&p, "k77", NULL), "k77");
		params_release(&p);
	}
}

TEST(url_decode_plus)
{
	struct strbuf sb = STRBUF_INIT;

	CHECK(url_decode(&sb, "a+b%20c", 7, 0) == 0);
	CHECK_STR(sb.buf, "a+b c");
	strbuf_reset(&sb);
	CHECK(url_decode(&sb, "a+b%20c", 7, 1) == 0);
	CHECK_STR(sb.buf, "a b c");
	strbuf_reset(&sb);
	CHECK(url_decode(&sb, "%F0%9F%98%80%e4%bd%a0", 21, 1) == 0);
	CHECK_STR(sb.buf, "😀你");
	strbuf_release(&sb);
}

/* ---- jsonin ---------------------------------------------------------- */

/* Parses s into fresh params (p must be released); returns jsonin rc. */
static int
json_params(struct params *p, const char *s)
{
	json_t *j = jsonin_parse(s, strlen(s));
	int rc;

	params_init(p, 64);
	if (j == NULL)
		return -100;
	rc = jsonin_to_params(p, j);
	json_decref(j);
	return rc;
}

TEST(jsonin_bom)
{
	struct params p;

	CHECK(json_params(&p, "\xef\xbb\xbf{\"a\":\"b\"}") == 0);
	CHECK_STR(params_get(&p, "a", NULL), "b");
	params_release(&p);
	CHECK(json_params(&p, "\xef\xbb\xbf  {\"a\":\"\\ud83d\"}") == 0);
	CHECK_STR(params_get(&p, "a", NULL), "\xef\xbf\xbd");
	params_release(&p);
}

TEST(jsonin_surrogates)
{
	struct params p;

	CHECK(json_params(&p, "{\"pair\":\"\\ud83d\\ude00\","
	    "\"upper\":\"\\uD83D\\uDE00\","
	    "\"hi\":\"x\\ud83dy\","
	    "\"lo\":\"x\\ude00y\","
	    "\"end\":\"\\ud83d\","
	    "\"hihi\":\"\\ud83d\\ud83d\\ude00\","
	    "\"lohi\":\"\\ude00\\ud83d\","
	    "\"hiesc\":\"\\ud83d\\n\","
	    "\"bmp\":\"\\u4f60\\u00e9\"}") == 0);
	CHECK_STR(params_get(&p, "pair", NULL), "\xf0\x9f\x98\x80");
	CHECK_STR(params_get(&p, "upper", NULL), "😀");
	CHECK_STR(params_get(&p, "hi", NULL), "x\xef\xbf\xbdy");
	CHECK_STR(params_get(&p, "lo", NULL), "x\xef\xbf\xbdy");
	CHECK_STR(params_get(&p, "end", NULL), "\xef\xbf\xbd");
	CHECK_STR(params_get(&p, "hihi", NULL), "\xef\xbf\xbd😀");
	CHECK_STR(params_get(&p, "lohi", NULL), "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(params_get(&p, "hiesc", NULL), "\xef\xbf\xbd\n");
	CHECK_STR(params_get(&p, "bmp", NULL), "你é");
	params_release(&p);
}

TEST(jsonin_escaped_backslash)
{
	struct params p;

	/* the text backslash-u-d-8-3-d, not a surrogate */
	CHECK(json_params(&p, "{\"a\":\"\\\\ud83d\","
	    "\"b\":\"\\\\\\ud83d\\ude00\","
	    "\"c\":\"\\\\\\\\ud83d\","
	    "\"d\":\"\\\"\\ud83d\","
	    "\"e\":\"\\\\\"}") == 0);
	CHECK_STR(params_get(&p, "a", NULL), "\\ud83d");
	CHECK_STR(params_get(&p, "b", NULL), "\\😀");
	CHECK_STR(params_get(&p, "c", NULL), "\\\\ud83d");
	CHECK_STR(params_get(&p, "d", NULL), "\"\xef\xbf\xbd");
	CHECK_STR(params_get(&p, "e", NULL), "\\");
	params_release(&p);
}

TEST(jsonin_types)
{
	struct params p;

	CHECK(json_params(&p, "{\"s\":\"你好 world\",\"n\":123,"
	    "\"big\":1632993318000,\"neg\":-5,\"r\":1.5,\"t\":true,"
	    "\"f\":false,\"z\":null,\"o\":{\"x\":1, \"y\" : [1, \"a\"]},"
	    "\"arr\":[\"123\"],\"empty\":\"\",\"e\":{}}") == 0);
	CHECK_STR(params_get(&p, "s", NULL), "你好 world");
	CHECK_STR(params_get(&p, "n", NULL), "123");
	CHECK_STR(params_get(&p, "big", NULL), "1632993318000");
	CHECK_STR(params_get(&p, "neg", NULL), "-5");
	CHECK_STR(params_get(&p, "r", NULL), "1.5");
	CHECK_STR(params_get(&p, "t", NULL), "true");
	CHECK_STR(params_get(&p, "f", NULL), "false");
	CHECK(params_get(&p, "z", NULL) == NULL);
	CHECK_STR(params_get(&p, "o", NULL), "{\"x\":1,\"y\":[1,\"a\"]}");
	CHECK_STR(params_get(&p, "arr", NULL), "[\"123\"]");
	CHECK(params_get(&p, "empty", NULL) == NULL);
	CHECK_STR(params_get(&p, "e", NULL), "{}");
	params_release(&p);

	/* null is skipped: it adds no entry and leaves earlier values */
	params_init(&p, 64);
	CHECK(params_set(&p, "url", 3, "q", 1) == 0);
	{
		const char *s = "{\"url\":null,\"topic\":null}";
		json_t *j = jsonin_parse(s, strlen(s));

		CHECK(j != NULL);
		if (j) {
			CHECK(jsonin_to_params(&p, j) == 0);
			json_decref(j);
		}
	}
	CHECK(p.n == 1);
	CHECK_STR(params_get(&p, "url", NULL), "q");
	params_release(&p);
}

TEST(jsonin_duplicates_and_cap)
{
	struct params p;
	json_t *j;

	CHECK(json_params(&p, "{\"a\":\"1\",\"b\":2,\"a\":\"2\"}") == 0);
	CHECK_STR(params_get(&p, "a", NULL), "2");
	params_release(&p);

	j = jsonin_parse("{\"a\":1,\"b\":2,\"c\":3}", 19);
	CHECK(j != NULL);
	params_init(&p, 2);
	if (j) {
		CHECK(jsonin_to_params(&p, j) == FG_ETOOBIG);
		json_decref(j);
	}
	params_release(&p);
}

TEST(jsonin_malformed)
{
	static const char *bad[] = {
		"", "{", "{\"a\":}", "nul", "{'a':1}", "{\"a\":1} x",
		"{\"a\":\"\\ud83d", "{\"a\":\"\\uzzzz\"}", "\xef\xbb\xbf",
		"{\"a\":\"\\\"}", "{\"a\":1,}",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *j = jsonin_parse(bad[i], strlen(bad[i]));

		if (j != NULL) {
			fprintf(stderr, "  parsed: '%s'\n", bad[i]);
			json_decref(j);
		}
		CHECK(j == NULL);
	}
	/* len is honoured (no NUL needed) */
	{
		json_t *j = jsonin_parse("{\"a\":1}garbage", 7);

		CHECK(j != NULL && json_is_object(j));
		json_decref(j);
	}
}

/* ---- multipart ------------------------------------------------------- */

#define CRLF "\r\n"

TEST(multipart_fields)
{
	struct params p;
	const char *body =
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; name=\"token\"" CRLF
	    CRLF
	    "abc123" CRLF
	    "--XyZ" CRLF
	    "content-disposition: form-data; name=\"content\"" CRLF
	    "Content-Type: text/plain; charset=utf-8" CRLF
	    CRLF
	    "你好" CRLF "line 2" CRLF CRLF
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; name=\"up\"; filename=\"a.txt\""
	    CRLF "Content-Type: application/octet-stream" CRLF
	    CRLF
	    "FILEDATA" CRLF
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; filename=\"b.txt\"; name=\"up2\""
	    CRLF CRLF
	    "FILE2" CRLF
	    "--XyZ" CRLF
	    "Content-Type: text/plain" CRLF
	    "Content-Disposition: form-data; name=\"title\"" CRLF
	    CRLF
	    "T" CRLF
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; name=\"empty\"" CRLF
	    CRLF
	    CRLF
	    "--XyZ--" CRLF;

	params_init(&p, 64);
	CHECK(multipart_parse(&p, body, strlen(body), "XyZ", 3) == 0);
	CHECK_STR(params_get(&p, "token", NULL), "abc123");
	CHECK_STR(params_get(&p, "content", NULL),
	    "你好" CRLF "line 2" CRLF);
	CHECK_STR(params_get(&p, "title", NULL), "T");
	CHECK(params_get(&p, "empty", NULL) == NULL);
	CHECK(params_get(&p, "up", NULL) == NULL);
	CHECK(params_get(&p, "up2", NULL) == NULL);
	CHECK(params_get(&p, "a.txt", NULL) == NULL);
	CHECK(params_get(&p, "b.txt", NULL) == NULL);
	params_release(&p);
}

TEST(multipart_file_part)
{
	struct multipart_file f = { .name = "file" };
	/* binary bytes with a NUL and a CRLF inside, a text part first,
	 * another file part of another name before the one asked for */
	static const char body[] =
	    "--B" CRLF
	    "Content-Disposition: form-data; name=\"token\"" CRLF
	    CRLF
	    "t1" CRLF
	    "--B" CRLF
	    "Content-Disposition: form-data; name=\"other\"; filename=\"o\""
	    CRLF CRLF
	    "OTHER" CRLF
	    "--B" CRLF
	    "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\""
	    CRLF "content-type:  image/png; x=1" CRLF
	    CRLF
	    "\x89PNG\0\r\nend" CRLF
	    "--B--" CRLF;
	size_t len = sizeof(body) - 1;
	char big[400];

	CHECK(multipart_file(body, len, "B", 1, &f) == 0);
	CHECK(f.len == 10);
	CHECK(memcmp(f.data, "\x89PNG\0\r\nend", 10) == 0);
	CHECK_STR(f.filename, "a.png");
	CHECK_STR(f.type, "image/png");
	/* a text field is no file; a missing name is FG_ENOENT */
	f.name = "token";
	CHECK(multipart_file(body, len, "B", 1, &f) == FG_ENOENT);
	f.name = "nope";
	CHECK(multipart_file(body, len, "B", 1, &f) == FG_ENOENT);
	CHECK(f.data == NULL && f.len == 0);
	/* no boundary in the body, an empty boundary */
	f.name = "file";
	CHECK(multipart_file(body, len, "Q", 1, &f) == FG_EINVAL);
	CHECK(multipart_file(body, len, "", 0, &f) == FG_EINVAL);
	/* an unterminated file part is not returned */
	CHECK(multipart_file(body, len - 9, "B", 1, &f) == FG_ENOENT);
	/* an over-long file name is cut to fit */
	memset(big, 'n', sizeof(big));
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "--B" CRLF "Content-Disposition: form-data; "
		    "name=\"file\"; filename=\"%.*s\"" CRLF CRLF "x" CRLF
		    "--B--", (int)sizeof(big), big);
		CHECK(multipart_file(sb.buf, sb.len, "B", 1, &f) == 0);
		CHECK(strlen(f.filename) == sizeof(f.filename) - 1);
		CHECK(f.len == 1);
		strbuf_release(&sb);
	}
}

TEST(multipart_preamble_and_crlf)
{
	struct params p;
	/* a preamble, a boundary with '-' and a value holding "--" */
	const char *body =
	    "this is the preamble" CRLF
	    "------b-1" CRLF
	    "Content-Disposition: form-data; name=\"a\"" CRLF
	    CRLF
	    "x" CRLF "--y" CRLF
	    "------b-1" CRLF
	    "Content-Disposition: form-data; name=\"b\"" CRLF
	    CRLF
	    CRLF "lead and trail" CRLF CRLF
	    "------b-1--";

	params_init(&p, 64);
	CHECK(multipart_parse(&p, body, strlen(body), "----b-1", 7) == 0);
	CHECK_STR(params_get(&p, "a", NULL), "x" CRLF "--y");
	CHECK_STR(params_get(&p, "b", NULL), CRLF "lead and trail" CRLF);
	CHECK(p.n == 2);
	params_release(&p);
}

TEST(multipart_unterminated)
{
	struct params p;
	const char *body =
	    "--B" CRLF
	    "Content-Disposition: form-data; name=\"a\"" CRLF
	    CRLF
	    "1" CRLF
	    "--B" CRLF
	    "Content-Disposition: form-data; name=\"b\"" CRLF
	    CRLF
	    "2 never closed";
	const char *body2 =
	    "--B" CRLF
	    "Content-Disposition: form-data; name=\"a\"" CRLF
	    CRLF
	    "1" CRLF
	    "--B";
	const char *body3 =
	    "--B" CRLF
	    "Content-Disposition: form-data; name=\"a\"";

	params_init(&p, 64);
	CHECK(multipart_parse(&p, body, strlen(body), "B", 1) == 0);
	CHECK_STR(params_get(&p, "a", NULL), "1");
	CHECK(params_get(&p, "b", NULL) == NULL);
	params_release(&p);

	params_init(&p, 64);
	CHECK(multipart_parse(&p, body2, strlen(body2), "B", 1) == 0);
	CHECK_STR(params_get(&p, "a", NULL), "1");
	params_release(&p);

	params_init(&p, 64);
	CHECK(multipart_parse(&p, body3, strlen(body3), "B", 1) == 0);
	CHECK(p.n == 0);
	params_release(&p);
}

TEST(multipart_errors)
{
	struct params p;
	const char *body = "--B" CRLF
	    "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1" CRLF
	    "--B--";
	char big[300];

	params_init(&p, 64);
	/* boundary absent from the body */
	CHECK(multipart_parse(&p, body, strlen(body), "Q", 1) == FG_EINVAL);
	CHECK(multipart_parse(&p, body, strlen(body), "", 0) == FG_EINVAL);
	memset(big, 'b', sizeof(big));
	CHECK(multipart_parse(&p, body, strlen(body), big, sizeof(big)) ==
	    FG_EINVAL);
	CHECK(p.n == 0);
	params_release(&p);

	/* part without Content-Disposition is ignored */
	{
		const char *b2 = "--B" CRLF "Content-Type: text/plain" CRLF CRLF
		    "orphan" CRLF "--B" CRLF
		    "Content-Disposition: form-data; name=\"k\"" CRLF CRLF
		    "v" CRLF "--B--" CRLF;

		params_init(&p, 64);
		CHECK(multipart_parse(&p, b2, strlen(b2), "B", 1) == 0);
		CHECK(p.n == 1);
		CHECK_STR(params_get(&p, "k", NULL), "v");
		params_release(&p);
	}
	/* the parameter cap applies */
	{
		const char *b3 = "--B" CRLF
		    "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1"
		    CRLF "--B" CRLF
		    "Content-Disposition: form-data; name=\"b\"" CRLF CRLF "2"
		    CRLF "--B--" CRLF;

		params_init(&p, 1);
		CHECK(multipart_parse(&p, b3, strlen(b3), "B", 1) ==
		    FG_ETOOBIG);
		CHECK_STR(params_get(&p, "a", NULL), "1");
		params_release(&p);
	}
}

/* ---- shortcode ------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int
is_lower_hex(const char *s, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static void
test_key(uint8_t key[SHORTCODE_KEY_LEN], uint8_t seed)
{
	int i;

	for (i = 0; i < SHORTCODE_KEY_LEN; i++)
		key[i] = (uint8_t)(seed + i * 7);
}

TEST(shortcode_roundtrip)
{
	uint8_t key[SHORTCODE_KEY_LEN];
	int64_t ids[64], got;
	char code[SHORTCODE_LEN + 1];
	size_t i;
	int ok = 1;

	test_key(key, 1);
	ids[0] = 1;
	ids[1] = 2;
	ids[2] = (int64_t)1 << 40;
	ids[3] = INT64_MAX;
	for (i = 4; i < 64; i++)
		ids[i] = (int64_t)(rng() >> 1) | 1;
	for (i = 0; i < 64; i++) {
		shortcode_encode(key, ids[i], code);
		if (!is_lower_hex(code, SHORTCODE_LEN)) {
			fprintf(stderr, "  bad code '%s'\n", code);
			ok = 0;
		}
		got = -1;
		if (shortcode_decode(key, code, &got) != 0 || got != ids[i]) {
			fprintf(stderr, "  id %lld -> %s -> %lld\n",
			    (long long)ids[i], code, (long long)got);
			ok = 0;
		}
	}
	CHECK(ok);
}

TEST(shortcode_keys_and_ids_differ)
{
	uint8_t k1[SHORTCODE_KEY_LEN], k2[SHORTCODE_KEY_LEN];
	char a[SHORTCODE_LEN + 1], b[SHORTCODE_LEN + 1];
	char c[SHORTCODE_LEN + 1];
	int64_t got;

	test_key(k1, 1);
	test_key(k2, 2);
	shortcode_encode(k1, 42, a);
	shortcode_encode(k2, 42, b);
	CHECK(strcmp(a, b) != 0);
	/* a code from one key is not valid under another */
	CHECK(shortcode_decode(k2, a, &got) != 0);
	/* consecutive ids give unrelated codes, deterministically */
	shortcode_encode(k1, 43, c);
	CHECK(strcmp(a, c) != 0);
	shortcode_encode(k1, 42, b);
	CHECK_STR(b, a);
}

TEST(shortcode_tamper)
{
	static const int pos[] = { 0, 1, 7, 15, 16, 17, 24, 30, 31 };
	uint8_t key[SHORTCODE_KEY_LEN];
	char code[SHORTCODE_LEN + 1], t[SHORTCODE_LEN + 1];
	int64_t id, got;
	size_t i;
	int k;

	test_key(key, 9);
	for (k = 0; k < 4; k++) {
		id = k == 0 ? 1 : k == 1 ? 2 : k == 2 ? (int64_t)1 << 40 :
		    123456789;
		shortcode_encode(key, id, code);
		for (i = 0; i < sizeof(pos) / sizeof(pos[0]); i++) {
			memcpy(t, code, sizeof(t));
			t[pos[i]] = t[pos[i]] == '0' ? '1' : '0';
			got = -7;
			CHECK(shortcode_decode(key, t, &got) != 0);
			CHECK(got == -7);
		}
	}
}

TEST(shortcode_reject)
{
	uint8_t key[SHORTCODE_KEY_LEN];
	char code[SHORTCODE_LEN + 1], t[SHORTCODE_LEN + 2];
	int64_t got;
	size_t i;

	test_key(key, 3);
	shortcode_encode(key, 77, code);
	CHECK(shortcode_decode(key, code, &got) == 0 && got == 77);
	/* uppercase */
	memcpy(t, code, sizeof(code));
	for (i = 0; t[i]; i++)
		t[i] = (char)toupper((unsigned char)t[i]);
	if (strcmp(t, code) != 0)
		CHECK(shortcode_decode(key, t, &got) != 0);
	/* non-hex */
	memcpy(t, code, sizeof(code));
	t[5] = 'g';
	CHECK(shortcode_decode(key, t, &got) != 0);
	t[5] = ' ';
	CHECK(shortcode_decode(key, t, &got) != 0);
	/* wrong lengths */
	memcpy(t, code, sizeof(code));
	t[31] = '\0';
	CHECK(shortcode_decode(key, t, &got) != 0);
	memcpy(t, code, sizeof(code));
	t[32] = 'a';
	t[33] = '\0';
	CHECK(shortcode_decode(key, t, &got) != 0);
	CHECK(shortcode_decode(key, "", &got) != 0);
	CHECK(shortcode_decode(key, "00000000000000000000000000000000",
	    &got) != 0);
	CHECK(shortcode_decode(key, "ffffffffffffffffffffffffffffffff",
	    &got) != 0);
}

/* ---- ids ------------------------------------------------------------- */

TEST(ids_token_uid)
{
	char a[ID_TOKEN_LEN + 1], b[ID_TOKEN_LEN + 1];
	char u[ID_UID_LEN + 1], v[ID_UID_LEN + 1];
	size_t i;
	int alnum = 1;

	CHECK(ids_init() == 0);
	ids_token(a);
	ids_token(b);
	CHECK(is_lower_hex(a, 32));
	CHECK(is_lower_hex(b, 32));
	CHECK(strcmp(a, b) != 0);

	ids_uid(u);
	ids_uid(v);
	CHECK(strlen(u) == 32);
	CHECK(strncmp(u, "UID_", 4) == 0);
	for (i = 4; i < 32; i++)
		if (!isalnum((unsigned char)u[i]))
			alnum = 0;
	CHECK(alnum);
	CHECK(strcmp(u, v) != 0);

	CHECK(ids_equal(a, a));
	CHECK(!ids_equal(a, b));
	CHECK(!ids_equal("abc", "abcd"));
	CHECK(ids_equal("", ""));
}

TEST(utf8_chars)
{
	CHECK(utf8_chars("", 0) == 0);
	CHECK(utf8_chars("abc", 3) == 3);
	CHECK(utf8_chars("你好", 6) == 2);
	CHECK(utf8_chars("a😀b", 6) == 3);
	CHECK(utf8_chars("é", 2) == 1);
	CHECK(utf8_chars("你好", 5) == 3);		/* truncated: 1 + 1 + 1 */
	CHECK(utf8_chars("\xff\xfe", 2) == 2);
	CHECK(utf8_chars("\xbd\xa0", 2) == 2);		/* stray trail bytes */
}

/*
 * ids.h: "invalid bytes count 1".  A lead byte not followed by trail
 * bytes is one invalid byte; it must not swallow the ASCII or the lead
 * byte of a valid sequence after it.
 */
TEST(utf8_invalid_lead)
{
	CHECK(utf8_chars("\xe4" "ab", 3) == 3);
	CHECK(utf8_chars("\xe4" "你", 4) == 2);
	CHECK(utf8_chars("\xf0" "abc", 4) == 4);
	/* a prefix never splits the valid sequence that follows */
	CHECK(utf8_prefix("\xe4" "你", 4, 1) == 1);
	CHECK(utf8_prefix("\xe4" "你", 4, 2) == 4);
}

/* Values are kept as well-formed UTF-8 (RFC 3629); U+FFFD per bad byte. */
TEST(utf8_valid_and_repair)
{
	struct strbuf sb = STRBUF_INIT;
	struct params p;
	size_t n = 0;
	const char *v;

	CHECK(utf8_valid("ab 你好 \xf0\x9f\x98\x80", 15));
	CHECK(!utf8_valid("\xff", 1));
	CHECK(!utf8_valid("\xc0\xaf", 2));		/* overlong '/' */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));		/* a surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4));	/* past U+10FFFF */
	CHECK(!utf8_valid("\xe4\xbd", 2));		/* cut short */
	CHECK(utf8_repair(&sb, "a\xff" "b\xe4\xbd\xa0\xe4", 7) == 0);
	CHECK_STR(sb.buf, "a\xef\xbf\xbd" "b你\xef\xbf\xbd");
	strbuf_release(&sb);
	params_init(&p, 8);
	CHECK(params_parse_form(&p, "content=%FF%E4%BD%A0&t=ok", 25) == 0);
	v = params_get(&p, "content", &n);
	CHECK(v && n == 6 && memcmp(v, "\xef\xbf\xbd你", 6) == 0);
	CHECK_STR(params_get(&p, "t", NULL), "ok");
	params_release(&p);
}

TEST(utf8_prefix)
{
	const char *s = "a你😀b";	/* 1 + 3 + 4 + 1 */

	CHECK(utf8_prefix(s, 9, 0) == 0);
	CHECK(utf8_prefix(s, 9, 1) == 1);
	CHECK(utf8_prefix(s, 9, 2) == 4);
	CHECK(utf8_prefix(s, 9, 3) == 8);
	CHECK(utf8_prefix(s, 9, 4) == 9);
	CHECK(utf8_prefix(s, 9, 100) == 9);
	CHECK(utf8_prefix("你好", 6, 1) == 3);
	/* never past len, even for a truncated sequence */
	CHECK(utf8_prefix("你好", 5, 2) <= 5);
	CHECK(utf8_prefix("", 0, 3) == 0);
}

TEST(clock_format_cn)
{
	char out[20];
	int64_t a, b;

	clock_format_cn(0, out);
	CHECK_STR(out, "1970-01-01 08:00:00");
	clock_format_cn(1632993318000LL, out);
	CHECK_STR(out, "2021-09-30 17:15:18");
	clock_format_cn(1632993318999LL, out);
	CHECK_STR(out, "2021-09-30 17:15:18");
	clock_format_cn(1704038399000LL, out);
	CHECK_STR(out, "2023-12-31 23:59:59");
	clock_format_cn(1704038400000LL, out);
	CHECK_STR(out, "2024-01-01 00:00:00");

	a = clock_ms();
	b = clock_ms();
	CHECK(a > 1600000000000LL && b >= a);
	a = clock_mono_ms();
	b = clock_mono_ms();
	CHECK(b >= a);
}

int
main(void)
{
	RUN(params_int_ranges);
	RUN(strbuf_init_empty);
	RUN(strbuf_cap_add);
	RUN(strbuf_cap_addf);
	RUN(strbuf_addf_growth);
	RUN(strbuf_setf_setlen);
	RUN(strbuf_detach);
	RUN(strbuf_html);
	RUN(strbuf_json);
	RUN(strbuf_escape_cap_unchanged);
	RUN(params_form_basic);
	RUN(params_form_edges);
	RUN(params_override);
	RUN(params_cap);
	RUN(url_decode_plus);
	RUN(jsonin_bom);
	RUN(jsonin_surrogates);
	RUN(jsonin_escaped_backslash);
	RUN(jsonin_types);
	RUN(jsonin_duplicates_and_cap);
	RUN(jsonin_malformed);
	RUN(multipart_fields);
	RUN(multipart_file_part);
	RUN(multipart_preamble_and_crlf);
	RUN(multipart_unterminated);
	RUN(multipart_errors);
	RUN(shortcode_roundtrip);
	RUN(shortcode_keys_and_ids_differ);
	RUN(shortcode_tamper);
	RUN(shortcode_reject);
	RUN(ids_token_uid);
	RUN(utf8_chars);
	RUN(utf8_invalid_lead);
	RUN(utf8_prefix);
	RUN(utf8_valid_and_repair);
	RUN(clock_format_cn);
	DONE();
}
