/*
 * outbox.h: the callback rows that operations write (add_topic_user,
 * add_friend) in the caller's transaction.
 *
 * An operation that fires a callback does not POST it: it adds a row to
 * the store's outbox next to its own writes, so the callback exists if
 * and only if the change committed, and survives a crash.  The server's
 * callback sender (channel/callback.c) posts the rows; the caller kicks
 * it after the commit when an operation says it queued one.
 */
#ifndef FG_OPS_OUTBOX_H
#define FG_OPS_OUTBOX_H

#include <jansson.h>
#include <stdint.h>

#include "util/errors.h"

struct store;
struct strbuf;

/*
 * Queue body (compact JSON, keys in order) for url, due now.  Takes
 * body (NULL: FG_ENOMEM, as from a failed json_pack); err may be NULL.
 */
FG_MUST int	ops_outbox_add(struct store *, const char *url, json_t *body,
		    struct strbuf *err);

/*
 * The same for a callback of user's (the owner it goes to) that the
 * console lists by event (a group's add_topic_user, add_friend).
 */
FG_MUST int ops_outbox_add_for(struct store *, int64_t user, const char *event,
    const char *url, json_t *body, struct strbuf *err);

#endif
