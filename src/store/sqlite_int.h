/*
 * sqlite_int.h: what the SQLite backend's files share (curl's *_int.h
 * idea): the connection struct and its prepared-statement cache.
 */
#ifndef FG_SQLITE_INT_H
#define FG_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store.h"
#include "util/shortcode.h"

/* Every statement the backend runs, prepared once per connection. */
enum sq_stmt {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
	Q_USER_ADD, Q_USER_BY_TOKEN, Q_USER_BY_UID, Q_USER_BY_ID,
	Q_USER_SET_CB, Q_USER_SET_TOKEN, Q_USER_SET_DISABLED, Q_USER_SET_LIMITS,
	Q_USER_LIST,
	Q_TOPIC_BY_CODE, Q_TOPIC_JOIN, Q_TOPIC_MEMBERS,
	Q_FRIEND_ADD, Q_FRIEND_BY_TOKEN,
	Q_MSG_INSERT, Q_DLV_INSERT, Q_MSG_BY_ID, Q_MSG_LIST,
	Q_MSG_LIST_ALL, Q_MSG_OPEN, Q_MSG_FIRST_ERR, Q_MSG_SET_STATUS,
	Q_DLV_LIST, Q_DLV_PENDING, Q_DLV_UPDATE,
	Q_INBOX_ADD, Q_INBOX_ASC, Q_INBOX_DESC,
	Q_OUTBOX_ADD, Q_OUTBOX_DUE, Q_OUTBOX_DONE,
	Q_RATE_TAKE,
	/* SQL at the caller's, cached (sq_cached): a delivery's reads */
	Q_CHAN_GET, Q_MSG_CHAN_GET,
	/* WxPusher (sqlite_wx.c, whose table sq_wx_sql[] holds their SQL) */
	Q_WX_FIRST,
	Q_WX_APP_ADD = Q_WX_FIRST, Q_WX_APP_GET, Q_WX_APP_BY_TOKEN,
	Q_WX_APP_RESET, Q_WX_APP_LIST, Q_WX_TOPIC_ADD, Q_WX_TOPIC_GET,
	Q_WX_FOLLOW_ADD, Q_WX_FOLLOW_FIND, Q_WX_FOLLOW_GET, Q_WX_FOLLOW_DEL,
	Q_WX_FOLLOW_REJECT, Q_WX_FOLLOW_PAY, Q_WX_FOLLOWERS, Q_WX_FOLLOW_LIST, Q_WX_FOLLOW_COUNT,
	Q_WX_MSG_SET, Q_WX_MSG_GET, Q_WX_MSG_FROM, Q_WX_MSG_DEL, Q_WX_REC_ADD, Q_WX_REC_GET,
	Q_WX_DLV_ADD, Q_WX_DAILY_GET, Q_WX_DAILY_ADD,
	Q_WX_QR_ADD, Q_WX_QR_GET, Q_WX_QR_BY_SECRET, Q_WX_QR_SCAN, Q_WX_QR_POLL,
	Q_WX_PROD_ADD, Q_WX_PROD_GET, Q_WX_PROD_FIND, Q_WX_SPT_GET, Q_WX_SPT_SET,
	Q_WX_USER_BY_SPT,
	/* Bulk statements over fg_rows (sqlite_bulk.c, sq_bulk_sql[]) */
	Q_BULK_FIRST,
	Q_BULK_DLV = Q_BULK_FIRST, Q_BULK_INBOX, Q_BULK_WX_REC,
	Q_BULK_WX_DAILY, Q_BULK_WX_UIDS, Q_BULK_WX_UNDER, Q_BULK_RECEIVING,
	Q_BULK_PHONE, Q_BULK_PUSH, Q_BULK_PUSH_ONE, Q_BULK_PUSH_ANY,
	Q__COUNT
};

/* A SQLite connection: the store head, then SQLite's own state. */
struct sq_store {
	struct store	 pub;		/* first: what callers hold */
	sqlite3		*db;
	sqlite3_stmt	*st[Q__COUNT];
	uint8_t		 code_key[SHORTCODE_KEY_LEN];	/* shortCode key */
};

#define SQ(s)	((struct sq_store *)(s))

extern const char *const sq_wx_sql[Q_BULK_FIRST - Q_WX_FIRST];
extern const char *const sq_bulk_sql[Q__COUNT - Q_BULK_FIRST];

/*
 * A row source for the fg_rows table-valued function (sqlite_rows.c):
 * n rows whose columns c0..c3 are read from caller memory, each at
 * base + row * stride.
 */
#define SQ_ROWS_COLS	4
enum sq_col_type {
	SQ_COL_I64,			/* int64_t */
	SQ_COL_INT,			/* int */
	SQ_COL_STR,			/* char array (NUL-terminated) in place */
	SQ_COL_PTR			/* const char * (NULL reads as "") */
};
struct sq_col {
	const void	*base;		/* NULL: the column reads as NULL */
	size_t		 stride;
	int		 type;		/* enum sq_col_type */
};
struct sq_rows {
	size_t		 n;
	struct sq_col	 col[SQ_ROWS_COLS];
};

