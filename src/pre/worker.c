/*
 * worker.c: the processes that run scripts: the zygote and its workers
 * (pre_int.h).
 *
 * Why a zygote.  The server forks it at start, before any thread or
 * large allocation exists (no SQLite caches, no HTTP pools, no thread
 * stacks), and every worker is a fork of that small, single-threaded
 * process.  Forking workers from the running server instead would copy
 * a multi-threaded process (only the forking thread survives, holding
 * whatever locks the others held) and give every worker the server's
 * address space, against which no rlimit means what the configuration
 * says.  posix_spawn of `feige pre-worker` would also give a clean
 * process, but maps the whole program with every library again for
 * each worker and needs a hidden command; the zygote costs one small
 * process and a control socket, and the worker's code is ordinary
 * functions of this file.
 *
 * A worker keeps only its socket (as descriptor 3) and stderr, lowers
 * its limits (no files, processes or core dumps; its data segment to
 * pre.memory_kb plus a fixed slack, as a backstop to the exact count in
 * eval.c), installs the system-call filter and then serves jobs until
 * its socket closes: read a request frame, re-arm RLIMIT_CPU (the
 * kernel counts CPU seconds over the process's life, so the soft limit
 * is moved to "now plus one job's worth" before each job), run
 * pre_eval(), write a reply frame.  The pool's wall clock is the real
 * limit; RLIMIT_CPU only ends a worker the pool somehow failed to kill.
 *
 * Both die with their parent (PR_SET_PDEATHSIG) and on end of file of
 * their socket, so no process outlives the server.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pre/frame.h"
#include "pre/pre.h"
#include "pre/pre_int.h"
#include "util/errors.h"
#include "util/strbuf.h"

#define WORKER_FD	3
#define DATA_SLACK	(32L * 1024 * 1024)	/* libraries, buffers */

static void
limit(int res, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = { soft, hard };

	(void)setrlimit(res, &rl);
}

/* Before each job: at most cpu_s more CPU seconds from now. */
static void
arm_cpu(int cpu_s)
{
	struct rusage ru;
	struct rlimit rl;

	if (getrusage(RUSAGE_SELF, &ru) != 0 ||
	    getrlimit(RLIMIT_CPU, &rl) != 0)
		return;
	rl.rlim_cur = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	    cpu_s + 1);
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
		rl.rlim_cur = rl.rlim_max;
	(void)setrlimit(RLIMIT_CPU, &rl);
}

static void
reply(int status, const char *text, size_t len)
{
	struct strbuf body = STRBUF_INIT, frame = STRBUF_INIT;

	strbuf_addch(&body, status);
	strbuf_add(&body, text, len);
	if (pre_frame_add(&frame, body.buf, body.len) == 0)
		(void)pre_frame_write(WORKER_FD, frame.buf, frame.len);
	strbuf_release(&body);
	strbuf_release(&frame);
}

/* The three NUL-free fields of a request body, copied out as strings. */
static int
fields(const struct strbuf *req, struct strbuf f[3])
{
	size_t off = 0, len;
	const char *body;
	long n;
	int i;

	for (i = 0; i < 3; i++) {
		n = pre_frame_next(req->buf + off, req->len - off, PRE_IN_MAX,
		    &body, &len);
		if (n <= 0 || memchr(body, '\0', len) != NULL)
			return FG_EINVAL;
		strbuf_reset(&f[i]);
		strbuf_add(&f[i], body, len);
		off += (size_t)n;
	}
	return off == req->len ? 0 : FG_EINVAL;
}

static void
serve(size_t mem_bytes, int cpu_s)
{
	struct strbuf req = STRBUF_INIT, out = STRBUF_INIT, err = STRBUF_INIT;
	struct strbuf f[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };

	while (pre_frame_read(WORKER_FD, &req, PRE_SCRIPT_MAX + 2 *
	    PRE_IN_MAX + 64) == 0) {
		if (fields(&req, f) != 0) {
			reply(PRE_REPLY_ERR, "bad request", 11);
			continue;
		}
		arm_cpu(cpu_s);
		if (pre_eval(f[0].buf, f[1].buf, f[2].buf, mem_bytes, &out,
		    &err) == 0)
			reply(PRE_REPLY_OK, out.buf, out.len);
		else
			reply(PRE_REPLY_ERR, err.buf, err.len);
	}
	_exit(0);
}

