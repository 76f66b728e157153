/*
 * pg_conn.c: a PostgreSQL connection and its session, the bottom of the
 * backend: connect (pg_connect), the settings every session has, the
 * node id it names, a plain statement (pg_plain), and making a dropped
 * connection again between transactions (pg_reconnect).
 *
 * Every other pg*.c file sits above it: the runners (pg_row.c) reconnect
 * through it, the schema (pg_schema.c) opens a store with it (pg_open:
 * connect, migrate, load the key), the live listener (pg_live.c) too,
 * and the transactions (pg.c) run BEGIN/COMMIT with pg_plain.  It
 * calls nothing of theirs, so the files' includes point one way (it
 * was part of pg.c, which pg_row.c and pg_live.c called back into).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

/* Every connection's settings: no NOTICEs, and the lock wait (pg.c). */
#define SESSION_SETUP \
	"SET client_min_messages = warning; SET lock_timeout = 10000"

static pthread_once_t node_once = PTHREAD_ONCE_INIT;
static char node_id[PG_NODE_LEN + 1];

static void
node_make(void)
{
	char t[ID_TOKEN_LEN + 1];

	ids_token(t);
	snprintf(node_id, sizeof(node_id), "cli-%.*s", PG_NODE_LEN - 4, t);
}

/*
 * The node id in NOTIFY payloads and cluster leases: the serving node's
 * (store_node_start(), the same id its claims carry); a CLI run, which
 * is no node and claims nothing, still names itself with a random one.
 */
const char *
pg_node_id(void)
{
	if (*store_node_id() != '\0')
		return store_node_id();
	pthread_once(&node_once, node_make);
	return node_id;
}

/* Run one statement without parameters; 0 or FG_ESTORE. */
int
pg_plain(struct store *s, const char *sql, const char *want)
{
	PGresult *res = PQexec(PG(s)->conn, sql);
	int ok = PQresultStatus(res) == PGRES_COMMAND_OK &&
	    (want == NULL || strcmp(PQcmdStatus(res), want) == 0);

	if (!ok)
		snprintf(PG(s)->error, sizeof(PG(s)->error), "%s",
		    PQresultStatus(res) == PGRES_COMMAND_OK ?
			"the transaction was rolled back" :
			PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : FG_ESTORE;
}

/*
 * Every connection's session: the settings above, then the node this
 * process is, its lease length and its home (store_node_start()) as
 * the settings feige.node, feige.lease_ms and feige.home, which
 * migration 5's feige_node(), feige_lease() and feige_mine() read: claims (pg_lease.c) and the column defaults of a
 * new delivery name the node whatever statement runs.
 */
static int
session_setup(struct store *s)
{
	const char *const sql = "SELECT set_config('feige.node', $1, false), "
				"set_config('feige.lease_ms', $2, false), "
				"set_config('feige.home', $3, false)";
	const char *v[3];
	char ms[24];
	PGresult *res;
	int ok;

	if (pg_plain(s, SESSION_SETUP, NULL) != 0)
		return FG_ESTORE;
	snprintf(ms, sizeof(ms), "%d", store_lease_ms());
	v[0] = store_node_id();
	v[1] = ms;
	v[2] = store_node_home();
	res = PQexecParams(PG(s)->conn, sql, 3, NULL, v, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		snprintf(PG(s)->error, sizeof(PG(s)->error), "%s",
		    PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : FG_ESTORE;
}

/* Quiet the server's NOTICEs (they would go to stderr). */
static void
pg_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/*
 * A connection to url with its session set up (pg_open's first half;
 * pg_open names the backend, whose table is above this file).
 */
int
pg_connect(struct store **out, const char *url, struct strbuf *err)
{
	struct pg_store *q;
	struct store *s;

	q = xcalloc(1, sizeof(*q));
	s = &q->pub;
	PG(s)->conn = PQconnectdb(url);
	if (PQstatus(PG(s)->conn) != CONNECTION_OK) {
		strbuf_setf(err, "cannot connect to PostgreSQL: %s",
		    PQerrorMessage(PG(s)->conn));
		PQfinish(PG(s)->conn);
		free(s);
		return FG_ESTORE;
	}
	PQsetNoticeProcessor(PG(s)->conn, pg_notice, NULL);
	if (session_setup(s) != 0) {
		if (err)
			strbuf_setf(err, "%s", PG(s)->error);
		pg_close(s);
		return FG_ESTORE;
	}
	*out = s;
	return 0;
}

void
pg_close(struct store *s)
{
	if (s == NULL)
		return;
	PQfinish(PG(s)->conn);
	free(s);
}

/*
 * A connection the server dropped (a restart, a failover) is made again
 * before the next statement or transaction, with its prepared
 * statements forgotten.  The statement that found it gone has failed
 * and is not retried (it may have run).  Never inside a transaction,
 * whose writes went with the connection: the rest of it must fail, not
 * run in autocommit.
 */
int
pg_reconnect(struct store *s)
{
	if (PQstatus(PG(s)->conn) == CONNECTION_OK)
		return 0;
	if (PG(s)->in_tx) {
		snprintf(PG(s)->error, sizeof(PG(s)->error),
		    "the connection "
		    "was lost in a transaction");
		return FG_ESTORE;
	}
	PQreset(PG(s)->conn);
	memset(PG(s)->prepared, 0, sizeof(PG(s)->prepared));
	if (PQstatus(PG(s)->conn) == CONNECTION_OK)
		return session_setup(s);
	snprintf(PG(s)->error, sizeof(PG(s)->error), "%s",
	    PQerrorMessage(PG(s)->conn));
	return FG_ESTORE;
}
