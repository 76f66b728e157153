/*
 * test_jsonflat.c: jsonin_params(), the request-path JSON reader, checked
 * against expectations and differentially against the jansson path
 * (jsonin_parse + jsonin_to_params) on every input both accept.
 */
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "harness.h"
#include "util/jsonin.h"
#include "util/params.h"

static const char *
get(struct params *p, const char *k)
{
	return params_get(p, k, NULL);
}

TEST(flat_basic)
{
	struct params p;

	params_init(&p, 64);
	CHECK(jsonin_params(&p, "{\"token\":\"abc\",\"n\":12,\"t\":true,"
	    "\"f\":false,\"z\":null,\"e\":\"\"}", 57) == 0);
	CHECK_STR(get(&p, "token"), "abc");
	CHECK_STR(get(&p, "n"), "12");
	CHECK_STR(get(&p, "t"), "true");
	CHECK_STR(get(&p, "f"), "false");
	CHECK(get(&p, "z") == NULL);
	CHECK(get(&p, "e") == NULL);
	params_release(&p);
}

TEST(flat_escapes)
{
	struct params p;
	const char *in = "\xef\xbb\xbf {\"a\":\"\\ud83d\\ude00\",\"b\":\"\\ud83d\","
	    "\"c\":\"x\\\\ud83d\",\"d\":\"\\n\\t\\\"\\/\\u00e9\",\"\\u0074k\":1}";

	params_init(&p, 64);
	CHECK(jsonin_params(&p, in, strlen(in)) == 0);
	CHECK_STR(get(&p, "a"), "\xf0\x9f\x98\x80");
	CHECK_STR(get(&p, "b"), "\xef\xbf\xbd");
	CHECK_STR(get(&p, "c"), "x\\ud83d");
	CHECK_STR(get(&p, "d"), "\n\t\"/\xc3\xa9");
	CHECK_STR(get(&p, "tk"), "1");
	params_release(&p);
}

TEST(flat_nested_and_duplicates)
{
	struct params p;
	const char *in = "{\"uids\":[\"UID_a\", \"UID_b\"],\"o\":{\"x\":[1,{}]},"
	    "\"k\":1,\"k\":\"last\"}";

	params_init(&p, 64);
	CHECK(jsonin_params(&p, in, strlen(in)) == 0);
	CHECK_STR(get(&p, "uids"), "[\"UID_a\", \"UID_b\"]");
	CHECK_STR(get(&p, "o"), "{\"x\":[1,{}]}");
	CHECK_STR(get(&p, "k"), "last");
	params_release(&p);
}

TEST(flat_invalid_utf8_replaced)
{
	struct params p;
	const char in[] = "{\"a\":\"x\xff" "y\xe4\xbd\xa0\"}";

	params_init(&p, 64);
	CHECK(jsonin_params(&p, in, sizeof(in) - 1) == 0);
	CHECK_STR(get(&p, "a"), "x\xef\xbf\xbdy\xe4\xbd\xa0");
	params_release(&p);
}

TEST(flat_malformed)
{
	static const char *bad[] = {
		"", "{", "}", "[]", "\"s\"", "12", "{\"a\"}", "{\"a\":}",
		"{\"a\":1,}", "{a:1}", "{'a':1}", "{\"a\":01}", "{\"a\":1.}",
		"{\"a\":-}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\x01\"}",
		"{\"a\":\"unterminated}", "{\"a\":1} x", "{\"a\":[1,]}",
		"{\"a\":{\"b\":}}", "{\"a\":\"\\u12\"}", "{\"a\":1 \"b\":2}",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct params p;

		params_init(&p, 64);
		if (jsonin_params(&p, bad[i], strlen(bad[i])) != FG_EINVAL) {
			fprintf(stderr, "  accepted: %s\n", bad[i]);
			CHECK(0);
		}
		params_release(&p);
	}
}

TEST(flat_depth_cap)
{
	char buf[400];
	struct params p;
	int i, n = 0;

	n += sprintf(buf + n, "{\"a\":");
	for (i = 0; i < 100; i++)
		buf[n++] = '[';
	for (i = 0; i < 100; i++)
		buf[n++] = ']';
	buf[n++] = '}';
	params_init(&p, 64);
	CHECK(jsonin_params(&p, buf, (size_t)n) == FG_EINVAL);
	params_release(&p);
}

TEST(flat_cap)
{
	struct params p;

	params_init(&p, 2);
	CHECK(jsonin_params(&p, "{\"a\":1,\"b\":2,\"c\":3}", 19) == FG_ETOOBIG);
	params_release(&p);
}

/* Flat string/int/bool members: both readers must agree exactly. */
TEST(flat_differential)
{
	static const char *in[] = {
		"{\"token\":\"t\",\"title\":\"标题\",\"content\":\"内容 <b>x</b>\"}",
		"{\"a\":\"\\u4f60\\u597d\",\"b\":\"\\ud83d\\ude00\",\"c\":123}",
		"{\"timestamp\":1632993318000,\"topic\":\"\",\"to\":null}",
		"{\"x\":true,\"y\":false,\"s\":\"a\\\\b\\\"c\"}",
		"  {\"k\" : \"v\" ,\n\"k2\":\t\"v2\"}  ",
		"{}",
	};
	size_t i, k;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct params a, b;
		json_t *j = jsonin_parse(in[i], strlen(in[i]));

		params_init(&a, 64);
		params_init(&b, 64);
		CHECK(j != NULL);
		CHECK(jsonin_params(&a, in[i], strlen(in[i])) == 0);
		if (j)
			CHECK(jsonin_to_params(&b, j) == 0);
		json_decref(j);
		CHECK(a.n == b.n);
		for (k = 0; k < a.n && k < b.n; k++) {
			CHECK_STR(a.v[k].key, b.v[k].key);
			CHECK(a.v[k].val_len == b.v[k].val_len);
			CHECK(memcmp(a.v[k].val, b.v[k].val, a.v[k].val_len) == 0);
		}
		params_release(&a);
		params_release(&b);
	}
}

int
main(void)
{
	RUN(flat_basic);
	RUN(flat_escapes);
	RUN(flat_nested_and_duplicates);
	RUN(flat_invalid_utf8_replaced);
	RUN(flat_malformed);
	RUN(flat_depth_cap);
	RUN(flat_cap);
	RUN(flat_differential);
	DONE();
}
