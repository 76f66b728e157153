/*
 * pre.h: pre-processing scripts (the open API's pre/...) as business
 * operations.  A script belongs to a user and is named by a code that
 * is unique per user; /send's `pre` parameter runs it by that code.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).  The
 * adapter checks the script's shape (language, sizes) and owner.
 */
#ifndef FG_OPS_PRE_H
#define FG_OPS_PRE_H

#include <stdint.h>

#include "util/errors.h"

struct store;
struct store_open_pre;
struct strbuf;

/*
 * Store p (user_id, name, code, content_type, script; id filled).
 * FG_EEXIST, err naming the code, when the user has that code.
 */
FG_MUST int	ops_pre_add(struct store *, struct store_open_pre *p,
		    struct strbuf *err);
/* Replace the fields of script p->id; FG_EEXIST as for add. */
FG_MUST int	ops_pre_edit(struct store *, const struct store_open_pre *p,
		    struct strbuf *err);
/* Remove script id. */
FG_MUST int	ops_pre_delete(struct store *, int64_t id,
		    struct strbuf *err);

#endif
