/*
 * test_eval.c: one script in this process (src/pre/eval.c, hint.c):
 * results, the title global, script errors, the output cap, the counted
 * memory limit (a 1 MiB string under 16 MiB works, more is a clear
 * error), the ES5.1 hints on SyntaxErrors, and the system-call filter
 * (seccomp.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#include "pre/pre.h"
#include "util/errors.h"
#include "util/strbuf.h"

#define MIB	(1024 * 1024)

static int
run(const char *script, const char *content, const char *title,
    size_t mem, struct strbuf *out, struct strbuf *err)
{
	return pre_eval(script, content, title, mem, out, err);
}

TEST(example)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	CHECK(run("content = content + 123", "this is content", NULL,
	    16 * MIB, &out, &err) == 0);
	CHECK_STR(out.buf, "this is content123");
	CHECK(run("content = title + ':' + content", "b", "a", 16 * MIB,
	    &out, &err) == 0);
	CHECK_STR(out.buf, "a:b");
	CHECK(run("var x = 1", "unchanged 中文", NULL, 16 * MIB, &out,
	    &err) == 0);
	CHECK_STR(out.buf, "unchanged 中文");
	CHECK(run("content = 42", "x", NULL, 16 * MIB, &out, &err) == 0);
	CHECK_STR(out.buf, "42");
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(errors)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	CHECK(run("content = (", "x", NULL, 16 * MIB, &out, &err) ==
	    FG_EINVAL);
	CHECK_CONTAINS(err.buf, "SyntaxError");
	CHECK(strstr(err.buf, "ES5.1") == NULL);
	CHECK(run("throw new Error('boom')", "x", NULL, 16 * MIB, &out,
	    &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "boom");
	CHECK(run("content = new Array(600 * 1024).join('x')", "x", NULL,
	    16 * MIB, &out, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "longer");
	strbuf_release(&out);
	strbuf_release(&err);
}

/* The limit is what the caller says, not the process's size. */
TEST(memory_limit)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	CHECK(run("var s = 'x'; while (s.length < 1048576) s += s; "
	    "content = '' + s.length", "x", NULL, 16 * MIB, &out, &err) == 0);
	CHECK_STR(out.buf, "1048576");
	CHECK(run("var s = 'x', a = []; while (s.length < 65536) s += s; "
	    "for (var i = 0; ; i++) a.push(s + i);", "x", NULL, 16 * MIB,
	    &out, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "memory limit of 16384 KiB exceeded");
	/* a small limit refuses what a big one allows */
	CHECK(run("var s = 'x'; while (s.length < 1048576) s += s;", "x", NULL,
	    1 * MIB, &out, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "memory limit");
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(es5_hints)
{
	static const struct {
		const char	*script, *hint;
	} cases[] = {
		{ "content = [1].map(x => x + 1)", "arrow functions" },
		{ "content = `a ${content}`", "template literals" },
		{ "let a = 1; content = a", "let/const declarations" },
		{ "class A {}; content = 1", "classes" },
		{ "async function f() {}", "async functions" },
	};
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(run(cases[i].script, "x", NULL, 16 * MIB, &out, &err) ==
		    FG_EINVAL);
		CHECK_CONTAINS(err.buf, "SyntaxError");
		CHECK_CONTAINS(err.buf, "not supported by this engine "
		    "(ES5.1): ");
		CHECK_CONTAINS(err.buf, cases[i].hint);
	}
	/* forms inside strings and comments are not counted */
	CHECK(pre_es5_hint("var a = '=> `let`'; // class\n/* async */ (") ==
	    NULL);
	CHECK(pre_es5_hint("var letter = 1, classy = 2; (") == NULL);
	CHECK_STR(pre_es5_hint("var f = a=>a"), "arrow functions");
	strbuf_release(&out);
	strbuf_release(&err);
}

/* In a child: after pre_seccomp() open() fails with EPERM, write works. */
TEST(seccomp_filter)
{
	int st = 0;
	pid_t pid = fork();

	if (pid == 0) {
		int fd;

		if (pre_seccomp() != 0)
			_exit(2);		/* no seccomp here */
		fd = open("/etc/hostname", O_RDONLY);
		if (fd >= 0 || errno != EPERM)
			_exit(1);
		if (write(STDOUT_FILENO, "", 0) < 0)
			_exit(1);
		_exit(0);
	}
	CHECK(pid > 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st));
	CHECK(WEXITSTATUS(st) == 0 || WEXITSTATUS(st) == 2);
}

int
main(void)
{
	RUN(example);
	RUN(errors);
	RUN(memory_limit);
	RUN(es5_hints);
	RUN(seccomp_filter);
	DONE();
}
