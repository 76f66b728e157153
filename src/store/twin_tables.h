/*
 * twin_tables.h: the entry points written once for both backends
 * (twin_<table>.c, on the runners of twin.h), as sqlite_backend.c and
 * pg_backend.c put them in their vtables.  Only types here: a backend's
 * vtable file needs no SQL runner to name them.
 */
#ifndef FG_STORE_TWIN_TABLES_H
#define FG_STORE_TWIN_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_admin.h"
#include "store/store_chan.h"
#include "store/store_clawbot.h"
#include "store/store_device.h"
#include "store/store_open.h"
#include "store/store_session.h"
#include "store/store_wechat.h"

/* twin_rate.c */
int twin_rate_count(struct store *, const char *, int64_t, int64_t *);

/* twin_device.c */
int twin_device_put(struct store *, struct store_device *);
int twin_device_find(struct store *, const struct store_device *,
    struct store_device *);
int twin_device_get(struct store *, int64_t, struct store_device *);
int twin_device_delete(struct store *, int64_t);
int twin_device_verify(struct store *, const char *, struct store_device *);
int twin_device_count(struct store *, int64_t, int64_t *);
int twin_device_list(struct store *, int64_t, store_device_cb, void *);
int twin_device_by_endpoint(struct store *, const char *, const char *,
    struct store_device *);
int twin_meta_keep(struct store *, const char *, const char *, char *, size_t);

/* twin_udef.c */
int twin_udef_get(struct store *, int64_t, struct store_udef *);
int twin_udef_delete(struct store *, int64_t);
int twin_udef_put(struct store *, struct store_udef *);
int twin_udef_for_token(struct store *, int64_t, const char *,
    struct store_udef *);
int twin_udef_list(struct store *, int64_t, int, int, int64_t *, store_udef_cb,
    void *);
int twin_udef_rename(struct store *, int64_t, const char *, const char *,
    const char *);

/* twin_wechat.c: the official account's rows */
extern const struct wechat_store_ops twin_wechat;

/* twin_admin.c: the operator's view of the spool */
int twin_admin_failed(struct store *, const char *, int64_t, int,
    store_failed_cb, void *);
int twin_admin_states(struct store *, store_chan_state_cb, void *);
int twin_admin_retry(struct store *, int64_t, const char *, int64_t *);
int twin_admin_requested(struct store *, int, store_delivery_cb, void *);
int twin_admin_claim(struct store *, int64_t);

/* twin_image.c */
int twin_image_add(struct store *, struct store_image *);
int twin_image_get(struct store *, int64_t, struct store_image *);
int twin_image_by_key(struct store *, const char *, struct store_image *);
int twin_image_delete(struct store *, int64_t);
int twin_image_list(struct store *, int64_t, int, int, int64_t *,
    store_image_cb, void *);
int twin_image_expired(struct store *, int64_t, int, store_image_cb, void *);

/* twin_clawbot.c */
int twin_clawbot_put(struct store *, const struct store_clawbot *);
int twin_clawbot_get(struct store *, int64_t, struct store_clawbot *);
int twin_clawbot_del(struct store *, int64_t);
int twin_clawbot_list(struct store *, store_clawbot_cb, void *);
int twin_clawbot_msg_add(struct store *, int64_t,
    const struct store_clawbot_msg *);
int twin_clawbot_msg_list(struct store *, int64_t, store_clawbot_msg_cb,
    void *);

/* twin_open_block.c: the open API's blacklists */
int twin_open_block_add(struct store *, struct store_open_block *);
int twin_open_block_get(struct store *, int64_t, struct store_open_block *);
int twin_open_block_find(struct store *, int, int64_t, int64_t,
    struct store_open_block *);
int twin_open_block_list(struct store *, int, int64_t, int, int, int64_t *,
    store_open_block_cb, void *);
int twin_open_block_delete(struct store *, int64_t);

/* twin_open_pre.c: pre-processing scripts */
int twin_open_pre_add(struct store *, struct store_open_pre *);
int twin_open_pre_edit(struct store *, const struct store_open_pre *);
int twin_open_pre_delete(struct store *, int64_t);
int twin_open_pre_get(struct store *, int64_t, struct store_open_pre *);
int twin_open_pre_by_code(struct store *, int64_t, const char *,
    struct store_open_pre *);
int twin_open_pre_list(struct store *, int64_t, int, int, int64_t *,
    store_open_pre_cb, void *);

/* twin_cblog.c: a person's callbacks in the outbox */
int twin_outbox_add_for(struct store *, int64_t, const char *, const char *,
    const char *, int64_t);
int twin_outbox_list(struct store *, int64_t, const char *, int,
    store_callback_cb, void *);

