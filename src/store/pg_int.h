/*
 * pg_int.h: what the PostgreSQL backend's files share (sqlite_int.h's
 * counterpart): the connection struct, its statement handles and the
 * members of store_pg each file defines.
 *
 * "Migration N" in the comments of the pg*.c files is the SQLite
 * migration that brought a table or column (they are copied from the
 * sqlite*.c files); in PostgreSQL all of them are migration 1
 * (pg_schema.c).
 */
#ifndef FG_PG_INT_H
#define FG_PG_INT_H

#include <libpq-fe.h>

#include "store/store.h"
#include "util/shortcode.h"

/* Every statement the backend runs, prepared once per connection. */
enum pg_stmt {
	Q_BEGIN,
	Q_COMMIT,
	Q_ROLLBACK,
	Q_USER_ADD,
	Q_USER_BY_TOKEN,
	Q_USER_BY_UID,
	Q_USER_BY_ID,
	Q_USER_SET_CB,
	Q_USER_SET_TOKEN,
	Q_USER_SET_DISABLED,
	Q_USER_SET_LIMITS,
	Q_USER_LIST,
	Q_TOPIC_BY_CODE,
	Q_TOPIC_JOIN,
	Q_TOPIC_MEMBERS,
	Q_FRIEND_ADD,
	Q_FRIEND_BY_TOKEN,
	Q_MSG_INSERT,
	Q_DLV_INSERT,
	Q_MSG_BY_ID,
	Q_MSG_LIST,
	Q_MSG_LIST_ALL,
	Q_MSG_OPEN,
	Q_MSG_FIRST_ERR,
	Q_MSG_SET_STATUS,
	Q_DLV_LIST,
	Q_DLV_PENDING,
	Q_DLV_CLAIM,
	Q_DLV_UPDATE,
	Q_INBOX_ADD,
	Q_INBOX_ASC,
	Q_INBOX_DESC,
	Q_OUTBOX_ADD,
	Q_OUTBOX_DUE,
	Q_OUTBOX_DONE,
	Q_IDS_MSG,   /* ids ahead from the sequences (pg_ids.c) */
	Q_IDS_INBOX,
	Q_RATE_TAKE, /* pg_cluster.c */
	/* WxPusher (pg_wx.c, whose table pg_wx_sql[] holds their SQL) */
	Q_WX_FIRST,
	Q_WX_APP_ADD = Q_WX_FIRST,
	Q_WX_APP_GET,
	Q_WX_APP_BY_TOKEN,
	Q_WX_APP_RESET,
	Q_WX_APP_LIST,
	Q_WX_TOPIC_ADD,
	Q_WX_TOPIC_GET,
	Q_WX_FOLLOW_ADD,
	Q_WX_FOLLOW_FIND,
	Q_WX_FOLLOW_GET,
	Q_WX_FOLLOW_DEL,
	Q_WX_FOLLOW_REJECT,
	Q_WX_FOLLOW_PAY,
	Q_WX_FOLLOWERS,
	Q_WX_FOLLOW_LIST,
	Q_WX_FOLLOW_COUNT,
	Q_WX_MSG_SET,
	Q_WX_MSG_GET,
	Q_WX_MSG_FROM,
	Q_WX_MSG_DEL,
	Q_WX_REC_ADD,
	Q_WX_REC_GET,
	Q_WX_DLV_ADD,
	Q_WX_DAILY_GET,
	Q_WX_DAILY_ADD,
	Q_WX_QR_ADD,
	Q_WX_QR_GET,
	Q_WX_QR_BY_SECRET,
	Q_WX_QR_SCAN,
	Q_WX_QR_POLL,
	Q_WX_PROD_ADD,
	Q_WX_PROD_GET,
	Q_WX_PROD_FIND,
	Q_WX_SPT_GET,
	Q_WX_SPT_SET,
	Q_WX_USER_BY_SPT,
	/* Bulk statements over fg_rows (pg_bulk.c, pg_bulk_sql[]) */
	Q_BULK_FIRST,
	Q_BULK_DLV = Q_BULK_FIRST,
	Q_BULK_INBOX,
	Q_BULK_WX_REC,
	Q_BULK_WX_DAILY,
	Q_BULK_WX_UIDS,
	Q_BULK_WX_UNDER,
	Q_BULK_RECEIVING,
	Q_BULK_PHONE,
	Q_BULK_PUSH,
	Q_BULK_PUSH_ONE,
	Q_BULK_PUSH_ANY,
	Q__COUNT
};

