/*
 * friend.h: pushplus friends as business operations: befriend (with
 * the add_friend callback), unfriend, and the owner's remark.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL), inputs
 * borrowed.  The adapter checks that the friendship is the caller's.
 */
#ifndef FG_OPS_FRIEND_H
#define FG_OPS_FRIEND_H

#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"

struct strbuf;

struct ops_friend_add {
	int64_t			 owner_id;	/* in: who sends to them */
	const struct store_user	*user;		/* in: the new friend */
	const char		*qr_code;	/* in: link's content|NULL */
	struct store_friend	 f;		/* out: the friendship */
	int			 queued;	/* out: a callback row */
};

/*
 * Make a->user a friend of a->owner_id (a friend token for the owner's
 * `to`) and, when the owner has a default callback URL, queue
 * add_friend to it (with top-level qrCode = a->qr_code unless NULL).
 * FG_EINVAL for the owner themselves, FG_EEXIST ("already friends")
 * for a friend already and FG_EPERM across a blacklist entry (either
 * way), all with nothing written.
 */
FG_MUST int	ops_friend_add(struct store *, struct ops_friend_add *a,
		    struct strbuf *err);

/* End the friendship id. */
FG_MUST int	ops_friend_delete(struct store *, int64_t id,
		    struct strbuf *err);

/* Set the owner's remark on the friendship id ("" clears it). */
FG_MUST int	ops_friend_remark(struct store *, int64_t id,
		    const char *remark, struct strbuf *err);

#endif
