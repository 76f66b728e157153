/*
 * device.h: a person's devices (issue 10 §3), the operations every
 * adapter calls: check what a client sent, add or refresh a device,
 * delete one of one's own.
 */
#ifndef FG_OPS_DEVICE_H
#define FG_OPS_DEVICE_H

#include <stdint.h>

#include "store/store.h"
#include "util/strbuf.h"

#define OPS_DEVICE_MAX 50 /* devices per person */

/* What a client sent; the members its type does not use are ignored. */
struct ops_device_in {
	const char *type;     /* webpush bark email unifiedpush */
	const char *endpoint; /* webpush, unifiedpush */
	const char *p256dh;   /* webpush, unifiedpush */
	const char *auth;     /* webpush, unifiedpush */
	const char *server;   /* bark; NULL: https://api.day.app */
	const char *key;      /* bark */
	const char *address;  /* email */
	int allow_private;    /* channel.allow_private */
	int mail_ok;	      /* an SMTP server is configured (mail.host) */
	/*
	 * The Web Push key check, webpush_keys_ok() of channel/ (a peer
	 * layer, so the adapter hands it over): 1 when p256dh is a
	 * P-256 point and auth 16 bytes, both base64url.
	 */
	int (*keys_ok)(const char *p256dh, const char *auth);
};

/*
 * Check in and fill the row d (all but user_id and the times).  0, or
 * FG_EINVAL with a Chinese reason (and the English one) in err.
 */
FG_MUST int ops_device_check(const struct ops_device_in *in,
    struct store_device *d, struct strbuf *err);
/*
 * The row binding a WeChat openid (of the operator's official account)
 * to user: only the signed scan event calls this, never a client.
 */
FG_MUST int ops_device_wechat(const char *openid, int64_t user,
    struct store_device *d, struct strbuf *err);
/*
 * Add d (checked) for d->user_id at now_ms, or refresh the device of
 * the same identity; d->id is set.  FG_ETOOBIG with err when the
 * person has OPS_DEVICE_MAX devices already.
 */
FG_MUST int ops_device_add(struct store *, struct store_device *d,
    int64_t now_ms, struct strbuf *err);
/*
 * Confirm the e-mail device whose link carried secret: from now on it
 * is pushed to; d is the device.  FG_ENOENT for an unknown secret.
 */
FG_MUST int ops_device_verify(struct store *, const char *secret,
    struct store_device *d, struct strbuf *err);
/*
 * A test push to device id of user, through the push outbox (a row of
 * kind STORE_PUSH_TEST the push sender sends like any push; the
 * caller kicks it after the commit).  FG_ENOENT when the device is not
 * theirs, FG_EINVAL with err for an e-mail device not confirmed yet.
 */
FG_MUST int ops_device_test_push(struct store *, int64_t user, int64_t id,
    int64_t now_ms, struct strbuf *err);
/* Delete device id of user; FG_ENOENT when it is not theirs. */
FG_MUST int ops_device_delete(struct store *, int64_t user, int64_t id,
    struct strbuf *err);
#endif
