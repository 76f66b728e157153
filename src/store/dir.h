/*
 * dir.h: the half of the store that holds who and what (the OpenSMTPD
 * table_backend): users and their tokens, pushplus groups, members,
 * friends and join links, WxPusher apps, topics, follows, QR codes and
 * products, channel configurations, open API settings, AccessKeys,
 * message tokens and pre-processing scripts.  These rows are edited by
 * their owners through the operations layer and read on every request.
 *
 * A backend fills one struct dir_ops; callers use the dir_*() wrappers
 * below, never the table.  Same rules as store.h: one thread per
 * connection, 0 or a negative enum fg_err, FG_ENOENT for no match.
 */
#ifndef FG_STORE_DIR_H
#define FG_STORE_DIR_H

#include <string.h>

#include "store/store.h"
#include "store/store_clawbot.h"
#include "store/store_device.h"
#include "store/store_session.h"

/*
 * The kinds of rows reached by id (get, del), each with the struct its
 * out argument is.  del takes the kinds marked so.
 */
enum dir_kind {
	DIR_USER,	/* struct store_user */
	DIR_GROUP,	/* struct store_group, with its member count;
				 * del: with its members, blacklist, links */
	DIR_MEMBER,	/* struct store_open_person; del */
	DIR_FRIEND,	/* struct store_open_person; del */
	DIR_MSG_TOKEN,	/* struct store_msg_token; del */
	DIR_PRE,	/* struct store_open_pre, script on the heap; del */
	DIR_CHAN,	/* struct store_chan */
	DIR_WX_APP,	/* struct store_wx_app */
	DIR_WX_TOPIC,	/* struct store_wx_topic */
	DIR_WX_FOLLOW,	/* struct store_wx_follow; del */
	DIR_WX_PRODUCT, /* struct store_wx_product */
	DIR_BLOCK,	/* struct store_open_block; del */
	DIR_UDEF,	/* struct store_udef; del */
	DIR_IMAGE,	/* struct store_image; del */
	DIR_DEVICE,	/* struct store_device; del */
	DIR_SESSION,	/* struct store_session; del */
};

/* The text keys of find, each with the struct its out argument is. */
enum dir_key {
	DIR_USER_BY_TOKEN,	/* struct store_user */
	DIR_USER_BY_UID,	/* struct store_user */
	DIR_USER_BY_SPT,	/* struct store_user, by its SPT_ token */
	DIR_WX_APP_BY_TOKEN,	/* struct store_wx_app, by its AT_ token */
	DIR_QRCODE_BY_CODE,	/* struct store_wx_qrcode, by its link's code */
	DIR_QRCODE_BY_SECRET,	/* struct store_wx_qrcode, by its secret */
	DIR_JOIN_BY_CODE,	/* struct store_open_join */
	DIR_IMAGE_BY_KEY,	/* struct store_image */
	DIR_SESSION_BY_HASH,	/* struct store_session, by its id hash */
	DIR_LOGIN_BY_HASH,	/* struct store_login, by its code hash */
	DIR_USER_BY_EMAIL,	/* struct store_user, by e-mail (any case) */
};