/*
 * A PostgreSQL connection: the store head, then libpq's.  Statement
 * handles live here: q[] one per enum pg_stmt (prepared[] says which
 * the server has, as "qN"), once for pg_prep's one-off statements.
 */
struct pg_q {
	struct store *s;
	int idx; /* enum pg_stmt, -1: run once */
	const char *sql;
};

/* One NOTIFY payload: "m <node> " and up to PG_LIVE_ITEMS "id.user,". */
#define PG_LIVE_ITEMS 150
#define PG_LIVE_BYTES (PG_LIVE_ITEMS * 42 + 160) /* node ids < 128 */

/* Writes in one pipeline at most; ids taken ahead at once. */
#define PG_PIPE_MAX 256
#define PG_IDS_CHUNK 32
enum pg_ids_seq { PG_IDS_MSG, PG_IDS_DLV, PG_IDS_INBOX, PG_IDS__COUNT };

struct pg_store {
	struct store pub; /* first: what callers hold */
	PGconn *conn;
	struct pg_q q[Q__COUNT];
	unsigned char prepared[Q__COUNT];
	struct pg_q once;
	int64_t changes; /* rows the last statement changed */
	char error[256]; /* the last statement's error */
	int in_tx;	 /* between pg_begin and commit/rollback */
	/* live events of this transaction (pg_live.c) */
	int inbox_locked; /* holds the inbox order lock */
	int live_n;	  /* inbox items in live[], not yet notified */
	size_t live_len;
	char live[PG_LIVE_BYTES];
	uint8_t code_key[SHORTCODE_KEY_LEN]; /* shortCode key */
	/* the writer's pipeline (pg_pipe.c): writes sent, not yet read */
	int piped;
	int *piped_changed[PG_PIPE_MAX];
	/* ids ahead for this transaction (pg_ids.c) */
	struct pg_idcache {
		int n, next;
		int64_t v[PG_IDS_CHUNK];
	} ids[PG_IDS__COUNT];
};

#define PG(s) ((struct pg_store *)(s))

/*
 * The writer's pipeline (pg_pipe.c).  pg_defer() sends a write whose
 * result the caller does not wait for; pg_pipe_drain() reads them all
 * (one round trip), before any other statement and at COMMIT.
 */
int pg_pipe_drain(struct store *);
void pg_pipe_add(struct store *, int *changed);

/*
 * Ids taken ahead from the sequences (pg_ids.c), so a hot insert names
 * its row's id and need not wait for RETURNING: PG_IDS_MSG gives a
 * message id and a delivery id, PG_IDS_INBOX an inbox id (taken under
 * the inbox order lock).  Forgotten at every transaction's end.
 */
int pg_ids_take(struct store *, enum pg_ids_seq, int64_t *id);
void pg_ids_reset(struct store *);

extern const char *const pg_sql[Q_WX_FIRST]; /* pg_sql.c */
extern const char *const pg_wx_sql[Q_BULK_FIRST - Q_WX_FIRST];
extern const char *const pg_bulk_sql[Q__COUNT - Q_BULK_FIRST];

/*
 * A row source for the bulk statements (pg_bulk.c), the fg_rows of the
 * SQLite backend: n rows whose columns c0..c3 are read from caller
 * memory, each at base + row * stride.  Bound with the format p, it
 * goes to the server as one jsonb array of objects {"i": row, "c0":
 * ..}, which the SQL reads with PG_ROWS.
 */
#define PG_ROWS_COLS 4
enum pg_col_type {
	PG_COL_I64, /* int64_t */
	PG_COL_INT, /* int */
	PG_COL_STR, /* char array (NUL-terminated) in place */
	PG_COL_PTR  /* const char * (NULL reads as "") */
};
struct pg_col {
	const void *base; /* NULL: the column reads as NULL */
	size_t stride;
	int type; /* enum pg_col_type */
};
struct pg_rows {
	size_t n;
	struct pg_col col[PG_ROWS_COLS];
};

/* The rows of parameter p as a table r(i, c0, c1, c2, c3): cols typed */
#define PG_ROWS(p, cols) \
	"jsonb_to_recordset(" p "::jsonb) AS r(i bigint, " cols ")"

void pg_rows_col(struct pg_rows *, int col, int type, const void *base,
    size_t stride);

/*
 * Make a connection the server dropped again (0), only between
 * transactions: inside one, FG_ESTORE until the caller rolls back.
 */
int pg_reconnect(struct store *);

