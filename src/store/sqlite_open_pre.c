/*
 * sqlite_open_pre.c: pre-processing scripts (pre_scripts), the store
 * side of the open API's pre/... calls and of /send's `pre` (store_open.h).
 * A script's code is unique per user; get and by_code return the
 * script text on the heap, list leaves it out.
 */
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_open_int.h"
#include "util/ids.h"

#define PRE_COLS "id, user_id, name, code, content_type, created_ms, script"

static void
read_pre(sqlite3_stmt *st, struct store_open_pre *p, int with_script)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->user_id = sqlite3_column_int64(st, 1);
	sq_col_copy(st, 2, p->name, sizeof(p->name));
	sq_col_copy(st, 3, p->code, sizeof(p->code));
	p->content_type = sqlite3_column_int(st, 4);
	p->created_ms = sqlite3_column_int64(st, 5);
	if (with_script)
		p->script = sq_col_dup(st, 6);
}

/* 0, FG_EEXIST on a taken code, FG_ESTORE. */
static int
step_write(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : rc == SQLITE_CONSTRAINT ? FG_EEXIST :
	    FG_ESTORE;
}

int
sqo_pre_add(struct store *s, struct store_open_pre *p)
{
	sqlite3_stmt *st = sqo_prep(s, "INSERT INTO pre_scripts(user_id, "
	    "name, code, content_type, script, created_ms) "
	    "VALUES (?, ?, ?, ?, ?, ?)");
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	p->created_ms = clock_ms();
	sqlite3_bind_int64(st, 1, p->user_id);
	sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, p->content_type);
	sqlite3_bind_text(st, 5, p->script ? p->script : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, p->created_ms);
	if ((rc = step_write(st)) == 0)
		p->id = sqlite3_last_insert_rowid(SQ(s)->db);
	return rc;
}

int
sqo_pre_edit(struct store *s, const struct store_open_pre *p)
{
	sqlite3_stmt *st = sqo_prep(s, "UPDATE pre_scripts SET name = ?, "
	    "code = ?, content_type = ?, script = ? WHERE id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, p->content_type);
	sqlite3_bind_text(st, 4, p->script ? p->script : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, p->id);
	return step_write(st);
}

int
sqo_pre_delete(struct store *s, int64_t id)
{
	sqlite3_stmt *st = sqo_prep(s, "DELETE FROM pre_scripts WHERE id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return sqo_run(st);
}

static int
one(sqlite3_stmt *st, struct store_open_pre *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		read_pre(st, out, 1);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

int
sqo_pre_get(struct store *s, int64_t id, struct store_open_pre *out)
{
	sqlite3_stmt *st = sqo_prep(s, "SELECT " PRE_COLS " FROM pre_scripts "
	    "WHERE id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return one(st, out);
}

int
sqo_pre_by_code(struct store *s, int64_t user, const char *code,
    struct store_open_pre *out)
{
	sqlite3_stmt *st = sqo_prep(s, "SELECT " PRE_COLS " FROM pre_scripts "
	    "WHERE user_id = ? AND code = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	return one(st, out);
}

int
sqo_pre_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_open_pre_cb cb, void *arg)
{
	struct store_open_pre p;
	sqlite3_stmt *st;
	int rc;

	if ((rc = sqo_count1(s, "SELECT count(*) FROM pre_scripts WHERE "
	    "user_id = ?", user, total)) != 0)
		return rc;
	if ((st = sqo_prep(s, "SELECT " PRE_COLS " FROM pre_scripts WHERE "
	    "user_id = ? ORDER BY id LIMIT ? OFFSET ?")) == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_pre(st, &p, 0);
		if (cb(arg, &p) != 0)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : FG_ESTORE;
}
