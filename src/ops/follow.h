/*
 * follow.h: WxPusher follows, the business side shared by the server's
 * writer ops (api/wxpusher) and the admin CLI (cmd_follow.c): a follow
 * with everything it entails, its removal, the app's block, and paid
 * time on it.
 *
 * Every operation runs inside the caller's transaction (the writer
 * thread's group commit, or the CLI's own store_begin/store_commit) and
 * writes only through the store wrappers, so a crash never leaves a
 * follow without its tip or callback, or a callback without its follow.
 * Requests come in narrow structs (no HTTP request, no parameters);
 * each returns 0 or a negative enum fg_err with the detail in err.  The
 * adapters check the request's shape and answer in their envelopes; the
 * rules (who may do what to which follow) live here.
 */
#ifndef FG_OPS_FOLLOW_H
#define FG_OPS_FOLLOW_H

#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"

struct strbuf;

struct ops_follow_req {
	const struct store_wx_app	*app;
	int64_t				 topic;	/* 0 = the app itself */
	const struct store_user		*user;	/* NULL = a new person */
	const char			*source; /* link, scan, command */
	const char			*extra;	/* NULL = "" */
	int64_t				 qr_id;	/* parametric code, 0 = none */
};

/* What a follow did, for the caller's reply and live publish. */
struct ops_follow_result {
	struct store_user	 user;		/* the follower */
	int			 created;	/* user is a new person */
	struct store_wx_follow	 follow;
	int			 existed;	/* already following: no-op */
	int			 blocked;	/* rejected by the app */
	int			 cb_added;	/* an outbox row was written */
	int64_t			 tip_inbox_id;	/* 0 = no tip delivered */
	struct message		 tip;		/* points into tip_* below */
	char			 tip_title[LIM_NAME_BYTES + 1];
	char			 tip_text[WX_TEXT_BYTES + 256];
};

/*
 * Follow app (topic 0) or one of its topics: a new person first when
 * user is NULL ("wx follower"); the follow row; the app's follow tip (or
 * a default text) in the person's inbox; and, for an app follow with a
 * callback URL, the app_subscribe callback with source and extra.
 * Following again is a no-op (existed); a blocked follow stays blocked
 * (blocked) and gets no tip and no callback.  A block on the app covers
 * its topics: a topic follow of a person whose app follow is blocked is
 * refused the same way (blocked, and no row is written when there was
 * none).  Through a parametric code (qr_id), the person becomes the
 * code's last scanner, and app_subscribe fires again when the follow
 * existed, so the app learns the binding with the code's extra.
 */
FG_MUST int	ops_follow_apply(struct store *, const struct ops_follow_req *,
		    struct ops_follow_result *, struct strbuf *err);

/*
 * One follow, by id, as its app (app_id) or its person (user_id) sees
 * it: FG_ENOENT when it is not theirs (0 = no check).
 */
struct ops_follow_ref {
	int64_t	 id;
	int64_t	 app_id;
	int64_t	 user_id;
};

/*
 * Drop a follow.  A person cannot drop a follow the app has blocked
 * (FG_EINVAL): the block would go with it.
 */
FG_MUST int	ops_follow_remove(struct store *,
		    const struct ops_follow_ref *, struct strbuf *err);
/* The app blocks (reject 1) or unblocks (0) a follow. */
FG_MUST int	ops_follow_reject(struct store *,
		    const struct ops_follow_ref *, int reject,
		    struct strbuf *err);

/*
 * A person sends the app an uplink command ("#appId content"): the
 * send_up_cmd callback, refused (FG_EINVAL) when the app blocked them
 * and (FG_EPERM) when they follow neither the app nor one of its topics:
 * an app's callback hears only its followers, as upstream.
 */
struct ops_follow_upcmd {
	const struct store_wx_app	*app;
	const struct store_user		*user;
	const char			*content;
};

FG_MUST int	ops_follow_upcmd(struct store *,
		    const struct ops_follow_upcmd *, int *queued,
		    struct strbuf *err);
/* 1 when user follows app or one of its topics (not blocked), 0, or < 0. */
FG_MUST int	ops_follow_is_follower(struct store *, int64_t app,
		    int64_t user);

struct ops_follow_pay_req {
	const struct store_user	*user;
	int64_t			 prod_id;
	long			 days;		/* < 0: a refund */
	int64_t			 now_ms;
};

struct ops_follow_pay_result {
	int64_t	 end_ms;		/* the new end of paid time */
	int64_t	 add_ms;
	int	 amount_fen;
	char	 trade_no[40];
	int	 cb_added;
};

/*
 * Add days of paid time (from now when it had run out; days < 0
 * refunds, never below 0) on the person's follow of the product's app
 * or topic, and queue order_pay with the product's price per 30 days.
 * FG_ENOENT with the reason in err: no such product, or no follow.
 */
FG_MUST int	ops_follow_pay(struct store *,
		    const struct ops_follow_pay_req *,
		    struct ops_follow_pay_result *, struct strbuf *err);

#endif
