/*
 * cmd_clawbot.c: a person's WeChat ClawBot from the CLI (docs/clawbot.md).
 *
 *   feige clawbot show UID     bound since, state (active: receiving,
 *                              inactive: reply to the bot, paused: the
 *                              iLink session expired), pushes left and
 *                              until when; never the bot token
 *   feige clawbot unbind UID   remove the bot and its device (a running
 *                              server's poller drops it within seconds)
 *
 * Binding needs the person's WeChat to scan a code, so it is done where
 * the person is: their page (/me/clawbot) or a client through the open
 * API (clawBot/getBotQrcode); the CLI is the operator's view.
 */
#include <stdio.h>

#include "channel/route_clawbot.h"
#include "cli/cmd.h"
#include "ops/clawbot.h"
#include "store/dir.h"
#include "util/errors.h"
#include "util/ids.h"

static json_t *
date_or_null(int64_t ms, char out[20])
{
	if (ms <= 0)
		return json_null();
	clock_format_cn(ms, out);
	return json_string(out);
}

int
cmd_clawbot_show(struct cli_args *a)
{
	struct store *s;
	struct store_user u;
	struct store_clawbot b;
	int64_t now = clock_ms();
	char since[20], until[20], paused[20];
	json_t *j;
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	if ((rc = cli_user_by_uid(s, a->pos[0], &u)) == 0 &&
	    (rc = dir_clawbot_get(s, u.id, &b)) != 0)
		cli_fail(rc == FG_ENOENT ?
			"user %s has no ClawBot bound" :
			"cannot read the ClawBot of %s (store error)",
		    a->pos[0]);
	store_close(s);
	if (rc != 0)
		return 1;
	j = json_pack("{s:s,s:s,s:o,s:s,s:i,s:o,s:o,s:b}", "uid", u.uid,
	    "botId", b.bot_id, "createTime", date_or_null(b.created_ms, since),
	    "status", route_clawbot_status(&b, now), "pushesLeft",
	    route_clawbot_left(&b, now), "windowEnd",
	    date_or_null(b.window_end_ms > now ? b.window_end_ms : 0, until),
	    "pausedUntil",
	    date_or_null(now < b.paused_until_ms ? b.paused_until_ms : 0,
		paused),
	    "haveContextToken", *b.context_token != '\0');
	return cli_out(a, j, "%s: ClawBot %s bound %s, %s, %d push(es) left\n",
	    u.uid, b.bot_id, since, route_clawbot_status(&b, now),
	    route_clawbot_left(&b, now));
}

int
cmd_clawbot_unbind(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_clawbot_unbind(t.s, u.id, &t.err);
	if (t.rc == FG_ENOENT) {
		cli_tx_end(&t, NULL);
		return cli_fail("user %s has no ClawBot bound", a->pos[0]);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a,
	    json_pack("{s:s,s:b}", "uid", a->pos[0], "unbound", 1),
	    "%s: ClawBot unbound\n", a->pos[0]);
}
