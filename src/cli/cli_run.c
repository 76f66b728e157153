/*
 * cli_run.c: what every command body would otherwise write again: open
 * the store of the data dir, look a user up, run one operation of
 * src/ops/ in its own transaction, close, then print the result as one
 * JSON line (--json) or as text.
 *
 * A writing command keeps a struct cli_tx on its stack.  Its lookups
 * come before cli_tx_begin(), so a missing user or app is reported
 * without taking the store's write lock; the operation runs between
 * cli_tx_begin() and cli_tx_end(), and any failure, its own or the
 * commit's, rolls the whole of it back.  Nothing is printed to stdout
 * unless everything succeeded, so a script reading the JSON never sees
 * half a result.
 *
 * The small helpers every command uses (cli_fail(), cli_parse_id()) are
 * here too, below the command table (cli_main.c), which no command may
 * depend on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/group.h"
#include "util/errors.h"

int
cli_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("feige: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

long long
cli_parse_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	return (*s && *end == '\0' && v > 0) ? v : -1;
}

int
cli_open(struct cli_args *a, struct store **s)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	/* only init and serve make a database */
	if (strcmp(a->cmd->name, "init") != 0 &&
	    !store_dir_has_data(a->conf.data_dir)) {
		cli_fail("no feige data in '%s' (no feige.db there): check "
		    "--data or the config's data_dir, or create it with "
		    "`feige init`", a->conf.data_dir);
		return FG_ENOENT;
	}
	if ((rc = store_open_dir(a->conf.data_dir, a->conf.store_sync_full, s,
	    &err)) != 0)
		cli_fail("%s", err.buf);
	strbuf_release(&err);
	return rc;
}

int
cli_user_by_uid(struct store *s, const char *uid, struct store_user *u)
{
	if (dir_user_get(s, "uid", uid, u) == 0)
		return 0;
	cli_fail("no user with UID '%s'", uid);
	return FG_ENOENT;
}

int
cli_group(struct store *s, const char *ref, struct store_group *g)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	if ((rc = ops_group_by_ref(s, ref, g, &err)) != 0)
		cli_fail("%s", err.buf);
	strbuf_release(&err);
	return rc;
}

int
cli_tx_open(struct cli_tx *t, struct cli_args *a)
{
	memset(t, 0, sizeof(*t));
	strbuf_init(&t->err, 0);
	return cli_open(a, &t->s);
}

int
cli_tx_begin(struct cli_tx *t)
{
	t->began = 1;
	return t->rc = store_begin(t->s);
}

int
cli_tx_end(struct cli_tx *t, const char *fmt)
{
	int rc = t->began ? t->rc : 1;

	if (t->began && rc == 0)
		rc = t->rc = store_commit(t->s, &t->err);
	if (t->began && rc != 0)
		store_rollback(t->s);
	if (rc < 0 && fmt)
		cli_fail(fmt, t->err.buf);
	store_close(t->s);
	strbuf_release(&t->err);
	return rc < 0 && fmt ? 1 : rc;
}

void
cli_print_json(json_t *obj)
{
	char *s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);

	if (s) {
		puts(s);
		free(s);
	}
	json_decref(obj);
}

int
cli_out(struct cli_args *a, json_t *obj, const char *fmt, ...)
{
	va_list ap;

	if (a->json) {
		cli_print_json(obj);
		return 0;
	}
	json_decref(obj);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	return 0;
}

int
cli_list(struct cli_args *a, const char *what,
    int (*rows)(struct store *, struct cli_list *))
{
	struct store *s;
	struct cli_list l = { NULL, a->json, a };
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	l.arr = json_array();
	rc = rows(s, &l);
	store_close(s);
	if (rc < 0) {		/* FG_ENOENT: a lookup said what is missing */
		json_decref(l.arr);
		return rc == FG_ENOENT ? 1 : cli_fail("cannot list %s (store "
		    "error)", what);
	}
	if (a->json)
		cli_print_json(json_pack("{s:o}", what, l.arr));
	else
		json_decref(l.arr);
	return 0;
}