/* twin_session.c: sessions, sign-in links and passwords */
int twin_session_add(struct store *, struct store_session *);
int twin_session_find(struct store *, const char *, struct store_session *);
int twin_session_get(struct store *, int64_t, struct store_session *);
int twin_session_delete(struct store *, int64_t);
int twin_session_touch(struct store *, int64_t, int64_t);
int twin_session_end_user(struct store *, int64_t, int64_t);
int twin_session_list(struct store *, int64_t, store_session_cb, void *);
int twin_login_add(struct store *, const struct store_login *);
int twin_login_find(struct store *, const char *, struct store_login *);
int twin_login_take(struct store *, const char *, struct store_login *);
int twin_password_set(struct store *, int64_t, const char *, int64_t);
int twin_password_get(struct store *, int64_t, char *, size_t);
int twin_user_by_email(struct store *, const char *, struct store_user *);

/* twin_chan.c: channel configurations, contact columns of users */
int twin_chan_add(struct store *, struct store_chan *, struct strbuf *);
int twin_chan_get(struct store *, int64_t, struct store_chan *);
int twin_chan_by_code(struct store *, int64_t, int, const char *,
    struct store_chan *);
int twin_chan_list(struct store *, int64_t, int, store_chan_cb, void *);
int twin_chan_update(struct store *, const struct store_chan *,
    struct strbuf *);
int twin_chan_delete(struct store *, int64_t, int64_t);
int twin_msg_chan_set(struct store *, const struct store_msg_chan *);
int twin_msg_chan_get(struct store *, int64_t, struct store_msg_chan *);
int twin_user_email_set(struct store *, int64_t, const char *);
int twin_user_email_get(struct store *, int64_t, char *);
int twin_user_phone_set(struct store *, int64_t, const char *);
int twin_user_phone_get(struct store *, int64_t, char *);

/*
 * The members of the backends' spool and directory tables that name the
 * functions above, written once: each backend's own const table
 * (sqlite_backend.c, pg_backend.c) includes them beside its own.
 */
/* clang-format off */
#define TWIN_SPOOL_OPS \
	.outbox_add_for = twin_outbox_add_for, \
	.outbox_list = twin_outbox_list, \
	.msg_chan_set = twin_msg_chan_set, \
	.msg_chan_get = twin_msg_chan_get, \
	.admin_failed = twin_admin_failed, \
	.admin_states = twin_admin_states, \
	.admin_retry = twin_admin_retry, \
	.admin_requested = twin_admin_requested, \
	.admin_claim = twin_admin_claim, \
	.rate_count = twin_rate_count

#define TWIN_DIR_OPS \
	.chan_add = twin_chan_add, \
	.chan_by_code = twin_chan_by_code, \
	.chan_list = twin_chan_list, \
	.chan_update = twin_chan_update, \
	.chan_delete = twin_chan_delete, \
	.user_email_set = twin_user_email_set, \
	.user_email_get = twin_user_email_get, \
	.user_phone_set = twin_user_phone_set, \
	.user_phone_get = twin_user_phone_get, \
	.block_add = twin_open_block_add, \
	.block_find = twin_open_block_find, \
	.block_list = twin_open_block_list, \
	.pre_add = twin_open_pre_add, \
	.pre_edit = twin_open_pre_edit, \
	.pre_by_code = twin_open_pre_by_code, \
	.pre_list = twin_open_pre_list, \
	.udef_put = twin_udef_put, \
	.udef_for_token = twin_udef_for_token, \
	.udef_list = twin_udef_list, \
	.udef_rename = twin_udef_rename, \
	.image_add = twin_image_add, \
	.image_list = twin_image_list, \
	.image_expired = twin_image_expired, \
	.device_put = twin_device_put, \
	.device_find = twin_device_find, \
	.device_count = twin_device_count, \
	.device_list = twin_device_list, \
	.device_verify = twin_device_verify, \
	.clawbot_put = twin_clawbot_put, \
	.clawbot_get = twin_clawbot_get, \
	.clawbot_del = twin_clawbot_del, \
	.clawbot_list = twin_clawbot_list, \
	.clawbot_msg_add = twin_clawbot_msg_add, \
	.clawbot_msg_list = twin_clawbot_msg_list, \
	.meta_keep = twin_meta_keep, \
	.session_add = twin_session_add, \
	.session_touch = twin_session_touch, \
	.session_end_user = twin_session_end_user, \
	.session_list = twin_session_list, \
	.login_add = twin_login_add, \
	.login_take = twin_login_take, \
	.password_set = twin_password_set, \
	.password_get = twin_password_get
/* clang-format on */

#endif
