/*
 * cmd_admin.c: the operator's housekeeping commands: `feige backup
 * FILE` (a consistent copy of the database while the server runs,
 * store_backup()) and `feige version` / `feige --version`.
 *
 * Restoring is copying a backup over <data_dir>/feige.db while the
 * server is stopped (docs/operations.md); nothing here does it, so no
 * command can overwrite live data.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "cli/cmd.h"

#ifndef FEIGE_VERSION
#define FEIGE_VERSION "dev"
#endif

const char *
cli_version(void)
{
	return FEIGE_VERSION;
}

int
cmd_version(struct cli_args *a)
{
	return cli_out(a, json_pack("{s:s}", "version", FEIGE_VERSION),
	    "feige %s\n", FEIGE_VERSION);
}

/*
 * `feige init`: make the data dir and its database (the schema, no
 * users: serve's first run adds the admin).  Every other command but
 * serve refuses a dir without one, so a typo in --data says so instead
 * of leaving an empty database behind.
 */
int
cmd_init(struct cli_args *a)
{
	struct store *s;
	int existed = store_dir_has_data(a->conf.data_dir);

	if (cli_open(a, &s) != 0)
		return 1;
	store_close(s);
	return cli_out(a, json_pack("{s:s,s:b}", "data", a->conf.data_dir,
	    "created", !existed), existed ? "%s already holds feige data\n" :
	    "feige data created in %s\n", a->conf.data_dir);
}

int
cmd_backup(struct cli_args *a)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s;
	struct stat sb;
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	rc = store_backup(s, a->pos[0], &err);
	store_close(s);
	if (rc != 0) {
		cli_fail("backup to %s failed: %s", a->pos[0], err.buf);
		strbuf_release(&err);
		return 1;
	}
	strbuf_release(&err);
	if (stat(a->pos[0], &sb) != 0)
		sb.st_size = 0;
	return cli_out(a, json_pack("{s:s,s:I}", "file", a->pos[0], "bytes",
	    (json_int_t)sb.st_size), "backup written to %s (%lld bytes)\n",
	    a->pos[0], (long long)sb.st_size);
}
