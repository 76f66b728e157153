/*
 * sqlite_clawbot.c: a person's WeChat ClawBot and the messages they
 * sent it (store_clawbot.h, migration 16).
 *
 * clawbot_put is the whole row, an upsert on the person: a bind writes
 * it fresh, and every later change (a message from the person, a push
 * counted, a session pause, a new cursor) is read, changed and written
 * back by the operation inside the writer's transaction, so there is
 * one statement to keep right instead of one per field.
 *
 * The kept messages are few by design (clawBot/getMsg answers the
 * newest 20): each add trims the person's older ones beyond
 * SQ_CLAWBOT_KEEP in the same transaction.
 */
#include "util/errors.h"
#include "store/sqlite_int.h"
#include "store/sqlite_open_int.h"

#define SQ_CLAWBOT_KEEP 20

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
sq_clawbot_put(struct store *s, const struct store_clawbot *b)
{
	return sq_run(sq_prep(s,
			  "INSERT OR REPLACE INTO clawbots(" CB_COLS ") "
			  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
	    SQ_FINAL, "IsssssIIIIsI", b->user_id, b->bot_token, b->bot_id,
	    b->ilink_user_id, b->baseurl, b->context_token, b->window_start_ms,
	    b->window_end_ms, b->used, b->paused_until_ms, b->cursor,
	    b->created_ms);
}

int
sq_clawbot_get(struct store *s, int64_t user, struct store_clawbot *out)
{
	return sq_one(sq_prep(s,
			  "SELECT " CB_COLS
			  " FROM clawbots WHERE user_id = ?"),
	    SQ_FINAL, &clawbot_row, out, "I", user);
}

/* The bot of user and the messages kept for it; FG_ENOENT for none. */
int
sq_clawbot_del(struct store *s, int64_t user)
{
	int rc;

	if ((rc = sq_run(sq_prep(s,
			     "DELETE FROM clawbot_msgs WHERE user_id = ?"),
		 SQ_FINAL, "I", user)) != 0)
		return rc;
	return sq_run(sq_prep(s, "DELETE FROM clawbots WHERE user_id = ?"),
	    SQ_FINAL | SQ_CHANGES, "I", user);
}

int
sq_clawbot_list(struct store *s, store_clawbot_cb cb, void *arg)
{
	return sq_each(sq_prep(s,
			   "SELECT " CB_COLS
			   " FROM clawbots ORDER BY user_id"),
	    SQ_FINAL, &clawbot_row, (sq_row_cb)cb, arg, "");
}

int
sq_clawbot_msg_add(struct store *s, int64_t user,
    const struct store_clawbot_msg *m)
{
	int rc;

	if ((rc = sq_run(sq_prep(s,
			     "INSERT INTO clawbot_msgs(user_id, type, text, "
			     "created_ms) VALUES (?, ?, ?, ?)"),
		 SQ_FINAL, "IisI", user, m->type, m->text, m->created_ms)) !=
	    0)
		return rc;
	return sq_run(sq_prep(s,
			  "DELETE FROM clawbot_msgs WHERE user_id = ? AND id "
			  "NOT IN (SELECT id FROM clawbot_msgs WHERE user_id "
			  "= ? ORDER BY id DESC LIMIT ?)"),
	    SQ_FINAL, "IIi", user, user, SQ_CLAWBOT_KEEP);
}

/* The kept messages of user, oldest first. */
int
sq_clawbot_msg_list(struct store *s, int64_t user, store_clawbot_msg_cb cb,
    void *arg)
{
	return sq_each(sq_prep(s,
			   "SELECT id, type, text, created_ms FROM "
			   "clawbot_msgs WHERE user_id = ? ORDER BY id"),
	    SQ_FINAL, &clawbot_msg_row, (sq_row_cb)cb, arg, "I", user);
}
