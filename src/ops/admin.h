/*
 * admin.h: the operator's operations (issue 12, "Operators"), shared by
 * the console's operator pages and the CLI: retrying failed deliveries,
 * the storage a data dir takes, adding a user.
 *
 * Same contract as group.h: the store calls run inside the caller's
 * transaction, 0 or a negative enum fg_err with the detail in err (may
 * be NULL).  Reads (the failed list, the per-channel counts) are the
 * spool's spool_admin_*() and need no operation.
 */
#ifndef FG_OPS_ADMIN_H
#define FG_OPS_ADMIN_H

#include <stdint.h>

#include "util/errors.h"

struct store;
struct store_user;
struct strbuf;

/*
 * Ask for a retry of delivery id (> 0), or of every failed delivery of
 * channel (id 0): each becomes requested (store_admin.h), with a fresh
 * attempt count, and its message is in progress again; the server's
 * queue claims and delivers it (at once after queue_requeue_kick(),
 * else within LIM_REQUEUE_POLL_MS, or at its next start).  *n says how
 * many.  A delivery that has not failed (or does not exist) is
 * FG_ENOENT; a channel with no failed delivery is 0 with *n 0.
 */
FG_MUST int ops_delivery_retry(struct store *, int64_t id, const char *channel,
    int64_t *n, struct strbuf *err);

/* Bytes of a data dir: the database, its WAL and shm, the images. */
struct ops_storage {
	int64_t db, wal, shm;
	int64_t images; /* the files of <data_dir>/images/ */
	int64_t n_images;
	int64_t total;
};
void ops_storage(const char *data_dir, struct ops_storage *);

/*
 * A new user (not an admin) named name, 1 to LIM_NAME_BYTES bytes, with
 * a fresh UID and token in out.
 */
FG_MUST int ops_user_add(struct store *, const char *name,
    struct store_user *out, struct strbuf *err);

#endif
