/*
 * twin_clawbot.c: a person's WeChat ClawBot and the messages they sent
 * it (store_clawbot.h; SQLite migration 16, PostgreSQL migration 4),
 * written once for both backends (twin.h).
 *
 * clawbot_put is the whole row, an upsert on the person (every column
 * is set, so the row is what SQLite's INSERT OR REPLACE used to make):
 * a bind writes it fresh, and every later change (a message from the
 * person, a push counted, a session pause, a new cursor) is read,
 * changed and written back by the operation inside the writer's
 * transaction, so there is one statement to keep right instead of one
 * per field.
 *
 * The kept messages are few by design (clawBot/getMsg answers the
 * newest 20): each add trims the person's older ones beyond
 * TWIN_CLAWBOT_KEEP in the same transaction.
 */
#include "util/errors.h"
#include "store/twin.h"
#include "store/twin_tables.h"

#define TWIN_CLAWBOT_KEEP 20

#define CB_COLS \
	"user_id, bot_token, bot_id, ilink_user_id, baseurl, " \
	"context_token, window_start_ms, window_end_ms, used, " \
	"paused_until_ms, cursor, created_ms"

static const struct sq_row clawbot_row = SQ_ROW(struct store_clawbot, user_id,
    bot_token, bot_id, ilink_user_id, baseurl, context_token, window_start_ms,
    window_end_ms, used, paused_until_ms, cursor, created_ms);

static const struct sq_row clawbot_msg_row = SQ_ROW(struct store_clawbot_msg,
    id, type, text, created_ms);

int
twin_clawbot_put(struct store *s, const struct store_clawbot *b)
{
	return twin_run(s,
	    "INSERT INTO clawbots(" CB_COLS
	    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
	    "(user_id) DO UPDATE SET bot_token = excluded.bot_token, "
	    "bot_id = excluded.bot_id, ilink_user_id = "
	    "excluded.ilink_user_id, baseurl = excluded.baseurl, "
	    "context_token = excluded.context_token, window_start_ms = "
	    "excluded.window_start_ms, window_end_ms = "
	    "excluded.window_end_ms, used = excluded.used, paused_until_ms "
	    "= excluded.paused_until_ms, cursor = excluded.cursor, "
	    "created_ms = excluded.created_ms",
	    0, "IsssssIIIIsI", b->user_id, b->bot_token, b->bot_id,
	    b->ilink_user_id, b->baseurl, b->context_token, b->window_start_ms,
	    b->window_end_ms, b->used, b->paused_until_ms, b->cursor,
	    b->created_ms);
}

int
twin_clawbot_get(struct store *s, int64_t user, struct store_clawbot *out)
{
	return twin_one(s,
	    "SELECT " CB_COLS " FROM clawbots WHERE user_id = ?", 0,
	    &clawbot_row, out, "I", user);
}

/* The bot of user and the messages kept for it; FG_ENOENT for none. */
int
twin_clawbot_del(struct store *s, int64_t user)
{
	int rc;

	if ((rc = twin_run(s, "DELETE FROM clawbot_msgs WHERE user_id = ?", 0,
		 "I", user)) != 0)
		return rc;
	return twin_run(s, "DELETE FROM clawbots WHERE user_id = ?",
	    TWIN_CHANGES, "I", user);
}

int
twin_clawbot_list(struct store *s, store_clawbot_cb cb, void *arg)
{
	return twin_each(s,
	    "SELECT " CB_COLS " FROM clawbots ORDER BY user_id", 0,
	    &clawbot_row, cb, arg, "");
}

int
twin_clawbot_msg_add(struct store *s, int64_t user,
    const struct store_clawbot_msg *m)
{
	int rc;

	if ((rc = twin_run(s,
		 "INSERT INTO clawbot_msgs(user_id, type, text, created_ms) "
		 "VALUES (?, ?, ?, ?)",
		 0, "IisI", user, m->type, m->text, m->created_ms)) != 0)
		return rc;
	return twin_run(s,
	    "DELETE FROM clawbot_msgs WHERE user_id = ? AND id NOT IN "
	    "(SELECT id FROM clawbot_msgs WHERE user_id = ? ORDER BY id "
	    "DESC LIMIT ?)",
	    0, "IIi", user, user, TWIN_CLAWBOT_KEEP);
}

/* The kept messages of user, oldest first. */
int
twin_clawbot_msg_list(struct store *s, int64_t user, store_clawbot_msg_cb cb,
    void *arg)
{
	return twin_each(s,
	    "SELECT id, type, text, created_ms FROM clawbot_msgs WHERE "
	    "user_id = ? ORDER BY id",
	    0, &clawbot_msg_row, cb, arg, "I", user);
}
