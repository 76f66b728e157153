/*
 * test_ops_image.c: unit tests for the image service's operations
 * (ops/image.c) and the store rows under them, on a fresh SQLite data
 * dir: what counts as an image (magic bytes only), the file written
 * 0600 under <data>/images with its SHA-256, rows listed newest first,
 * a delete that only the owner may make, and the 30-day expiry that
 * hands back what it removed.  Also migration 8 seeding the per-token
 * default configs from the settings changeDefaultChannel kept before.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "harness_store.h"
#include "store/sqlite_int.h"

#include "ops/image.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-ops-image-XXXXXX";
static struct store *db;
static struct store_user alice, bob;

static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#define end(rc)	harness_end(db, (rc))

TEST(sniff)
{
	static const char jpg[] = "\xff\xd8\xff\xe0";
	static const char webp[] = "RIFF\x10\0\0\0WEBPVP8 ";

	CHECK_STR(ops_image_sniff(png, sizeof(png) - 1)->mime, "image/png");
	CHECK_STR(ops_image_sniff(jpg, 4)->ext, "jpg");
	CHECK_STR(ops_image_sniff("GIF89a..", 8)->ext, "gif");
	CHECK_STR(ops_image_sniff("GIF87a", 6)->ext, "gif");
	CHECK_STR(ops_image_sniff(webp, sizeof(webp) - 1)->mime,
	    "image/webp");
	CHECK(ops_image_sniff("<svg xmlns=", 11) == NULL);
	CHECK(ops_image_sniff("RIFF\0\0\0\0WAVE", 12) == NULL);
	CHECK(ops_image_sniff(png, 7) == NULL);		/* cut short */
	CHECK(ops_image_sniff("", 0) == NULL);
}

/* Write and add an image of user created at created_ms. */
static int
add(const struct store_user *u, int64_t created_ms, struct store_image *im)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	memset(im, 0, sizeof(*im));
	im->user_id = u->id;
	rc = ops_image_write(dir, png, sizeof(png) - 1, im, &err);
	strbuf_release(&err);
	if (rc != 0)
		return rc;
	if (created_ms)
		im->created_ms = created_ms;
	if (store_begin(db) != 0)
		return FG_ESTORE;
	return end(ops_image_add(db, im, NULL));
}

static int
count_row(void *arg, const struct store_image *im)
{
	(void)im;
	(*(int *)arg)++;
	return 0;
}

TEST(write_add_delete)
{
	struct strbuf err = STRBUF_INIT;
	struct store_image a, b, got, gone;
	char path[512];
	struct stat st;
	int64_t total = 0;
	int n = 0;

	CHECK(ops_image_write(dir, "<html>", 6, &a, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "not a PNG");
	CHECK(add(&alice, 0, &a) == 0);
	CHECK(add(&alice, 0, &b) == 0);
	CHECK(strlen(a.key) == ID_TOKEN_LEN && strcmp(a.key, b.key) != 0);
	CHECK_STR(a.ext, "png");
	CHECK(a.size == (int64_t)sizeof(png) - 1);
	CHECK(strlen(a.hash) == 64);
	CHECK(ops_image_path(dir, &a, path, sizeof(path)) == 0);
	CHECK(stat(path, &st) == 0);
	CHECK((st.st_mode & 0777) == 0600);
	CHECK(st.st_size == a.size);
	CHECK(dir_image_by_key(db, a.key, &got) == 0 && got.id == a.id);
	CHECK(dir_image_list(db, alice.id, 0, 10, &total, count_row, &n) == 0);
	CHECK(total == 2 && n == 2);

	/* only the owner deletes; the file goes after the commit */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_image_delete(db, bob.id, a.id, &gone, NULL)) ==
	    FG_ENOENT);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_image_delete(db, alice.id, a.id, &gone, NULL)) == 0);
	CHECK_STR(gone.key, a.key);
	CHECK(stat(path, &st) == 0);
	ops_image_unlink(dir, &gone);
	CHECK(stat(path, &st) != 0);
	CHECK(dir_image_get(db, a.id, &got) == FG_ENOENT);
	strbuf_release(&err);
}

TEST(expire)
{
	struct store_image old1, old2, fresh, gone[4];
	int64_t now = clock_ms(), day = 86400000LL;
	size_t n = 9;

	CHECK(add(&bob, now - 31 * day, &old1) == 0);
	CHECK(add(&alice, now - 40 * day, &old2) == 0);
	CHECK(add(&bob, now - 29 * day, &fresh) == 0);
	/* at most max per call, oldest first */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_image_expire(db, now, gone, 1, &n, NULL)) == 0);
	CHECK(n == 1 && gone[0].id == old2.id);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_image_expire(db, now, gone, 4, &n, NULL)) == 0);
	CHECK(n == 1 && gone[0].id == old1.id);
	CHECK(dir_image_get(db, fresh.id, &gone[0]) == 0);
	CHECK(dir_image_get(db, old1.id, &gone[0]) == FG_ENOENT);
}

TEST(migration_8_seeds_defaults)
{
	struct strbuf err = STRBUF_INIT;
	struct store_udef d;
	struct store *old;
	char odir[] = "/tmp/feige-mig8-XXXXXX", path[128];
	sqlite3 *h;
	int i, rc = 0;

	HARNESS_SQLITE_ONLY("a SQLite migration");

	/* a data dir of schema version 7 (migrations 1-7 as that feige ran
	 * them), with changeDefaultChannel's setting for user 1 and the
	 * plain default for user 2 */
	CHECK(mkdtemp(odir) != NULL);
	snprintf(path, sizeof(path), "%s/feige.db", odir);
	CHECK(sqlite3_open(path, &h) == SQLITE_OK);
	for (i = 0; i < 7 && rc == 0; i++)
		rc = sqlite3_exec(h, sq_schema_migration(i), NULL, NULL, NULL);
	CHECK(rc == SQLITE_OK);
	CHECK(sqlite3_exec(h, "INSERT INTO users(id, uid, token, name, "
	    "created_ms) VALUES (1, 'UID_a', 'ta', 'alice', 1), "
	    "(2, 'UID_b', 'tb', 'bob', 1);"
	    "INSERT INTO open_settings(user_id, default_channel, "
	    "default_webhook) VALUES (1, 'webhook', 'hk1'), (2, 'wechat', '');"
	    "PRAGMA user_version = 7;", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
	CHECK(store_open_dir(odir, 0, &old, &err) == 0);
	CHECK(dir_udef_for_token(old, 1, NULL, &d) == 0);
	CHECK_STR(d.channel, "webhook");
	CHECK_STR(d.option, "hk1");
	CHECK(d.token_id == 0 && d.updated_ms > 0);
	CHECK(dir_udef_for_token(old, 2, NULL, &d) == FG_ENOENT);
	store_close(old);
	harness_rm_dir(odir);
	strbuf_release(&err);
}

int
main(void)
{
	struct strbuf err = STRBUF_INIT;
	char images[512];
	int rc;

	if (harness_store(dir, &db) != 0 ||
	    dir_user_add(db, "alice", 0, &alice, &err) != 0 ||
	    dir_user_add(db, "bob", 0, &bob, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(sniff);
	RUN(write_add_delete);
	RUN(expire);
	RUN(migration_8_seeds_defaults);
	store_close(db);
	snprintf(images, sizeof(images), "%s/images", dir);
	harness_rm_dir(images);
	harness_rm_dir(dir);
	rc = harness_fail ? 1 : 0;
	printf("%s: %d passed, %d failed\n", __FILE__, harness_pass,
	    harness_fail);
	return rc;
}