struct dir_ops {
	/*
	 * Rows by kind (enum dir_kind): the row with id into out, which is
	 * the kind's struct (see the enum); FG_ENOENT when there is none.
	 * del removes it (the kinds marked deletable).  find looks a row up
	 * by a text key (enum dir_key).  The typed dir_*_get() wrappers
	 * below are what callers use.
	 */
	int	(*get)(struct store *, enum dir_kind, int64_t id, void *out);
	int	(*del)(struct store *, enum dir_kind, int64_t id);
	int	(*find)(struct store *, enum dir_key, const char *key,
		    void *out);
	int	(*user_add)(struct store *, const char *name, int is_admin,
		    struct store_user *out, struct strbuf *err);
	/* by: token, uid */
	int	(*user_set_callback)(struct store *, int64_t id,
		    const char *url);
	int	(*user_list)(struct store *, store_user_cb, void *);
	/* A new random token; the old one stops working at once. */
	int	(*user_reset_token)(struct store *, int64_t id,
		    struct store_user *out);
	/* FG_ENOENT for no such user */
	int	(*user_set_disabled)(struct store *, int64_t id, int disabled);
	/* Per-user limits, -1 = the server setting; FG_ENOENT: no user */
	int	(*user_set_limits)(struct store *, int64_t id, int daily,
		    int rate);
	int	(*topic_find)(struct store *, int64_t owner, int64_t member,
		    const char *code, struct store_group *out);
	int	(*topic_join)(struct store *, int64_t topic, int64_t user,
		    int64_t *member_id, struct strbuf *err);
	/* Member user ids, appended to *ids (heap, caller frees). */
	int	(*topic_members)(struct store *, int64_t topic, int64_t **ids,
		    size_t *n);
	int	(*friend_add)(struct store *, int64_t owner, int64_t friend_uid,
		    struct store_friend *out, struct strbuf *err);
	int	(*friend_by_token)(struct store *, int64_t owner,
		    const char *token, struct store_friend *out);
	/*
	 * WxPusher (store_wx.h, sqlite_wx.c).  Apps: add creates the
	 * AT_ token and AK_ key; reset_token replaces the token at once;
	 * set changes one text field by name (callback_url, settings_url,
	 * follow_tip, description, contact, name).
	 */
	int	(*wx_app_add)(struct store *, int64_t owner, const char *name,
		    const char *callback_url, struct store_wx_app *out,
		    struct strbuf *err);
	int	(*wx_app_reset_token)(struct store *, int64_t id,
		    struct store_wx_app *out);
	int	(*wx_app_set)(struct store *, int64_t id, const char *field,
		    const char *value);
	int	(*wx_app_list)(struct store *, store_wx_app_cb, void *);
	int	(*wx_topic_add)(struct store *, int64_t app, const char *name,
		    struct store_wx_topic *out, struct strbuf *err);
	/* Follows: add fails with FG_EEXIST when the follow exists. */
	int	(*wx_follow_add)(struct store *, struct store_wx_follow *f);
	int	(*wx_follow_find)(struct store *, int64_t user, int64_t app,
		    int64_t topic, struct store_wx_follow *out);
	int	(*wx_follow_set_reject)(struct store *, int64_t id, int reject);
	int	(*wx_follow_set_pay)(struct store *, int64_t id,
		    int64_t pay_end_ms);
	/* Matching follows in id order; *total counts them all. */
	int	(*wx_follow_list)(struct store *,
		    const struct store_wx_follow_filter *, int64_t *total,
		    store_wx_follow_cb, void *);
	/*
	 * User ids of the non-blocked followers (heap, caller frees); for
	 * a topic, people whose app follow is blocked are left out too.
	 */
	int	(*wx_followers)(struct store *, int64_t app, int64_t topic,
		    int pay, int64_t now_ms, int64_t **ids, size_t *n);
	int	(*wx_uid_states)(struct store *, int64_t app, int64_t day,
		    struct store_wx_uid *uids, size_t n);
	/* Parametric QR codes. */
	int	(*wx_qrcode_add)(struct store *, struct store_wx_qrcode *q);
	int	(*wx_qrcode_scanned)(struct store *, int64_t id,
		    const char *uid);
	int	(*wx_qrcode_polled)(struct store *, int64_t id, int64_t now_ms);
	/* Message products and personal SPT tokens. */
	int	(*wx_product_add)(struct store *, struct store_wx_product *p);
	/* Edit a topic (name, description) or product (name, price). */
	int	(*wx_topic_put)(struct store *, const struct store_wx_topic *);
	int	(*wx_product_put)(struct store *,
		    const struct store_wx_product *);
	/* An app's topics and products, by id. */
	int	(*wx_topic_list)(struct store *, int64_t app, store_wx_topic_cb,
		    void *);
	int	(*wx_product_list)(struct store *, int64_t app,
		    store_wx_product_cb, void *);
	/* *yes = 1 when a product covers the app (topic 0) or topic. */
	int	(*wx_product_covers)(struct store *, int64_t app, int64_t topic,
		    int *yes);
	/* The user's SPT, created on first use (out: "SPT_…"). */
	int	(*wx_user_spt)(struct store *, int64_t user, char out[48]);
	/*
	 * Channel configurations (store_chan.h, sqlite_chan.c).  chan_add
	 * sets c->id and c->created_ms; FG_EEXIST when the owner already
	 * has that code for the kind.  chan_list: the owner's rows of a
	 * kind in id order.  msg_chan_set/get: the config (and cp's `to`)
	 * a message was accepted with, written inside its transaction.
	 * user_email_set/get: a user's e-mail address ("" = none).
	 */
	int	(*chan_add)(struct store *, struct store_chan *c,
		    struct strbuf *err);
	int	(*chan_by_code)(struct store *, int64_t owner, int kind,
		    const char *code, struct store_chan *out);
	int	(*chan_list)(struct store *, int64_t owner, int kind,
		    store_chan_cb, void *);
	/*
	 * chan_update: replace the fields of row c->id, which must belong
	 * to c->owner_id and be of kind c->kind (else FG_ENOENT; FG_EEXIST
	 * on a code clash).  chan_delete: remove the owner's row id.
	 * Messages accepted with a deleted config fail their next attempt.
	 */
	int	(*chan_update)(struct store *, const struct store_chan *c,
		    struct strbuf *err);
	int	(*chan_delete)(struct store *, int64_t owner, int64_t id);
	int	(*user_email_set)(struct store *, int64_t user,
		    const char *email);
	int	(*user_email_get)(struct store *, int64_t user,
		    char out[STORE_EMAIL_MAX + 1]);
	/*
	 * user_phone_set/get: a user's phone number, "+<E.164>" ("" =
	 * none), for the sms and voice channels.  phone_filter: keep in
	 * ids[0..*n), in order, the users that have one (one statement).
	 */
	int	(*user_phone_set)(struct store *, int64_t user,
		    const char *phone);
	int	(*user_phone_get)(struct store *, int64_t user,
		    char out[STORE_PHONE_MAX + 1]);
	int	(*phone_filter)(struct store *, int64_t *ids, size_t *n);
	/* The user's settings; defaults (and 0) when there is no row. */
	int	(*settings_get)(struct store *, int64_t user,
		    struct store_open_settings *out);
	int	(*settings_put)(struct store *,
		    const struct store_open_settings *);
	/*
	 * Keep in ids[0..*n), in order, sender and the users whose
	 * recevieLimit is not 1 (one statement however many ids).
	 */
	int	(*receiving_filter)(struct store *, int64_t sender,
		    int64_t *ids, size_t *n);
	/*
	 * Store key_hash (hex) valid until expires_ms; the user's older
	 * keys expire at overlap_ms at the latest; expired keys go.
	 */
	int	(*key_add)(struct store *, int64_t user, const char *key_hash,
		    int64_t now_ms, int64_t expires_ms, int64_t overlap_ms);
	/* The user of an unexpired key hash. */
	int	(*key_user)(struct store *, const char *key_hash,
		    int64_t now_ms, int64_t *user);
	/* Every key of the user, gone at once. */
	int	(*key_revoke)(struct store *, int64_t user);
	/* The user's keys alive at now_ms, oldest first. */
	int (*key_list)(struct store *, int64_t user, int64_t now_ms,
	    store_open_key_cb, void *);
	/* The user's key id, gone at once; FG_ENOENT when not theirs. */
	int (*key_delete)(struct store *, int64_t user, int64_t id);
	int	(*token_add)(struct store *, struct store_msg_token *t);
	int	(*token_edit)(struct store *, int64_t id, const char *name,
		    int64_t expire_ms);
	/* One page of the user's tokens (offset, limit); *total all. */
	int	(*token_list)(struct store *, int64_t user, int offset,
		    int limit, int64_t *total, store_msg_token_cb, void *);
	/* The user owning an unexpired message token. */
	int	(*token_user)(struct store *, const char *token,
		    int64_t now_ms, struct store_user *out);
	/*
	 * Groups: add fails with FG_EEXIST for a taken code.  list: the
	 * user's own groups (joined 0) or those joined (1).  Members and
	 * friends: one page each; member_find by (topic, user).
	 */
	/* err (may be NULL) names a taken code */
	int	(*topic_add)(struct store *, struct store_group *t,
		    struct strbuf *err);
	int	(*topic_list)(struct store *, int64_t user, int joined,
		    int offset, int limit, int64_t *total,
		    store_group_cb, void *);
	int	(*member_find)(struct store *, int64_t topic, int64_t user,
		    struct store_open_person *out);
	int	(*member_list)(struct store *, int64_t topic, int offset,
		    int limit, int64_t *total, store_open_person_cb, void *);
	int	(*friend_find)(struct store *, int64_t owner, int64_t user,
		    struct store_open_person *out);
	int	(*friend_list)(struct store *, int64_t owner, int offset,
		    int limit, int64_t *total, store_open_person_cb, void *);
	/* The owner's remark on a member (member 1) or friendship id. */
	int	(*remark)(struct store *, int member, int64_t id,
		    const char *remark);
	int	(*join_add)(struct store *, const struct store_open_join *);
	/*
	 * Open API V1.13-V1.16 (migration 7).  topic_put: replace the
	 * editable fields of group t->id (FG_EEXIST on a code clash,
	 * FG_ENOENT when it is gone).  join_scan: count one successful scan
	 * of a join link, FG_ENOENT when it has none left (or is unknown).
	 * Blacklists (store_open_block, kind OPEN_BLOCK_*): add fails with
	 * FG_EEXIST for a blacklisted person; find by (kind, scope, user);
	 * one page of a scope's list.
	 */
	int	(*topic_put)(struct store *, const struct store_group *t,
		    struct strbuf *err);
	int	(*join_scan)(struct store *, const char *code);
	int	(*block_add)(struct store *, struct store_open_block *b);
	int	(*block_find)(struct store *, int kind, int64_t scope,
		    int64_t user, struct store_open_block *out);
	int	(*block_list)(struct store *, int kind, int64_t scope,
		    int offset, int limit, int64_t *total, store_open_block_cb,
		    void *);
	/*
	 * Pre-processing scripts: add/edit fail with FG_EEXIST for a code
	 * the user has already; list leaves script NULL.
	 */
	int	(*pre_add)(struct store *, struct store_open_pre *p);
	int	(*pre_edit)(struct store *, const struct store_open_pre *p);
	int	(*pre_by_code)(struct store *, int64_t user, const char *code,
		    struct store_open_pre *out);
	int	(*pre_list)(struct store *, int64_t user, int offset,
		    int limit, int64_t *total, store_open_pre_cb, void *);
	/*
	 * Default channel configs: put inserts (id 0; FG_EEXIST when the
	 * token has one) or updates row id; for_token finds the config of
	 * the user's message token `token`, else its user token's (token
	 * NULL: the user token's); rename moves configs naming option
	 * `from` of channel to `to` (a renamed webhook code).
	 */
	int	(*udef_put)(struct store *, struct store_udef *d);
	int	(*udef_for_token)(struct store *, int64_t user,
		    const char *token, struct store_udef *out);
	int	(*udef_list)(struct store *, int64_t user, int offset,
		    int limit, int64_t *total, store_udef_cb, void *);
	int	(*udef_rename)(struct store *, int64_t user,
		    const char *channel, const char *from, const char *to);
	/*
	 * Uploaded images: list newest first; expired walks at most limit
	 * images created before before_ms, oldest first.
	 */
	int	(*image_add)(struct store *, struct store_image *im);
	int	(*image_list)(struct store *, int64_t user, int offset,
		    int limit, int64_t *total, store_image_cb, void *);
	int	(*image_expired)(struct store *, int64_t before_ms, int limit,
		    store_image_cb, void *);
	/*
	 * Devices (store_device.h): put is an upsert on the identity
	 * (user, type, endpoint, dkey) and sets d->id; find reads the row
	 * of d's identity; list: the user's devices in id order.
	 */
	int (*device_put)(struct store *, struct store_device *d);
	int (*device_find)(struct store *, const struct store_device *d,
	    struct store_device *out);
	int (*device_count)(struct store *, int64_t user, int64_t *n);
	/*
	 * The device whose confirmation secret (verify) is secret: its
	 * verify is cleared, it is active from now; FG_ENOENT if none.
	 */
	int (*device_verify)(struct store *, const char *secret,
	    struct store_device *out);
	int (*device_list)(struct store *, int64_t user, store_device_cb,
	    void *);
	/*
	 * A person's ClawBot (store_clawbot.h): put writes the whole row
	 * (an upsert on user_id); del removes it and its kept messages;
	 * list walks every bound bot.  msg_add keeps a message the person
	 * sent (the newest 20 are kept), msg_list walks them oldest first.
	 */
	int (*clawbot_put)(struct store *, const struct store_clawbot *);
	int (*clawbot_get)(struct store *, int64_t user,
	    struct store_clawbot *out);
	int (*clawbot_del)(struct store *, int64_t user);
	int (*clawbot_list)(struct store *, store_clawbot_cb, void *);
	int (*clawbot_msg_add)(struct store *, int64_t user,
	    const struct store_clawbot_msg *);
	int (*clawbot_msg_list)(struct store *, int64_t user,
	    store_clawbot_msg_cb, void *);
	/*
	 * A value kept in meta under key: value when there was none, else
	 * the one there (first writer wins), into out.
	 */
	int (*meta_keep)(struct store *, const char *key, const char *value,
	    char *out, size_t size);
	/*
	 * Sessions, sign-in links, passwords (store_session.h): add sets
	 * se->id; end_user ends every session of user but keep (0: all);
	 * list: newest use first; login_take reads and deletes the link
	 * (FG_ENOENT when gone); password_set of "" removes it.
	 */
	int (*session_add)(struct store *, struct store_session *se);
	int (*session_touch)(struct store *, int64_t id, int64_t now_ms);
	int (*session_end_user)(struct store *, int64_t user, int64_t keep);
	int (*session_list)(struct store *, int64_t user, store_session_cb,
	    void *);
	int (*login_add)(struct store *, const struct store_login *l);
	int (*login_take)(struct store *, const char *code_hash,
	    struct store_login *out);
	int (*password_set)(struct store *, int64_t user, const char *hash,
	    int64_t now_ms);
	int (*password_get)(struct store *, int64_t user, char *out,
	    size_t size);
};

