/*
 * pre_int.h: between the pool (pool.c) and its processes (worker.c).
 *
 * The zygote is a child forked at start; on each request on its control
 * socket it forks one worker and passes back the worker's pid and the
 * server's end of a socket pair to it.  Workers are the zygote's
 * children (it reaps them); the pool kills one by pid when its job runs
 * past the time limit, and a worker whose socket closes exits.
 */
#ifndef FG_PRE_INT_H
#define FG_PRE_INT_H

#include <stddef.h>
#include <sys/types.h>

struct strbuf;

struct pre_zygote {
	int	ctl;	/* -1: none */
	pid_t	pid;
};

/* Fork the zygote; workers get mem_bytes and cpu_s per job. */
int	pre_zygote_start(struct pre_zygote *, size_t mem_bytes, int cpu_s,
	    struct strbuf *err);
/* A new worker: its pid and the server's end of its socket. */
int	pre_zygote_spawn(struct pre_zygote *, pid_t *pid, int *fd);
/* Close the control socket and reap the zygote (its workers exit). */
void	pre_zygote_stop(struct pre_zygote *);

/* Reply status bytes (the first byte of a reply frame's body). */
#define PRE_REPLY_OK	'0'
#define PRE_REPLY_ERR	'1'

#endif
