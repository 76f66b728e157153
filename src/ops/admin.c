/*
 * admin.c: the operator's operations (admin.h).
 *
 * A retry is written, not performed: the row becomes "requested" and
 * the server's queue claims it (queue/requeue.c).  That keeps one path
 * for the console, which runs inside the server, and the CLI, which
 * does not and cannot reach the server's memory; the console only
 * wakes the queue after its commit so the retry starts at once.
 *
 * The storage figures are what an operator pays in disk: the database,
 * the WAL (about one second of writes while the checkpointer keeps up,
 * docs/architecture.md: a WAL that grows means it does not), the shm
 * index and the uploaded images (ops/image.c writes them to
 * <data_dir>/images/, one level, no subfolders).
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/limits.h"
#include "ops/admin.h"
#include "store/store.h"
#include "util/strbuf.h"

int
ops_delivery_retry(struct store *s, int64_t id, const char *channel,
    int64_t *n, struct strbuf *err)
{
	int rc;

	*n = 0;
	if (id < 0 ||
	    (id == 0 &&
		(channel == NULL || *channel == '\0' ||
		    strlen(channel) >=
			sizeof(((struct store_failed *)0)->channel))))
		return fg_err(FG_EINVAL, err,
		    "retry: name a delivery or a "
		    "channel");
	if ((rc = spool_admin_retry(s, id, id ? "" : channel, n)) != 0)
		return fg_err(rc, err, "retry delivery %lld", (long long)id);
	if (id && *n == 0)
		return fg_err(FG_ENOENT, err, "delivery %lld has not failed",
		    (long long)id);
	return 0;
}

void
ops_storage(const char *data_dir, struct ops_storage *out)
{
	struct store_sizes sz;
	char path[1024];
	struct dirent *e;
	struct stat sb;
	DIR *d;

	memset(out, 0, sizeof(*out));
	store_dir_sizes(data_dir, &sz);
	out->db = sz.db;
	out->wal = sz.wal;
	out->shm = sz.shm;
	if ((size_t)snprintf(path, sizeof(path), "%s/images", data_dir) <
		sizeof(path) &&
	    (d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' ||
			    fstatat(dirfd(d), e->d_name, &sb, 0) != 0 ||
			    !S_ISREG(sb.st_mode))
				continue;
			out->images += (int64_t)sb.st_size;
			out->n_images++;
		}
		closedir(d);
	}
	out->total = out->db + out->wal + out->shm + out->images;
}

int
ops_user_add(struct store *s, const char *name, struct store_user *out,
    struct strbuf *err)
{
	size_t len = strlen(name);

	if (len == 0 || len > LIM_NAME_BYTES)
		return fg_err(FG_EINVAL, err, "a user name is 1 to %d bytes",
		    LIM_NAME_BYTES);
	return dir_user_add(s, name, 0, out, err);
}
