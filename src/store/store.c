/*
 * store.c: the backend registry and helpers shared by all backends,
 * and the choice of backend: store.url names a PostgreSQL database, or
 * nothing, and then the store is SQLite's feige.db in the data dir (the
 * data dir is made either way: uploaded images live there).
 *
 * store_open_dir() also tightens a data dir made by an older feige (or
 * by hand) to 0700 and its database files to 0600: they hold every
 * user's credentials.  New files are private by main()'s umask.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "util/errors.h"
#include "store/cluster.h"
#include "store/pg_int.h"
#include "store/store.h"
#include "util/strbuf.h"

static const struct store_backend *backends[] = { &store_sqlite, &store_pg,
	NULL };

/* store.url: "" for SQLite in the data dir (store_set_url). */
static char store_url[1024];

const struct store_backend *
store_backend_lookup(const char *name)
{
	size_t i;

	for (i = 0; backends[i]; i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

const struct store_backend *
store_default(void)
{
	return store_url[0] ? &store_pg : &store_sqlite;
}

int
store_set_url(const char *url)
{
	if (url == NULL || *url == '\0') {
		store_url[0] = '\0';
		return 0;
	}
	if ((strncmp(url, "postgresql://", 13) != 0 &&
		strncmp(url, "postgres://", 11) != 0) ||
	    strlen(url) >= sizeof(store_url))
		return FG_EINVAL;
	snprintf(store_url, sizeof(store_url), "%s", url);
	return 0;
}

/* The files of a data dir's database, in struct store_sizes's order. */
static const char *const db_files[] = { "feige.db", "feige.db-wal",
	"feige.db-shm" };

static void
private_files(const char *data_dir)
{
	const char *const *names = db_files;
	char path[1024];
	size_t i;

	(void)chmod(data_dir, 0700);
	for (i = 0; i < sizeof(db_files) / sizeof(db_files[0]); i++)
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", data_dir,
		    names[i]) < sizeof(path))
			(void)chmod(path, 0600);	/* ENOENT is fine */
}

void
store_dir_sizes(const char *data_dir, struct store_sizes *out)
{
	int64_t *v[] = { &out->db, &out->wal, &out->shm };
	char path[1024];
	struct stat sb;
	size_t i;

	if (store_url[0]) { /* the server's files, not the data dir's */
		out->db = pg_database_bytes(store_url);
		out->wal = out->shm = 0;
		return;
	}
	for (i = 0; i < sizeof(db_files) / sizeof(db_files[0]); i++) {
		*v[i] = 0;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", data_dir,
			db_files[i]) < sizeof(path) &&
		    stat(path, &sb) == 0)
			*v[i] = (int64_t)sb.st_size;
	}
}

int
store_dir_has_data(const char *data_dir)
{
	char path[1024];
	struct stat sb;

	if (store_url[0])
		return pg_has_schema(store_url);
	if ((size_t)snprintf(path, sizeof(path), "%s/feige.db", data_dir) >=
	    sizeof(path))
		return 0;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int
store_open_dir(const char *data_dir, int sync_full, struct store **out,
    struct strbuf *err)
{
	char path[1024];

	if (mkdir(data_dir, 0700) != 0 && errno != EEXIST) {
		strbuf_setf(err, "cannot create data dir '%s': %s", data_dir,
		    strerror(errno));
		return FG_EIO;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/feige.db", data_dir) >=
	    sizeof(path)) {
		strbuf_setf(err, "data dir path too long");
		return FG_EINVAL;
	}
	private_files(data_dir);
	if (store_url[0])
		return store_pg.open(out, store_url, sync_full, err);
	return store_default()->open(out, path, sync_full, err);
}

int
store_live_start(const struct store_live_cb *cb, struct store_live **out,
    struct strbuf *err)
{
	*out = NULL;
	if (store_url[0] == '\0')
		return 0;
	return pg_live_start(store_url, cb, out, err);
}
