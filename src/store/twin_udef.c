/*
 * twin_udef.c: per-token default channel configs (user_defaults,
 * store_open.h), the store side of the open API's setting/...UserDefault
 * calls and of /send's defaults; written once for both backends
 * (twin.h).
 *
 * (user_id, token_id) is unique, so "one config per token" is the
 * schema's rule and a second add is FG_EEXIST.  A message token's
 * config goes with the token (a trigger of migration 8).  The send
 * lookup is one statement: the config of the message token named, else
 * the user token's (token_id 0), which is what a user token finds.
 */
#include "util/errors.h"
#include "store/twin.h"
#include "store/twin_tables.h"
#include "util/ids.h"

#define UDEF_COLS \
	"d.id, d.user_id, d.token_id, d.channel, d.option, " \
	"d.pre, d.updated_ms, CASE WHEN d.token_id = 0 THEN '用户token' " \
	"ELSE coalesce(t.name, '') END"
#define UDEF_FROM \
	" FROM user_defaults d LEFT JOIN msg_tokens t ON " \
	"t.id = d.token_id AND d.token_id != 0 "

static const struct sq_row udef_row = SQ_ROW(struct store_udef, id, user_id,
    token_id, channel, option, pre, updated_ms, name);

static const struct twin_page udef_page = {
	"SELECT count(*) FROM user_defaults WHERE user_id = ?",
	"SELECT " UDEF_COLS UDEF_FROM "WHERE d.user_id = ? "
	"ORDER BY d.token_id, d.id LIMIT ? OFFSET ?",
	&udef_row
};

int
twin_udef_get(struct store *s, int64_t id, struct store_udef *out)
{
	return twin_one(s, "SELECT " UDEF_COLS UDEF_FROM "WHERE d.id = ?", 0,
	    &udef_row, out, "I", id);
}

int
twin_udef_delete(struct store *s, int64_t id)
{
	return twin_run(s, "DELETE FROM user_defaults WHERE id = ?",
	    TWIN_PLAIN, "I", id);
}

/* id 0: insert (FG_EEXIST: the token has one), else update that row. */
int
twin_udef_put(struct store *s, struct store_udef *d)
{
	d->updated_ms = clock_ms();
	if (d->id == 0)
		return twin_insert(s,
		    "INSERT INTO user_defaults(user_id, token_id, channel, "
		    "option, pre, updated_ms) VALUES (?, ?, ?, ?, ?, ?)",
		    0, &d->id, "IIsssI", d->user_id, d->token_id, d->channel,
		    d->option, d->pre, d->updated_ms);
	return twin_run(s,
	    "UPDATE user_defaults SET token_id = ?, channel = ?, option = ?, "
	    "pre = ?, updated_ms = ? WHERE id = ?",
	    TWIN_CHANGES, "IsssII", d->token_id, d->channel, d->option, d->pre,
	    d->updated_ms, d->id);
}

int
twin_udef_for_token(struct store *s, int64_t user, const char *token,
    struct store_udef *out)
{
	return twin_one(s,
	    "SELECT " UDEF_COLS UDEF_FROM
	    "WHERE d.user_id = ? AND (d.token_id = 0 OR d.token_id = "
	    "(SELECT id FROM msg_tokens WHERE token = ? AND user_id = ?)) "
	    "ORDER BY d.token_id DESC LIMIT 1",
	    0, &udef_row, out, "IsI", user, token ? token : "", user);
}

int
twin_udef_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_udef_cb cb, void *arg)
{
	return twin_page(s, &udef_page, user, offset, limit, total,
	    (sq_row_cb)cb, arg);
}

/* FG_ENOENT: no config named from. */
int
twin_udef_rename(struct store *s, int64_t user, const char *channel,
    const char *from, const char *to)
{
	return twin_run(s,
	    "UPDATE user_defaults SET option = ? WHERE user_id = ? AND "
	    "channel = ? AND option = ?",
	    TWIN_PLAIN | TWIN_CHANGES, "sIss", to, user, channel, from);
}