static inline STORE_MUST int
dir_user_add(struct store *s, const char *name, int is_admin,
    struct store_user *out, struct strbuf *err)
{
	return s->be->dir->user_add(s, name, is_admin, out, err);
}

static inline STORE_MUST int
dir_user_get(struct store *s, const char *by, const char *key,
    struct store_user *out)
{
	return s->be->dir->find(s, strcmp(by, "uid") == 0 ?
	    DIR_USER_BY_UID : DIR_USER_BY_TOKEN, key, out);
}

static inline STORE_MUST int
dir_user_get_id(struct store *s, int64_t a1, struct store_user *a2)
{
	return s->be->dir->get(s, DIR_USER, a1, a2);
}

static inline STORE_MUST int
dir_user_reset_token(struct store *s, int64_t id, struct store_user *out)
{
	return s->be->dir->user_reset_token(s, id, out);
}

static inline STORE_MUST int
dir_user_set_disabled(struct store *s, int64_t id, int disabled)
{
	return s->be->dir->user_set_disabled(s, id, disabled);
}

static inline STORE_MUST int
dir_user_set_limits(struct store *s, int64_t id, int daily, int rate)
{
	return s->be->dir->user_set_limits(s, id, daily, rate);
}

static inline STORE_MUST int
dir_user_set_callback(struct store *s, int64_t id, const char *url)
{
	return s->be->dir->user_set_callback(s, id, url);
}

