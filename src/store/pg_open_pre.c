/*
 * pg_open_pre.c: pre-processing scripts (pre_scripts), the store
 * side of the open API's pre/... calls and of /send's `pre` (store_open.h).
 * A script's code is unique per user; get and by_code return the
 * script text on the heap, list leaves it out.
 */
#include "util/errors.h"
#include "store/pg_row.h"
#include "util/ids.h"

#define PRE_COLS "id, user_id, name, code, content_type, created_ms, script"

static const struct sq_row pre_row = SQ_ROW(struct store_open_pre, id, user_id,
    name, code, content_type, created_ms);
static const struct sq_row pre_script_row = SQ_ROW(struct store_open_pre, id,
    user_id, name, code, content_type, created_ms, script);

static const struct pg_page pre_page = {
	"SELECT count(*) FROM pre_scripts WHERE user_id = ?",
	"SELECT " PRE_COLS " FROM pre_scripts WHERE "
	"user_id = ? ORDER BY id LIMIT ? OFFSET ?",
	&pre_row
};

/* 0, FG_EEXIST on a taken code, FG_ESTORE. */
int
pgo_pre_add(struct store *s, struct store_open_pre *p)
{
	p->created_ms = clock_ms();
	return pg_write(pg_prep(s,
			    "INSERT INTO pre_scripts(user_id, "
			    "name, code, content_type, script, created_ms) "
			    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
	    PG_FINAL, &p->id, "IttisI", p->user_id, p->name, p->code,
	    p->content_type, p->script, p->created_ms);
}

int
pgo_pre_edit(struct store *s, const struct store_open_pre *p)
{
	return pg_run(pg_prep(s,
			  "UPDATE pre_scripts SET name = ?, "
			  "code = ?, content_type = ?, script = ? WHERE id = "
			  "?"),
	    PG_FINAL, "ttisI", p->name, p->code, p->content_type, p->script,
	    p->id);
}

int
pgo_pre_delete(struct store *s, int64_t id)
{
	return pg_run(pg_prep(s, "DELETE FROM pre_scripts WHERE id = ?"),
	    PGO_RUN, "I", id);
}

int
pgo_pre_get(struct store *s, int64_t id, struct store_open_pre *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " PRE_COLS " FROM pre_scripts "
			  "WHERE id = ?"),
	    PG_FINAL, &pre_script_row, out, "I", id);
}

int
pgo_pre_by_code(struct store *s, int64_t user, const char *code,
    struct store_open_pre *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " PRE_COLS " FROM pre_scripts "
			  "WHERE user_id = ? AND code = ?"),
	    PG_FINAL, &pre_script_row, out, "It", user, code);
}

int
pgo_pre_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_open_pre_cb cb, void *arg)
{
	return pg_page(s, &pre_page, user, offset, limit, total, (sq_row_cb)cb,
	    arg);
}
