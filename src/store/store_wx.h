/*
 * store_wx.h: the WxPusher part of the store model (design.md): apps
 * owned by a feige user, topics of an app, follows (a feige user
 * following an app, topic_id 0, or one of its topics), send records (one
 * per target of a send: a UID or a topic), parametric QR codes, message
 * products and the per-user daily receive counter.
 *
 * Every WxPusher person is a feige user: a follow points at users.id, and
 * the UID shown to apps is users.uid.  A send to a topic fans out at send
 * time to the topic's followers; each delivery row carries the id of the
 * record it belongs to (deliveries.record_id), so a record's status is
 * the state of its deliveries.
 *
 * The functions are members of struct store_backend (store.h) and follow
 * its rules: 0 or a negative enum fg_err, FG_ENOENT when nothing
 * matches, FG_EEXIST on a uniqueness conflict.
 */
#ifndef FG_STORE_WX_H
#define FG_STORE_WX_H

#include <stdint.h>

#include "core/limits.h"

#define WX_TOKEN_LEN	35	/* "AT_"/"AK_"/"SPT_" + 32 base62, + slack */
#define WX_TEXT_BYTES	512	/* description, contact, follow tip */
#define WX_EXTRA_BYTES	256	/* QR extra: 64 chars of UTF-8 */

struct store_wx_app {
	int64_t	id;			/* appId */
	int64_t	owner_id;		/* users.id of the developer */
	char	token[WX_TOKEN_LEN + 5];	/* "AT_…" */
	char	app_key[WX_TOKEN_LEN + 5];	/* "AK_…" */
	char	name[LIM_NAME_BYTES + 1];
	char	description[WX_TEXT_BYTES + 1];
	char	contact[WX_TEXT_BYTES + 1];
	char	callback_url[LIM_PP_URL_BYTES + 1];	/* "" = none */
	char	settings_url[LIM_PP_URL_BYTES + 1];
	char	follow_tip[WX_TEXT_BYTES + 1];
	int64_t	created_ms;
};

struct store_wx_topic {
	int64_t	id;			/* topicId */
	int64_t	app_id;
	char	name[LIM_NAME_BYTES + 1];
	char	description[WX_TEXT_BYTES + 1];
	int64_t	created_ms;
};

struct store_wx_follow {
	int64_t	id;
	int64_t	user_id;
	int64_t	app_id;
	int64_t	topic_id;		/* 0 = follows the app itself */
	int	reject;			/* blocked by the app */
	int64_t	pay_end_ms;		/* 0 = never paid */
	char	source[16];		/* scan, link, command */
	char	extra[WX_EXTRA_BYTES + 1];
	int64_t	created_ms;
	/* read with the follow, for listings */
	char	uid[40];
	char	target[LIM_NAME_BYTES + 1];	/* app or topic name */
};

/* Filter of wx_follow_list(); -1 / 0 = any. */
struct store_wx_follow_filter {
	int64_t	app_id;			/* 0 = any app */
	int64_t	user_id;		/* 0 = any user */
	int	reject;			/* -1 any, 0, 1 */
	int	type;			/* -1 any, 0 app, 1 topic */
	int64_t	offset;
	int	limit;
};

/* Send record statuses (the integer of the status query). */
enum store_wx_rec_status {
	WXR_PENDING = 1,		/* 等待发送 */
	WXR_SENT = 2,			/* 发送成功 */
	WXR_FAILED = 3			/* 发送失败 */
};

struct store_wx_record {
	int64_t	id;			/* sendRecordId (= messageId) */
	int64_t	message_id;		/* messageContentId */
	int64_t	app_id;
	int64_t	user_id;		/* uid target, else 0 */
	int64_t	topic_id;		/* topic target, else 0 */
	int	code;			/* 1000, or why it was not sent */
	char	text[160];		/* status text of the send reply */
	int64_t	created_ms;
	int	status;			/* enum store_wx_rec_status (derived) */
};

/* WxPusher columns of a message (messageContentId = messages.id). */
struct store_wx_msg {
	int64_t	id;
	int64_t	app_id;
	int	deleted;
	char	summary[400];
	char	url[1024 + 1];
	/* read with the message, for its page: who sent it */
	char	app_name[LIM_NAME_BYTES + 1];	/* "" = not a WxPusher send */
	char	topics[4 * (LIM_NAME_BYTES + 3) + 1];	/* "a、b", "" = none */
};

struct store_wx_qrcode {
	int64_t	id;
	char	code[48];
	int64_t	app_id;
	char	extra[WX_EXTRA_BYTES + 1];
	int64_t	expires_ms;
	char	last_uid[40];		/* "" before any scan */
	int64_t	last_poll_ms;
	int64_t	created_ms;
	/*
	 * What the developer polls scan-qrcode-uid with (the reply's
	 * "code"); never in the link or image URL, which use code.
	 */
	char	secret[48];
};

struct store_wx_product {
	int64_t	id;			/* prodId */
	int64_t	app_id;
	int64_t	topic_id;		/* 0 = the app's own follows */
	char	name[LIM_NAME_BYTES + 1];
	int	price_fen;		/* per 30 days, for order_pay amounts */
	int64_t	created_ms;
};

/*
 * One uid of a send, looked up with wx_uid_states(): uid is the input,
 * the rest is filled in (user_id 0: no such person; follow_id 0: does
 * not follow the app).
 */
struct store_wx_uid {
	const char	*uid;
	int64_t		 user_id;
	int64_t		 follow_id;
	int		 reject;
	int64_t		 pay_end_ms;
	int		 day_n;		/* messages counted on the day */
	int		 daily_limit;	/* the user's own, -1: the server's */
};

/*
 * One bounded step of the retention purge (wx_purge()).  The caller sets
 * the cut-offs and the limit; a cut-off of 0 skips that table.  The
 * counts say what the call deleted; all four together are at most limit,
 * and a call that deleted exactly limit rows may have left more.
 */
struct store_wx_purge {
	int64_t	records_before_ms;	/* wx_records created before this */
	int64_t	qrcodes_before_ms;	/* wx_qrcodes expired before this */
	int64_t	daily_before;		/* wx_daily rows of earlier days */
	int	limit;			/* most rows deleted by one call */
	/* out */
	int	records;
	int	deliveries;		/* tied to the purged records */
	int	qrcodes;
	int	daily;
};

typedef int (*store_wx_app_cb)(void *, const struct store_wx_app *);
typedef int (*store_wx_follow_cb)(void *, const struct store_wx_follow *);
typedef int (*store_wx_topic_cb)(void *, const struct store_wx_topic *);
typedef int (*store_wx_product_cb)(void *, const struct store_wx_product *);

/* Follower selection of wx_followers() (verifyPayType). */
enum store_wx_pay {
	WXPAY_ANY = 0,			/* every non-blocked follower */
	WXPAY_PAID = 1,			/* pay_end_ms > now */
	WXPAY_UNPAID = 2		/* never paid or expired */
};

#endif