int	sq_rows_register(sqlite3 *);
void	sq_rows_col(struct sq_rows *, int col, int type, const void *base,
	    size_t stride);
int	sq_rows_bind(sqlite3_stmt *, int param, struct sq_rows *);


/* The prepared statement for q, reset and with bindings cleared. */
sqlite3_stmt	*sq_stmt(struct store *, enum sq_stmt);
/*
 * The same for a statement whose SQL sits with its caller: prepared
 * from sql on first use, kept in slot q, reset after (no SQ_FINAL).
 * For the reads every delivery makes (prepared per call, their parse
 * was a visible part of a webhook's cost).
 */
sqlite3_stmt	*sq_cached(struct store *, enum sq_stmt q, const char *sql);

/* sqlite.c: the connection, users, pushplus groups and friends */
int	sq_open(struct store **out, const char *path, int sync_full,
	    struct strbuf *err);
void	sq_close(struct store *s);
int	sq_begin(struct store *s);
int	sq_commit(struct store *s, struct strbuf *err);
void	sq_rollback(struct store *s);
int	sq_checkpoint(struct store *s, int full);
int	sq_probe(struct store *s);
int	sq_user_add(struct store *s, const char *name, int is_admin,
	    struct store_user *u, struct strbuf *err);
int	sq_user_get(struct store *s, const char *by, const char *key,
	    struct store_user *u);
int	sq_user_get_id(struct store *s, int64_t id, struct store_user *u);
int	sq_user_list(struct store *s, store_user_cb cb, void *arg);
int	sq_backup(struct store *, const char *path, struct strbuf *err);
int	sq_user_set_callback(struct store *s, int64_t id, const char *url);
int	sq_user_set_disabled(struct store *s, int64_t id, int disabled);
int	sq_user_set_limits(struct store *s, int64_t id, int daily, int rate);
int	sq_user_reset_token(struct store *s, int64_t id, struct store_user *u);
int	sq_topic_find(struct store *s, int64_t owner, int64_t member,
	    const char *code, struct store_group *t);
int	sq_topic_join(struct store *s, int64_t topic, int64_t user,
	    int64_t *mid, struct strbuf *err);
int	sq_topic_members(struct store *s, int64_t topic, int64_t **ids,
	    size_t *n);
int	sq_friend_add(struct store *s, int64_t owner, int64_t friend_id,
	    struct store_friend *f, struct strbuf *err);
int	sq_friend_by_token(struct store *s, int64_t owner, const char *token,
	    struct store_friend *f);
int		 sq_migrate(struct store *, struct strbuf *err);
/* The number of schema versions, and migration i (0-based) as SQL. */
int		 sq_schema_versions(void);
const char	*sq_schema_migration(int i);
int		 sq_load_key(struct store *, struct strbuf *err);
char		*sq_col_dup(sqlite3_stmt *, int col);
void		 sq_col_copy(sqlite3_stmt *, int col, char *dst, size_t size);
int		 sq_step_done(struct store *, sqlite3_stmt *);

/* Message and delivery functions, in sqlite_msg.c. */
int	sq_message_insert(struct store *, struct message *,
	    const int64_t *, size_t, const char *, int64_t *, struct strbuf *);
int	sq_message_get(struct store *, const char *, struct message *);
int	sq_message_get_id(struct store *, int64_t, struct message *);
int	sq_message_list(struct store *, int64_t, int, store_message_cb,
	    void *);
int	sq_message_settle(struct store *, int64_t, int *, struct strbuf *);
int	sq_message_set_status(struct store *, int64_t, int, const char *);
int	sq_delivery_list(struct store *, int64_t, store_delivery_cb, void *);
int	sq_delivery_pending(struct store *, store_delivery_cb, void *);
int sq_delivery_claim(struct store *, int, store_delivery_cb, void *);
int sq_lease(struct store *, int release);
int sq_rate_take(struct store *, const char *key, int64_t win, int64_t limit,
    int *taken);
int	sq_delivery_update(struct store *, int64_t, int, int, int64_t,
	    const char *);
int	sq_inbox_add(struct store *, int64_t, int64_t, int64_t, int64_t *);
/* The push outbox, in sqlite_push.c. */
int	sq_push_add(struct store *, int64_t, const int64_t *,
	    const int64_t *, size_t, int64_t, int *);
int	sq_push_recall(struct store *, int64_t, int64_t, int *);
int	sq_push_due(struct store *, int64_t, int, store_push_job_cb, void *);
int	sq_push_done(struct store *, const struct store_push_done *);
int	sq_push_wake(struct store *, int64_t, int64_t);
int	sq_push_verify(struct store *, const struct store_device *, int64_t);
int sq_push_test(struct store *, const struct store_device *, int64_t);
int	sq_push_list(struct store *, int64_t, store_push_cb, void *);
int	sq_push_last(struct store *, int64_t, struct store_push *);
/* Outbox retention, in sqlite_pushpurge.c. */
int	sq_push_purge(struct store *, struct store_push_purge *,
	    struct strbuf *);
