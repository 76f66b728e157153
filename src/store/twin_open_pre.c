/*
 * twin_open_pre.c: pre-processing scripts (pre_scripts), the store side
 * of the open API's pre/... calls and of /send's `pre` (store_open.h),
 * written once for both backends (twin.h).  A script's code is unique
 * per user; get and by_code return the script text on the heap, list
 * leaves it out.
 */
#include "util/errors.h"
#include "store/twin.h"
#include "store/twin_tables.h"
#include "util/ids.h"

#define PRE_COLS "id, user_id, name, code, content_type, created_ms, script"

static const struct sq_row pre_row = SQ_ROW(struct store_open_pre, id, user_id,
    name, code, content_type, created_ms);
static const struct sq_row pre_script_row = SQ_ROW(struct store_open_pre, id,
    user_id, name, code, content_type, created_ms, script);

static const struct twin_page pre_page = {
	"SELECT count(*) FROM pre_scripts WHERE user_id = ?",
	"SELECT " PRE_COLS
	" FROM pre_scripts WHERE user_id = ? ORDER BY id LIMIT ? "
	"OFFSET ?",
	&pre_row
};

/* 0, FG_EEXIST on a taken code, FG_ESTORE. */
int
twin_open_pre_add(struct store *s, struct store_open_pre *p)
{
	p->created_ms = clock_ms();
	return twin_insert(s,
	    "INSERT INTO pre_scripts(user_id, name, code, content_type, "
	    "script, created_ms) VALUES (?, ?, ?, ?, ?, ?)",
	    0, &p->id, "IttisI", p->user_id, p->name, p->code, p->content_type,
	    p->script, p->created_ms);
}

int
twin_open_pre_edit(struct store *s, const struct store_open_pre *p)
{
	return twin_run(s,
	    "UPDATE pre_scripts SET name = ?, code = ?, content_type = ?, "
	    "script = ? WHERE id = ?",
	    0, "ttisI", p->name, p->code, p->content_type, p->script, p->id);
}

int
twin_open_pre_delete(struct store *s, int64_t id)
{
	return twin_run(s, "DELETE FROM pre_scripts WHERE id = ?", TWIN_PLAIN,
	    "I", id);
}

int
twin_open_pre_get(struct store *s, int64_t id, struct store_open_pre *out)
{
	return twin_one(s, "SELECT " PRE_COLS " FROM pre_scripts WHERE id = ?",
	    0, &pre_script_row, out, "I", id);
}

int
twin_open_pre_by_code(struct store *s, int64_t user, const char *code,
    struct store_open_pre *out)
{
	return twin_one(s,
	    "SELECT " PRE_COLS
	    " FROM pre_scripts WHERE user_id = ? AND code = ?",
	    0, &pre_script_row, out, "It", user, code);
}

int
twin_open_pre_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_open_pre_cb cb, void *arg)
{
	return twin_page(s, &pre_page, user, offset, limit, total,
	    (sq_row_cb)cb, arg);
}