static inline STORE_MUST int
dir_user_list(struct store *s, store_user_cb a1, void *a2)
{
	return s->be->dir->user_list(s, a1, a2);
}

/*
 * The group with code: of owner (owner > 0), that member belongs to
 * (member > 0), or of anyone (both 0).  Codes are unique per owner, so
 * FG_EEXIST says several match (no member count in out).
 */
static inline STORE_MUST int
dir_topic_find(struct store *s, int64_t owner, int64_t member,
    const char *code, struct store_group *out)
{
	return s->be->dir->topic_find(s, owner, member, code, out);
}

static inline STORE_MUST int
dir_topic_join(struct store *s, int64_t topic, int64_t user,
    int64_t *member_id, struct strbuf *err)
{
	return s->be->dir->topic_join(s, topic, user, member_id, err);
}

static inline STORE_MUST int
dir_topic_members(struct store *s, int64_t topic, int64_t **ids, size_t *n)
{
	return s->be->dir->topic_members(s, topic, ids, n);
}

static inline STORE_MUST int
dir_friend_add(struct store *s, int64_t owner, int64_t friend_uid,
    struct store_friend *out, struct strbuf *err)
{
	return s->be->dir->friend_add(s, owner, friend_uid, out, err);
}

static inline STORE_MUST int
dir_friend_by_token(struct store *s, int64_t owner, const char *token,
    struct store_friend *out)
{
	return s->be->dir->friend_by_token(s, owner, token, out);
}

static inline STORE_MUST int
dir_wx_app_add(struct store *s, int64_t owner, const char *name,
    const char *callback_url, struct store_wx_app *out, struct strbuf *err)
{
	return s->be->dir->wx_app_add(s, owner, name, callback_url, out, err);
}

static inline STORE_MUST int
dir_wx_app_get(struct store *s, int64_t id, struct store_wx_app *out)
{
	return s->be->dir->get(s, DIR_WX_APP, id, out);
}

static inline STORE_MUST int
dir_wx_app_by_token(struct store *s, const char *token,
    struct store_wx_app *out)
{
	return s->be->dir->find(s, DIR_WX_APP_BY_TOKEN, token, out);
}

static inline STORE_MUST int
dir_wx_app_reset_token(struct store *s, int64_t id, struct store_wx_app *out)
{
	return s->be->dir->wx_app_reset_token(s, id, out);
}