static void
worker_main(int fd, size_t mem_bytes, int cpu_s)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (fd != WORKER_FD) {
		if (dup2(fd, WORKER_FD) < 0)
			_exit(1);
		close(fd);
	}
	close(STDIN_FILENO);
	close(STDOUT_FILENO);
	if (close_range(WORKER_FD + 1, ~0U, 0) != 0)
		for (fd = WORKER_FD + 1; fd < 65536; fd++)
			close(fd);
	limit(RLIMIT_CORE, 0, 0);
	limit(RLIMIT_FSIZE, 0, 0);
	limit(RLIMIT_NPROC, 0, 0);
	limit(RLIMIT_NOFILE, WORKER_FD + 1, WORKER_FD + 1);
	if (!PRE_SANITIZED)
		limit(RLIMIT_DATA, (rlim_t)(mem_bytes + DATA_SLACK),
		    (rlim_t)(mem_bytes + DATA_SLACK));
	(void)pre_seccomp();
	serve(mem_bytes, cpu_s);
}

/* Send pid and fd over the control socket. */
static int
send_worker(int ctl, pid_t pid, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &pid, sizeof(pid) };
	struct msghdr m;
	struct cmsghdr *c;

	memset(&m, 0, sizeof(m));
	memset(cbuf, 0, sizeof(cbuf));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof(cbuf);
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(ctl, &m, MSG_NOSIGNAL) == (ssize_t)sizeof(pid) ? 0 :
	    -1;
}

static void
zygote_main(int ctl, pid_t parent, size_t mem_bytes, int cpu_s)
{
	sigset_t none;
	pid_t pid;
	int sv[2];
	char c;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGCHLD, SIG_IGN);	/* workers are reaped by the kernel */
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	while (read(ctl, &c, 1) == 1) {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
			(void)send_worker(ctl, -1, ctl);
			continue;
		}
		if ((pid = fork()) == 0) {
			close(ctl);
			close(sv[0]);
			worker_main(sv[1], mem_bytes, cpu_s);
		}
		close(sv[1]);
		(void)send_worker(ctl, pid, pid > 0 ? sv[0] : ctl);
		close(sv[0]);
	}
	_exit(0);
}

int
pre_zygote_start(struct pre_zygote *z, size_t mem_bytes, int cpu_s,
    struct strbuf *err)
{
	pid_t parent = getpid();
	int sv[2];

	z->ctl = -1;
	z->pid = 0;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return strbuf_setf(err, "pre: socketpair: %s",
		    strerror(errno)), FG_EIO;
	if ((z->pid = fork()) < 0) {
		close(sv[0]);
		close(sv[1]);
		return strbuf_setf(err, "pre: fork: %s", strerror(errno)),
		    FG_EIO;
	}
	if (z->pid == 0) {
		close(sv[0]);
		zygote_main(sv[1], parent, mem_bytes, cpu_s);
	}
	close(sv[1]);
	z->ctl = sv[0];
	return 0;
}

int
pre_zygote_spawn(struct pre_zygote *z, pid_t *pid, int *fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { pid, sizeof(*pid) };
	struct msghdr m;
	struct cmsghdr *c;

	if (z->ctl < 0 || send(z->ctl, "s", 1, MSG_NOSIGNAL) != 1)
		return FG_EIO;
	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof(cbuf);
	if (recvmsg(z->ctl, &m, MSG_CMSG_CLOEXEC) != (ssize_t)sizeof(*pid) ||
	    (c = CMSG_FIRSTHDR(&m)) == NULL || c->cmsg_type != SCM_RIGHTS)
		return FG_EIO;
	memcpy(fd, CMSG_DATA(c), sizeof(int));
	if (*pid <= 0) {
		close(*fd);
		return FG_EIO;
	}
	return 0;
}

void
pre_zygote_stop(struct pre_zygote *z)
{
	if (z->ctl >= 0)
		close(z->ctl);
	z->ctl = -1;
	if (z->pid > 0)
		while (waitpid(z->pid, NULL, 0) < 0 && errno == EINTR)
			;
	z->pid = 0;
}