/* The handle of statement q (prepared on first use). */
struct pg_q *pg_stmt(struct store *, enum pg_stmt);

/*
 * This process's node id (16 hex digits, random at start): every
 * connection sets it as feige.node, the live NOTIFY payloads carry it
 * (pg_live.c skips its own).
 */
#define PG_NODE_LEN 16
const char *pg_node_id(void);

/* The live listener (pg_live.c) and the cluster ops (pg_cluster.c). */
struct store_live;
struct store_live_cb;
int pg_live_start(const char *url, const struct store_live_cb *,
    struct store_live **, struct strbuf *);
extern const struct cluster_ops pg_cluster;
/* spool.h rate_take, on the writer's connection (pg_cluster.c) */
int pg_rate_take(struct store *, const char *key, int64_t win, int64_t limit,
    int *taken);
/*
 * The writer's side of live events (pg_live.c): before inbox rows are
 * inserted, take the inbox order lock (pg_live_lock); after, note their
 * ids (pg_live_note), which go out as NOTIFY in the same transaction
 * (at once in autocommit); pg_live_flush before COMMIT, pg_live_reset
 * at BEGIN and ROLLBACK.
 */
int pg_live_lock(struct store *);
int pg_live_note(struct store *, const int64_t *ids, const int64_t *users,
    size_t n);
int pg_live_flush(struct store *);
void pg_live_reset(struct store *);

/*
 * pg_conn.c: a connection and its session (the bottom of the backend);
 * pg_open (pg_schema.c) adds the schema and the key.
 */
int pg_connect(struct store **out, const char *url, struct strbuf *err);
int pg_plain(struct store *s, const char *sql, const char *want);
int pg_open(struct store **out, const char *path, int sync_full,
    struct strbuf *err);
void pg_close(struct store *s);

/* pg.c: transactions, users, pushplus groups and friends */
int pg_begin(struct store *s);
int pg_commit(struct store *s, struct strbuf *err);
void pg_rollback(struct store *s);
int pg_checkpoint(struct store *s, int full);
int pg_probe(struct store *s);
int pg_user_add(struct store *s, const char *name, int is_admin,
    struct store_user *u, struct strbuf *err);
int pg_user_get(struct store *s, const char *by, const char *key,
    struct store_user *u);
int pg_user_get_id(struct store *s, int64_t id, struct store_user *u);
int pg_user_list(struct store *s, store_user_cb cb, void *arg);
int pg_backup(struct store *, const char *path, struct strbuf *err);
int pg_user_set_callback(struct store *s, int64_t id, const char *url);
int pg_user_set_disabled(struct store *s, int64_t id, int disabled);
int pg_user_set_limits(struct store *s, int64_t id, int daily, int rate);
int pg_user_reset_token(struct store *s, int64_t id, struct store_user *u);
int pg_topic_find(struct store *s, int64_t owner, int64_t member,
    const char *code, struct store_group *t);
int pg_topic_join(struct store *s, int64_t topic, int64_t user, int64_t *mid,
    struct strbuf *err);
int pg_topic_members(struct store *s, int64_t topic, int64_t **ids, size_t *n);
int pg_friend_add(struct store *s, int64_t owner, int64_t friend_id,
    struct store_friend *f, struct strbuf *err);
int pg_friend_by_token(struct store *s, int64_t owner, const char *token,
    struct store_friend *f);
int pg_migrate(struct store *, struct strbuf *err);
/* The number of schema versions, and migration i (0-based) as SQL. */
int pg_schema_versions(void);
const char *pg_schema_migration(int i);
int pg_load_key(struct store *, struct strbuf *err);
/* Whether the database at url has the schema (store_dir_has_data). */
int pg_has_schema(const char *url);
/* The bytes of the database at url (store_dir_sizes). */
int64_t pg_database_bytes(const char *url);

/* Message and delivery functions, in pg_msg.c. */
int pg_message_insert(struct store *, struct message *, const int64_t *,
    size_t, const char *, int64_t *, struct strbuf *);
int pg_message_get(struct store *, const char *, struct message *);
int pg_message_get_id(struct store *, int64_t, struct message *);
int pg_message_list(struct store *, int64_t, int, store_message_cb, void *);
int pg_message_settle(struct store *, int64_t, int *, struct strbuf *);
int pg_message_set_status(struct store *, int64_t, int, const char *);
int pg_delivery_list(struct store *, int64_t, store_delivery_cb, void *);
int pg_delivery_pending(struct store *, store_delivery_cb, void *);
int pg_delivery_claim(struct store *, int, store_delivery_cb, void *);
/* Claims and leases, retention's turn (pg_lease.c). */
int pg_lease(struct store *, int release);
int pg_purge_turn(struct store *);
int pg_delivery_update(struct store *, int64_t, int, int, int64_t,
    const char *);
