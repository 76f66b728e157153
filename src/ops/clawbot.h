/*
 * clawbot.h: a person's WeChat ClawBot (issue 11 §2), the operations
 * the poller and the adapters call inside the writer's transaction:
 * bind a confirmed bot, unbind, take what the person sent.
 */
#ifndef FG_OPS_CLAWBOT_H
#define FG_OPS_CLAWBOT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_clawbot.h"
#include "util/strbuf.h"

/* What iLink said when the person confirmed the bind (confirmed). */
struct ops_clawbot_bind_in {
	int64_t user_id;
	const char *bot_token;
	const char *bot_id;
	const char *ilink_user_id;
	const char *baseurl; /* "" = clawbot.api_base */
};

/*
 * Keep the bot for the person, replacing any earlier one, and its
 * device row (type clawbot: endpoint = iLink user id, dkey = bot id) so
 * their routes push to it.  FG_EINVAL with err for a missing id,
 * FG_ETOOBIG when they have OPS_DEVICE_MAX devices.
 */
FG_MUST int ops_clawbot_bind(struct store *,
    const struct ops_clawbot_bind_in *, int64_t now_ms, struct strbuf *err);
/* Remove the person's bot and its device row; FG_ENOENT when none. */
FG_MUST int ops_clawbot_unbind(struct store *, int64_t user,
    struct strbuf *err);

/* A message the person sent their bot (getupdates). */
struct ops_clawbot_in {
	const char *context_token; /* "" = keep the one we have */
	int type;		   /* 1 text, 3 voice, others */
	const char *text;
};

/*
 * One getupdates answer for bot_id of user: the new cursor, and the n
 * messages the person sent, each of which opens a new activation window
 * at now_ms (phones.md §2.6) and lifts a session pause.  *device is the
 * id of the bot's device when n > 0 (its waiting pushes are to be woken),
 * else 0.  0 and *device 0 when the bot has been unbound or replaced
 * since (nothing to do).
 */
FG_MUST int ops_clawbot_inbound(struct store *, int64_t user,
    const char *bot_id, const char *cursor, const struct ops_clawbot_in *in,
    size_t n, int64_t now_ms, int64_t *device);
/* iLink said the session expired (-14): no call before until_ms. */
FG_MUST int ops_clawbot_pause(struct store *, int64_t user, const char *bot_id,
    int64_t until_ms);

#endif
