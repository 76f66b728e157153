/*
 * writer.h: the single store writer with group commit, the write half
 * of the store side (store/readers.h is the read half).  It depends only
 * on store.h and util/; the queue, the API, the callback sender and the
 * purge all sit above it and hand it ops.
 *
 * Every write the server makes goes through one thread that owns the
 * write connection.  Callers submit ops; the writer takes everything
 * queued, runs it inside one transaction, commits (one fsync for the
 * whole batch), then calls each op's done() in submission order.  This
 * is how a 200 can mean "on disk" and still be fast: concurrent requests
 * share an fsync.
 *
 * If an op fails (apply returns non-zero) or the batch fails to commit,
 * the batch is rolled back and each op is retried alone in its own
 * transaction, so one bad op cannot fail its neighbours and a failed
 * op's partial writes are never committed.  (On PostgreSQL an op's
 * inserts are pipelined, store/pg_pipe.c: a failure then shows at a
 * later op's statement or at COMMIT, and this rule is what still pins
 * it on the op that caused it.)
 *
 * Ownership: the op (usually embedded in a larger struct) stays owned by
 * the submitter; the writer only links it into its queue until done()
 * has been called.  done() runs on the writer thread: keep it short
 * (resume a connection, hand work to a queue, publish to the hub).
 */
#ifndef FG_WRITER_H
#define FG_WRITER_H

#include <stdint.h>

struct store;
struct strbuf;
struct writer;

struct writer_op {
	/* Runs inside the transaction; returns 0 or an enum fg_err. */
	int	(*apply)(struct writer_op *, struct store *);
	/* Runs after commit (rc 0) or final failure (rc < 0). */
	void	(*done)(struct writer_op *, int rc);
	int	 rc;
	struct writer_op *next;
};

int	writer_start(struct writer **, const char *data_dir, int sync_full,
	    int max_batch, struct strbuf *err);
void	writer_submit(struct writer *, struct writer_op *);
/* Submit a list of ops (linked by next), in order, with one wakeup. */
void	writer_submit_list(struct writer *, struct writer_op *);
/* Submit and block until done() has run; returns the op's rc. */
int	writer_submit_wait(struct writer *, struct writer_op *);
/* Drain queued ops, stop the thread and the checkpointer, close. */
void	writer_stop(struct writer *);

/* Counters for logs and benchmarks. */
struct writer_stats {
	uint64_t	batches;
	uint64_t	ops;
	uint64_t	max_batch;
};
void	writer_get_stats(struct writer *, struct writer_stats *);

/*
 * The writer's heartbeat: how long the batch in progress has run (ms),
 * 0 while it waits for ops.  /healthz calls a writer stuck when this
 * grows past its limit; an idle writer is not stuck.
 */
int64_t	writer_busy_ms(struct writer *);

#endif
