/*
 * test_pre.c: unit tests for the sandboxed pre-processing runner
 * (src/pre/pre.c): results, the title global, script errors, the
 * output cap and the time limit (the child is killed, nothing leaks).
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#include "core/errors.h"
#include "pre/pre.h"
#include "util/strbuf.h"

TEST(example)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	CHECK(pre_run("content = content + 123", "this is content", NULL,
	    &out, &err) == 0);
	CHECK_STR(out.buf, "this is content123");
	CHECK(pre_run("content = title + ':' + content", "b", "a", &out,
	    &err) == 0);
	CHECK_STR(out.buf, "a:b");
	CHECK(pre_run("var x = 1", "unchanged 中文", NULL, &out, &err) == 0);
	CHECK_STR(out.buf, "unchanged 中文");
	CHECK(pre_run("content = 42", "x", NULL, &out, &err) == 0);
	CHECK_STR(out.buf, "42");
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(errors)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	CHECK(pre_run("content = (", "x", NULL, &out, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "SyntaxError");
	CHECK(pre_run("throw new Error('boom')", "x", NULL, &out, &err) ==
	    FG_EINVAL);
	CHECK_CONTAINS(err.buf, "boom");
	CHECK(pre_run("content = new Array(600 * 1024).join('x')", "x", NULL,
	    &out, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "longer");
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(time_limit)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	CHECK(pre_run("for (;;) {}", "x", NULL, &out, &err) == FG_ETIMEDOUT);
	CHECK(err.len > 0);
	/* the runner still works afterwards */
	CHECK(pre_run("content = 'ok'", "x", NULL, &out, &err) == 0);
	CHECK_STR(out.buf, "ok");
	strbuf_release(&out);
	strbuf_release(&err);
}

int
main(void)
{
	RUN(example);
	RUN(errors);
	RUN(time_limit);
	DONE();
}
