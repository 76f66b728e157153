/*
 * pre.c: the sandboxed runner of pre-processing scripts (pre.h).
 *
 * The parent forks; the child closes every descriptor but the write end
 * of a pipe, lowers its limits (CPU seconds, address space, no new
 * files or processes, no core dumps), creates a duktape heap, installs
 * the system-call filter (seccomp.c), evaluates the script and writes
 * one record to the pipe: a status byte ('0'
 * ok, '1' script error) and the text (new content or error message).
 * The parent reads with poll() until PRE_WALL_MS has passed, then kills
 * the child and reaps it in every case, so no child outlives the call.
 *
 * fork() from a threaded server is fine here: the child only uses its
 * own memory (glibc's malloc is reset across fork) and never returns to
 * feige's code; it ends with _exit().
 *
 * Under AddressSanitizer the address-space limit and the system-call
 * filter are left out: the sanitizer reserves terabytes of shadow memory
 * up front and makes calls of its own (sigaltstack on longjmp).
 */
#include <duktape.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/errors.h"
#include "pre/pre.h"
#include "util/ids.h"
#include "util/strbuf.h"

#define PRE_LIMIT_AS	(!PRE_SANITIZED)

struct job {
	const char	*script;
	const char	*content;
	const char	*title;
};

static void
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

static duk_ret_t
run_script(duk_context *ctx, void *udata)
{
	const struct job *j = udata;

	duk_push_string(ctx, j->content);
	duk_put_global_string(ctx, "content");
	duk_push_string(ctx, j->title ? j->title : "");
	duk_put_global_string(ctx, "title");
	duk_eval_string_noresult(ctx, j->script);
	duk_get_global_string(ctx, "content");
	duk_safe_to_string(ctx, -1);
	return 1;
}

static void
limit(int res, rlim_t v)
{
	struct rlimit rl = { v, v };

	(void)setrlimit(res, &rl);
}

static void
child(int fd, const struct job *j)
{
	duk_context *ctx;
	const char *s;
	size_t len = 0;
	int rc, k;

	/* keep only the pipe (and stderr for a sanitizer's report) */
	close(STDIN_FILENO);
	close(STDOUT_FILENO);
	if (fd > 3 && close_range(3, (unsigned)fd - 1, 0) != 0)
		for (k = 3; k < fd; k++)
			close(k);
	if (close_range((unsigned)fd + 1, ~0U, 0) != 0)
		for (k = fd + 1; k < 65536; k++)
			close(k);
	limit(RLIMIT_CPU, PRE_CPU_S);
	limit(RLIMIT_CORE, 0);
	limit(RLIMIT_FSIZE, 0);
	limit(RLIMIT_NPROC, 0);
	limit(RLIMIT_NOFILE, (rlim_t)fd + 1);
	if (PRE_LIMIT_AS)
		limit(RLIMIT_AS, PRE_MEM_BYTES);
	if ((ctx = duk_create_heap_default()) == NULL) {
		write_all(fd, "1out of memory", 14);
		_exit(0);
	}
	/* after the heap exists: nothing but memory, write and exit */
	(void)pre_seccomp();
	rc = duk_safe_call(ctx, run_script, (void *)(uintptr_t)j, 0, 1);
	if (rc != DUK_EXEC_SUCCESS)
		s = duk_safe_to_lstring(ctx, -1, &len);
	else
		s = duk_get_lstring(ctx, -1, &len);
	write_all(fd, rc == DUK_EXEC_SUCCESS ? "0" : "1", 1);
	if (s)
		write_all(fd, s, len > PRE_OUT_MAX + 1 ? PRE_OUT_MAX + 1 : len);
	_exit(0);
}

static void
reap(pid_t pid, int kill_it)
{
	if (kill_it)
		kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

int
pre_run(const char *script, const char *content, const char *title,
    struct strbuf *out, struct strbuf *err)
{
	struct job j = { script, content, title };
	struct strbuf got = STRBUF_INIT;
	struct pollfd pfd;
	char buf[8192];
	int64_t deadline;
	ssize_t n;
	pid_t pid;
	int fds[2], rc = 0, timeout;

	if (strlen(script) > PRE_SCRIPT_MAX)
		return strbuf_setf(err, "script longer than %d bytes",
		    PRE_SCRIPT_MAX), FG_EINVAL;
	if (pipe2(fds, O_CLOEXEC) != 0)
		return strbuf_setf(err, "pipe: %s", strerror(errno)), FG_EIO;
	if ((pid = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		return strbuf_setf(err, "fork: %s", strerror(errno)), FG_EIO;
	}
	if (pid == 0)
		child(fds[1], &j);
	close(fds[1]);
	deadline = clock_mono_ms() + PRE_WALL_MS;
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	for (;;) {
		timeout = (int)(deadline - clock_mono_ms());
		if (timeout <= 0) {
			rc = FG_ETIMEDOUT;
			break;
		}
		if (poll(&pfd, 1, timeout) < 0) {
			if (errno == EINTR)
				continue;
			rc = FG_EIO;
			break;
		}
		if (pfd.revents == 0)
			continue;
		n = read(fds[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (got.len + (size_t)n > PRE_OUT_MAX + 2) {
			rc = FG_ETOOBIG;
			break;
		}
		strbuf_add(&got, buf, (size_t)n);
	}
	close(fds[0]);
	reap(pid, rc != 0);
	if (rc == FG_ETIMEDOUT) {
		strbuf_setf(err, "script ran longer than %d ms", PRE_WALL_MS);
	} else if (rc == FG_ETOOBIG || got.len > PRE_OUT_MAX + 1) {
		strbuf_setf(err, "result longer than %d bytes", PRE_OUT_MAX);
		rc = FG_EINVAL;
	} else if (rc != 0 || got.len == 0) {
		/* no record: killed by a limit (CPU, memory) or crashed */
		strbuf_setf(err, "script stopped: time or memory limit");
		rc = FG_ETIMEDOUT;
	} else if (got.buf[0] != '0') {
		strbuf_setf(err, "%.*s", (int)(got.len - 1 > 300 ? 300 :
		    got.len - 1), got.buf + 1);
		rc = FG_EINVAL;
	} else {
		strbuf_reset(out);
		strbuf_add(out, got.buf + 1, got.len - 1);
	}
	strbuf_release(&got);
	return rc;
}
