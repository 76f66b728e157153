/*
 * pre.h: pushplus pre-processing scripts ("预处理信息"): a user's
 * JavaScript that rewrites a message's content before it is stored
 * (the `pre` parameter of /send, the open API's pre/test).
 *
 * The script runs in duktape inside a child process (fork): CPU and
 * address-space limits (setrlimit), no file descriptors but the result
 * pipe, no way to create files or processes, a system-call filter
 * (seccomp.c: memory management, write, exit), and a wall-clock timeout
 * after which the parent kills it.  duktape itself has no I/O bindings,
 * so the script sees only the globals `content` and `title`; the new
 * content is the value of `content` when the script ends, as a string
 * (pushplus's own example: `content = content + 123`).
 *
 * Blocking: pre_run() waits for the child (at most PRE_WALL_MS); call
 * it on a request thread, never on the writer.
 */
#ifndef FG_PRE_H
#define FG_PRE_H

#include <stddef.h>

struct strbuf;

/* 1 in AddressSanitizer and ThreadSanitizer builds (whose shadow memory
 * needs terabytes of address space and system calls of their own),
 * which run the child without RLIMIT_AS and without the filter. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PRE_SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define PRE_SANITIZED	1
#endif
#endif
#ifndef PRE_SANITIZED
#define PRE_SANITIZED	0
#endif

#define PRE_SCRIPT_MAX	(64 * 1024)	/* bytes of one script */
#define PRE_OUT_MAX	(512 * 1024)	/* bytes of the new content */
#define PRE_CPU_S	1		/* RLIMIT_CPU of the child */
#define PRE_WALL_MS	2000		/* the parent's timeout */
#define PRE_MEM_BYTES	(256L * 1024 * 1024)	/* RLIMIT_AS */

/*
 * Run script on content (and title, may be NULL).  0 and the new content
 * in out; FG_EINVAL with the script's error in err (syntax error,
 * exception, too much output), FG_ETIMEDOUT past the time limits,
 * FG_EIO when the child could not run or died.
 */
int	pre_run(const char *script, const char *content, const char *title,
	    struct strbuf *out, struct strbuf *err);

/*
 * Restrict the calling process (the child) to memory management, write
 * and exit (seccomp.c).  0, or -1 where seccomp is unavailable (and in
 * sanitizer builds).
 */
int	pre_seccomp(void);

#endif
