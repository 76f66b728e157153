/*
 * pg_backend.c: the PostgreSQL backend as the store sees it (store.h):
 * struct store_backend store_pg with its connection hooks, the spool
 * and directory tables, and the by-kind entry points (get, del, find)
 * dispatched to the file of each table, as sqlite_backend.c does for
 * SQLite.  The tables must name every member the SQLite ones do: a
 * missing one is a NULL call at run time, so test_store_pg checks
 * both tables are complete.
 */
#include "store/pg_row.h"
#include "store/store_wechat.h"
#include "store/twin_tables.h"

/*
 * The directory's rows by kind and by key (dir.h: get, del, find): one
 * entry point each for a backend to implement, dispatched here to the
 * statements and row descriptors of each table's file.
 */
static int
pg_get(struct store *s, enum dir_kind kind, int64_t id, void *out)
{
	switch (kind) {
	case DIR_USER:
		return pg_user_get_id(s, id, out);
	case DIR_GROUP:
		return pgo_topic_get(s, id, out);
	case DIR_MEMBER:
		return pgo_member_get(s, id, out);
	case DIR_FRIEND:
		return pgo_friend_get(s, id, out);
	case DIR_MSG_TOKEN:
		return po_token_get(s, id, out);
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
		return pg_wx_app_get(s, id, out);
	case DIR_WX_TOPIC:
		return pg_wx_topic_get(s, id, out);
	case DIR_WX_FOLLOW:
		return pg_wx_follow_get(s, id, out);
	case DIR_WX_PRODUCT:
		return pg_wx_product_get(s, id, out);
	case DIR_BLOCK:
		return twin_open_block_get(s, id, out);
	}
	return FG_EINVAL;
}

static int
pg_del(struct store *s, enum dir_kind kind, int64_t id)
{
	switch (kind) {
	case DIR_GROUP:
		return pgo_topic_delete(s, id);
	case DIR_MEMBER:
		return pgo_member_delete(s, id);
	case DIR_FRIEND:
		return pgo_friend_delete(s, id);
	case DIR_MSG_TOKEN:
		return po_token_delete(s, id);
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
		return pg_wx_follow_remove(s, id);
	case DIR_WX_TOPIC:
		return pg_wx_topic_delete(s, id);
	case DIR_WX_PRODUCT:
		return pg_wx_product_delete(s, id);
	case DIR_BLOCK:
		return twin_open_block_delete(s, id);
	default:
		return FG_EINVAL;
	}
}

