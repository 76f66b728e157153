/*
 * blacklist.h: the blacklists of pushplus groups and friends (open API
 * V1.16, pushplus-today.md §2.6 and §2.11) as business operations.
 *
 * A group owner blacklists a subscriber: the membership ends and the
 * person cannot join the group again (its join page refuses them).  A
 * user blacklists a friend: the friendship ends both ways and neither
 * side can befriend the other again through a friend link while the
 * entry stands.  Removing an entry restores nothing; the person may
 * join or befriend again.  Nobody blacklists themselves.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL), inputs
 * borrowed; the adapter checks that the member, friendship or entry is
 * the caller's.
 */
#ifndef FG_OPS_BLACKLIST_H
#define FG_OPS_BLACKLIST_H

#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"

struct strbuf;

/*
 * Blacklist the member member_id of its group (a topicUser id); *id
 * gets the entry's id.  FG_EINVAL when the member is the group's owner.
 */
FG_MUST int	ops_block_member(struct store *, int64_t member_id,
		    int64_t *id, struct strbuf *err);

/*
 * owner blacklists friend user_id (a friend/list friendId), ending the
 * friendship both ways.  FG_ENOENT when user_id is not owner's friend,
 * FG_EINVAL for owner themselves.
 */
FG_MUST int	ops_block_friend(struct store *, int64_t owner, int64_t user_id,
		    int64_t *id, struct strbuf *err);

/* Remove entry id (restores nothing). */
FG_MUST int	ops_block_remove(struct store *, int64_t id,
		    struct strbuf *err);

/*
 * 0 when user may join topic (kind OPEN_BLOCK_TOPIC, scope the topic)
 * or befriend scope (OPEN_BLOCK_FRIEND: checked both ways); FG_EPERM,
 * err saying who blacklisted whom, when an entry forbids it.
 */
FG_MUST int	ops_block_check(struct store *, int kind, int64_t scope,
		    int64_t user, struct strbuf *err);

#endif
