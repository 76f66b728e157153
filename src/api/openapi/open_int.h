/*
 * open_int.h: what the files of the pushplus open API share
 * (compat.md §4, seed pushplus-open-api.md).
 *
 *   open.c          routing of /api/open/..., AccessKey authentication,
 *                   the request
 *   open_arg.c      arguments and their common checks, list paging
 *   open_reply.c    envelopes: success, errors, pages, parked ops' replies
 *   open_key.c      getAccessKey
 *   open_util.c     pure helpers: dates, pages, JSON dates
 *   open_msg.c      message/... and user/...
 *   open_token.c    token/... (message tokens)
 *   open_setting.c  setting/... (the account switches)
 *   open_udef.c     setting/...UserDefault (per-token default channel)
 *   open_bot.c      clawBot/... and qqBot/... (not available here)
 *   open_image.c    userImage/..., the upload URL and /img/<key>
 *   open_topic.c    topic/...
 *   open_topic_user.c  topicUser/... (a group's members)
 *   open_friend.c   friend/...
 *   open_block.c    the blacklists of topicUser/... and friend/...
 *   open_join.c     the join pages and QR codes of topic/friend links
 *   open_pre.c      pre/... and the `pre` parameter of /send
 *   open_chan.c     webhook/..., mp/list, cp/list, mail/... (channel
 *                   configurations)
 *
 * A handler gets a struct open_req: the authenticated user, the query
 * parameters and the JSON body, all borrowed for the handler's call.  A
 * handler that writes checks the input's shape and who may do it, then
 * copies what it needs into a struct api_op (api/commit.h), whose
 * apply() runs in the writer's group commit and calls the operation
 * (src/ops/: the same calls the CLI makes), and whose reply() answers
 * after the commit (the request is parked meanwhile).
 */
#ifndef FG_API_OPEN_INT_H
#define FG_API_OPEN_INT_H

#include <jansson.h>
#include <stdint.h>

#include "api/commit.h"
#include "store/store.h"
#include "util/params.h"

struct http_req;
struct api_ctx;
struct strbuf;

#define OPEN_OK_MSG	"请求成功"
#define OPEN_DONE_MSG	"执行成功"	/* the † endpoints of compat.md §4 */
#define OPEN_USER_DISABLED	"请求未授权: 用户已停用 (the user is disabled)"

#define OPEN_PAGE_DEFAULT	20
#define OPEN_PAGE_MAX		50

struct open_req {
	struct http_req			*http;
	struct api_ctx			*app;
	struct store			*db;	/* this thread's reader */
	struct store_user		 user;
	struct params			 q;	/* query parameters */
	json_t				*body;	/* JSON object or NULL */
	const char			*route;	/* "setting/changeIsSend" */
};

/* ---- pure helpers (open_util.c) ---- */


/* "yyyy-MM-dd" or "yyyy-MM-dd HH:mm:ss" in UTC+8 -> epoch ms; 0 or -1. */
int	open_date_parse(const char *s, int64_t *ms);
/* 1 when u is an http(s) URL with a host and no blank or control byte. */
int open_url_ok(const char *u);
/* Midnight (UTC+8) of the day of now_ms, as epoch ms. */
int64_t	open_day_start(int64_t now_ms);

struct open_page {
	int	current;		/* 1-based page number */
	int	size;			/* 1..OPEN_PAGE_MAX */
	int64_t	offset;			/* rows before the page */
};
/* Defaults and clamps: <= 0 -> 1 / OPEN_PAGE_DEFAULT, size > max -> max. */
void	open_page_norm(long long current, long long size, struct open_page *);
/* ceil(total / size) */
int64_t	open_page_count(int64_t total, int size);
/* The page's offset as the int the store's list calls take (clamped). */
int	open_page_offset(const struct open_page *);

/*
 * A JSON string of s for a reply; invalid UTF-8 (which /send stores as
 * sent) is repaired with U+FFFD instead of failing the reply.
 */
