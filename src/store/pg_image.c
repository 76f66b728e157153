/*
 * pg_image.c: the image service's uploads (user_images,
 * store_open.h).  Only the rows: the bytes are files that the
 * operations layer writes and removes (ops/image.c).  A key is random
 * and unique; lists are newest first.  Rows older than a cut-off are
 * found for the purge by created_ms (indexed).
 */
#include "util/errors.h"
#include "store/pg_row.h"

#define IMG_COLS "id, user_id, key, ext, mime, fname, size, hash, created_ms"

static const struct sq_row image_row = SQ_ROW(struct store_image, id, user_id,
    key, ext, mime, fname, size, hash, created_ms);

static const struct pg_page image_page = {
	"SELECT count(*) FROM user_images WHERE user_id = ?",
	"SELECT " IMG_COLS " FROM user_images WHERE user_id = ? "
	"ORDER BY id DESC LIMIT ? OFFSET ?",
	&image_row
};

int
pg_image_add(struct store *s, struct store_image *im)
{
	return pg_write(pg_prep(s,
			    "INSERT INTO user_images(user_id, key, "
			    "ext, mime, fname, size, hash, created_ms) VALUES "
			    "(?, ?, ?, ?, "
			    "?, ?, ?, ?) RETURNING id"),
	    PG_FINAL, &im->id, "IssssIsI", im->user_id, im->key, im->ext,
	    im->mime, im->fname, im->size, im->hash, im->created_ms);
}

int
pg_image_get(struct store *s, int64_t id, struct store_image *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " IMG_COLS " FROM user_images "
			  "WHERE id = ?"),
	    PG_FINAL, &image_row, out, "I", id);
}

int
pg_image_by_key(struct store *s, const char *key, struct store_image *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " IMG_COLS " FROM user_images "
			  "WHERE key = ?"),
	    PG_FINAL, &image_row, out, "s", key);
}

int
pg_image_delete(struct store *s, int64_t id)
{
	return pg_run(pg_prep(s, "DELETE FROM user_images WHERE id = ?"),
	    PGO_RUN, "I", id);
}

int
pg_image_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_image_cb cb, void *arg)
{
	return pg_page(s, &image_page, user, offset, limit, total,
	    (sq_row_cb)cb, arg);
}

/* The oldest images created before before_ms, at most limit of them. */
int
pg_image_expired(struct store *s, int64_t before_ms, int limit,
    store_image_cb cb, void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT " IMG_COLS " FROM user_images "
			   "WHERE created_ms < ? ORDER BY created_ms LIMIT ?"),
	    PG_FINAL, &image_row, (sq_row_cb)cb, arg, "Ii", before_ms, limit);
}
