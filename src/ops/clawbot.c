/*
 * clawbot.c: a person's WeChat ClawBot (clawbot.h, issue 11 §2,
 * phones.md §2.3-2.6), every write of it, run in the writer's
 * transaction by whoever needs it: the ClawBot poller (a confirmed
 * bind, a getupdates answer, a session expiry) and the adapters
 * (unbind from the open API and the person's page).
 *
 * A bind is two rows: the bot (store_clawbot.h, its token never leaves
 * the store) and a device of type clawbot, added through
 * ops_device_add() with its per-person cap, so that the person's routes
 * push to the bot like to any other device.  Clients cannot add that
 * device themselves (ops_device_check() refuses the type): only a QR
 * confirmed by iLink makes one.  A new bind replaces the old bot and
 * its device; unbind removes both.
 *
 * Inbound messages: every message from the person opens a new window
 * (start now, end now + 24 h, pushes used 0), keeps its context token
 * when it carries one and lifts a session pause; the text is kept for
 * clawBot/getMsg.  The cursor is written with them, in the same
 * transaction, so a restart neither loses nor repeats a message.  An
 * answer for a bot that is no longer the person's (unbound or replaced
 * while the poll was out) changes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "ops/clawbot.h"
#include "ops/device.h"
#include "util/errors.h"

/* The identity of b's device row (endpoint = iLink user, dkey = bot). */
static void
bot_device(const struct store_clawbot *b, struct store_device *d)
{
	memset(d, 0, sizeof(*d));
	d->user_id = b->user_id;
	snprintf(d->type, sizeof(d->type), "clawbot");
	snprintf(d->endpoint, sizeof(d->endpoint), "%s", b->ilink_user_id);
	snprintf(d->dkey, sizeof(d->dkey), "%s", b->bot_id);
}

/* Delete the person's clawbot device row (the bot ids in b). */
static int
drop_device(struct store *s, const struct store_clawbot *b)
{
	struct store_device d, old;
	int rc;

	bot_device(b, &d);
	if ((rc = dir_device_find(s, &d, &old)) != 0)
		return rc == FG_ENOENT ? 0 : rc;
	return dir_device_delete(s, old.id);
}

int
ops_clawbot_bind(struct store *s, const struct ops_clawbot_bind_in *in,
    int64_t now_ms, struct strbuf *err)
{
	struct store_clawbot b, old;
	struct store_device d;
	int rc;

	if (*in->bot_token == '\0' || *in->bot_id == '\0' ||
	    *in->ilink_user_id == '\0') {
		strbuf_setf(err,
		    "ClawBot绑定失败：iLink未返回机器人信息 "
		    "(iLink confirmed without a bot token or ids)");
		return FG_EINVAL;
	}
	if ((rc = dir_clawbot_get(s, in->user_id, &old)) == 0)
		rc = drop_device(s, &old);
	if (rc != 0 && rc != FG_ENOENT)
		return fg_err(rc, err, "clawbot of user %lld",
		    (long long)in->user_id);
	memset(&b, 0, sizeof(b));
	b.user_id = in->user_id;
	snprintf(b.bot_token, sizeof(b.bot_token), "%s", in->bot_token);
	snprintf(b.bot_id, sizeof(b.bot_id), "%s", in->bot_id);
	snprintf(b.ilink_user_id, sizeof(b.ilink_user_id), "%s",
	    in->ilink_user_id);
	snprintf(b.baseurl, sizeof(b.baseurl), "%s", in->baseurl);
	b.created_ms = now_ms;
	if ((rc = dir_clawbot_put(s, &b)) != 0)
		return fg_err(rc, err, "clawbot of user %lld",
		    (long long)in->user_id);
	bot_device(&b, &d);
	return ops_device_add(s, &d, now_ms, err);
}

int
ops_clawbot_unbind(struct store *s, int64_t user, struct strbuf *err)
{
	struct store_clawbot b;
	int rc;

	if ((rc = dir_clawbot_get(s, user, &b)) == 0 &&
	    (rc = drop_device(s, &b)) == 0)
		rc = dir_clawbot_del(s, user);
	return fg_err(rc, err, "clawbot of user %lld", (long long)user);
}

/* The person's bot when it is still bot_id: 0, else FG_ENOENT. */
static int
current(struct store *s, int64_t user, const char *bot_id,
    struct store_clawbot *b)
{
	int rc = dir_clawbot_get(s, user, b);

	if (rc == 0 && strcmp(b->bot_id, bot_id) != 0)
		rc = FG_ENOENT;
	return rc;
}

int
ops_clawbot_inbound(struct store *s, int64_t user, const char *bot_id,
    const char *cursor, const struct ops_clawbot_in *in, size_t n,
    int64_t now_ms, int64_t *device)
{
	struct store_clawbot b;
	struct store_clawbot_msg m;
	struct store_device d;
	size_t i;
	int rc;

	*device = 0;
	if ((rc = current(s, user, bot_id, &b)) != 0)
		return rc == FG_ENOENT ? 0 : rc;
	snprintf(b.cursor, sizeof(b.cursor), "%s", cursor);
	for (i = 0; i < n; i++) {
		if (*in[i].context_token)
			snprintf(b.context_token, sizeof(b.context_token),
			    "%s", in[i].context_token);
		b.window_start_ms = now_ms;
		b.window_end_ms = now_ms + STORE_CLAWBOT_WINDOW_MS;
		b.used = 0;
		b.paused_until_ms = 0;
		memset(&m, 0, sizeof(m));
		m.type = in[i].type;
		snprintf(m.text, sizeof(m.text), "%s", in[i].text);
		m.created_ms = now_ms;
		if ((rc = dir_clawbot_msg_add(s, user, &m)) != 0)
			return rc;
	}
	bot_device(&b, &d);
	if (n > 0 && (rc = dir_device_find(s, &d, &d)) == 0)
		*device = d.id;
	if (rc != 0 && rc != FG_ENOENT)
		return rc;
	return dir_clawbot_put(s, &b);
}

int
ops_clawbot_pause(struct store *s, int64_t user, const char *bot_id,
    int64_t until_ms)
{
	struct store_clawbot b;
	int rc;

	if ((rc = current(s, user, bot_id, &b)) != 0)
		return rc == FG_ENOENT ? 0 : rc;
	b.paused_until_ms = until_ms;
	return dir_clawbot_put(s, &b);
}