int pg_inbox_add(struct store *, int64_t, int64_t, int64_t, int64_t *);
/* The push outbox, in pg_push.c. */
int pg_push_add(struct store *, int64_t, const int64_t *, const int64_t *,
    size_t, int64_t, int *);
int pg_push_recall(struct store *, int64_t, int64_t, int *);
int pg_push_due(struct store *, int64_t, int, store_push_job_cb, void *);
int pg_push_done(struct store *, const struct store_push_done *);
int pg_push_wake(struct store *, int64_t, int64_t);
int pg_push_verify(struct store *, const struct store_device *, int64_t);
int pg_push_test(struct store *, const struct store_device *, int64_t);
int pg_push_list(struct store *, int64_t, store_push_cb, void *);
int pg_push_last(struct store *, int64_t, struct store_push *);
int pg_inbox_list(struct store *, int64_t, int64_t, int, int, store_inbox_cb,
    void *);
int pg_outbox_add(struct store *, const char *, const char *, int64_t);
int pg_outbox_due(struct store *, int64_t, int, store_outbox_cb, void *);
int pg_outbox_done(struct store *, int64_t, int, int, int64_t, const char *);

/* WxPusher members of store_pg (pg_wx.c); see store.h. */
int pg_wx_app_add(struct store *, int64_t, const char *, const char *,
    struct store_wx_app *, struct strbuf *);
int pg_wx_app_get(struct store *, int64_t, struct store_wx_app *);
int pg_wx_app_by_token(struct store *, const char *, struct store_wx_app *);
int pg_wx_app_reset_token(struct store *, int64_t, struct store_wx_app *);
int pg_wx_app_set(struct store *, int64_t, const char *, const char *);
int pg_wx_app_list(struct store *, store_wx_app_cb, void *);
int pg_wx_topic_add(struct store *, int64_t, const char *,
    struct store_wx_topic *, struct strbuf *);
int pg_wx_topic_get(struct store *, int64_t, struct store_wx_topic *);
int pg_wx_follow_add(struct store *, struct store_wx_follow *);
int pg_wx_follow_find(struct store *, int64_t, int64_t, int64_t,
    struct store_wx_follow *);
int pg_wx_follow_get(struct store *, int64_t, struct store_wx_follow *);
int pg_wx_follow_remove(struct store *, int64_t);
int pg_wx_follow_set_reject(struct store *, int64_t, int);
int pg_wx_follow_set_pay(struct store *, int64_t, int64_t);
int pg_wx_follow_list(struct store *, const struct store_wx_follow_filter *,
    int64_t *, store_wx_follow_cb, void *);
int pg_wx_followers(struct store *, int64_t, int64_t, int, int64_t, int64_t **,
    size_t *);
int pg_wx_message_set(struct store *, int64_t, int64_t, const char *,
    const char *);
int pg_wx_message_get(struct store *, int64_t, int from,
    struct store_wx_msg *);
int pg_wx_message_delete(struct store *, int64_t);
int pg_wx_record_add(struct store *, struct store_wx_record *);
int pg_wx_record_get(struct store *, int64_t, struct store_wx_record *);
int pg_wx_delivery_add(struct store *, int64_t, int64_t, int64_t, const char *,
    int, int64_t *);
int pg_wx_daily_get(struct store *, int64_t, int64_t, int *);
int pg_wx_daily_add(struct store *, int64_t, int64_t);
int pg_wx_qrcode_add(struct store *, struct store_wx_qrcode *);
int pg_wx_qrcode_get(struct store *, const char *, struct store_wx_qrcode *);
int pg_wx_topic_put(struct store *, const struct store_wx_topic *);
int pg_wx_topic_delete(struct store *, int64_t);
int pg_wx_product_put(struct store *, const struct store_wx_product *);
int pg_wx_product_delete(struct store *, int64_t);
int pg_wx_topic_list(struct store *, int64_t, store_wx_topic_cb, void *);
int pg_wx_product_list(struct store *, int64_t, store_wx_product_cb, void *);
int pg_wx_qrcode_by_secret(struct store *, const char *,
    struct store_wx_qrcode *);