/* A time as the replies' "yyyy-MM-dd HH:mm:ss" (UTC+8) JSON string. */
json_t	*open_jdate(int64_t ms);

/* ---- requests (open.c) ---- */

/*
 * Fill o for r: query and body parameters and this thread's reader.  0,
 * or replies (999, 500) and returns -1; release o->q in both cases.
 */
int	open_req_init(struct open_req *o, struct http_req *r);

/* ---- arguments (open_arg.c) ---- */

/*
 * An argument by name: the JSON body's top-level key wins over the
 * query; numbers come back as their decimal text.  NULL when absent,
 * null or "".  The text is copied into buf (truncated to size - 1).
 */
const char	*open_arg(struct open_req *, const char *name, char *buf,
		    size_t size);
/* An integer argument: 0, FG_ENOENT when absent, FG_EINVAL when bad. */
int	open_arg_int(struct open_req *, const char *name, long long *out);
/* The page of the pagination body (current, pageSize). */
void	open_arg_page(struct open_req *, struct open_page *);
/* An integer inside the body's "params" object (or the query). */
int	open_arg_param_int(struct open_req *, const char *name,
	    long long *out);
/*
 * A text argument into out[size] ("" when absent and not required): 0,
 * or replies 999 (required and absent, too long) and returns -1.
 */
int	open_arg_text(struct open_req *, const char *name, int required,
	    char *out, size_t size);
/* A positive integer argument: 0, or replies 999 and returns -1. */
int	open_arg_id(struct open_req *, const char *name, long long *id);

/* ---- replies (open_reply.c) ---- */

/* {"code":200,"msg":msg,"data":data_json} */
void	open_ok(struct open_req *, const char *msg, const char *data_json);
void	open_ok_str(struct open_req *, const char *msg, const char *data);
/* {"code":code,"msg":msg,"data":null} */
void	open_err(struct open_req *, int code, const char *msg);
/* The pushplus store-failure reply (500). */
void	open_store_err(struct open_req *);
/*
 * One page of a list call: open_list_init() reads the page arguments
 * and starts an empty array, the store's list call fills items and
 * total, and open_list_reply() answers the store error when rc != 0,
 * else the page envelope around items, and releases items.
 */
struct open_list {
	struct open_page	 pg;
	int			 offset;	/* open_page_offset(&pg) */
	int64_t			 total;
	json_t			*items;
};
void	open_list_init(struct open_req *, struct open_list *);
void	open_list_reply(struct open_req *, const char *msg,
	    struct open_list *, int rc);
/* A list call's callback step: append item to the struct open_list. */
int	open_list_add(void *list, json_t *item);
/* open_ok() with j as data ("null" if j is NULL); takes j. */
void	open_json_reply(struct open_req *, const char *msg, json_t *j);
/*
 * The outcome of a look-up by an id argument, with someone else's row
 * made FG_ENOENT by the caller (ids cannot be probed): 0 for rc 0, else
 * replies 999 msg (FG_ENOENT) or the store error and returns -1.
 */
int	open_found(struct open_req *, int rc, const char *msg);

/*
 * Writes are parked struct api_op (api/commit.h), submitted with
 * api_op_submit(o->http, ...); these reply on a parked op's request.
 */
void	open_op_ok(struct api_op *, const char *msg, const char *data_json);
void	open_op_err(struct api_op *, int code, const char *msg);

