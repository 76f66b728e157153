/*
 * pool.c: the pool of script workers and the thread that drives it
 * (pre.h).
 *
 * One thread owns the workers: it hands queued jobs to idle workers,
 * polls the busy workers' sockets and a wake-up pipe, reads replies as
 * they come (a reply is one frame, frame.h), and kills a worker whose
 * job passes pre.timeout_ms, asking the zygote for a new one.  Request
 * threads only touch the queue, under the mutex, and never wait for a
 * script: pre_pool_submit() returns at once and done() is called later
 * on this thread.
 *
 * Fairness.  The queue is FIFO, but a job is only handed out while its
 * user has no other job running, so one user's scripts take at most one
 * worker however many it sends, and each user has at most pre.per_user
 * jobs queued or running (more are refused with FG_EBUSY, which the API
 * turns into an immediate 999: a bounded short queue rather than an
 * unbounded one that would grow a client's wait without limit).  The
 * per-user counts are decremented before done() runs, so a client that
 * sends its next script as soon as it has its answer is not refused.
 *
 * The wall clock starts when a worker gets the job, not when it was
 * queued: a job waiting behind its own user's looping script is not
 * charged for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pre/frame.h"
#include "pre/pre.h"
#include "pre/pre_int.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define REPLY_MAX	(PRE_OUT_MAX + 1024)

struct pre_job {
	struct pre_job	*next;
	int64_t		 user;
	struct strbuf	 req;	/* the request frame */
	pre_done_fn	 done;
	void		*arg;
};

struct pre_worker {
	pid_t		 pid;	/* 0: none */
	int		 fd;	/* -1: none */
	struct pre_job	*job;	/* NULL: idle */
	int64_t		 deadline;
	struct strbuf	 in;
};

struct user_load {
	int64_t	user;
	int	jobs;		/* queued or running */
	int	running;
};

struct pre_pool {
	struct pre_pool_config	 c;
	struct pre_zygote	 z;
	pthread_t		 thread;
	int			 wake[2];
	pthread_mutex_t		 mu;	/* the fields below */
	struct pre_job		*head, **tail;
	struct user_load	 load[PRE_QUEUE_MAX];
	int			 n_load;
	int			 n_jobs;
	int			 stopping;
	/* the thread's own */
	struct pre_worker	 w[PRE_WORKERS_MAX];
};

/* ---- per-user load, under mu ---- */

static struct user_load *
load_find(struct pre_pool *p, int64_t user)
{
	int i;

	for (i = 0; i < p->n_load; i++)
		if (p->load[i].user == user)
			return &p->load[i];
	return NULL;
}

static void
load_drop(struct pre_pool *p, int64_t user)
{
	struct user_load *l = load_find(p, user);

	l->running--;
	if (--l->jobs == 0)
		*l = p->load[--p->n_load];
	p->n_jobs--;
}

/* ---- jobs ---- */

static void
job_free(struct pre_job *j)
{
	strbuf_release(&j->req);
	free(j);
}

/* End job j (counted as running): uncount, then tell its owner. */
static void
job_end(struct pre_pool *p, struct pre_job *j, int rc, const char *text,
    size_t len)
{
	pthread_mutex_lock(&p->mu);
	load_drop(p, j->user);
	pthread_mutex_unlock(&p->mu);
	j->done(j->arg, rc, text, len);
	job_free(j);
}

static void
job_fail(struct pre_pool *p, struct pre_job *j, int rc, const char *msg)
{
	job_end(p, j, rc, msg, strlen(msg));
}

/* The first queued job whose user runs nothing, taken off the queue. */
static struct pre_job *
job_take(struct pre_pool *p)
{
	struct pre_job **pp, *j;
	struct user_load *l;

	pthread_mutex_lock(&p->mu);
	for (pp = &p->head; (j = *pp) != NULL; pp = &j->next) {
		l = load_find(p, j->user);
		if (l->running == 0 || p->stopping) {
			l->running++;
			if ((*pp = j->next) == NULL)
				p->tail = pp;
			break;
		}
	}
	pthread_mutex_unlock(&p->mu);
	return j;
}

/* ---- workers ---- */

static void
worker_close(struct pre_worker *w, int kill_it)
{
	if (kill_it && w->pid > 0)
		kill(w->pid, SIGKILL);
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->pid = 0;
	w->job = NULL;
	strbuf_reset(&w->in);
}

