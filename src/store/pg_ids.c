/*
 * pg_ids.c: row ids taken ahead from the sequences, so the writer's hot
 * inserts (a message, its delivery, an inbox item) can name their ids
 * and go into the pipeline (pg_pipe.c) without waiting for RETURNING.
 *
 * One statement takes PG_IDS_CHUNK message ids and as many delivery ids
 * (a send needs one of each); another the inbox's.  Inside a
 * transaction a batch of sends pays one round trip per chunk; outside
 * one (the CLI, a reader) one id is taken per call, as RETURNING did.
 *
 * Ids left over are forgotten when the transaction ends (pg_ids_reset:
 * BEGIN, COMMIT, ROLLBACK), never kept for the next: the sequences'
 * gaps cost nothing, while an inbox id taken in one transaction and
 * used in a later one would break the order live catch-up relies on
 * (pg_live.c: inbox ids commit in order, under the inbox order lock,
 * which is why inbox ids are taken only after pg_live_lock()).
 */
#include <string.h>

#include "store/pg_row.h"
#include "util/errors.h"

void
pg_ids_reset(struct store *s)
{
	memset(PG(s)->ids, 0, sizeof(PG(s)->ids));
}

/* Fill the caches of stmt (message and delivery, or inbox) with n ids. */
static int
ids_fetch(struct store *s, enum pg_stmt stmt, struct pg_idcache *a,
    struct pg_idcache *b, int n)
{
	PGresult *res;
	int i, rc;

	if ((res = pg_exec(pg_stmt(s, stmt), 0, &rc, "i", n)) == NULL)
		return rc;
	for (i = 0; i < PQntuples(res) && i < PG_IDS_CHUNK; i++) {
		a->v[i] = pg_col_i64(res, i, 0);
		b->v[i] = pg_col_i64(res, i, 1);
	}
	a->n = b->n = i;
	a->next = b->next = 0;
	PQclear(res);
	return i > 0 ? 0 : FG_ESTORE;
}

int
pg_ids_take(struct store *s, enum pg_ids_seq seq, int64_t *id)
{
	struct pg_idcache *c = &PG(s)->ids[seq], spare;
	int n = PG(s)->in_tx ? PG_IDS_CHUNK : 1, rc;

	if (c->next >= c->n) {
		if (seq == PG_IDS_INBOX)
			rc = ids_fetch(s, Q_IDS_INBOX, c, &spare, n);
		else
			rc = ids_fetch(s, Q_IDS_MSG, &PG(s)->ids[PG_IDS_MSG],
			    &PG(s)->ids[PG_IDS_DLV], n);
		if (rc != 0)
			return rc;
	}
	*id = c->v[c->next++];
	return 0;
}