/* ---- handlers ---- */
void	open_message_list(struct open_req *);
void	open_message_result(struct open_req *);
void	open_message_delete(struct open_req *);
void	open_user_token(struct open_req *);
void	open_user_info(struct open_req *);
void	open_user_limit(struct open_req *);
void	open_user_send_count(struct open_req *);
void	open_token_list(struct open_req *);
void	open_token_add(struct open_req *);
void	open_token_edit(struct open_req *);
void	open_token_delete(struct open_req *);
void	open_setting_get(struct open_req *);
void	open_setting_channel(struct open_req *);
/* changeRecevieLimit, changeIsSend, changeOpenMessageType, extension */
void	open_setting_flag(struct open_req *);
void	open_udef_list(struct open_req *);
void	open_udef_detail(struct open_req *);
void	open_udef_add(struct open_req *);
void	open_udef_edit(struct open_req *);
void	open_udef_delete(struct open_req *);
void	open_token_select(struct open_req *);
/* clawBot/... and qqBot/...: one handler answers them all */
void	open_bot(struct open_req *);
void	open_image_token(struct open_req *);
void	open_image_list(struct open_req *);
void	open_image_delete(struct open_req *);
/* A channel's Chinese name for the replies' channelTxt (or the code). */
const char	*open_channel_text(const char *channel);
void	open_topic_list(struct open_req *);
void	open_topic_detail(struct open_req *);
void	open_topic_join_detail(struct open_req *);
void	open_topic_add(struct open_req *);
void	open_topic_qrcode(struct open_req *);
void	open_topic_exit(struct open_req *);
void	open_topic_users(struct open_req *);
void	open_topic_user_delete(struct open_req *);
void	open_topic_edit(struct open_req *);
void	open_topic_delete(struct open_req *);
void	open_topic_is_open(struct open_req *);
void	open_topic_user_remark(struct open_req *);
/* open_block.c: topicUser/... and friend/... blacklists */
void	open_block_member_add(struct open_req *);
void	open_block_member_list(struct open_req *);
void	open_block_member_remove(struct open_req *);
void	open_block_friend_add(struct open_req *);
void	open_block_friend_list(struct open_req *);
void	open_block_friend_remove(struct open_req *);
void	open_webhook_list(struct open_req *);
void	open_webhook_detail(struct open_req *);
void	open_webhook_add(struct open_req *);
void	open_webhook_edit(struct open_req *);
void	open_mp_list(struct open_req *);
void	open_cp_list(struct open_req *);
void	open_mail_list(struct open_req *);
void	open_mail_detail(struct open_req *);
void	open_friend_qrcode(struct open_req *);
void	open_friend_list(struct open_req *);
void	open_friend_delete(struct open_req *);
void	open_friend_remark(struct open_req *);
void	open_pre_list(struct open_req *);
void	open_pre_detail(struct open_req *);
void	open_pre_add(struct open_req *);
void	open_pre_edit(struct open_req *);
void	open_pre_delete(struct open_req *);
void	open_pre_test(struct open_req *);

/*
 * The caller's send limit now: ops_send_limit() of its isSend and its
 * user token's rate limiter (open_setting.c).
 */
struct ops_send_limit;
void	open_send_limit(struct open_req *, int is_send,
	    struct ops_send_limit *);

/*
 * A join link (topic/qrCode, friend/getQrCode) with the request's
 * second and scanCount; content (friends: echoed in add_friend's
 * qrCode) may be NULL.
 */
void	open_join_link(struct open_req *, int kind, int64_t topic,
	    const char *content);

/*
 * The group of the id argument name (query or body; params.name when
 * in_params); own: it must be the caller's.  0, or replies (999 no such
 * group, 805 another's) and returns -1.
 */
int	open_topic_arg(struct open_req *, const char *name, int in_params,
	    int own, struct store_group *);

/* topicUser/editRemark's limit, in characters. */
#define OPEN_MEMBER_REMARK_MAX	20

/*
 * The member (topicUser) of id argument name, of one of the caller's
 * groups: 0, or replies (999 no such member, 805 another's group) and
 * returns -1.
 */
int	open_member_mine(struct open_req *, const char *name,
	    struct store_open_person *);

/*
 * The permanent join link code of group topic owned by the holder of
 * owner_token (topic/detail's qrCodeImgUrl; open_join.c).
 */
#define OPEN_JOIN_CODE_MAX	40
void	open_join_permanent(const char *owner_token, int64_t topic,
	    char code[OPEN_JOIN_CODE_MAX]);

#endif
