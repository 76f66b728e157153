/*
 * store.h: the storage interface (a const vtable, one file per backend,
 * as smtpd's queue_backend and curl's vtls).  SQLite (sqlite.c) is the
 * embedded default; PostgreSQL comes later as a second implementation of
 * the same table.
 *
 * A struct store is one connection.  It is used by one thread at a time:
 * the server opens one for the writer thread (all writes go through it,
 * batched into group commits, see queue/writer.c), and one per reader
 * thread.  The CLI opens its own and writes directly; SQLite's locking
 * and busy timeout make that safe next to a running server.
 *
 * Every call returns 0 or a negative enum fg_err; lookups return
 * FG_ENOENT when nothing matches.  Detail goes to `err` where given.
 * Strings in result structs are either fixed arrays or heap copies the
 * caller frees with the matching *_release().
 */
#ifndef FG_STORE_H
#define FG_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/limits.h"
#include "core/message.h"
#include "store/store_chan.h"
#include "store/store_wx.h"
#include "store/store_open.h"

struct strbuf;
struct store;

#define STORE_NAME_MAX	LIM_NAME_BYTES

struct store_user {
	int64_t	id;
	char	uid[40];
	char	token[40];
	char	name[STORE_NAME_MAX + 1];
	char	callback_url[LIM_PP_URL_BYTES + 1];	/* "" = none */
	int	is_admin;
	int64_t	created_ms;
};

struct store_topic {
	int64_t	id;
	int64_t	owner_id;
	char	code[STORE_NAME_MAX + 1];
	char	name[STORE_NAME_MAX + 1];
	int64_t	created_ms;
};

struct store_friend {
	int64_t	id;
	int64_t	owner_id;
	int64_t	friend_id;		/* the friend's user id */
	char	token[40];
	int64_t	created_ms;
};


struct store_delivery {
	int64_t	id;
	int64_t	message_id;
	int64_t	user_id;
	char	uid[40];
	char	channel[32];
	int	status;
	int	attempts;
	int64_t	next_ms;
	char	error[512];
};

struct store_inbox_item {
	int64_t			 id;
	struct message	 msg;	/* borrowed during the callback */
};

struct store_outbox {
	int64_t	 id;
	char	*url;			/* heap */
	char	*body;			/* heap */
	int	 attempts;
};

typedef int (*store_user_cb)(void *, const struct store_user *);
typedef int (*store_message_cb)(void *, const struct message *);
typedef int (*store_delivery_cb)(void *, const struct store_delivery *);
typedef int (*store_inbox_cb)(void *, const struct store_inbox_item *);
typedef int (*store_outbox_cb)(void *, const struct store_outbox *);

struct store_backend {
	const char	*name;
	int	(*open)(struct store **, const char *dsn, int sync_full,
		    struct strbuf *err);
	void	(*close)(struct store *);
	int	(*begin)(struct store *);
	int	(*commit)(struct store *, struct strbuf *err);
	void	(*rollback)(struct store *);
	/*
	 * Copy committed WAL content into the database and let the WAL
	 * start over (briefly waits for a commit in progress); full also
	 * truncates the WAL file (at shutdown).
	 */
	int	(*checkpoint)(struct store *, int full);

	int	(*user_add)(struct store *, const char *name, int is_admin,
		    struct store_user *out, struct strbuf *err);
	int	(*user_get)(struct store *, const char *by, const char *key,
		    struct store_user *out);	/* by: token, uid */
	int	(*user_get_id)(struct store *, int64_t, struct store_user *);
	int	(*user_set_callback)(struct store *, int64_t id,
		    const char *url);
	int	(*user_list)(struct store *, store_user_cb, void *);

	int	(*topic_add)(struct store *, int64_t owner, const char *code,
		    const char *name, struct store_topic *out,
		    struct strbuf *err);
	int	(*topic_by_code)(struct store *, const char *code,
		    struct store_topic *out);
	int	(*topic_join)(struct store *, int64_t topic, int64_t user,
		    int64_t *member_id, struct strbuf *err);
	/* Member user ids, appended to *ids (heap, caller frees). */
	int	(*topic_members)(struct store *, int64_t topic, int64_t **ids,
		    size_t *n);

	int	(*friend_add)(struct store *, int64_t owner, int64_t friend_uid,
		    struct store_friend *out, struct strbuf *err);
	int	(*friend_by_token)(struct store *, int64_t owner,
		    const char *token, struct store_friend *out);

	/*
	 * Insert m (assigns m->id) and one delivery per user id, all with
	 * m->status and m->error; delivery ids are written to dids[n].
	 */
	int	(*message_insert)(struct store *, struct message *m,
		    const int64_t *users, size_t n, const char *channel,
		    int64_t *dids, struct strbuf *err);
	int	(*message_get)(struct store *, const char *short_code,
		    struct message *out);
	int	(*message_get_id)(struct store *, int64_t id,
		    struct message *out);
	int	(*message_list)(struct store *, int64_t sender, int limit,
		    store_message_cb, void *);
	/*
	 * If every delivery of the message is final, set its status (2, or
	 * 3 with the first error if any failed) and return 1; else 0.
	 */
	int	(*message_settle)(struct store *, int64_t id, int *status,
		    struct strbuf *error);
	int	(*message_set_status)(struct store *, int64_t id, int status,
		    const char *error);

