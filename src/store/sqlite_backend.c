/*
 * sqlite_backend.c: the SQLite backend as the store sees it (store.h):
 * struct store_backend store_sqlite with its connection hooks, the
 * spool and directory tables, and the by-kind entry points (get, del,
 * find) dispatched to the file of each table.  It is the top of the
 * sqlite*.c family: every other file of it is reached from here, and
 * none of them reaches back, so a table's file never knows the vtable.
 */
#include "store/sqlite_int.h"
#include "store/sqlite_open_int.h"
#include "store/twin_tables.h"

/*
 * The directory's rows by kind and by key (dir.h: get, del, find): one
 * entry point each for a backend to implement, dispatched here to the
 * statements and row descriptors of each table's file.
 */
static int
sq_get(struct store *s, enum dir_kind kind, int64_t id, void *out)
{
	switch (kind) {
	case DIR_USER:
		return sq_user_get_id(s, id, out);
	case DIR_GROUP:
		return sqo_topic_get(s, id, out);
	case DIR_MEMBER:
		return sqo_member_get(s, id, out);
	case DIR_FRIEND:
		return sqo_friend_get(s, id, out);
	case DIR_MSG_TOKEN:
		return so_token_get(s, id, out);
	case DIR_PRE:
		return twin_open_pre_get(s, id, out);
	case DIR_UDEF:
		return twin_udef_get(s, id, out);
	case DIR_IMAGE:
		return twin_image_get(s, id, out);
	case DIR_DEVICE:
		return twin_device_get(s, id, out);
	case DIR_SESSION:
		return twin_session_get(s, id, out);
	case DIR_CHAN:
		return twin_chan_get(s, id, out);
	case DIR_WX_APP:
		return sq_wx_app_get(s, id, out);
	case DIR_WX_TOPIC:
		return sq_wx_topic_get(s, id, out);
	case DIR_WX_FOLLOW:
		return sq_wx_follow_get(s, id, out);
	case DIR_WX_PRODUCT:
		return sq_wx_product_get(s, id, out);
	case DIR_BLOCK:
		return twin_open_block_get(s, id, out);
	}
	return FG_EINVAL;
}

static int
sq_del(struct store *s, enum dir_kind kind, int64_t id)
{
	switch (kind) {
	case DIR_GROUP:
		return sqo_topic_delete(s, id);
	case DIR_MEMBER:
		return sqo_member_delete(s, id);
	case DIR_FRIEND:
		return sqo_friend_delete(s, id);
	case DIR_MSG_TOKEN:
		return so_token_delete(s, id);
	case DIR_PRE:
		return twin_open_pre_delete(s, id);
	case DIR_UDEF:
		return twin_udef_delete(s, id);
	case DIR_IMAGE:
		return twin_image_delete(s, id);
	case DIR_DEVICE:
		return twin_device_delete(s, id);
	case DIR_SESSION:
		return twin_session_delete(s, id);
	case DIR_WX_FOLLOW:
		return sq_wx_follow_remove(s, id);
	case DIR_WX_TOPIC:
		return sq_wx_topic_delete(s, id);
	case DIR_WX_PRODUCT:
		return sq_wx_product_delete(s, id);
	case DIR_BLOCK:
		return twin_open_block_delete(s, id);
	default:
		return FG_EINVAL;
	}
}

static int
sq_find(struct store *s, enum dir_key key, const char *k, void *out)
{
	switch (key) {
	case DIR_USER_BY_TOKEN:
		return sq_user_get(s, "token", k, out);
	case DIR_USER_BY_UID:
		return sq_user_get(s, "uid", k, out);
	case DIR_USER_BY_SPT:
		return sq_wx_user_by_spt(s, k, out);
	case DIR_WX_APP_BY_TOKEN:
		return sq_wx_app_by_token(s, k, out);
	case DIR_QRCODE_BY_CODE:
		return sq_wx_qrcode_get(s, k, out);
	case DIR_QRCODE_BY_SECRET:
		return sq_wx_qrcode_by_secret(s, k, out);
	case DIR_JOIN_BY_CODE:
		return sqo_join_get(s, k, out);
	case DIR_IMAGE_BY_KEY:
		return twin_image_by_key(s, k, out);
	case DIR_SESSION_BY_HASH:
		return twin_session_find(s, k, out);
	case DIR_LOGIN_BY_HASH:
		return twin_login_find(s, k, out);
	case DIR_USER_BY_EMAIL:
		return twin_user_by_email(s, k, out);
	}
	return FG_EINVAL;
}

static int
sq_spool_get(struct store *s, enum spool_kind kind, int64_t id, void *out)
{
	switch (kind) {
	case SPOOL_MESSAGE:
		return sq_message_get_id(s, id, out);
	case SPOOL_WX_MESSAGE:
	case SPOOL_WX_MESSAGE_FROM:
		return sq_wx_message_get(s, id, kind == SPOOL_WX_MESSAGE_FROM,
		    out);
	case SPOOL_WX_RECORD:
		return sq_wx_record_get(s, id, out);
	}
	return FG_EINVAL;
}

