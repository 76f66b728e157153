/*
 * wx.h: WxPusher writes shared by the server and the admin CLI: a
 * follow with everything it entails, and the bodies of the three
 * WxPusher callbacks (compat.md §5), queued in the outbox in the same
 * transaction as the change they report.
 *
 * Every function here runs inside the caller's transaction (the writer
 * thread's group commit, or the CLI's own BEGIN/COMMIT) and only writes
 * through the store vtable, so a crash never leaves a follow without its
 * callback or a callback without its follow.
 */
#ifndef FG_QUEUE_WX_H
#define FG_QUEUE_WX_H

#include <stdint.h>

#include "store/store.h"

struct strbuf;

/* What a follow did, for the caller's reply and live publish. */
struct wx_follow_result {
	struct store_wx_follow	 follow;
	int			 existed;	/* already following: no-op */
	int			 blocked;	/* rejected by the app */
	int			 cb_added;	/* an outbox row was written */
	int64_t			 tip_inbox_id;	/* 0 = no tip delivered */
	struct message	 tip;		/* points into tip_* below */
	char			 tip_title[LIM_NAME_BYTES + 1];
	char			 tip_text[WX_TEXT_BYTES + 256];
};

/*
 * Follow app (topic 0) or one of its topics as user u: the follow row;
 * the app's follow tip (or a default text) in the user's inbox; and, for
 * an app follow with a callback URL, the app_subscribe callback with
 * source and extra.  Following again is a no-op (existed); a blocked
 * follow stays blocked (blocked) and gets no tip and no callback.  A
 * block on the app covers its topics: a topic follow of a person whose
 * app follow is blocked is refused the same way (blocked, and no row is
 * written when there was none).
 */
int	wx_follow_apply(struct store *, const struct store_wx_app *,
	    int64_t topic, const struct store_user *u, const char *source,
	    const char *extra, struct wx_follow_result *out,
	    struct strbuf *err);

/* Queue {"action":"app_subscribe",...} (no-op without a callback URL). */
int	wx_callback_subscribe(struct store *, const struct store_wx_app *,
	    const char *uid, const char *source, const char *extra,
	    int *added);

/* Queue {"action":"send_up_cmd",...} to the app's callback URL. */
int	wx_callback_upcmd(struct store *, const struct store_wx_app *,
	    const char *uid, const char *content, int *added);

/* Queue {"action":"order_pay",...} (type 1 pay, 2 refund). */
int	wx_callback_order_pay(struct store *, const struct store_wx_app *,
	    const char *uid, int64_t prod_id, int64_t add_ms, int amount_fen,
	    const char *trade_no, int *added);

/* The day number (UTC+8) of a time, for the daily receive limit. */
int64_t	wx_day(int64_t ms);

#endif