	int	(*delivery_list)(struct store *, int64_t message,
		    store_delivery_cb, void *);
	int	(*delivery_pending)(struct store *, store_delivery_cb, void *);
	int	(*delivery_update)(struct store *, int64_t id, int status,
		    int attempts, int64_t next_ms, const char *error);

	int	(*inbox_add)(struct store *, int64_t user, int64_t message,
		    int64_t delivery, int64_t *inbox_id);
	/*
	 * Bulk forms, one statement however many rows.  delivery_add_many:
	 * one delivery of the message per user (users distinct), tied to
	 * records[i] (NULL: none), ids to dids[n].  inbox_add_many: the
	 * items (users[i], dids[i]), ids to inbox_ids[n].
	 */
	int	(*delivery_add_many)(struct store *, int64_t message,
		    const int64_t *users, const int64_t *records, size_t n,
		    const char *channel, int status, int64_t *dids);
	int	(*inbox_add_many)(struct store *, int64_t message,
		    const int64_t *users, const int64_t *dids, size_t n,
		    int64_t *inbox_ids);
	/* Items with id > since (newest first if desc), at most limit. */
	int	(*inbox_list)(struct store *, int64_t user, int64_t since,
		    int limit, int desc, store_inbox_cb, void *);

	int	(*outbox_add)(struct store *, const char *url,
		    const char *body, int64_t due_ms);
	int	(*outbox_due)(struct store *, int64_t now_ms, int limit,
		    store_outbox_cb, void *);
	int	(*outbox_done)(struct store *, int64_t id, int ok,
		    int attempts, int64_t next_ms, const char *error);

	/*
	 * WxPusher (store_wx.h, sqlite_wx.c).  Apps: add creates the
	 * AT_ token and AK_ key; reset_token replaces the token at once;
	 * set changes one text field by name (callback_url, settings_url,
	 * follow_tip, description, contact, name).
	 */
	int	(*wx_app_add)(struct store *, int64_t owner, const char *name,
		    const char *callback_url, struct store_wx_app *out,
		    struct strbuf *err);
	int	(*wx_app_get)(struct store *, int64_t id,
		    struct store_wx_app *out);
	int	(*wx_app_by_token)(struct store *, const char *token,
		    struct store_wx_app *out);
	int	(*wx_app_reset_token)(struct store *, int64_t id,
		    struct store_wx_app *out);
	int	(*wx_app_set)(struct store *, int64_t id, const char *field,
		    const char *value);
	int	(*wx_app_list)(struct store *, store_wx_app_cb, void *);
	int	(*wx_topic_add)(struct store *, int64_t app, const char *name,
		    struct store_wx_topic *out, struct strbuf *err);
	int	(*wx_topic_get)(struct store *, int64_t id,
		    struct store_wx_topic *out);

	/* Follows: add fails with FG_EEXIST when the follow exists. */
	int	(*wx_follow_add)(struct store *, struct store_wx_follow *f);
	int	(*wx_follow_find)(struct store *, int64_t user, int64_t app,
		    int64_t topic, struct store_wx_follow *out);
	int	(*wx_follow_get)(struct store *, int64_t id,
		    struct store_wx_follow *out);
	int	(*wx_follow_remove)(struct store *, int64_t id);
	int	(*wx_follow_set_reject)(struct store *, int64_t id, int reject);
	int	(*wx_follow_set_pay)(struct store *, int64_t id,
		    int64_t pay_end_ms);
	/* Matching follows in id order; *total counts them all. */
	int	(*wx_follow_list)(struct store *,
		    const struct store_wx_follow_filter *, int64_t *total,
		    store_wx_follow_cb, void *);
	/*
	 * User ids of the non-blocked followers (heap, caller frees); for
	 * a topic, people whose app follow is blocked are left out too.
	 */
	int	(*wx_followers)(struct store *, int64_t app, int64_t topic,
		    int pay, int64_t now_ms, int64_t **ids, size_t *n);

