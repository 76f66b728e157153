/*
 * queue_int.h: what the files of queue/ share.  The calls between them
 * run one way, top to bottom:
 *
 *   queue.c    start (recover pending deliveries), stop
 *   deliver.c  the worker threads: take a job, run the driver, submit
 *              the outcome, push a retry
 *   submit.c   accept a message, push its deliveries
 *   requeue.c  claim the retries an operator asked for, push them
 *   sched.c    the ready and delayed lists (push, take)
 */
#ifndef FG_QUEUE_INT_H
#define FG_QUEUE_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "core/retry.h"
#include "queue/queue.h"

/* An upstream host key a job, a park or a worker's memo holds. */
#define QUEUE_HOST_MAX	128

struct qjob {
	int64_t		 delivery_id;
	int64_t		 message_id;
	int64_t		 user_id;
	int		 attempts;
	int64_t		 due_ms;	/* monotonic; 0 = now */
	int64_t		 ready_ms;	/* monotonic: when it fell due */
	char		 channel[32];
	char		 short_code[40];
	int		 single;	/* the only delivery: 1, 0, -1 ? */
	int		 has_cb;	/* has a callback: 1, 0, -1 ? */
	int claimed;			/* requeue.c: claimed by its op */
	char		 host[QUEUE_HOST_MAX]; /* its busy host (xloop), "" */
	struct qjob	*next;
};

/*
 * One worker thread's heartbeat: busy_ms is the monotonic time its
 * current attempt began, 0 while it waits for a job (queue_health()).
 */
struct qworker {
	struct queue	*q;
	atomic_llong	 busy_ms;
};

struct queue {
	struct queue_config	 cfg;
	struct retry_policy	 retry;	/* queue.retry_max, retry_base_ms */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct qjob		*ready, *ready_tail;
	struct qjob		*delayed;	/* sorted by due_ms */
	struct qjob		*delayed_tail;	/* its last, NULL */
	size_t			 n_ready, n_delayed;	/* under mu */
	int			 stopping;
	int			 n_threads;
	pthread_t		*threads;
	struct qworker		*workers;
	atomic_int		 alive;		/* worker threads running */
	struct xloop		*loop;	/* the outbound loop, NULL: none */
	/* finish ops of the loop's current turn (its thread only) */
	struct writer_op	*loop_ops, **loop_ops_tail;
	/* requeue.c: its thread, woken by a kick or its poll timer */
	pthread_t rq_thread;
	pthread_mutex_t rq_mu;
	pthread_cond_t rq_cv;
	int rq_kicked, rq_stopping;
	/* park.c: deliveries waiting for a turn of their host */
	pthread_mutex_t		 park_mu;
	struct qpark		*parks;
	size_t			 nparks, aparks;
};

/* Put a job on the ready list (due_ms 0) or the delayed list (sched.c). */
void	queue_push(struct queue *, struct qjob *);
/* Append a NULL-terminated list of due jobs with one lock and wake-up. */
void	queue_push_list(struct queue *, struct qjob *);
/* Wait for the next due job; NULL once the queue is stopping. */
struct qjob	*queue_take(struct queue *);

/* An absolute CLOCK_REALTIME deadline wait_ms from now (sched.c). */
void queue_deadline(struct timespec *, int64_t wait_ms);

/* A job for a stored delivery (due now, or at its retry time). */
struct qjob *queue_job_from(const struct store_delivery *);
void queue_free_jobs(struct qjob *);

/*
 * Deliveries waiting for a turn of their busy host on the outbound loop
 * (park.c): queue_park files j under j->host; queue_unpark moves the
 * oldest one parked under host to the ready list (none: nothing).
 * queue_park_free drops them all (stop: they are pending in the store).
 */
struct qpark {
	char		 host[QUEUE_HOST_MAX];
	struct qjob	*head, *tail;
	int		 credit;	/* turns freed, not yet handed on */
};
void	queue_park(struct queue *, struct qjob *);
void	queue_unpark(struct queue *, const char *host);
/*
 * A request to host is over and the host still holds left: its turn
 * goes to a parked delivery, in batches while the host has plenty
 * waiting in the loop (park.c).
 */
void	queue_unpark_turn(struct queue *, const char *host, int left);
void	queue_park_free(struct queue *);

/* The requeue thread (requeue.c). */
void *requeue_main(void *queue);

/* A worker thread (deliver.c): take, deliver, until stopping. */
void	*deliver_main(void *qworker);
/* The outbound loop's turn_end (xloop.h): its outcomes to the writer. */
void	deliver_turn_end(void *queue);

#endif
