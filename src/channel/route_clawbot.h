/*
 * route_clawbot.h: WeChat ClawBot as a route (route_clawbot.c): the
 * driver, and the activation rules of phones.md §2.6 on their own so
 * that the poller's page, the open API's botInfo and the tests read
 * the same ones.
 */
#ifndef FG_CHANNEL_ROUTE_CLAWBOT_H
#define FG_CHANNEL_ROUTE_CLAWBOT_H

#include "channel/route.h"
#include "store/store_clawbot.h"

#define CLAWBOT_BUDGET STORE_CLAWBOT_BUDGET
#define CLAWBOT_NOTE_AT 9 /* the push that tells the person to reply */

#define CLAWBOT_WAIT_REASON \
	"请回复机器人以继续接收 (reply to the bot to receive)"
#define CLAWBOT_NOTE \
	"还可接收1条：请回复机器人任意消息以继续接收 (1 push left: " \
	"reply anything to the bot to keep receiving)"

extern const struct route_driver route_clawbot;

#define CLAWBOT_PACE_MS 1000 /* between two pushes to one bot */

/*
 * One push at a time to a person's bot, CLAWBOT_PACE_MS apart (iLink
 * blocks a bot for an hour after a burst): take user's slot (0), or -1
 * while a push to them is out or the last one was too recent; release
 * when its verdict is recorded.  Any thread.
 */
int route_clawbot_pace_take(int64_t user);
void route_clawbot_pace_release(int64_t user);

/*
 * May b take a push at now?  0, or FG_EBUSY with the reason in why
 * (never activated, window over, budget used, session paused).
 */
int route_clawbot_sendable(const struct store_clawbot *b, int64_t now,
    struct strbuf *why);
/*
 * Where b stands at now, the word the page, botInfo and the CLI show:
 * "active" (pushes left), "paused" (iLink session expired) or
 * "inactive" (reply to the bot).
 */
const char *route_clawbot_status(const struct store_clawbot *b, int64_t now);
/* Pushes left in b's window at now (0 when it cannot take one). */
int route_clawbot_left(const struct store_clawbot *b, int64_t now);
/*
 * The text of push m as the nth of its window (1-based): the title,
 * the summary and the page URL, and CLAWBOT_NOTE on the 9th.
 */
int route_clawbot_text(struct strbuf *, const struct route_msg *m,
    int64_t nth);
/*
 * The window's bookkeeping after a verdict, inside the writer's
 * transaction (the driver's record(), and the clawbot channel's).
 */
int route_clawbot_count(struct store *, int64_t user,
    const struct route_verdict_out *v, int64_t now);

#endif
