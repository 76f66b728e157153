/*
 * image.c: the image service's operations (image.h).
 *
 * An upload is an image only if its first bytes say so: the PNG
 * signature, JPEG's SOI marker, "GIF87a"/"GIF89a", or a RIFF container
 * of type "WEBP".  The client's file name and Content-Type are not
 * trusted for this; the sniffed kind decides the stored extension and
 * the Content-Type it is served with (with nosniff), so no upload is
 * ever served as HTML or script.
 *
 * A file is named by a random key (util/ids.c, 32 hex digits) plus its
 * extension, under <data_dir>/images/ (0700), written 0600 with
 * O_EXCL and fsync'ed before its row is inserted.  The hash the Qiniu
 * style answer carries is the hex SHA-256 of the bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ops/image.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/strbuf.h"

static const struct ops_image_kind kinds[] = {
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
};

const struct ops_image_kind *
ops_image_sniff(const void *buf, size_t len)
{
	const unsigned char *b = buf;

	if (len >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return &kinds[0];
	if (len >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return &kinds[1];
	if (len >= 6 && (memcmp(b, "GIF87a", 6) == 0 ||
	    memcmp(b, "GIF89a", 6) == 0))
		return &kinds[2];
	if (len >= 12 && memcmp(b, "RIFF", 4) == 0 &&
	    memcmp(b + 8, "WEBP", 4) == 0)
		return &kinds[3];
	return NULL;
}

int
ops_image_path(const char *data_dir, const struct store_image *im,
    char *out, size_t size)
{
	int n = snprintf(out, size, "%s/images/%s.%s", data_dir, im->key,
	    im->ext);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Write all of buf to a new file path (0600); 0 or -1 (errno). */
static int
write_file(const char *path, const unsigned char *buf, size_t len)
{
	ssize_t w;
	int fd, rc = 0;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) < 0)
		return -1;
	while (len > 0 && rc == 0) {
		if ((w = write(fd, buf, len)) < 0) {
			if (errno != EINTR)
				rc = -1;
			continue;
		}
		buf += w;
		len -= (size_t)w;
	}
	if (rc == 0 && fsync(fd) != 0)
		rc = -1;
	if (close(fd) != 0)
		rc = -1;
	if (rc != 0)
		(void)unlink(path);
	return rc;
}

int
ops_image_write(const char *data_dir, const void *buf, size_t len,
    struct store_image *im, struct strbuf *err)
{
	const struct ops_image_kind *k = ops_image_sniff(buf, len);
	unsigned char h[crypto_hash_sha256_BYTES];
	char path[1024];

	if (k == NULL) {
		strbuf_setf(err, "只能上传图片(png、jpg、gif、webp) (not a PNG, "
		    "JPEG, GIF or WebP image)");
		return FG_EINVAL;
	}
	ids_token(im->key);
	snprintf(im->ext, sizeof(im->ext), "%s", k->ext);
	snprintf(im->mime, sizeof(im->mime), "%s", k->mime);
	im->size = (int64_t)len;
	im->created_ms = clock_ms();
	crypto_hash_sha256(h, buf, len);
	sodium_bin2hex(im->hash, sizeof(im->hash), h, sizeof(h));
	snprintf(path, sizeof(path), "%s/images", data_dir);
	if ((mkdir(path, 0700) != 0 && errno != EEXIST) ||
	    ops_image_path(data_dir, im, path, sizeof(path)) != 0 ||
	    write_file(path, buf, len) != 0) {
		strbuf_setf(err, "image file %s: %s", path, strerror(errno));
		return FG_ESTORE;
	}
	return 0;
}

void
ops_image_unlink(const char *data_dir, const struct store_image *im)
{
	char path[1024];

	if (ops_image_path(data_dir, im, path, sizeof(path)) == 0)
		(void)unlink(path);
}

int
ops_image_add(struct store *s, struct store_image *im, struct strbuf *err)
{
	return fg_err(dir_image_add(s, im), err, "image of user %lld",
	    (long long)im->user_id);
}

int
ops_image_delete(struct store *s, int64_t user, int64_t id,
    struct store_image *gone, struct strbuf *err)
{
	int rc = dir_image_get(s, id, gone);

	if (rc == 0 && gone->user_id != user)
		rc = FG_ENOENT;
	if (rc == 0)
		rc = dir_image_delete(s, id);
	return fg_err(rc, err, "image %lld", (long long)id);
}

struct expired {
	struct store_image	*gone;
	size_t			 n, max;
};

static int
expired_row(void *arg, const struct store_image *im)
{
	struct expired *e = arg;

	if (e->n == e->max)
		return 1;
	e->gone[e->n++] = *im;
	return 0;
}

int
ops_image_expire(struct store *s, int64_t now_ms, struct store_image *gone,
    size_t max, size_t *n, struct strbuf *err)
{
	struct expired e = { gone, 0, max };
	int64_t before = now_ms - OPS_IMAGE_DAYS * 86400000LL;
	size_t i;
	int rc;

	*n = 0;
	rc = dir_image_expired(s, before, (int)max, expired_row, &e);
	for (i = 0; rc >= 0 && i < e.n; i++)
		rc = dir_image_delete(s, gone[i].id);
	if (rc > 0)
		rc = 0;
	if (rc == 0)
		*n = e.n;
	return fg_err(rc, err, "expired images");
}