static inline STORE_MUST int
dir_wx_app_set(struct store *s, int64_t id, const char *field,
    const char *value)
{
	return s->be->dir->wx_app_set(s, id, field, value);
}

static inline STORE_MUST int
dir_wx_app_list(struct store *s, store_wx_app_cb a1, void *a2)
{
	return s->be->dir->wx_app_list(s, a1, a2);
}

static inline STORE_MUST int
dir_wx_topic_add(struct store *s, int64_t app, const char *name,
    struct store_wx_topic *out, struct strbuf *err)
{
	return s->be->dir->wx_topic_add(s, app, name, out, err);
}

static inline STORE_MUST int
dir_wx_topic_get(struct store *s, int64_t id, struct store_wx_topic *out)
{
	return s->be->dir->get(s, DIR_WX_TOPIC, id, out);
}

static inline STORE_MUST int
dir_wx_follow_add(struct store *s, struct store_wx_follow *f)
{
	return s->be->dir->wx_follow_add(s, f);
}

static inline STORE_MUST int
dir_wx_follow_find(struct store *s, int64_t user, int64_t app, int64_t topic,
    struct store_wx_follow *out)
{
	return s->be->dir->wx_follow_find(s, user, app, topic, out);
}

static inline STORE_MUST int
dir_wx_follow_get(struct store *s, int64_t id, struct store_wx_follow *out)
{
	return s->be->dir->get(s, DIR_WX_FOLLOW, id, out);
}

static inline STORE_MUST int
dir_wx_follow_remove(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_WX_FOLLOW, id);
}

static inline STORE_MUST int
dir_wx_follow_set_reject(struct store *s, int64_t id, int reject)
{
	return s->be->dir->wx_follow_set_reject(s, id, reject);
}

static inline STORE_MUST int
dir_wx_follow_set_pay(struct store *s, int64_t id, int64_t pay_end_ms)
{
	return s->be->dir->wx_follow_set_pay(s, id, pay_end_ms);
}

static inline STORE_MUST int
dir_wx_follow_list(struct store *s, const struct store_wx_follow_filter *a1,
    int64_t *total, store_wx_follow_cb a3, void *a4)
{
	return s->be->dir->wx_follow_list(s, a1, total, a3, a4);
}

static inline STORE_MUST int
dir_wx_followers(struct store *s, int64_t app, int64_t topic, int pay,
    int64_t now_ms, int64_t **ids, size_t *n)
{
	return s->be->dir->wx_followers(s, app, topic, pay, now_ms, ids, n);
}

static inline STORE_MUST int
dir_wx_uid_states(struct store *s, int64_t app, int64_t day,
    struct store_wx_uid *uids, size_t n)
{
	return s->be->dir->wx_uid_states(s, app, day, uids, n);
}

static inline STORE_MUST int
dir_wx_qrcode_add(struct store *s, struct store_wx_qrcode *q)
{
	return s->be->dir->wx_qrcode_add(s, q);
}

static inline STORE_MUST int
dir_wx_qrcode_get(struct store *s, const char *code,
    struct store_wx_qrcode *out)
{
	return s->be->dir->find(s, DIR_QRCODE_BY_CODE, code, out);
}

/* The code whose developer secret is secret (scan-qrcode-uid). */
static inline STORE_MUST int
dir_wx_qrcode_by_secret(struct store *s, const char *secret,
    struct store_wx_qrcode *out)
{
	return s->be->dir->find(s, DIR_QRCODE_BY_SECRET, secret, out);
}

static inline STORE_MUST int
dir_wx_qrcode_scanned(struct store *s, int64_t id, const char *uid)
{
	return s->be->dir->wx_qrcode_scanned(s, id, uid);
}

static inline STORE_MUST int
dir_wx_qrcode_polled(struct store *s, int64_t id, int64_t now_ms)
{
	return s->be->dir->wx_qrcode_polled(s, id, now_ms);
}

static inline STORE_MUST int
dir_wx_product_add(struct store *s, struct store_wx_product *p)
{
	return s->be->dir->wx_product_add(s, p);
}

static inline STORE_MUST int
dir_wx_topic_put(struct store *s, const struct store_wx_topic *t)
{
	return s->be->dir->wx_topic_put(s, t);
}

/* With its follows and products (the DIR_WX_TOPIC row). */
static inline STORE_MUST int
dir_wx_topic_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_WX_TOPIC, id);
}

static inline STORE_MUST int
dir_wx_product_put(struct store *s, const struct store_wx_product *p)
{
	return s->be->dir->wx_product_put(s, p);
}

static inline STORE_MUST int
dir_wx_product_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_WX_PRODUCT, id);
}

static inline STORE_MUST int
dir_wx_topic_list(struct store *s, int64_t app, store_wx_topic_cb cb,
    void *arg)
{
	return s->be->dir->wx_topic_list(s, app, cb, arg);
}

static inline STORE_MUST int
dir_wx_product_list(struct store *s, int64_t app, store_wx_product_cb cb,
    void *arg)
{
	return s->be->dir->wx_product_list(s, app, cb, arg);
}

static inline STORE_MUST int
dir_wx_product_get(struct store *s, int64_t id, struct store_wx_product *out)
{
	return s->be->dir->get(s, DIR_WX_PRODUCT, id, out);
}

static inline STORE_MUST int
dir_wx_product_covers(struct store *s, int64_t app, int64_t topic, int *yes)
{
	return s->be->dir->wx_product_covers(s, app, topic, yes);
}

