/*
 * twin_image.c: the image service's uploads (user_images,
 * store_open.h), written once for both backends (twin.h).  Only the
 * rows: the bytes are files that the operations layer writes and
 * removes (ops/image.c).  A key is random and unique; lists are newest
 * first.  Rows older than a cut-off are found for the purge by
 * created_ms (indexed).
 */
#include "util/errors.h"
#include "store/twin.h"
#include "store/twin_tables.h"

#define IMG_COLS "id, user_id, key, ext, mime, fname, size, hash, created_ms"

static const struct sq_row image_row = SQ_ROW(struct store_image, id, user_id,
    key, ext, mime, fname, size, hash, created_ms);

static const struct twin_page image_page = {
	"SELECT count(*) FROM user_images WHERE user_id = ?",
	"SELECT " IMG_COLS
	" FROM user_images WHERE user_id = ? ORDER BY id DESC LIMIT ? "
	"OFFSET ?",
	&image_row
};

int
twin_image_add(struct store *s, struct store_image *im)
{
	return twin_insert(s,
	    "INSERT INTO user_images(user_id, key, ext, mime, fname, size, "
	    "hash, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    0, &im->id, "IssssIsI", im->user_id, im->key, im->ext, im->mime,
	    im->fname, im->size, im->hash, im->created_ms);
}

int
twin_image_get(struct store *s, int64_t id, struct store_image *out)
{
	return twin_one(s, "SELECT " IMG_COLS " FROM user_images WHERE id = ?",
	    0, &image_row, out, "I", id);
}

int
twin_image_by_key(struct store *s, const char *key, struct store_image *out)
{
	return twin_one(s,
	    "SELECT " IMG_COLS " FROM user_images WHERE key = ?", 0,
	    &image_row, out, "s", key);
}

int
twin_image_delete(struct store *s, int64_t id)
{
	return twin_run(s, "DELETE FROM user_images WHERE id = ?", TWIN_PLAIN,
	    "I", id);
}

int
twin_image_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_image_cb cb, void *arg)
{
	return twin_page(s, &image_page, user, offset, limit, total,
	    (sq_row_cb)cb, arg);
}

/* The oldest images created before before_ms, at most limit of them. */
int
twin_image_expired(struct store *s, int64_t before_ms, int limit,
    store_image_cb cb, void *arg)
{
	return twin_each(s,
	    "SELECT " IMG_COLS
	    " FROM user_images WHERE created_ms < ? ORDER BY created_ms "
	    "LIMIT ?",
	    0, &image_row, cb, arg, "Ii", before_ms, limit);
}
