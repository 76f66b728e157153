/*
 * store_open.h: what the pushplus open API keeps (store.h's backend
 * points at one struct store_open_ops; sqlite_open.c implements it).
 *
 * - open settings, one row per user: whether the open API is on, the
 *   secretKey's argon2id hash (never the secret), the IP allowlist as
 *   the user typed it, and the pushplus account settings the open API
 *   reads and changes (default channel/webhook, recevieLimit, isSend,
 *   openMessageType, extension).  A user without a row has the
 *   defaults: open API off, isSend on, channel wechat.
 * - AccessKeys: only a hash of the key is stored (a stolen database
 *   holds no usable key); each has an expiry.  Issuing a key shortens
 *   the user's older keys to the overlap (key_add).
 * - message tokens: extra send credentials of a user, each with a name
 *   and an expiry; they work as `token` of /send, never for the open
 *   API itself.
 *
 * Same rules as store.h: one thread per struct store, 0 or a negative
 * enum fg_err, FG_ENOENT when nothing matches.
 */
#ifndef FG_STORE_OPEN_H
#define FG_STORE_OPEN_H

#include <stdint.h>

#include "core/limits.h"

struct store;
struct store_user;

#define OPEN_IPS_MAX		1024	/* bytes of the allowlist text */
#define OPEN_NAME_MAX		64
#define OPEN_TEXT_MAX		512	/* contact, introduction, remark */
#define OPEN_WEBHOOK_MAX	128	/* default webhook code */

struct store_open_settings {
	int64_t	user_id;
	int	enabled;
	char	secret_hash[128];	/* crypto_pwhash_STRBYTES; "" = none */
	char	ips[OPEN_IPS_MAX + 1];	/* "1.2.3.4,10.0.0.0/8"; "" = none */
	char	default_channel[32];
	char	default_webhook[OPEN_WEBHOOK_MAX + 1];
	int	recevie_limit;		/* 0 receive all, 1 none */
	int	is_send;		/* 0 sending off, 1 on */
	int	open_message_type;	/* 0 H5, 1 mini-program */
	int	extension;		/* 0/1 */
};

struct store_msg_token {
	int64_t	id;
	int64_t	user_id;
	char	name[OPEN_NAME_MAX + 1];
	char	token[40];
	int64_t	expire_ms;
	int64_t	created_ms;
};

/* One row of message/list: a message sent by the user. */
struct store_open_msg {
	char	short_code[40];
	char	title[256];		/* truncated for the list */
	char	topic_name[LIM_NAME_BYTES + 1];
	int	topic;			/* 1: sent to a topic */
	char	channel[32];
	int	status;
	int64_t	updated_ms;
};

/*
 * A pushplus group (topic): what /send reads (id, owner, code, name) and
 * the fields the open API shows and edits.
 */
struct store_group {
	int64_t	id;
	int64_t	owner_id;
	char	code[LIM_NAME_BYTES + 1];
	char	name[LIM_NAME_BYTES + 1];
	char	contact[OPEN_TEXT_MAX + 1];
	char	introduction[OPEN_TEXT_MAX + 1];
	char	receipt_message[OPEN_TEXT_MAX + 1];
	char	owner_name[LIM_NAME_BYTES + 1];
	int64_t	created_ms;
	int64_t	joined_ms;		/* topic_list of joined groups */
	int64_t	members;		/* topic_get only */
};

/* A group member or a friend, as the open API lists them. */
struct store_open_person {
	int64_t	id;			/* member id / friend id */
	int64_t	owner_id;		/* topic id / friend owner */
	int64_t	user_id;
	char	uid[40];
	char	name[LIM_NAME_BYTES + 1];
	char	token[40];		/* friends: the friend token */
	char	remark[OPEN_TEXT_MAX + 1];
	int64_t	created_ms;
	int	has_email;		/* the person has an e-mail address */
	int	has_phone;		/* and a phone number (havePhone) */
};

/* A join link (topic/qrCode, friend/getQrCode). */
enum { OPEN_JOIN_TOPIC = 1, OPEN_JOIN_FRIEND = 2 };
struct store_open_join {
	char	code[40];
	int	kind;
	int64_t	owner_id;
	int64_t	topic_id;
	int64_t	expires_ms;
	int64_t	created_ms;
	char	content[OPEN_TEXT_MAX + 1];	/* friend/getQrCode's */
};

/* A pre-processing script (the open API's pre/... calls). */
struct store_open_pre {
	int64_t	 id;
	int64_t	 user_id;
	char	 name[OPEN_NAME_MAX + 1];
	char	 code[OPEN_NAME_MAX + 1];
	int	 content_type;		/* 1 JavaScript */
	char	*script;		/* heap (pre_get/pre_by_code); free() */
	int64_t	 created_ms;
};

typedef int (*store_open_pre_cb)(void *, const struct store_open_pre *);
typedef int (*store_group_cb)(void *, const struct store_group *);
typedef int (*store_open_person_cb)(void *,
    const struct store_open_person *);
typedef int (*store_msg_token_cb)(void *, const struct store_msg_token *);
typedef int (*store_open_msg_cb)(void *, const struct store_open_msg *);

#endif
