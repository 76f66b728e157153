/*
 * harness_store.h: a fresh store for the unit tests that need one
 * (tests of store/, ops/ and the writer), so each file's main() does
 * not set up the temporary data dir by hand.
 */
#ifndef FG_TEST_HARNESS_STORE_H
#define FG_TEST_HARNESS_STORE_H

#include <stdlib.h>

#include "harness.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/strbuf.h"

/*
 * Initialise ids, create the data dir from the mkdtemp template dir and
 * open a store in it: 0, or -1 with the reason on stderr and the dir
 * removed again.
 */
static inline int
harness_store(char *dir, struct store **db)
{
	struct strbuf err = STRBUF_INIT;

	if (ids_init() != 0 || mkdtemp(dir) == NULL) {
		perror("setup");
		return -1;
	}
	if (store_open_dir(dir, 0, db, &err) != 0) {
		fprintf(stderr, "open: %s\n", err.buf);
		strbuf_release(&err);
		harness_rm_dir(dir);
		return -1;
	}
	strbuf_release(&err);
	return 0;
}

/*
 * End the transaction of a call whose result is rc: commit when rc is
 * 0, else roll back.  rc, or the commit's error.
 */
static inline int
harness_end(struct store *db, int rc)
{
	struct strbuf err = STRBUF_INIT;

	if (rc == 0)
		rc = store_commit(db, &err);
	if (rc != 0)
		store_rollback(db);
	strbuf_release(&err);
	return rc;
}

#endif
