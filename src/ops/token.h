/*
 * token.h: message tokens (extra send credentials of a user, the open
 * API's token/...) as business operations.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).  The
 * adapter checks that the token is the caller's, and after the commit
 * drops an edited or deleted token from its send cache.
 */
#ifndef FG_OPS_TOKEN_H
#define FG_OPS_TOKEN_H

#include <stdint.h>

#include "util/errors.h"

struct store;
struct store_msg_token;
struct strbuf;

/*
 * Issue t (user_id, name and expire_ms set): fills the random token,
 * created_ms and id.
 */
FG_MUST int	ops_token_add(struct store *, struct store_msg_token *t,
		    struct strbuf *err);
/* Rename token id and move its expiry. */
FG_MUST int	ops_token_edit(struct store *, int64_t id, const char *name,
		    int64_t expire_ms, struct strbuf *err);
/* Revoke token id. */
FG_MUST int	ops_token_delete(struct store *, int64_t id,
		    struct strbuf *err);

#endif
