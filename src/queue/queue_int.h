/*
 * queue_int.h: what queue.c, submit.c and deliver.c share.
 */
#ifndef FG_QUEUE_INT_H
#define FG_QUEUE_INT_H

#include <pthread.h>

#include "queue/queue.h"

struct qjob {
	int64_t		 delivery_id;
	int64_t		 message_id;
	int64_t		 user_id;
	int		 attempts;
	int64_t		 due_ms;	/* monotonic; 0 = now */
	char		 channel[32];
	char		 short_code[40];
	int		 single;	/* message's only delivery: 1, 0, -1 ? */
	int		 has_cb;	/* message has a callback: 1, 0, -1 ? */
	struct qjob	*next;
};

struct queue {
	struct queue_config	 cfg;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct qjob		*ready, *ready_tail;
	struct qjob		*delayed;	/* sorted by due_ms */
	int			 stopping;
	int			 n_threads;
	pthread_t		*threads;
};

/* Put a job on the ready list (due_ms 0) or the delayed list. */
void	queue_push(struct queue *, struct qjob *);
/* Append a NULL-terminated list of due jobs with one lock and wake-up. */
void	queue_push_list(struct queue *, struct qjob *);

/* Worker side: run the driver and submit the outcome (deliver.c). */
void	deliver_job(struct queue *, struct qjob *, struct store **reader);

#endif