static int
pg_find(struct store *s, enum dir_key key, const char *k, void *out)
{
	switch (key) {
	case DIR_USER_BY_TOKEN:
		return pg_user_get(s, "token", k, out);
	case DIR_USER_BY_UID:
		return pg_user_get(s, "uid", k, out);
	case DIR_USER_BY_SPT:
		return pg_wx_user_by_spt(s, k, out);
	case DIR_WX_APP_BY_TOKEN:
		return pg_wx_app_by_token(s, k, out);
	case DIR_QRCODE_BY_CODE:
		return pg_wx_qrcode_get(s, k, out);
	case DIR_QRCODE_BY_SECRET:
		return pg_wx_qrcode_by_secret(s, k, out);
	case DIR_JOIN_BY_CODE:
		return pgo_join_get(s, k, out);
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
pg_spool_get(struct store *s, enum spool_kind kind, int64_t id, void *out)
{
	switch (kind) {
	case SPOOL_MESSAGE:
		return pg_message_get_id(s, id, out);
	case SPOOL_WX_MESSAGE:
	case SPOOL_WX_MESSAGE_FROM:
		return pg_wx_message_get(s, id, kind == SPOOL_WX_MESSAGE_FROM,
		    out);
	case SPOOL_WX_RECORD:
		return pg_wx_record_get(s, id, out);
	}
	return FG_EINVAL;
}

static const struct spool_ops pg_spool = {
	.get = pg_spool_get,
	.message_insert = pg_message_insert,
	.message_get = pg_message_get,
	.message_list = pg_message_list,
	.message_settle = pg_message_settle,
	.message_set_status = pg_message_set_status,
	.delivery_list = pg_delivery_list,
	.delivery_pending = pg_delivery_pending,
	.delivery_claim = pg_delivery_claim,
	.lease = pg_lease,
	.delivery_update = pg_delivery_update,
	.inbox_add = pg_inbox_add,
	.delivery_add_many = pg_delivery_add_many,
	.inbox_add_many = pg_inbox_add_many,
	.inbox_list = pg_inbox_list,
	.outbox_add = pg_outbox_add,
	.outbox_due = pg_outbox_due,
	.outbox_done = pg_outbox_done,
	.rate_take = pg_rate_take,
	TWIN_SPOOL_OPS,
	.wx_message_set = pg_wx_message_set,
	.wx_message_delete = pg_wx_message_delete,
	.wx_record_add = pg_wx_record_add,
	.wx_delivery_add = pg_wx_delivery_add,
	.wx_daily_get = pg_wx_daily_get,
	.wx_daily_add = pg_wx_daily_add,
	.wx_records_add = pg_wx_records_add,
	.wx_daily_add_many = pg_wx_daily_add_many,
	.wx_daily_filter = pg_wx_daily_filter,
	.wx_purge = pg_wx_purge,
	.msg_list = po_msg_list,
	.send_count = po_send_count,
	.push_add = pg_push_add,
	.push_recall = pg_push_recall,
	.push_due = pg_push_due,
	.push_done = pg_push_done,
	.push_wake = pg_push_wake,
	.push_verify = pg_push_verify,
	.push_test = pg_push_test,
	.push_list = pg_push_list,
	.push_last = pg_push_last,
	.push_purge = pg_push_purge,
};

static const struct dir_ops pg_dir = {
	.get = pg_get,
	.del = pg_del,
	.find = pg_find,
	.user_add = pg_user_add,
	.user_set_callback = pg_user_set_callback,
	.user_reset_token = pg_user_reset_token,
	.user_set_disabled = pg_user_set_disabled,
	.user_set_limits = pg_user_set_limits,
	.user_list = pg_user_list,
	.topic_find = pg_topic_find,
	.topic_join = pg_topic_join,
	.topic_members = pg_topic_members,
	.friend_add = pg_friend_add,
	.friend_by_token = pg_friend_by_token,
	.wx_app_add = pg_wx_app_add,
	.wx_app_reset_token = pg_wx_app_reset_token,
	.wx_app_set = pg_wx_app_set,
	.wx_app_list = pg_wx_app_list,
	.wx_topic_add = pg_wx_topic_add,
	.wx_topic_list = pg_wx_topic_list,
	.wx_topic_put = pg_wx_topic_put,
	.wx_product_put = pg_wx_product_put,
	.wx_product_list = pg_wx_product_list,
	.wx_follow_add = pg_wx_follow_add,
	.wx_follow_find = pg_wx_follow_find,
	.wx_follow_set_reject = pg_wx_follow_set_reject,
	.wx_follow_set_pay = pg_wx_follow_set_pay,
	.wx_follow_list = pg_wx_follow_list,
	.wx_followers = pg_wx_followers,
	.wx_uid_states = pg_wx_uid_states,
	.wx_qrcode_add = pg_wx_qrcode_add,
	.wx_qrcode_scanned = pg_wx_qrcode_scanned,
	.wx_qrcode_polled = pg_wx_qrcode_polled,
	.wx_product_add = pg_wx_product_add,
	.wx_product_covers = pg_wx_product_covers,
	.wx_user_spt = pg_wx_user_spt,
	TWIN_DIR_OPS,
	.phone_filter = pg_phone_filter,
	.settings_get = po_settings_get,
	.settings_put = po_settings_put,
	.receiving_filter = pg_receiving_filter,
	.key_add = po_key_add,
	.key_revoke = po_key_revoke,
	.key_list = po_key_list,
	.key_delete = po_key_delete,
	.key_user = po_key_user,
	.token_add = po_token_add,
	.token_edit = po_token_edit,
	.token_list = po_token_list,
	.token_user = po_token_user,
	.topic_add = pgo_topic_add,
	.topic_list = pgo_topic_list,
	.member_find = pgo_member_find,
	.member_list = pgo_member_list,
	.friend_find = pgo_friend_find,
	.friend_list = pgo_friend_list,
	.remark = pgo_remark,
	.join_add = pgo_join_add,
	.topic_put = pgo_topic_put,
	.join_scan = pgo_join_scan,
};

const struct store_backend store_pg = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.checkpoint = pg_checkpoint,
	.probe = pg_probe,
	.backup = pg_backup,
	.spool = &pg_spool,
	.dir = &pg_dir,
	.wechat = &twin_wechat,
	.cluster = &pg_cluster,
};
