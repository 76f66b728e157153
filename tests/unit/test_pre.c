/*
 * test_pre.c: unit tests for the sandboxed pre-processing runner
 * (src/pre/pre.c): results, the title global, script errors, the
 * output cap, the time limit (the child is killed, nothing leaks) and
 * the system-call filter.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#include "util/errors.h"
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
	RUN(time_limit);
	RUN(seccomp_filter);
	DONE();
}
