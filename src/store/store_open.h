/*
 * store_open.h: what the pushplus open API keeps (store.h's backend
 * points at one struct store_open_ops; sqlite_open.c implements it).
 *
 * - open settings, one row per user: whether the open API is on, the
 *   secretKey's argon2id hash (never the secret), the IP allowlist as
 *   the user typed it, and the pushplus account settings the open API
 *   reads and changes (recevieLimit, isSend, openMessageType,
 *   extension).  A user without a row has the defaults: open API off,
 *   isSend on.  The default channel is a per-token config since
 *   migration 8 (struct store_udef); the row's old default_channel and
 *   default_webhook columns were copied there and are no longer read.
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
#define OPEN_WEBHOOK_MAX	128	/* a default config's option (code) */

struct store_open_settings {
	int64_t	user_id;
	int	enabled;
	char	secret_hash[128];	/* crypto_pwhash_STRBYTES; "" = none */
	char	ips[OPEN_IPS_MAX + 1];	/* "1.2.3.4,10.0.0.0/8"; "" = none */
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
	char	icon[OPEN_TEXT_MAX + 1];	/* an image URL */
	int	topic_type;		/* 0 normal, 2 public (1 points) */
	int64_t	price_cents;		/* points per month x 100 */
	char	describe[OPEN_TEXT_MAX + 1];	/* topicDescribe */
	int	is_open;		/* listed on a market: stored only */
	int64_t	members;		/* topic_get, topic_list */
	int64_t	joined_ms;		/* topic_list of joined groups */
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
	int	scan_max;		/* successful scans allowed; -1 any */
	int	scans;			/* successful scans so far */
};

/*
 * A blacklist entry: user_id may not join topic scope_id (kind
 * OPEN_BLOCK_TOPIC) or befriend owner scope_id (OPEN_BLOCK_FRIEND).
 */
enum { OPEN_BLOCK_TOPIC = 1, OPEN_BLOCK_FRIEND = 2 };
struct store_open_block {
	int64_t	id;
	int	kind;
	int64_t	scope_id;
	int64_t	user_id;
	char	uid[40];
	char	name[LIM_NAME_BYTES + 1];
	int64_t	created_ms;
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

/*
 * A per-token default channel config (setting/...UserDefault): what a
 * /send without `channel` through that token uses.  token_id 0 is the
 * user token; at most one config per token.  name is the token's
 * (read only: "用户token" for token_id 0).
 */
#define OPEN_PRE_CODE_MAX	OPEN_NAME_MAX
struct store_udef {
	int64_t	id;
	int64_t	user_id;
	int64_t	token_id;
	char	channel[32];
	char	option[OPEN_WEBHOOK_MAX + 1];
	char	pre[OPEN_PRE_CODE_MAX + 1];
	int64_t	updated_ms;
	char	name[OPEN_NAME_MAX + 1];
};

/* An uploaded image (userImage/...): <data>/images/<key>.<ext>. */
struct store_image {
	int64_t	id;
	int64_t	user_id;
	char	key[40];
	char	ext[8];			/* "png", "jpg", "gif", "webp" */
	char	mime[16];
	char	fname[OPEN_NAME_MAX * 2 + 1];	/* the uploader's file name */
	int64_t	size;
	char	hash[72];		/* hex SHA-256 of the bytes */
	int64_t	created_ms;
};

typedef int (*store_udef_cb)(void *, const struct store_udef *);
typedef int (*store_image_cb)(void *, const struct store_image *);
typedef int (*store_open_pre_cb)(void *, const struct store_open_pre *);

/*
 * An AccessKey as the store keeps it: only its hash (hex BLAKE2b-256,
 * never the key), which a page shows the start of as the key's name.
 */
struct store_open_key {
	int64_t id;
	int64_t user_id;
	char key_hash[65];
	int64_t expires_ms;
	int64_t created_ms;
};
typedef int (*store_open_key_cb)(void *, const struct store_open_key *);
typedef int (*store_group_cb)(void *, const struct store_group *);
typedef int (*store_open_person_cb)(void *,
    const struct store_open_person *);
typedef int (*store_open_block_cb)(void *,
    const struct store_open_block *);
typedef int (*store_msg_token_cb)(void *, const struct store_msg_token *);
typedef int (*store_open_msg_cb)(void *, const struct store_open_msg *);

#endif
