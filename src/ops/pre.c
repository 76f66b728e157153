/*
 * pre.c: pre-processing scripts (pre.h).  The store refuses a second
 * script with a user's code; this names the code in err, which the
 * store's call does not, so a caller can say which code is taken.
 */
#include "ops/pre.h"
#include "store/store.h"
#include "util/strbuf.h"

static int
fail(struct strbuf *err, int rc, const char *what,
    const struct store_open_pre *p)
{
	if (rc == 0 || err == NULL)
		return rc;
	if (rc == FG_EEXIST)
		strbuf_setf(err, "pre code '%s' is already taken", p->code);
	else
		strbuf_setf(err, "%s pre script '%s': %s", what, p->code,
		    fg_strerror(rc));
	return rc;
}

int
ops_pre_add(struct store *s, struct store_open_pre *p, struct strbuf *err)
{
	return fail(err, dir_pre_add(s, p), "add", p);
}

int
ops_pre_edit(struct store *s, const struct store_open_pre *p,
    struct strbuf *err)
{
	return fail(err, dir_pre_edit(s, p), "edit", p);
}

int
ops_pre_delete(struct store *s, int64_t id, struct strbuf *err)
{
	return fg_err(dir_pre_delete(s, id), err,
	    "delete pre script %lld", (long long)id);
}