	/*
	 * Sends: the WxPusher columns of a message inserted with
	 * message_insert(), one record per target, one delivery per
	 * recipient tied to its record.
	 */
	int	(*wx_message_set)(struct store *, int64_t id, int64_t app,
		    const char *summary, const char *url);
	int	(*wx_message_get)(struct store *, int64_t id,
		    struct store_wx_msg *out);
	int	(*wx_message_delete)(struct store *, int64_t id);
	int	(*wx_record_add)(struct store *, struct store_wx_record *r);
	int	(*wx_record_get)(struct store *, int64_t id,
		    struct store_wx_record *out);
	int	(*wx_delivery_add)(struct store *, int64_t message,
		    int64_t user, int64_t record, const char *channel,
		    int status, int64_t *did);
	/* Messages counted against a user on a day (UTC+8 day number). */
	int	(*wx_daily_get)(struct store *, int64_t user, int64_t day,
		    int *n);
	int	(*wx_daily_add)(struct store *, int64_t user, int64_t day);
	/*
	 * Bulk forms for sends to many targets.  wx_records_add: n records
	 * of one message (message_id, app_id and created_ms of r[0] apply
	 * to all), ids to r[i].id.  wx_daily_add_many: count one message
	 * for each user.  wx_daily_filter: keep in ids[*n], in order, the
	 * users under max messages on the day.  wx_uid_states: each uid's
	 * person, follow of the app and count on the day, in one lookup.
	 */
	int	(*wx_records_add)(struct store *, struct store_wx_record *r,
		    size_t n);
	int	(*wx_daily_add_many)(struct store *, const int64_t *users,
		    size_t n, int64_t day);
	int	(*wx_daily_filter)(struct store *, int64_t day, int max,
		    int64_t *ids, size_t *n);
	int	(*wx_uid_states)(struct store *, int64_t app, int64_t day,
		    struct store_wx_uid *uids, size_t n);

	/* Parametric QR codes. */
	int	(*wx_qrcode_add)(struct store *, struct store_wx_qrcode *q);
	int	(*wx_qrcode_get)(struct store *, const char *code,
		    struct store_wx_qrcode *out);
	int	(*wx_qrcode_scanned)(struct store *, int64_t id,
		    const char *uid);
	int	(*wx_qrcode_polled)(struct store *, int64_t id, int64_t now_ms);

	/* Message products and personal SPT tokens. */
	int	(*wx_product_add)(struct store *, struct store_wx_product *p);
	int	(*wx_product_get)(struct store *, int64_t id,
		    struct store_wx_product *out);
	/* *yes = 1 when a product covers the app (topic 0) or topic. */
	int	(*wx_product_covers)(struct store *, int64_t app, int64_t topic,
		    int *yes);
	/* The user's SPT, created on first use (out: "SPT_…"). */
	int	(*wx_user_spt)(struct store *, int64_t user, char out[48]);
	int	(*wx_user_by_spt)(struct store *, const char *spt,
		    struct store_user *out);

	/*
	 * Retention (struct store_wx_purge, store_wx.h): delete at most
	 * p->limit rows of send bookkeeping past its cut-offs: the oldest
	 * records and the deliveries tied to them (deliveries first, so a
	 * record never outlives them), expired QR codes, old daily
	 * counters.  Messages and inbox rows are kept.  Writer only.
	 */
	int	(*wx_purge)(struct store *, struct store_wx_purge *p,
		    struct strbuf *err);

	/*
	 * Channel configurations (store_chan.h, sqlite_chan.c).  chan_add
	 * sets c->id and c->created_ms; FG_EEXIST when the owner already
	 * has that code for the kind.  chan_list: the owner's rows of a
	 * kind in id order.  msg_chan_set/get: the config (and cp's `to`)
	 * a message was accepted with, written inside its transaction.
	 * user_email_set/get: a user's e-mail address ("" = none).
	 */
	int	(*chan_add)(struct store *, struct store_chan *c,
		    struct strbuf *err);
	int	(*chan_get)(struct store *, int64_t id, struct store_chan *out);
	int	(*chan_by_code)(struct store *, int64_t owner, int kind,
		    const char *code, struct store_chan *out);
	int	(*chan_list)(struct store *, int64_t owner, int kind,
		    store_chan_cb, void *);
	/*
	 * chan_update: replace the fields of row c->id, which must belong
	 * to c->owner_id and be of kind c->kind (else FG_ENOENT; FG_EEXIST
	 * on a code clash).  chan_delete: remove the owner's row id.
	 * Messages accepted with a deleted config fail their next attempt.
	 */
	int	(*chan_update)(struct store *, const struct store_chan *c,
		    struct strbuf *err);
	int	(*chan_delete)(struct store *, int64_t owner, int64_t id);
	int	(*msg_chan_set)(struct store *, const struct store_msg_chan *);
	int	(*msg_chan_get)(struct store *, int64_t message,
		    struct store_msg_chan *out);
	int	(*user_email_set)(struct store *, int64_t user,
		    const char *email);
	int	(*user_email_get)(struct store *, int64_t user,
		    char out[STORE_EMAIL_MAX + 1]);
	/* pushplus open API (store_open.h, sqlite_open.c) */
	const struct store_open_ops *oapi;
};

extern const struct store_backend store_sqlite;

/* The backend for a name ("sqlite"), or NULL. */
const struct store_backend	*store_backend_lookup(const char *name);

/* The backend store_open_dir() opens. */
const struct store_backend	*store_default(void);

/* Open the default store in data_dir (creates the dir). */
int	store_open_dir(const char *data_dir, int sync_full,
	    struct store **out, const struct store_backend **be,
	    struct strbuf *err);

#endif
