/*
 * pg_pipe.c: the writer's pipeline on PostgreSQL (libpq's pipeline
 * mode), so a group commit costs a few round trips, not one per
 * statement.
 *
 * Phase 1's writer ran every statement of a batch as its own round
 * trip: four per accepted send (the message, its delivery, the inbox
 * item, the push rows), each waiting for the server before the next
 * was built.  Now the hot inserts name their ids (taken ahead from the
 * sequences, pg_ids.c), so nothing waits for their RETURNING:
 * pg_defer() (pg_row.c) sends such a write inside a transaction and
 * returns, and pg_pipe_add() notes where its "rows changed" goes (or
 * nowhere).  The results are read here, all at once, by
 * pg_pipe_drain(): before any statement whose result the caller waits
 * for (pg_vexec() calls it first), and before COMMIT and ROLLBACK.
 *
 * Errors.  A statement that fails in a pipeline aborts the rest of it
 * and the transaction: drain reports FG_ESTORE with the first error,
 * so whichever op drained fails, the writer rolls the batch back and
 * runs each op alone (writer.h), and the op whose own write failed
 * fails at its own COMMIT.  A failed op never loses its neighbours'
 * results, as before; only which call reports the failure moved.
 *
 * The Sync that ends each drain does not commit: the writer's
 * transactions are explicit (BEGIN), and a Sync inside one only ends
 * the pipeline's segment.  Drains are bounded (PG_PIPE_MAX writes): the
 * results of a few hundred inserts fit the socket buffers, so neither
 * side blocks on a full buffer while the other waits.
 */
#include <string.h>

#include "store/pg_int.h"
#include "util/errors.h"

void
pg_pipe_add(struct store *s, int *changed)
{
	struct pg_store *ps = PG(s);

	ps->piped_changed[ps->piped++] = changed;
	(void)PQflush(ps->conn);	/* the server starts on it now */
}

/* One write's result: 0 (its rows changed noted) or FG_ESTORE. */
static int
pipe_result(struct pg_store *ps, PGresult *res, int i, int *failed)
{
	ExecStatusType st = PQresultStatus(res);

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
		if (i < ps->piped && ps->piped_changed[i])
			*ps->piped_changed[i] = strtoll(PQcmdTuples(res),
			    NULL, 10) > 0;
		return 0;
	}
	if (!*failed && st != PGRES_PIPELINE_ABORTED)
		snprintf(ps->error, sizeof(ps->error), "%s",
		    PQresultErrorMessage(res));
	*failed = 1;
	return FG_ESTORE;
}

int
pg_pipe_drain(struct store *s)
{
	struct pg_store *ps = PG(s);
	PGresult *res;
	int i = 0, nulls = 0, failed = 0, synced = 0;

	if (PQpipelineStatus(ps->conn) == PQ_PIPELINE_OFF)
		return 0;
	if (PQpipelineSync(ps->conn) != 1) {
		snprintf(ps->error, sizeof(ps->error), "%s",
		    PQerrorMessage(ps->conn));
		failed = 1;
	}
	/* each write's result, then NULL; the Sync's alone, last */
	while (!synced && nulls < 2) {
		if ((res = PQgetResult(ps->conn)) == NULL) {
			nulls++;
			continue;
		}
		nulls = 0;
		if (PQresultStatus(res) == PGRES_PIPELINE_SYNC)
			synced = 1;
		else
			(void)pipe_result(ps, res, i++, &failed);
		PQclear(res);
	}
	ps->piped = 0;
	if (!synced || PQexitPipelineMode(ps->conn) != 1) {
		if (!failed)
			snprintf(ps->error, sizeof(ps->error), "pipeline: %s",
			    PQerrorMessage(ps->conn));
		failed = 1;
	}
	return failed ? FG_ESTORE : 0;
}
