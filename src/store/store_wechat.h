/*
 * store_wechat.h: the rows of the operator's WeChat official account
 * (issue 11 §1, migration 15), a vtable of their own beside dir_ops so
 * that the account's few operations stay in one place:
 *
 *   wechat_codes      one-time bind codes, the scene string of a
 *                     parametric QR code: who (a person) or what (an
 *                     app or topic to follow) a scan binds, until when
 *   wechat_seen       the events already handled (MsgId, or sender and
 *                     CreateTime), with the reply given, so WeChat's
 *                     retries of one event are answered alike and
 *                     handled once; kept an hour
 *   wechat_followers  the openids following the account as feige saw
 *                     them: the follower limit counts these, refused
 *                     ones are kept for the operator to see
 *   wechat_receipts   TEMPLATESENDJOBFINISH receipts by msgid, which
 *                     also set the final status of the push WeChat
 *                     took as that msgid (pushes.upstream_id); kept a
 *                     day
 *
 * The binding itself is a device row (store_device.h, type "wechat",
 * endpoint = openid), found by its openid through device_by_endpoint.
 */
#ifndef FG_STORE_WECHAT_H
#define FG_STORE_WECHAT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store/store_device.h"

#define STORE_WECHAT_CODE_MAX	64	/* scene_str: 1..64 characters */
#define STORE_WECHAT_OPENID_MAX 64
#define STORE_WECHAT_REPLY_MAX	1024

enum store_wechat_kind {
	STORE_WECHAT_PERSON = 0, /* bind the openid to user_id */
	STORE_WECHAT_APP = 1,	 /* follow app target (and bind) */
	STORE_WECHAT_TOPIC = 2,	 /* follow topic target (and bind) */
};

struct store_wechat_code {
	char code[STORE_WECHAT_CODE_MAX + 1];
	int64_t user_id; /* PERSON; else 0 */
	int kind;	 /* enum store_wechat_kind */
	int64_t target;	 /* app or topic id */
	int64_t expires_ms;
	int64_t created_ms;
};

struct store_wechat_counts {
	int64_t following; /* followers taken */
	int64_t bound;	   /* of them bound to a person */
	int64_t refused;   /* refused by the follower limit */
	int64_t receipts;  /* receipts of the last day */
};

struct wechat_store_ops {
	int (*code_put)(struct store *, const struct store_wechat_code *);
	/* Take (delete and return) code when it has not expired at now. */
	int (*code_take)(struct store *, const char *code, int64_t now_ms,
	    struct store_wechat_code *out);
	/*
	 * Record key as handled at now (and forget keys older than an
	 * hour): 0, or FG_EEXIST with the reply stored for it in reply.
	 */
	int (*seen)(struct store *, const char *key, int64_t now_ms,
	    char *reply, size_t size);
	int (*seen_reply)(struct store *, const char *key, const char *reply);
	/* A follower: user 0 = not bound; refused 1 = over the limit. */
	int (*follower_put)(struct store *, const char *openid, int64_t user,
	    int refused, int64_t now_ms);
	/* 1 following (not refused), 0 not, or < 0. */
	int (*follower_is)(struct store *, const char *openid);
	int (*follower_del)(struct store *, const char *openid);
	int (*counts)(struct store *, struct store_wechat_counts *);
	int (*receipt_put)(struct store *, const char *msgid,
	    const char *openid, const char *status, int64_t now_ms);
	/* The Status of msgid's receipt into status: 0 or FG_ENOENT. */
	int (*receipt_get)(struct store *, const char *msgid, char *status,
	    size_t size);
	/*
	 * The push WeChat took as msgid (store_push.h, upstream_id) gets
	 * its final status and detail; no such push is not an error.
	 */
	int (*push_final)(struct store *, const char *msgid,
	    const char *status, const char *detail, int64_t now_ms);
	/* The device of type with that endpoint, whoever's it is. */
	int (*device_by_endpoint)(struct store *, const char *type,
	    const char *endpoint, struct store_device *out);
};

static inline STORE_MUST int
dir_wechat_code_put(struct store *s, const struct store_wechat_code *c)
{
	return s->be->wechat->code_put(s, c);
}

static inline STORE_MUST int
dir_wechat_code_take(struct store *s, const char *code, int64_t now_ms,
    struct store_wechat_code *out)
{
	return s->be->wechat->code_take(s, code, now_ms, out);
}

static inline STORE_MUST int
dir_wechat_seen(struct store *s, const char *key, int64_t now_ms, char *reply,
    size_t size)
{
	return s->be->wechat->seen(s, key, now_ms, reply, size);
}

static inline STORE_MUST int
dir_wechat_seen_reply(struct store *s, const char *key, const char *reply)
{
	return s->be->wechat->seen_reply(s, key, reply);
}

static inline STORE_MUST int
dir_wechat_follower_put(struct store *s, const char *openid, int64_t user,
    int refused, int64_t now_ms)
{
	return s->be->wechat->follower_put(s, openid, user, refused, now_ms);
}

static inline STORE_MUST int
dir_wechat_follower_is(struct store *s, const char *openid)
{
	return s->be->wechat->follower_is(s, openid);
}

static inline STORE_MUST int
dir_wechat_follower_del(struct store *s, const char *openid)
{
	return s->be->wechat->follower_del(s, openid);
}

static inline STORE_MUST int
dir_wechat_counts(struct store *s, struct store_wechat_counts *out)
{
	return s->be->wechat->counts(s, out);
}

static inline STORE_MUST int
dir_wechat_receipt_put(struct store *s, const char *msgid, const char *openid,
    const char *status, int64_t now_ms)
{
	return s->be->wechat->receipt_put(s, msgid, openid, status, now_ms);
}

static inline STORE_MUST int
dir_wechat_receipt_get(struct store *s, const char *msgid, char *status,
    size_t size)
{
	return s->be->wechat->receipt_get(s, msgid, status, size);
}

/*
 * What a receipt's Status means for the push (phones.md §1.6): "sent"
 * for success, else "failed", with the reason in detail.  The event
 * (ops/wechat.c) and the push sender's record of the send
 * (route_wechat.c) both apply it, whichever of the two comes last.
 */
static inline const char *
store_wechat_receipt_outcome(const char *st, char *detail, size_t size)
{
	int ok = strcmp(st, "success") == 0;

	snprintf(detail, size, "WeChat receipt %.40s: %s", st,
	    ok ? "delivered" :
	    strncmp(st, "failed:user block", 17) == 0 ?
		 "the person refuses messages from the account (用户拒收)" :
		 "WeChat could not deliver it (发送失败)");
	return ok ? "sent" : "failed";
}

static inline STORE_MUST int
dir_wechat_push_final(struct store *s, const char *msgid, const char *status,
    const char *detail, int64_t now_ms)
{
	return s->be->wechat->push_final(s, msgid, status, detail, now_ms);
}

static inline STORE_MUST int
dir_device_by_endpoint(struct store *s, const char *type,
    const char *endpoint, struct store_device *out)
{
	return s->be->wechat->device_by_endpoint(s, type, endpoint, out);
}

#endif
