/*
 * image.h: the image service (pushplus open API 1.14, userImage/...) as
 * business operations: what an upload is (sniffed by its magic bytes),
 * where its bytes live (a file under the data dir), its row, and the
 * 30-day retention.
 *
 * Files and rows are written in two steps so that the writer's group
 * commit never waits on a 10 MB write: ops_image_write() puts the bytes
 * on disk on the request's thread, then ops_image_add() inserts the row
 * in a transaction (the adapter unlinks the file when that fails).
 * Deletes and the purge remove rows in the transaction and hand back
 * what they removed; the adapter unlinks those files after the commit
 * (ops_image_unlink()), so a rolled-back delete never loses bytes.
 * Same error contract as group.h.
 */
#ifndef FG_OPS_IMAGE_H
#define FG_OPS_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "util/errors.h"

struct store;
struct store_image;
struct strbuf;

#define OPS_IMAGE_DAYS		30	/* deleted after (function/image.md) */
#define OPS_IMAGE_PURGE_MAX	64	/* expired images removed per upload */

struct ops_image_kind {
	const char	*ext;		/* "png" */
	const char	*mime;		/* "image/png" */
};

/* The image kind of buf by its magic bytes (PNG, JPEG, GIF, WebP). */
const struct ops_image_kind	*ops_image_sniff(const void *buf, size_t len);

/*
 * Write the image bytes to a new file <data_dir>/images/<key>.<ext>
 * (mode 0600), filling im's key, ext, mime, size, hash and created_ms.
 * FG_EINVAL: not an image (err says so); FG_ESTORE: the disk.
 */
FG_MUST int	ops_image_write(const char *data_dir, const void *buf,
		    size_t len, struct store_image *im, struct strbuf *err);
/* The file of im into out[size]: 0, or -1 when it does not fit. */
int	ops_image_path(const char *data_dir, const struct store_image *im,
	    char *out, size_t size);
/* Remove im's file (a missing file is not an error). */
void	ops_image_unlink(const char *data_dir, const struct store_image *im);

/* Insert im's row (user_id and the ops_image_write() fields set). */
FG_MUST int	ops_image_add(struct store *, struct store_image *im,
		    struct strbuf *err);
/* Remove the user's image id; *gone is its row, to unlink after. */
FG_MUST int	ops_image_delete(struct store *, int64_t user, int64_t id,
		    struct store_image *gone, struct strbuf *err);
/*
 * Remove the rows of images older than OPS_IMAGE_DAYS at now_ms, at
 * most max of them, into gone[]; *n how many.
 */
FG_MUST int	ops_image_expire(struct store *, int64_t now_ms,
		    struct store_image *gone, size_t max, size_t *n,
		    struct strbuf *err);

#endif
