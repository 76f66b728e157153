/*
 * readers.c: the per-thread read connections (readers.h).
 *
 * Each connection is kept in a thread-local pointer for the fast path
 * and in a capped list for shutdown.  A thread past the list's cap still
 * gets its connection; it is then closed only by process exit, which
 * SQLite survives (the WAL is checkpointed by the writer).
 */
#include <pthread.h>
#include <stdio.h>

#include "store/readers.h"
#include "store/store.h"
#include "util/log.h"
#include "util/strbuf.h"

static _Thread_local struct store *reader;
static pthread_mutex_t readers_mu = PTHREAD_MUTEX_INITIALIZER;
static struct store *readers[256];
static size_t n_readers;
static char readers_dir[1024];
static int readers_sync_full;

void
store_readers_init(const char *data_dir, int sync_full)
{
	snprintf(readers_dir, sizeof(readers_dir), "%s", data_dir);
	readers_sync_full = sync_full;
}

struct store *
store_reader(void)
{
	struct strbuf err = STRBUF_INIT;

	if (reader != NULL)
		return reader;
	if (readers_dir[0] == '\0') /* not set up: a CLI command */
		return NULL;
	if (store_open_dir(readers_dir, readers_sync_full, &reader,
	    &err) != 0) {
		log_error("msg=\"cannot open store reader\" detail=\"%s\"",
		    err.buf);
		reader = NULL;
	} else {
		pthread_mutex_lock(&readers_mu);
		if (n_readers < sizeof(readers) / sizeof(readers[0]))
			readers[n_readers++] = reader;
		pthread_mutex_unlock(&readers_mu);
	}
	strbuf_release(&err);
	return reader;
}

void
store_readers_close(void)
{
	size_t i;

	pthread_mutex_lock(&readers_mu);
	for (i = 0; i < n_readers; i++)
		store_close(readers[i]);
	n_readers = 0;
	pthread_mutex_unlock(&readers_mu);
}