int	sq_inbox_list(struct store *, int64_t, int64_t, int, int,
	    store_inbox_cb, void *);
int	sq_outbox_add(struct store *, const char *, const char *, int64_t);
int	sq_outbox_due(struct store *, int64_t, int, store_outbox_cb, void *);
int	sq_outbox_done(struct store *, int64_t, int, int, int64_t,
	    const char *);

/* WxPusher members of store_sqlite (sqlite_wx.c); see store.h. */
int	sq_wx_app_add(struct store *, int64_t, const char *, const char *,
	    struct store_wx_app *, struct strbuf *);
int	sq_wx_app_get(struct store *, int64_t, struct store_wx_app *);
int	sq_wx_app_by_token(struct store *, const char *,
	    struct store_wx_app *);
int	sq_wx_app_reset_token(struct store *, int64_t, struct store_wx_app *);
int	sq_wx_app_set(struct store *, int64_t, const char *, const char *);
int	sq_wx_app_list(struct store *, store_wx_app_cb, void *);
int	sq_wx_topic_add(struct store *, int64_t, const char *,
	    struct store_wx_topic *, struct strbuf *);
int	sq_wx_topic_get(struct store *, int64_t, struct store_wx_topic *);
int	sq_wx_follow_add(struct store *, struct store_wx_follow *);
int	sq_wx_follow_find(struct store *, int64_t, int64_t, int64_t,
	    struct store_wx_follow *);
int	sq_wx_follow_get(struct store *, int64_t, struct store_wx_follow *);
int	sq_wx_follow_remove(struct store *, int64_t);
int	sq_wx_follow_set_reject(struct store *, int64_t, int);
int	sq_wx_follow_set_pay(struct store *, int64_t, int64_t);
int	sq_wx_follow_list(struct store *, const struct store_wx_follow_filter *,
	    int64_t *, store_wx_follow_cb, void *);
int	sq_wx_followers(struct store *, int64_t, int64_t, int, int64_t,
	    int64_t **, size_t *);
int	sq_wx_message_set(struct store *, int64_t, int64_t, const char *,
	    const char *);
int	sq_wx_message_get(struct store *, int64_t, int from,
	    struct store_wx_msg *);
int	sq_wx_message_delete(struct store *, int64_t);
int	sq_wx_record_add(struct store *, struct store_wx_record *);
int	sq_wx_record_get(struct store *, int64_t, struct store_wx_record *);
int	sq_wx_delivery_add(struct store *, int64_t, int64_t, int64_t,
	    const char *, int, int64_t *);
int	sq_wx_daily_get(struct store *, int64_t, int64_t, int *);
int	sq_wx_daily_add(struct store *, int64_t, int64_t);
int	sq_wx_qrcode_add(struct store *, struct store_wx_qrcode *);
int	sq_wx_qrcode_get(struct store *, const char *,
	    struct store_wx_qrcode *);
int	sq_wx_topic_put(struct store *, const struct store_wx_topic *);
int	sq_wx_topic_delete(struct store *, int64_t);
int	sq_wx_product_put(struct store *, const struct store_wx_product *);
int	sq_wx_product_delete(struct store *, int64_t);
int	sq_wx_topic_list(struct store *, int64_t, store_wx_topic_cb, void *);
int	sq_wx_product_list(struct store *, int64_t, store_wx_product_cb,
	    void *);
int	sq_wx_qrcode_by_secret(struct store *, const char *,
	    struct store_wx_qrcode *);
int	sq_wx_qrcode_scanned(struct store *, int64_t, const char *);
int	sq_wx_qrcode_polled(struct store *, int64_t, int64_t);
int	sq_wx_product_add(struct store *, struct store_wx_product *);
int	sq_wx_product_get(struct store *, int64_t, struct store_wx_product *);
int	sq_wx_product_covers(struct store *, int64_t, int64_t, int *);
int	sq_wx_user_spt(struct store *, int64_t, char out[48]);
int	sq_wx_user_by_spt(struct store *, const char *, struct store_user *);

/* Bulk members (sqlite_bulk.c); see store.h. */
int	sq_delivery_add_many(struct store *, int64_t, const int64_t *,
	    const int64_t *, size_t, const char *, int, int64_t *);
int	sq_inbox_add_many(struct store *, int64_t, const int64_t *,
	    const int64_t *, size_t, int64_t *);
int	sq_wx_records_add(struct store *, struct store_wx_record *, size_t);
int	sq_wx_daily_add_many(struct store *, const int64_t *, size_t, int64_t);
int	sq_wx_daily_filter(struct store *, int64_t, int, int64_t *, size_t *);
int	sq_receiving_filter(struct store *, int64_t, int64_t *, size_t *);
int	sq_phone_filter(struct store *, int64_t *, size_t *);
int	sq_wx_uid_states(struct store *, int64_t, int64_t,
	    struct store_wx_uid *, size_t);

/* Retention purge (sqlite_wxpurge.c). */
int	sq_wx_purge(struct store *, struct store_wx_purge *, struct strbuf *);

#endif
