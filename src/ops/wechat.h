/*
 * wechat.h: what an event from the operator's WeChat official account
 * does (issue 11 §1): bind a person by a scanned code, follow an app
 * through its follow page's code, unbind on unfollow, record a
 * template receipt, pass a "#appId text" command on to the app.  The
 * adapter (api/wechat) checks the signature and parses the XML into a
 * struct ops_wechat_event; everything here runs in the writer's
 * transaction, so one event is handled once and wholly or not at all.
 */
#ifndef FG_OPS_WECHAT_H
#define FG_OPS_WECHAT_H

#include <stdint.h>

#include "ops/follow.h"
#include "store/store.h"
#include "store/store_wechat.h"
#include "util/errors.h"
#include "util/strbuf.h"

#define OPS_WECHAT_CONTENT_MAX 2048 /* a text message kept (bytes) */
#define OPS_WECHAT_BIND_PREFIX "fg"  /* scene strings feige issued */

/* One pushed event or message; strings are "" when absent. */
struct ops_wechat_event {
	char to[64];	/* the account's gh_ id */
	char from[STORE_WECHAT_OPENID_MAX + 1];
	int64_t create_time;
	char msg_type[32];
	char event[48];
	char event_key[STORE_WECHAT_CODE_MAX + 16];
	char msg_id[32];	/* MsgId, or MsgID of a receipt */
	char status[64];	/* TEMPLATESENDJOBFINISH */
	char content[OPS_WECHAT_CONTENT_MAX + 1];
};

struct ops_wechat_in {
	const struct ops_wechat_event *ev;
	int64_t now_ms;
	int follower_limit; /* 0 = none */
};

struct ops_wechat_out {
	int dup;	 /* handled before: reply is that answer */
	int cb_added;	 /* a callback row was queued */
	int64_t user_id; /* the person bound or followed, 0 */
	char reply[STORE_WECHAT_REPLY_MAX]; /* passive text reply, "" */
	/* a follow (a follow page's code, "#appId"): its tip to publish */
	struct ops_follow_result follow;
};

/* Handle ev: 0, or an enum fg_err (the writer rolls it back). */
FG_MUST int ops_wechat_event(struct store *, const struct ops_wechat_in *,
    struct ops_wechat_out *, struct strbuf *err);

/*
 * A new one-time bind code for user (kind PERSON) or for following app
 * or topic target, valid ttl_s from now; c->code is set (fg + 32 hex
 * digits of a random 128-bit value).
 */
void ops_wechat_code_make(struct store_wechat_code *c, int kind,
    int64_t user, int64_t target, int64_t now_ms, int ttl_s);
FG_MUST int ops_wechat_code_add(struct store *,
    const struct store_wechat_code *c, struct strbuf *err);

/* The key an event is de-duplicated by (phones.md §1.5). */
void ops_wechat_event_key(const struct ops_wechat_event *ev, char *key,
    size_t size);

#endif