int pg_wx_qrcode_scanned(struct store *, int64_t, const char *);
int pg_wx_qrcode_polled(struct store *, int64_t, int64_t);
int pg_wx_product_add(struct store *, struct store_wx_product *);
int pg_wx_product_get(struct store *, int64_t, struct store_wx_product *);
int pg_wx_product_covers(struct store *, int64_t, int64_t, int *);
int pg_wx_user_spt(struct store *, int64_t, char out[48]);
int pg_wx_user_by_spt(struct store *, const char *, struct store_user *);

/* Bulk members (pg_bulk.c); see store.h. */
int pg_delivery_add_many(struct store *, int64_t, const int64_t *,
    const int64_t *, size_t, const char *, int, int64_t *);
int pg_inbox_add_many(struct store *, int64_t, const int64_t *,
    const int64_t *, size_t, int64_t *);
int pg_wx_records_add(struct store *, struct store_wx_record *, size_t);
int pg_wx_daily_add_many(struct store *, const int64_t *, size_t, int64_t);
int pg_wx_daily_filter(struct store *, int64_t, int, int64_t *, size_t *);
int pg_receiving_filter(struct store *, int64_t, int64_t *, size_t *);
int pg_phone_filter(struct store *, int64_t *, size_t *);
int pg_wx_uid_states(struct store *, int64_t, int64_t, struct store_wx_uid *,
    size_t);

/* Retention purge (pg_wxpurge.c). */
int pg_wx_purge(struct store *, struct store_wx_purge *, struct strbuf *);

/* The open API (pg_open*.c), as in sqlite_open_int.h (images, devices
 * and user defaults are twin_*.c, twin_tables.h). */
int po_settings_get(struct store *, int64_t user,
    struct store_open_settings *out);
int po_settings_put(struct store *, const struct store_open_settings *);
int po_key_add(struct store *, int64_t user, const char *key_hash,
    int64_t now_ms, int64_t expires_ms, int64_t overlap_ms);
int po_key_revoke(struct store *, int64_t user);
int po_key_list(struct store *, int64_t user, int64_t now_ms,
    store_open_key_cb, void *);
int po_key_delete(struct store *, int64_t user, int64_t id);
int po_key_user(struct store *, const char *key_hash, int64_t now_ms,
    int64_t *user);
int po_token_add(struct store *, struct store_msg_token *t);
int po_token_get(struct store *, int64_t id, struct store_msg_token *out);
int po_token_edit(struct store *, int64_t id, const char *name,
    int64_t expire_ms);
int po_token_delete(struct store *, int64_t id);
int po_token_list(struct store *, int64_t user, int offset, int limit,
    int64_t *total, store_msg_token_cb, void *);
int po_token_user(struct store *, const char *token, int64_t now_ms,
    struct store_user *out);
int po_msg_list(struct store *, int64_t user, int offset, int limit,
    int64_t *total, store_open_msg_cb, void *);
int po_send_count(struct store *, int64_t user, int64_t since_ms, int *wechat,
    int *cp, int *webhook, int *mail);

int pgo_topic_add(struct store *, struct store_group *, struct strbuf *);
int pgo_topic_get(struct store *, int64_t, struct store_group *);
int pgo_topic_put(struct store *, const struct store_group *, struct strbuf *);
int pgo_topic_delete(struct store *, int64_t);
int pgo_topic_list(struct store *, int64_t, int, int, int, int64_t *,
    store_group_cb, void *);
int pgo_member_find(struct store *, int64_t, int64_t,
    struct store_open_person *);
int pgo_member_get(struct store *, int64_t, struct store_open_person *);
int pgo_member_list(struct store *, int64_t, int, int, int64_t *,
    store_open_person_cb, void *);
int pgo_member_delete(struct store *, int64_t);
int pgo_friend_get(struct store *, int64_t, struct store_open_person *);
int pgo_friend_find(struct store *, int64_t, int64_t,
    struct store_open_person *);
int pgo_friend_list(struct store *, int64_t, int, int, int64_t *,
    store_open_person_cb, void *);
int pgo_friend_delete(struct store *, int64_t);
int pgo_remark(struct store *, int member, int64_t, const char *);
int pgo_join_add(struct store *, const struct store_open_join *);
int pgo_join_get(struct store *, const char *, struct store_open_join *);
int pgo_join_scan(struct store *, const char *);

/* pg_pushpurge.c: outbox retention */
int pg_push_purge(struct store *, struct store_push_purge *, struct strbuf *);

#endif
