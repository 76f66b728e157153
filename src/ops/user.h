/*
 * user.h: operations on a user's own credentials.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).
 */
#ifndef FG_OPS_USER_H
#define FG_OPS_USER_H

#include <stdint.h>

#include "util/errors.h"

struct store;
struct store_user;
struct strbuf;

/*
 * Give the user a new random token (out holds the user with it).  The
 * old token stops working for the APIs at once, and for /send within
 * the send cache's TTL (api/tokens.h); every AccessKey of the user is
 * revoked too, since a token is rotated when it leaked.
 */
FG_MUST int	ops_user_reset_token(struct store *, int64_t user,
		    struct store_user *out, struct strbuf *err);

/*
 * Disable (1) or enable (0) a user: a disabled user's token is refused
 * by /send (903) and the other token APIs, their message tokens too,
 * and the open API refuses their AccessKeys (401), all within the send
 * cache's TTL; disabling also revokes the AccessKeys.  Nothing is
 * deleted: enable gives the user back as they were.
 */
FG_MUST int	ops_user_set_disabled(struct store *, int64_t user,
		    int disabled, struct strbuf *err);

#endif
