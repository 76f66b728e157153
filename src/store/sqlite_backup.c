/*
 * sqlite_backup.c: `feige backup FILE`, a consistent copy of the
 * database while the server runs (store.h store_backup()).
 *
 * SQLite's online backup API copies the pages of the source connection
 * into a new database.  One step over all pages (-1) reads one snapshot:
 * in WAL mode a reader never blocks the server's writer, and the writer
 * never invalidates the snapshot, so the copy is the database as of one
 * commit, whatever the server does meanwhile.  (Incremental steps would
 * restart whenever another connection writes, which a busy server does
 * constantly.)
 *
 * The copy is written to FILE.partial, checked (PRAGMA quick_check),
 * synced and renamed to FILE, so a FILE that exists is complete.  An
 * existing FILE is never overwritten: a backup script that runs twice
 * must not destroy the previous good copy by accident.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/sqlite_int.h"
#include "util/errors.h"
#include "util/strbuf.h"

static int
sync_file(const char *path)
{
	int fd = open(path, O_RDONLY), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static int
check_copy(sqlite3 *db, struct strbuf *err)
{
	sqlite3_stmt *st = NULL;
	int ok;

	ok = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	if (!ok)
		strbuf_setf(err, "the copy does not pass quick_check: %s",
		    st ? (const char *)sqlite3_column_text(st, 0) : "?");
	sqlite3_finalize(st);
	return ok ? 0 : FG_ESTORE;
}

int
sq_backup(struct store *s, const char *path, struct strbuf *err)
{
	char tmp[1024];
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	struct stat sb;
	int rc = FG_ESTORE;

	if (stat(path, &sb) == 0 || errno != ENOENT) {
		strbuf_setf(err, "%s: %s", path, errno == ENOENT ? "exists" :
		    strerror(errno));
		return FG_EEXIST;
	}
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.partial", path) >=
	    sizeof(tmp))
		return strbuf_setf(err, "path too long"), FG_EINVAL;
	(void)unlink(tmp);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		strbuf_setf(err, "%s: %s", tmp, dst ? sqlite3_errmsg(dst) :
		    "out of memory");
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", SQ(s)->db, "main")) ==
	    NULL) {
		strbuf_setf(err, "backup: %s", sqlite3_errmsg(dst));
		goto out;
	}
	rc = sqlite3_backup_step(b, -1);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		strbuf_setf(err, "backup: %s", sqlite3_errmsg(dst));
		rc = FG_ESTORE;
		goto out;
	}
	if ((rc = check_copy(dst, err)) != 0)
		goto out;
	sqlite3_close(dst);
	dst = NULL;
	if (sync_file(tmp) != 0 || rename(tmp, path) != 0) {
		strbuf_setf(err, "%s: %s", path, strerror(errno));
		rc = FG_EIO;
	}
out:
	if (dst != NULL)
		sqlite3_close(dst);
	if (rc != 0)
		(void)unlink(tmp);
	return rc;
}