static inline STORE_MUST int
dir_wx_user_spt(struct store *s, int64_t user, char out[48])
{
	return s->be->dir->wx_user_spt(s, user, out);
}

static inline STORE_MUST int
dir_wx_user_by_spt(struct store *s, const char *spt, struct store_user *out)
{
	return s->be->dir->find(s, DIR_USER_BY_SPT, spt, out);
}

static inline STORE_MUST int
dir_chan_add(struct store *s, struct store_chan *c, struct strbuf *err)
{
	return s->be->dir->chan_add(s, c, err);
}

static inline STORE_MUST int
dir_chan_get(struct store *s, int64_t id, struct store_chan *out)
{
	return s->be->dir->get(s, DIR_CHAN, id, out);
}

static inline STORE_MUST int
dir_chan_by_code(struct store *s, int64_t owner, int kind, const char *code,
    struct store_chan *out)
{
	return s->be->dir->chan_by_code(s, owner, kind, code, out);
}

static inline STORE_MUST int
dir_chan_list(struct store *s, int64_t owner, int kind, store_chan_cb a3,
    void *a4)
{
	return s->be->dir->chan_list(s, owner, kind, a3, a4);
}

static inline STORE_MUST int
dir_chan_update(struct store *s, const struct store_chan *c,
    struct strbuf *err)
{
	return s->be->dir->chan_update(s, c, err);
}

static inline STORE_MUST int
dir_chan_delete(struct store *s, int64_t owner, int64_t id)
{
	return s->be->dir->chan_delete(s, owner, id);
}

static inline STORE_MUST int
dir_user_email_set(struct store *s, int64_t user, const char *email)
{
	return s->be->dir->user_email_set(s, user, email);
}

static inline STORE_MUST int
dir_user_email_get(struct store *s, int64_t user,
    char out[STORE_EMAIL_MAX + 1])
{
	return s->be->dir->user_email_get(s, user, out);
}

static inline STORE_MUST int
dir_user_phone_set(struct store *s, int64_t user, const char *phone)
{
	return s->be->dir->user_phone_set(s, user, phone);
}

static inline STORE_MUST int
dir_user_phone_get(struct store *s, int64_t user,
    char out[STORE_PHONE_MAX + 1])
{
	return s->be->dir->user_phone_get(s, user, out);
}

static inline STORE_MUST int
dir_phone_filter(struct store *s, int64_t *ids, size_t *n)
{
	return s->be->dir->phone_filter(s, ids, n);
}

static inline STORE_MUST int
dir_settings_get(struct store *s, int64_t user,
    struct store_open_settings *out)
{
	return s->be->dir->settings_get(s, user, out);
}

static inline STORE_MUST int
dir_settings_put(struct store *s, const struct store_open_settings *a1)
{
	return s->be->dir->settings_put(s, a1);
}

static inline STORE_MUST int
dir_receiving_filter(struct store *s, int64_t sender, int64_t *ids,
    size_t *n)
{
	return s->be->dir->receiving_filter(s, sender, ids, n);
}

static inline STORE_MUST int
dir_key_add(struct store *s, int64_t user, const char *key_hash,
    int64_t now_ms, int64_t expires_ms, int64_t overlap_ms)
{
	return s->be->dir->key_add(s, user, key_hash, now_ms, expires_ms,
	    overlap_ms);
}

static inline STORE_MUST int
dir_key_revoke(struct store *s, int64_t user)
{
	return s->be->dir->key_revoke(s, user);
}

static inline STORE_MUST int
dir_key_list(struct store *s, int64_t user, int64_t now_ms,
    store_open_key_cb cb, void *arg)
{
	return s->be->dir->key_list(s, user, now_ms, cb, arg);
}

static inline STORE_MUST int
dir_key_delete(struct store *s, int64_t user, int64_t id)
{
	return s->be->dir->key_delete(s, user, id);
}

static inline STORE_MUST int
dir_key_user(struct store *s, const char *key_hash, int64_t now_ms,
    int64_t *user)
{
	return s->be->dir->key_user(s, key_hash, now_ms, user);
}

static inline STORE_MUST int
dir_token_add(struct store *s, struct store_msg_token *t)
{
	return s->be->dir->token_add(s, t);
}

static inline STORE_MUST int
dir_token_get(struct store *s, int64_t id, struct store_msg_token *out)
{
	return s->be->dir->get(s, DIR_MSG_TOKEN, id, out);
}

static inline STORE_MUST int
dir_token_edit(struct store *s, int64_t id, const char *name,
    int64_t expire_ms)
{
	return s->be->dir->token_edit(s, id, name, expire_ms);
}

static inline STORE_MUST int
dir_token_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_MSG_TOKEN, id);
}

static inline STORE_MUST int
dir_token_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_msg_token_cb a5, void *a6)
{
	return s->be->dir->token_list(s, user, offset, limit, total, a5, a6);
}

static inline STORE_MUST int
dir_token_user(struct store *s, const char *token, int64_t now_ms,
    struct store_user *out)
{
	return s->be->dir->token_user(s, token, now_ms, out);
}

static inline STORE_MUST int
dir_topic_add(struct store *s, struct store_group *t, struct strbuf *err)
{
	return s->be->dir->topic_add(s, t, err);
}

static inline STORE_MUST int
dir_topic_get(struct store *s, int64_t id, struct store_group *out)
{
	return s->be->dir->get(s, DIR_GROUP, id, out);
}

static inline STORE_MUST int
dir_topic_list(struct store *s, int64_t user, int joined, int offset,
    int limit, int64_t *total, store_group_cb a6, void *a7)
{
	return s->be->dir->topic_list(s, user, joined, offset, limit, total, a6,
	    a7);
}

