/*
 * pre.h: pushplus pre-processing scripts ("预处理信息"): a user's
 * JavaScript that rewrites a message's content before it is stored
 * (the `pre` parameter of /send, the open API's pre/test).
 *
 * Scripts never run on a request thread.  A small pool of sandboxed
 * worker processes runs them (pool.c), driven by one thread of its own;
 * a handler submits a job with a done() callback and parks its request,
 * so a script that loops until its time limit costs only its own
 * request, never another user's.  Each worker is a child of a zygote
 * forked before any thread or large allocation exists (worker.c), with
 * an rlimit backstop, no descriptor but its socket and a system-call
 * filter (seccomp.c).  The script runs in duktape (ES5.1) with a fresh
 * heap per job; it sees only the globals `content` and `title`, and the
 * new content is the value of `content` when the script ends, as a
 * string (pushplus's own example: `content = content + 123`).
 *
 * Limits (etc/feige.conf): pre.memory_kb counts the bytes the engine
 * holds (eval.c), pre.timeout_ms is the wall clock the pool allows a
 * job once a worker has it (then kills and replaces the worker),
 * pre.workers is the number of workers, and pre.per_user caps one
 * user's jobs queued or running; one more is refused at once with
 * FG_EBUSY.  A user has at most one job running at a time, so one
 * user's scripts cannot hold every worker.
 */
#ifndef FG_PRE_H
#define FG_PRE_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* 1 in AddressSanitizer and ThreadSanitizer builds (whose shadow memory
 * needs terabytes of address space and system calls of their own),
 * which run the worker without rlimits on memory and without the
 * filter. */
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
#define PRE_IN_MAX	(512 * 1024)	/* bytes of content or title */
#define PRE_OUT_MAX	(512 * 1024)	/* bytes of the new content */
#define PRE_WORKERS_MAX	32
#define PRE_QUEUE_MAX	256		/* jobs queued or running */

struct pre_pool_config {
	int	workers;	/* processes, 1..PRE_WORKERS_MAX */
	int	per_user;	/* one user's jobs queued or running */
	int	timeout_ms;	/* wall clock of one job on a worker */
	size_t	mem_bytes;	/* the engine's memory limit */
};

struct pre_pool;

/*
 * done() runs once per accepted job on the pool's thread: rc 0 and the
 * new content in text, or FG_EINVAL (the script failed: its error),
 * FG_ETIMEDOUT (time limit or the worker was killed by a limit) or
 * FG_EIO (no worker could run it), with the reason in text.  text is
 * borrowed for the call.
 */
typedef void	(*pre_done_fn)(void *arg, int rc, const char *text,
		    size_t len);

/*
 * Fork the zygote and start the pool's thread.  Call before any other
 * thread exists (the zygote must be forked from a single thread).
 */
int	pre_pool_start(struct pre_pool **, const struct pre_pool_config *,
	    struct strbuf *err);
/*
 * Queue a job for user.  0: done() will be called (maybe before this
 * returns); FG_EBUSY: the user or the pool is at its cap;
 * FG_ETOOBIG: an input past its cap; nothing is called then.
 */
int	pre_pool_submit(struct pre_pool *, int64_t user, const char *script,
	    const char *content, const char *title, pre_done_fn done,
	    void *arg);
/* Stop: jobs still queued end with FG_EIO, workers and zygote exit. */
void	pre_pool_stop(struct pre_pool *);

/*
 * Run script in this process with a fresh heap of at most mem_bytes
 * (eval.c; the workers' entry).  0 and the new content in out, or
 * FG_EINVAL and the reason in err.
 */
int	pre_eval(const char *script, const char *content, const char *title,
	    size_t mem_bytes, struct strbuf *out, struct strbuf *err);

/* The ES2015+ form script seems to use, for a SyntaxError (hint.c). */
const char	*pre_es5_hint(const char *script);

/*
 * Restrict the calling process (a worker) to memory management, reading
 * and writing its socket, its CPU rlimit and exit (seccomp.c).  0, or -1
 * where seccomp is unavailable (and in sanitizer builds).
 */
int	pre_seccomp(void);

#endif
