/*
 * store_clawbot.h: a person's WeChat ClawBot (migration 16, issue 11 §2,
 * phones.md §2): the iLink bot feige holds for them after they scanned
 * its login QR, the state the activation rules need, and the messages
 * they sent the bot (the open API's clawBot/getMsg).
 *
 * One bot per person (user_id is the key): a second bind replaces the
 * first.  The bot token is a credential: it lives only here (the data
 * dir is 0600) and is never logged or shown.
 *
 * The activation window (phones.md §2.6): a message from the person
 * opens it (window_start_ms = then, window_end_ms = then + 24 h) and
 * resets used, the pushes sent in it; a push is allowed while now <
 * window_end_ms and used < 10.  paused_until_ms is the session-expiry
 * pause (iLink's -14): the person's poller makes no call before it.
 */
#ifndef FG_STORE_CLAWBOT_H
#define FG_STORE_CLAWBOT_H

#include <stdint.h>

#define STORE_CLAWBOT_TOKEN_MAX 512
#define STORE_CLAWBOT_ID_MAX 128
#define STORE_CLAWBOT_CURSOR_MAX 2048
#define STORE_CLAWBOT_TEXT_MAX 2000 /* bytes of one kept message */
#define STORE_CLAWBOT_BUDGET 10	    /* pushes per activation */
#define STORE_CLAWBOT_WINDOW_MS (24LL * 3600 * 1000) /* one activation */

struct store_clawbot {
	int64_t user_id;
	char bot_token[STORE_CLAWBOT_TOKEN_MAX + 1];
	char bot_id[STORE_CLAWBOT_ID_MAX + 1];
	char ilink_user_id[STORE_CLAWBOT_ID_MAX + 1];
	char baseurl[256]; /* the bot's own API base; "" = api_base */
	char context_token[STORE_CLAWBOT_TOKEN_MAX + 1]; /* newest, "" */
	int64_t window_start_ms; /* last message from the person, 0 */
	int64_t window_end_ms;	 /* 24 h after it, 0 = never opened */
	int64_t used;		 /* pushes sent in the window */
	int64_t paused_until_ms; /* session expired: no call before */
	char cursor[STORE_CLAWBOT_CURSOR_MAX + 1]; /* get_updates_buf */
	int64_t created_ms;
};

/* A message the person sent their bot: type 1 text, 3 voice (text). */
struct store_clawbot_msg {
	int64_t id;
	int type;
	char text[STORE_CLAWBOT_TEXT_MAX + 1];
	int64_t created_ms;
};

typedef int (*store_clawbot_cb)(void *, const struct store_clawbot *);
typedef int (*store_clawbot_msg_cb)(void *, const struct store_clawbot_msg *);

#endif
