/*
 * open.c: the pushplus open API's front door (compat.md §4): routing of
 * `/api/open/...` through one table, authentication of every call by its
 * `access-key` header, and the request (open_int.h).  Arguments are
 * open_arg.c, the envelopes open_reply.c; getAccessKey is open_key.c.
 *
 * Every /api/open/... call needs header `access-key`: its BLAKE2b hash
 * must name an unexpired key (open_keys) of a user whose open API is
 * still enabled.  A missing, unknown or expired key, or a user who has
 * since disabled the open API, gets HTTP 200 with code 401, which makes
 * the official SDK fetch a new key and retry.  Unknown paths get code
 * 404 in the same envelope; a trailing slash is ignored.
 *
 * Handlers run on the MHD thread and read through store_reader(); writes
 * go through the writer thread as parked ops, so a 200 means committed.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/openapi/open_int.h"
#include "util/errors.h"
#include "http/http.h"
#include "ops/key.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "store/readers.h"

struct route {
	const char	*path;		/* below /api/open/ */
	void		(*fn)(struct open_req *);
};

static const struct route routes[] = {
	{ "message/list", open_message_list },
	{ "message/sendMessageResult", open_message_result },
	{ "message/deleteMessage", open_message_delete },
	{ "user/token", open_user_token },
	{ "user/myInfo", open_user_info },
	{ "user/userLimitTime", open_user_limit },
	{ "user/sendCount", open_user_send_count },
	{ "token/list", open_token_list },
	{ "token/add", open_token_add },
	{ "token/edit", open_token_edit },
	{ "token/deleteToken", open_token_delete },
	{ "setting/getUserSettings", open_setting_get },
	{ "setting/changeDefaultChannel", open_setting_channel },
	{ "setting/changeRecevieLimit", open_setting_flag },
	{ "setting/changeIsSend", open_setting_flag },
	{ "setting/changeOpenMessageType", open_setting_flag },
	{ "setting/extension", open_setting_flag },
	{ "setting/listUserDefault", open_udef_list },
	{ "setting/detailUserDefault", open_udef_detail },
	{ "setting/addUserDefault", open_udef_add },
	{ "setting/editUserDefault", open_udef_edit },
	{ "setting/deleteUserDefault", open_udef_delete },
	{ "token/selectTokenList", open_token_select },
	{ "clawBot/getBotQrcode", open_bot },
	{ "clawBot/getQrcodeStatus", open_bot },
	{ "clawBot/botInfo", open_bot },
	{ "clawBot/unbind", open_bot },
	{ "clawBot/getMsg", open_bot },
	{ "qqBot/getBindLink", open_bot },
	{ "qqBot/botInfo", open_bot },
	{ "qqBot/unbind", open_bot },
	{ "qqBot/groupList", open_bot },
	{ "qqBot/list", open_bot },
	{ "qqBot/add", open_bot },
	{ "qqBot/edit", open_bot },
	{ "qqBot/delete", open_bot },
	{ "userImage/uploadToken", open_image_token },
	{ "userImage/list", open_image_list },
	{ "userImage/delete", open_image_delete },
	{ "topic/list", open_topic_list },
	{ "topic/detail", open_topic_detail },
	{ "topic/joinTopicDetail", open_topic_join_detail },
	{ "topic/add", open_topic_add },
	{ "topic/qrCode", open_topic_qrcode },
	{ "topic/exitTopic", open_topic_exit },
	{ "topicUser/subscriberList", open_topic_users },
	{ "topicUser/deleteTopicUser", open_topic_user_delete },
	{ "topic/editTopic", open_topic_edit },
	{ "topic/delete", open_topic_delete },
	{ "topic/isOpen", open_topic_is_open },
	{ "topicUser/editRemark", open_topic_user_remark },
	{ "topicUser/addBlacklist", open_block_member_add },
	{ "topicUser/blacklistList", open_block_member_list },
	{ "topicUser/removeBlacklist", open_block_member_remove },
	{ "webhook/list", open_webhook_list },
	{ "webhook/detail", open_webhook_detail },
	{ "webhook/add", open_webhook_add },
	{ "webhook/edit", open_webhook_edit },
	{ "mp/list", open_mp_list },
	{ "cp/list", open_cp_list },
	{ "mail/list", open_mail_list },
	{ "mail/detail", open_mail_detail },
	{ "friend/getQrCode", open_friend_qrcode },
	{ "friend/list", open_friend_list },
	{ "friend/deleteFriend", open_friend_delete },
	{ "friend/editRemark", open_friend_remark },
	{ "friend/addBlacklist", open_block_friend_add },
	{ "friend/blacklistList", open_block_friend_list },
	{ "friend/removeBlacklist", open_block_friend_remove },
	{ "pre/list", open_pre_list },
	{ "pre/detail", open_pre_detail },
	{ "pre/add", open_pre_add },
	{ "pre/edit", open_pre_edit },
	{ "pre/delete", open_pre_delete },
	{ "pre/test", open_pre_test },
	{ NULL, NULL }
};