static inline STORE_MUST int
dir_member_find(struct store *s, int64_t topic, int64_t user,
    struct store_open_person *out)
{
	return s->be->dir->member_find(s, topic, user, out);
}

static inline STORE_MUST int
dir_member_get(struct store *s, int64_t id, struct store_open_person *out)
{
	return s->be->dir->get(s, DIR_MEMBER, id, out);
}

static inline STORE_MUST int
dir_member_list(struct store *s, int64_t topic, int offset, int limit,
    int64_t *total, store_open_person_cb a5, void *a6)
{
	return s->be->dir->member_list(s, topic, offset, limit, total, a5, a6);
}

static inline STORE_MUST int
dir_member_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_MEMBER, id);
}

static inline STORE_MUST int
dir_friend_get(struct store *s, int64_t id, struct store_open_person *out)
{
	return s->be->dir->get(s, DIR_FRIEND, id, out);
}

static inline STORE_MUST int
dir_friend_find(struct store *s, int64_t owner, int64_t user,
    struct store_open_person *out)
{
	return s->be->dir->friend_find(s, owner, user, out);
}

static inline STORE_MUST int
dir_friend_list(struct store *s, int64_t owner, int offset, int limit,
    int64_t *total, store_open_person_cb a5, void *a6)
{
	return s->be->dir->friend_list(s, owner, offset, limit, total, a5, a6);
}

static inline STORE_MUST int
dir_friend_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_FRIEND, id);
}

static inline STORE_MUST int
dir_friend_remark(struct store *s, int64_t id, const char *remark)
{
	return s->be->dir->remark(s, 0, id, remark);
}

static inline STORE_MUST int
dir_member_remark(struct store *s, int64_t id, const char *remark)
{
	return s->be->dir->remark(s, 1, id, remark);
}

static inline STORE_MUST int
dir_topic_put(struct store *s, const struct store_group *t,
    struct strbuf *err)
{
	return s->be->dir->topic_put(s, t, err);
}

static inline STORE_MUST int
dir_topic_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_GROUP, id);
}

static inline STORE_MUST int
dir_join_scan(struct store *s, const char *code)
{
	return s->be->dir->join_scan(s, code);
}

static inline STORE_MUST int
dir_block_add(struct store *s, struct store_open_block *b)
{
	return s->be->dir->block_add(s, b);
}

static inline STORE_MUST int
dir_block_get(struct store *s, int64_t id, struct store_open_block *out)
{
	return s->be->dir->get(s, DIR_BLOCK, id, out);
}

static inline STORE_MUST int
dir_block_find(struct store *s, int kind, int64_t scope, int64_t user,
    struct store_open_block *out)
{
	return s->be->dir->block_find(s, kind, scope, user, out);
}

static inline STORE_MUST int
dir_block_list(struct store *s, int kind, int64_t scope, int offset,
    int limit, int64_t *total, store_open_block_cb cb, void *arg)
{
	return s->be->dir->block_list(s, kind, scope, offset, limit, total, cb,
	    arg);
}

static inline STORE_MUST int
dir_block_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_BLOCK, id);
}

static inline STORE_MUST int
dir_join_add(struct store *s, const struct store_open_join *a1)
{
	return s->be->dir->join_add(s, a1);
}

static inline STORE_MUST int
dir_join_get(struct store *s, const char *code, struct store_open_join *out)
{
	return s->be->dir->find(s, DIR_JOIN_BY_CODE, code, out);
}

static inline STORE_MUST int
dir_pre_add(struct store *s, struct store_open_pre *p)
{
	return s->be->dir->pre_add(s, p);
}

static inline STORE_MUST int
dir_pre_edit(struct store *s, const struct store_open_pre *p)
{
	return s->be->dir->pre_edit(s, p);
}

static inline STORE_MUST int
dir_pre_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_PRE, id);
}

static inline STORE_MUST int
dir_pre_get(struct store *s, int64_t id, struct store_open_pre *out)
{
	return s->be->dir->get(s, DIR_PRE, id, out);
}

static inline STORE_MUST int
dir_pre_by_code(struct store *s, int64_t user, const char *code,
    struct store_open_pre *out)
{
	return s->be->dir->pre_by_code(s, user, code, out);
}

static inline STORE_MUST int
dir_pre_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_open_pre_cb a5, void *a6)
{
	return s->be->dir->pre_list(s, user, offset, limit, total, a5, a6);
}

static inline STORE_MUST int
dir_udef_get(struct store *s, int64_t id, struct store_udef *out)
{
	return s->be->dir->get(s, DIR_UDEF, id, out);
}

static inline STORE_MUST int
dir_udef_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_UDEF, id);
}

static inline STORE_MUST int
dir_udef_put(struct store *s, struct store_udef *d)
{
	return s->be->dir->udef_put(s, d);
}

static inline STORE_MUST int
dir_udef_for_token(struct store *s, int64_t user, const char *token,
    struct store_udef *out)
{
	return s->be->dir->udef_for_token(s, user, token, out);
}

static inline STORE_MUST int
dir_udef_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_udef_cb cb, void *arg)
{
	return s->be->dir->udef_list(s, user, offset, limit, total, cb, arg);
}

static inline STORE_MUST int
dir_udef_rename(struct store *s, int64_t user, const char *channel,
    const char *from, const char *to)
{
	return s->be->dir->udef_rename(s, user, channel, from, to);
}

static inline STORE_MUST int
dir_image_add(struct store *s, struct store_image *im)
{
	return s->be->dir->image_add(s, im);
}