static const struct spool_ops sq_spool = {
	.get = sq_spool_get,
	.message_insert = sq_message_insert,
	.message_get = sq_message_get,
	.message_list = sq_message_list,
	.message_settle = sq_message_settle,
	.message_set_status = sq_message_set_status,
	.delivery_list = sq_delivery_list,
	.delivery_pending = sq_delivery_pending,
	.delivery_claim = sq_delivery_claim,
	.lease = sq_lease,
	.delivery_update = sq_delivery_update,
	.inbox_add = sq_inbox_add,
	.delivery_add_many = sq_delivery_add_many,
	.inbox_add_many = sq_inbox_add_many,
	.inbox_list = sq_inbox_list,
	.outbox_add = sq_outbox_add,
	.outbox_due = sq_outbox_due,
	.outbox_done = sq_outbox_done,
	.rate_take = sq_rate_take,
	TWIN_SPOOL_OPS,
	.wx_message_set = sq_wx_message_set,
	.wx_message_delete = sq_wx_message_delete,
	.wx_record_add = sq_wx_record_add,
	.wx_delivery_add = sq_wx_delivery_add,
	.wx_daily_get = sq_wx_daily_get,
	.wx_daily_add = sq_wx_daily_add,
	.wx_records_add = sq_wx_records_add,
	.wx_daily_add_many = sq_wx_daily_add_many,
	.wx_daily_filter = sq_wx_daily_filter,
	.wx_purge = sq_wx_purge,
	.msg_list = so_msg_list,
	.send_count = so_send_count,
	.push_add = sq_push_add,
	.push_recall = sq_push_recall,
	.push_due = sq_push_due,
	.push_done = sq_push_done,
	.push_wake = sq_push_wake,
	.push_verify = sq_push_verify,
	.push_test = sq_push_test,
	.push_list = sq_push_list,
	.push_last = sq_push_last,
	.push_purge = sq_push_purge,
};

static const struct dir_ops sq_dir = {
	.get = sq_get,
	.del = sq_del,
	.find = sq_find,
	.user_add = sq_user_add,
	.user_set_callback = sq_user_set_callback,
	.user_reset_token = sq_user_reset_token,
	.user_set_disabled = sq_user_set_disabled,
	.user_set_limits = sq_user_set_limits,
	.user_list = sq_user_list,
	.topic_find = sq_topic_find,
	.topic_join = sq_topic_join,
	.topic_members = sq_topic_members,
	.friend_add = sq_friend_add,
	.friend_by_token = sq_friend_by_token,
	.wx_app_add = sq_wx_app_add,
	.wx_app_reset_token = sq_wx_app_reset_token,
	.wx_app_set = sq_wx_app_set,
	.wx_app_list = sq_wx_app_list,
	.wx_topic_add = sq_wx_topic_add,
	.wx_topic_list = sq_wx_topic_list,
	.wx_topic_put = sq_wx_topic_put,
	.wx_product_put = sq_wx_product_put,
	.wx_product_list = sq_wx_product_list,
	.wx_follow_add = sq_wx_follow_add,
	.wx_follow_find = sq_wx_follow_find,
	.wx_follow_set_reject = sq_wx_follow_set_reject,
	.wx_follow_set_pay = sq_wx_follow_set_pay,
	.wx_follow_list = sq_wx_follow_list,
	.wx_followers = sq_wx_followers,
	.wx_uid_states = sq_wx_uid_states,
	.wx_qrcode_add = sq_wx_qrcode_add,
	.wx_qrcode_scanned = sq_wx_qrcode_scanned,
	.wx_qrcode_polled = sq_wx_qrcode_polled,
	.wx_product_add = sq_wx_product_add,
	.wx_product_covers = sq_wx_product_covers,
	.wx_user_spt = sq_wx_user_spt,
	TWIN_DIR_OPS,
	.phone_filter = sq_phone_filter,
	.settings_get = so_settings_get,
	.settings_put = so_settings_put,
	.receiving_filter = sq_receiving_filter,
	.key_add = so_key_add,
	.key_revoke = so_key_revoke,
	.key_list = so_key_list,
	.key_delete = so_key_delete,
	.key_user = so_key_user,
	.token_add = so_token_add,
	.token_edit = so_token_edit,
	.token_list = so_token_list,
	.token_user = so_token_user,
	.topic_add = sqo_topic_add,
	.topic_list = sqo_topic_list,
	.member_find = sqo_member_find,
	.member_list = sqo_member_list,
	.friend_find = sqo_friend_find,
	.friend_list = sqo_friend_list,
	.remark = sqo_remark,
	.join_add = sqo_join_add,
	.topic_put = sqo_topic_put,
	.join_scan = sqo_join_scan,
};

const struct store_backend store_sqlite = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.checkpoint = sq_checkpoint,
	.probe = sq_probe,
	.backup = sq_backup,
	.spool = &sq_spool,
	.dir = &sq_dir,
	.wechat = &twin_wechat,
};