/* ---- requests ---- */

int
open_req_init(struct open_req *o, struct http_req *r)
{
	int rc;

	memset(o, 0, sizeof(*o));
	o->http = r;
	o->app = api_ctx(r);
	params_init(&o->q, LIM_PARAMS);
	if (intake_query(r, &o->q) != 0) {
		open_err(o, 999, "参数过多 (too many parameters)");
		return -1;
	}
	if (r->body_too_big) {
		open_err(o, 999, "请求体过大 (request body too large)");
		return -1;
	}
	if ((rc = intake_body(r, &o->q, NULL)) != 0) {
		open_err(o, 999, rc == FG_ETOOBIG ? "参数过多 (too many "
		    "parameters)" : "请求体不是合法的JSON (malformed JSON "
		    "body)");
		return -1;
	}
	if ((o->db = store_reader()) == NULL) {
		open_store_err(o);
		return -1;
	}
	return 0;
}

/* The user of the access-key header; 0, or replies and returns -1. */
static int
req_auth(struct open_req *o)
{
	const char *key = http_header(o->http, "access-key");
	struct store_open_settings st;
	char hash[OPS_KEY_HASH_HEX];
	int64_t uid;
	int rc;

	if (key == NULL || *key == '\0') {
		open_err(o, 401, "请求未授权: 缺少access-key请求头 (missing "
		    "access-key header)");
		return -1;
	}
	if (strlen(key) > 128) {
		open_err(o, 401, "请求未授权: access-key无效 (invalid "
		    "access-key)");
		return -1;
	}
	ops_key_hash(key, hash);
	rc = dir_key_user(o->db, hash, clock_ms(), &uid);
	if (rc == FG_ENOENT) {
		open_err(o, 401, "请求未授权: access-key无效或已过期 (invalid "
		    "or expired access-key)");
		return -1;
	}
	if (rc != 0 || dir_user_get_id(o->db, uid, &o->user) != 0 ||
	    dir_settings_get(o->db, uid, &st) != 0) {
		open_store_err(o);
		return -1;
	}
	if (!st.enabled || o->user.disabled) {
		open_err(o, 401, o->user.disabled ? OPEN_USER_DISABLED :
		    "请求未授权: 开放接口未启用 (the open API is disabled for "
		    "this user)");
		return -1;
	}
	return 0;
}

void
api_open(struct http_req *r, const char *rest)
{
	struct open_req o;
	const struct route *rt;
	size_t n = strlen(rest);

	/* "message/list/" is "message/list" (some scripts add the slash) */
	if (n && rest[n - 1] == '/')
		n--;
	for (rt = routes; rt->path; rt++)
		if (strlen(rt->path) == n && strncmp(rest, rt->path, n) == 0)
			break;
	if (open_req_init(&o, r) == 0 && req_auth(&o) == 0) {
		o.route = rt->path;
		if (rt->fn)
			rt->fn(&o);
		else
			open_err(&o, 404, "接口不存在 (not found)");
	}
	params_release(&o.q);
}