static inline STORE_MUST int
dir_image_get(struct store *s, int64_t id, struct store_image *out)
{
	return s->be->dir->get(s, DIR_IMAGE, id, out);
}

static inline STORE_MUST int
dir_image_by_key(struct store *s, const char *key, struct store_image *out)
{
	return s->be->dir->find(s, DIR_IMAGE_BY_KEY, key, out);
}

static inline STORE_MUST int
dir_image_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_IMAGE, id);
}

static inline STORE_MUST int
dir_image_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_image_cb cb, void *arg)
{
	return s->be->dir->image_list(s, user, offset, limit, total, cb, arg);
}

static inline STORE_MUST int
dir_image_expired(struct store *s, int64_t before_ms, int limit,
    store_image_cb cb, void *arg)
{
	return s->be->dir->image_expired(s, before_ms, limit, cb, arg);
}

static inline STORE_MUST int
dir_device_put(struct store *s, struct store_device *d)
{
	return s->be->dir->device_put(s, d);
}

static inline STORE_MUST int
dir_device_find(struct store *s, const struct store_device *d,
    struct store_device *out)
{
	return s->be->dir->device_find(s, d, out);
}

static inline STORE_MUST int
dir_device_get(struct store *s, int64_t id, struct store_device *out)
{
	return s->be->dir->get(s, DIR_DEVICE, id, out);
}

static inline STORE_MUST int
dir_device_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_DEVICE, id);
}

static inline STORE_MUST int
dir_device_count(struct store *s, int64_t user, int64_t *n)
{
	return s->be->dir->device_count(s, user, n);
}

static inline STORE_MUST int
dir_device_verify(struct store *s, const char *secret,
    struct store_device *out)
{
	return s->be->dir->device_verify(s, secret, out);
}

static inline STORE_MUST int
dir_device_list(struct store *s, int64_t user, store_device_cb cb, void *arg)
{
	return s->be->dir->device_list(s, user, cb, arg);
}

static inline STORE_MUST int
dir_clawbot_put(struct store *s, const struct store_clawbot *b)
{
	return s->be->dir->clawbot_put(s, b);
}

static inline STORE_MUST int
dir_clawbot_get(struct store *s, int64_t user, struct store_clawbot *out)
{
	return s->be->dir->clawbot_get(s, user, out);
}

static inline STORE_MUST int
dir_clawbot_del(struct store *s, int64_t user)
{
	return s->be->dir->clawbot_del(s, user);
}

static inline STORE_MUST int
dir_clawbot_list(struct store *s, store_clawbot_cb cb, void *arg)
{
	return s->be->dir->clawbot_list(s, cb, arg);
}

static inline STORE_MUST int
dir_clawbot_msg_add(struct store *s, int64_t user,
    const struct store_clawbot_msg *m)
{
	return s->be->dir->clawbot_msg_add(s, user, m);
}

static inline STORE_MUST int
dir_clawbot_msg_list(struct store *s, int64_t user, store_clawbot_msg_cb cb,
    void *arg)
{
	return s->be->dir->clawbot_msg_list(s, user, cb, arg);
}

static inline STORE_MUST int
dir_meta_keep(struct store *s, const char *key, const char *value, char *out,
    size_t size)
{
	return s->be->dir->meta_keep(s, key, value, out, size);
}

static inline STORE_MUST int
dir_session_add(struct store *s, struct store_session *se)
{
	return s->be->dir->session_add(s, se);
}

static inline STORE_MUST int
dir_session_find(struct store *s, const char *id_hash,
    struct store_session *out)
{
	return s->be->dir->find(s, DIR_SESSION_BY_HASH, id_hash, out);
}

static inline STORE_MUST int
dir_session_get(struct store *s, int64_t id, struct store_session *out)
{
	return s->be->dir->get(s, DIR_SESSION, id, out);
}

static inline STORE_MUST int
dir_session_delete(struct store *s, int64_t id)
{
	return s->be->dir->del(s, DIR_SESSION, id);
}

static inline STORE_MUST int
dir_session_touch(struct store *s, int64_t id, int64_t now_ms)
{
	return s->be->dir->session_touch(s, id, now_ms);
}

static inline STORE_MUST int
dir_session_end_user(struct store *s, int64_t user, int64_t keep)
{
	return s->be->dir->session_end_user(s, user, keep);
}

static inline STORE_MUST int
dir_session_list(struct store *s, int64_t user, store_session_cb cb,
    void *arg)
{
	return s->be->dir->session_list(s, user, cb, arg);
}

static inline STORE_MUST int
dir_login_add(struct store *s, const struct store_login *l)
{
	return s->be->dir->login_add(s, l);
}

static inline STORE_MUST int
dir_login_find(struct store *s, const char *code_hash,
    struct store_login *out)
{
	return s->be->dir->find(s, DIR_LOGIN_BY_HASH, code_hash, out);
}

static inline STORE_MUST int
dir_login_take(struct store *s, const char *code_hash,
    struct store_login *out)
{
	return s->be->dir->login_take(s, code_hash, out);
}

static inline STORE_MUST int
dir_password_set(struct store *s, int64_t user, const char *hash,
    int64_t now_ms)
{
	return s->be->dir->password_set(s, user, hash, now_ms);
}

static inline STORE_MUST int
dir_password_get(struct store *s, int64_t user, char *out, size_t size)
{
	return s->be->dir->password_get(s, user, out, size);
}

static inline STORE_MUST int
dir_user_by_email(struct store *s, const char *email, struct store_user *out)
{
	return s->be->dir->find(s, DIR_USER_BY_EMAIL, email, out);
}

#endif