static int
worker_spawn(struct pre_pool *p, struct pre_worker *w)
{
	if (w->fd >= 0)
		return 0;
	return pre_zygote_spawn(&p->z, &w->pid, &w->fd);
}

/* Give job j to worker w (spawning it if needed; one retry). */
static void
worker_give(struct pre_pool *p, struct pre_worker *w, struct pre_job *j)
{
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if (worker_spawn(p, w) != 0)
			break;
		if (pre_frame_write(w->fd, j->req.buf, j->req.len) == 0) {
			w->job = j;
			w->deadline = clock_mono_ms() + p->c.timeout_ms;
			return;
		}
		worker_close(w, 1);
	}
	job_fail(p, j, FG_EIO, "no script worker could be started");
}

static void
assign(struct pre_pool *p)
{
	struct pre_job *j;
	int i;

	for (i = 0; i < p->c.workers; i++) {
		if (p->w[i].job != NULL)
			continue;
		if ((j = job_take(p)) == NULL)
			return;
		worker_give(p, &p->w[i], j);
	}
}

/* w's socket is readable: collect, and end its job on a whole reply. */
static void
worker_read(struct pre_pool *p, struct pre_worker *w)
{
	char buf[16384];
	const char *body;
	size_t len;
	ssize_t n;
	long k;

	n = read(w->fd, buf, sizeof(buf));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		/* died without a reply: RLIMIT_CPU, the data limit, abort */
		job_fail(p, w->job, FG_ETIMEDOUT, "script stopped by a CPU "
		    "or memory limit");
		worker_close(w, 0);
		return;
	}
	strbuf_add(&w->in, buf, (size_t)n);
	k = pre_frame_next(w->in.buf, w->in.len, REPLY_MAX, &body, &len);
	if (k == 0)
		return;
	if (k < 0 || len == 0 || (size_t)k != w->in.len) {
		job_fail(p, w->job, FG_EIO, "bad reply from the script "
		    "worker");
		worker_close(w, 1);
		return;
	}
	job_end(p, w->job, body[0] == PRE_REPLY_OK ? 0 : FG_EINVAL,
	    body + 1, len - 1);
	w->job = NULL;
	strbuf_reset(&w->in);
}

static void
worker_expire(struct pre_pool *p, struct pre_worker *w)
{
	struct pre_job *j = w->job;
	char msg[96];

	worker_close(w, 1);
	snprintf(msg, sizeof(msg), "time limit: script ran longer than %d ms "
	    "(pre.timeout_ms)", p->c.timeout_ms);
	job_fail(p, j, FG_ETIMEDOUT, msg);
	(void)worker_spawn(p, w);	/* ready for the next job */
}

/* ---- the thread ---- */

static int
is_stopping(struct pre_pool *p)
{
	int s;

	pthread_mutex_lock(&p->mu);
	s = p->stopping;
	pthread_mutex_unlock(&p->mu);
	return s;
}

/* Wait for replies, wake-ups or the nearest deadline; handle them. */
static void
wait_once(struct pre_pool *p)
{
	struct pollfd pfd[PRE_WORKERS_MAX + 1];
	int map[PRE_WORKERS_MAX + 1], n = 1, i, timeout = -1;
	int64_t now = clock_mono_ms(), left;
	char drain[64];

	pfd[0].fd = p->wake[0];
	pfd[0].events = POLLIN;
	for (i = 0; i < p->c.workers; i++) {
		if (p->w[i].job == NULL)
			continue;
		left = p->w[i].deadline - now;
		if (left < 0)
			left = 0;
		if (timeout < 0 || left < timeout)
			timeout = (int)left;
		pfd[n].fd = p->w[i].fd;
		pfd[n].events = POLLIN;
		map[n++] = i;
	}
	if (poll(pfd, (nfds_t)n, timeout) < 0)
		return;
	if (pfd[0].revents)
		while (read(p->wake[0], drain, sizeof(drain)) > 0)
			;
	for (i = 1; i < n; i++)
		if (pfd[i].revents && p->w[map[i]].job)
			worker_read(p, &p->w[map[i]]);
	now = clock_mono_ms();
	for (i = 0; i < p->c.workers; i++)
		if (p->w[i].job && now >= p->w[i].deadline)
			worker_expire(p, &p->w[i]);
}

