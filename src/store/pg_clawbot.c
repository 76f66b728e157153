/*
 * pg_clawbot.c: a person's WeChat ClawBot rows (store_clawbot.h; SQLite
 * migration 16, PostgreSQL migration 4) in PostgreSQL, statement for
 * statement as sqlite_clawbot.c (INSERT OR REPLACE is an upsert on the
 * person).  The bot messages keep the newest PG_CLAWBOT_KEEP.
 */#include "util/errors.h"
#include "store/pg_row.h"

#define PG_CLAWBOT_KEEP 20

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
pg_clawbot_put(struct store *s, const struct store_clawbot *b)
{
	return pg_run(pg_prep(s,
			  "INSERT INTO clawbots(" CB_COLS ") VALUES (?, ?, "
			  "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) "
			  "DO UPDATE SET bot_token = excluded.bot_token, "
			  "bot_id = excluded.bot_id, ilink_user_id = "
			  "excluded.ilink_user_id, baseurl = excluded.baseurl, "
			  "context_token = excluded.context_token, "
			  "window_start_ms = excluded.window_start_ms, "
			  "window_end_ms = excluded.window_end_ms, used = "
			  "excluded.used, paused_until_ms = "
			  "excluded.paused_until_ms, cursor = excluded.cursor, "
			  "created_ms = excluded.created_ms"),
	    PG_FINAL, "IsssssIIIIsI", b->user_id, b->bot_token, b->bot_id,
	    b->ilink_user_id, b->baseurl, b->context_token, b->window_start_ms,
	    b->window_end_ms, b->used, b->paused_until_ms, b->cursor,
	    b->created_ms);
}

int
pg_clawbot_get(struct store *s, int64_t user, struct store_clawbot *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " CB_COLS
			  " FROM clawbots WHERE user_id = ?"),
	    PG_FINAL, &clawbot_row, out, "I", user);
}

/* The bot of user and the messages kept for it; FG_ENOENT for none. */
int
pg_clawbot_del(struct store *s, int64_t user)
{
	int rc;

	if ((rc = pg_run(pg_prep(s,
			     "DELETE FROM clawbot_msgs WHERE user_id = ?"),
		 PG_FINAL, "I", user)) != 0)
		return rc;
	return pg_run(pg_prep(s, "DELETE FROM clawbots WHERE user_id = ?"),
	    PG_FINAL | PG_CHANGES, "I", user);
}

int
pg_clawbot_list(struct store *s, store_clawbot_cb cb, void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT " CB_COLS
			   " FROM clawbots ORDER BY user_id"),
	    PG_FINAL, &clawbot_row, (sq_row_cb)cb, arg, "");
}

int
pg_clawbot_msg_add(struct store *s, int64_t user,
    const struct store_clawbot_msg *m)
{
	int rc;

	if ((rc = pg_run(pg_prep(s,
			     "INSERT INTO clawbot_msgs(user_id, type, text, "
			     "created_ms) VALUES (?, ?, ?, ?)"),
		 PG_FINAL, "IisI", user, m->type, m->text, m->created_ms)) !=
	    0)
		return rc;
	return pg_run(pg_prep(s,
			  "DELETE FROM clawbot_msgs WHERE user_id = ? AND id "
			  "NOT IN (SELECT id FROM clawbot_msgs WHERE user_id "
			  "= ? ORDER BY id DESC LIMIT ?)"),
	    PG_FINAL, "IIi", user, user, PG_CLAWBOT_KEEP);
}

/* The kept messages of user, oldest first. */
int
pg_clawbot_msg_list(struct store *s, int64_t user, store_clawbot_msg_cb cb,
    void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT id, type, text, created_ms FROM "
			   "clawbot_msgs WHERE user_id = ? ORDER BY id"),
	    PG_FINAL, &clawbot_msg_row, (sq_row_cb)cb, arg, "I", user);
}