static void *
pool_main(void *arg)
{
	struct pre_pool *p = arg;
	struct pre_job *j;
	int i;

	while (!is_stopping(p)) {
		assign(p);
		wait_once(p);
	}
	for (i = 0; i < p->c.workers; i++)
		if ((j = p->w[i].job) != NULL) {
			worker_close(&p->w[i], 1);
			job_fail(p, j, FG_EIO, "server stopping");
		}
	while ((j = job_take(p)) != NULL)
		job_fail(p, j, FG_EIO, "server stopping");
	return NULL;
}

int
pre_pool_start(struct pre_pool **out, const struct pre_pool_config *c,
    struct strbuf *err)
{
	struct pre_pool *p = xcalloc(1, sizeof(*p));
	int i, rc;

	p->c = *c;
	if (p->c.workers < 1)
		p->c.workers = 1;
	if (p->c.workers > PRE_WORKERS_MAX)
		p->c.workers = PRE_WORKERS_MAX;
	if (p->c.per_user < 1)
		p->c.per_user = 1;
	p->tail = &p->head;
	pthread_mutex_init(&p->mu, NULL);
	for (i = 0; i < PRE_WORKERS_MAX; i++) {
		p->w[i].fd = -1;
		strbuf_init(&p->w[i].in, REPLY_MAX + PRE_FRAME_HDR);
	}
	if (pipe2(p->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		free(p);
		return strbuf_setf(err, "pre: pipe: %s", strerror(errno)),
		    FG_EIO;
	}
	if ((rc = pre_zygote_start(&p->z, c->mem_bytes,
	    (c->timeout_ms + 999) / 1000, err)) != 0) {
		close(p->wake[0]);
		close(p->wake[1]);
		free(p);
		return rc;
	}
	for (i = 0; i < p->c.workers; i++)
		(void)worker_spawn(p, &p->w[i]);
	pthread_create(&p->thread, NULL, pool_main, p);
	*out = p;
	return 0;
}

static int
request(struct strbuf *req, const char *script, const char *content,
    const char *title)
{
	struct strbuf in = STRBUF_INIT;
	int rc;

	rc = pre_frame_add(&in, script, strlen(script));
	if (rc == 0)
		rc = pre_frame_add(&in, content, strlen(content));
	if (rc == 0)
		rc = pre_frame_add(&in, title, strlen(title));
	if (rc == 0)
		rc = pre_frame_add(req, in.buf, in.len);
	strbuf_release(&in);
	return rc;
}

int
pre_pool_submit(struct pre_pool *p, int64_t user, const char *script,
    const char *content, const char *title, pre_done_fn done, void *arg)
{
	struct user_load *l;
	struct pre_job *j;

	if (title == NULL)
		title = "";
	if (strlen(script) > PRE_SCRIPT_MAX || strlen(content) > PRE_IN_MAX ||
	    strlen(title) > PRE_IN_MAX)
		return FG_ETOOBIG;
	j = xcalloc(1, sizeof(*j));
	j->user = user;
	j->done = done;
	j->arg = arg;
	if (request(&j->req, script, content, title) != 0) {
		job_free(j);
		return FG_ETOOBIG;
	}
	pthread_mutex_lock(&p->mu);
	l = load_find(p, user);
	if (p->stopping || p->n_jobs >= PRE_QUEUE_MAX ||
	    (l && l->jobs >= p->c.per_user)) {
		pthread_mutex_unlock(&p->mu);
		job_free(j);
		return FG_EBUSY;
	}
	if (l == NULL) {
		l = &p->load[p->n_load++];
		l->user = user;
		l->jobs = l->running = 0;
	}
	l->jobs++;
	p->n_jobs++;
	*p->tail = j;
	p->tail = &j->next;
	pthread_mutex_unlock(&p->mu);
	(void)!write(p->wake[1], "w", 1);
	return 0;
}

void
pre_pool_stop(struct pre_pool *p)
{
	int i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stopping = 1;
	pthread_mutex_unlock(&p->mu);
	(void)!write(p->wake[1], "w", 1);
	pthread_join(p->thread, NULL);
	for (i = 0; i < PRE_WORKERS_MAX; i++) {
		worker_close(&p->w[i], 0);
		strbuf_release(&p->w[i].in);
	}
	pre_zygote_stop(&p->z);
	close(p->wake[0]);
	close(p->wake[1]);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
