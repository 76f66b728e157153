/*
 * spool.h: the half of the store that holds what moves (the OpenSMTPD
 * queue_backend and scheduler_backend in one): messages as accepted,
 * their deliveries and retries, inbox items, the callback outbox, the
 * WxPusher send records and daily counters, and the channel config a
 * message was accepted with.  Rows here are written once at accept,
 * updated as deliveries finish, and purged by age.
 *
 * Everything a user owns and edits lives in the directory (dir.h);
 * opening, transactions and checkpoints are the connection's (store.h).
 * A backend fills one struct spool_ops; callers use the spool_*()
 * wrappers below, never the table, so tracing or a second backend need
 * no caller to change.  Same rules as store.h: one thread per
 * connection, 0 or a negative enum fg_err, FG_ENOENT for no match.
 */
#ifndef FG_STORE_SPOOL_H
#define FG_STORE_SPOOL_H

#include "store/store.h"
#include "store/store_admin.h"
#include "store/store_push.h"

/* The kinds of rows get reaches by id, with the struct of out. */
enum spool_kind {
	SPOOL_MESSAGE,		/* struct message, strings on the heap */
	SPOOL_WX_MESSAGE,	/* struct store_wx_msg (no app_name, topics) */
	SPOOL_WX_RECORD,	/* struct store_wx_record, with its status */
	SPOOL_WX_MESSAGE_FROM,	/* struct store_wx_msg with its sender */
};

struct spool_ops {
	/*
	 * A row by kind (enum spool_kind) and id into out, the kind's
	 * struct; FG_ENOENT when there is none.  Callers use the typed
	 * spool_*_get() wrappers below.
	 */
	int	(*get)(struct store *, enum spool_kind, int64_t id, void *out);
	/*
	 * Insert m (assigns m->id) and one delivery per user id, all with
	 * m->status and m->error; delivery ids are written to dids[n].
	 */
	int	(*message_insert)(struct store *, struct message *m,
		    const int64_t *users, size_t n, const char *channel,
		    int64_t *dids, struct strbuf *err);
	int	(*message_get)(struct store *, const char *short_code,
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
	/*
	 * Several nodes on one database (PostgreSQL, pg_lease.c).
	 * delivery_pending claims what it returns for this node, and only
	 * what nobody holds; delivery_claim is the same, at most limit
	 * rows, for the queue's sweep (a dead node's deliveries).  lease:
	 * renew every claim this node holds, or (release) let them go.
	 * SQLite is one node: pending returns every open delivery, claim
	 * none, lease does nothing.
	 */
	int (*delivery_claim)(struct store *, int limit, store_delivery_cb,
	    void *);
	int (*lease)(struct store *, int release);
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
	/*
	 * outbox_add_for: outbox_add() of a row that names its owner and
	 * event (a join callback).  outbox_list: the owner's rows of one
	 * event, newest first, at most limit (store_callback).
	 */
	int (*outbox_add_for)(struct store *, int64_t user, const char *event,
	    const char *url, const char *body, int64_t now_ms);
	int (*outbox_list)(struct store *, int64_t user, const char *event,
	    int limit, store_callback_cb, void *);
	int	(*outbox_done)(struct store *, int64_t id, int ok,
		    int attempts, int64_t next_ms, const char *error);
	/*
	 * Sends: the WxPusher columns of a message inserted with
	 * message_insert(), one record per target, one delivery per
	 * recipient tied to its record.
	 */
	int	(*wx_message_set)(struct store *, int64_t id, int64_t app,
		    const char *summary, const char *url);
	int	(*wx_message_delete)(struct store *, int64_t id);
	int	(*wx_record_add)(struct store *, struct store_wx_record *r);
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
	 * users under their limit on the day (their own, users.daily_limit,
	 * else max; 0 unlimited).  wx_uid_states: each uid's person, follow
	 * of the app, count on the day and own limit, in one lookup.
	 */
	int	(*wx_records_add)(struct store *, struct store_wx_record *r,
		    size_t n);
	int	(*wx_daily_add_many)(struct store *, const int64_t *users,
		    size_t n, int64_t day);
	int	(*wx_daily_filter)(struct store *, int64_t day, int max,
		    int64_t *ids, size_t *n);
	/*
	 * Retention (struct store_wx_purge, store_wx.h): delete at most
	 * p->limit rows of send bookkeeping past its cut-offs: the oldest
	 * records and the deliveries tied to them (deliveries first, so a
	 * record never outlives them), expired QR codes, old daily
	 * counters.  Messages and inbox rows are kept.  Writer only.
	 */
	int	(*wx_purge)(struct store *, struct store_wx_purge *p,
		    struct strbuf *err);
	int	(*msg_chan_set)(struct store *, const struct store_msg_chan *);
	int	(*msg_chan_get)(struct store *, int64_t message,
		    struct store_msg_chan *out);
	/* One page of the user's sent messages, newest first. */
	int	(*msg_list)(struct store *, int64_t user, int offset,
		    int limit, int64_t *total, store_open_msg_cb, void *);
	/* Messages the user sent since since_ms, per channel. */
	int	(*send_count)(struct store *, int64_t user, int64_t since_ms,
		    int *wechat, int *cp, int *webhook, int *mail);
	/*
	 * The push outbox (store_push.h).  push_add: a pending push to
	 * every active device of users[i] for inbox item inbox_ids[i] of
	 * the message, *added 1 when there was any; writer, in the
	 * transaction of the inbox items.  push_recall: a recall push to
	 * each device a push of the message went (or was to go) to, and
	 * the message's unsent pushes failed.  push_due: pending rows due
	 * at now_ms with their device, oldest due first, at most limit.
	 * push_done: record a verdict (and delete a gone device).
	 * push_wake: a device's waiting pushes due now.  push_list: the
	 * pushes of a message; push_last: a device's last settled push
	 * (FG_ENOENT when none).
	 */
	int	(*push_add)(struct store *, int64_t message,
		    const int64_t *users, const int64_t *inbox_ids, size_t n,
		    int64_t now_ms, int *added);
	int	(*push_recall)(struct store *, int64_t message, int64_t now_ms,
		    int *added);
	int	(*push_due)(struct store *, int64_t now_ms, int limit,
		    store_push_job_cb, void *);
	int	(*push_done)(struct store *, const struct store_push_done *);
	int	(*push_wake)(struct store *, int64_t device, int64_t now_ms);
	/* push_verify: the confirmation mail of a new e-mail device d. */
	int	(*push_verify)(struct store *, const struct store_device *d,
		    int64_t now_ms);
	/* push_test: a test push to device d, due now (no message). */
	int (*push_test)(struct store *, const struct store_device *d,
	    int64_t now_ms);
	int	(*push_list)(struct store *, int64_t message, store_push_cb,
		    void *);
	int	(*push_last)(struct store *, int64_t device,
		    struct store_push *out);
	/*
	 * The operator's (store_admin.h).  admin_failed: failed deliveries
	 * of channel ("" = all) with id < before (0 = the newest), newest
	 * first, at most limit.  admin_states: per channel, the count and
	 * newest error of the failed (3) and retrying (1) deliveries.
	 * admin_retry: delivery id (> 0), else every failed delivery of
	 * channel, becomes STORE_DLV_REQUESTED; *n how many did.
	 * admin_requested: requested rows, oldest first, at most limit.
	 * admin_claim: requested row id (0 = all) becomes pending (0);
	 * FG_ENOENT when id is no longer requested.
	 */
	int (*admin_failed)(struct store *, const char *channel,
	    int64_t before, int limit, store_failed_cb, void *);
	int (*admin_states)(struct store *, store_chan_state_cb, void *);
	int (*admin_retry)(struct store *, int64_t id, const char *channel,
	    int64_t *n);
	int (*admin_requested)(struct store *, int limit, store_delivery_cb,
	    void *);
	int (*admin_claim)(struct store *, int64_t id);
	/*
	 * Retention (struct store_push_purge): one bounded step deleting
	 * old final pushes; pending and waiting rows stay.  Writer only.
	 */
	int	(*push_purge)(struct store *, struct store_push_purge *p,
		    struct strbuf *err);
	/*
	 * Per-minute rate limits (pushplus.rate_limit), counted by key
	 * ("rate:<token>") and window (the calendar minute, ms / 60000).
	 * rate_take counts one in key's window win only while the count
	 * is under limit (*taken 1), else changes nothing (*taken 0).
	 * The writer calls it in the transaction of the send it counts
	 * (queue/submit.c), so a send refused, invalid or rolled back is
	 * not counted and an accepted one is, with its message; the
	 * same statement drops the key's older windows.  Writer only.
	 * rate_count reads key's count in window win (0 when none).
	 */
	int	(*rate_take)(struct store *, const char *key, int64_t win,
		    int64_t limit, int *taken);
	int	(*rate_count)(struct store *, const char *key, int64_t win,
		    int64_t *n);
};

static inline STORE_MUST int
spool_rate_take(struct store *s, const char *key, int64_t win, int64_t limit,
    int *taken)
{
	return s->be->spool->rate_take(s, key, win, limit, taken);
}

static inline STORE_MUST int
spool_rate_count(struct store *s, const char *key, int64_t win, int64_t *n)
{
	return s->be->spool->rate_count(s, key, win, n);
}

static inline STORE_MUST int
spool_message_insert(struct store *s, struct message *m, const int64_t *users,
    size_t n, const char *channel, int64_t *dids, struct strbuf *err)
{
	return s->be->spool->message_insert(s, m, users, n, channel, dids,
	    err);
}

static inline STORE_MUST int
spool_message_get(struct store *s, const char *short_code, struct message *out)
{
	return s->be->spool->message_get(s, short_code, out);
}

static inline STORE_MUST int
spool_message_get_id(struct store *s, int64_t id, struct message *out)
{
	return s->be->spool->get(s, SPOOL_MESSAGE, id, out);
}

static inline STORE_MUST int
spool_message_list(struct store *s, int64_t sender, int limit,
    store_message_cb a3, void *a4)
{
	return s->be->spool->message_list(s, sender, limit, a3, a4);
}

static inline STORE_MUST int
spool_message_settle(struct store *s, int64_t id, int *status,
    struct strbuf *error)
{
	return s->be->spool->message_settle(s, id, status, error);
}

static inline STORE_MUST int
spool_message_set_status(struct store *s, int64_t id, int status,
    const char *error)
{
	return s->be->spool->message_set_status(s, id, status, error);
}

static inline STORE_MUST int
spool_delivery_list(struct store *s, int64_t message, store_delivery_cb a2,
    void *a3)
{
	return s->be->spool->delivery_list(s, message, a2, a3);
}

static inline STORE_MUST int
spool_delivery_pending(struct store *s, store_delivery_cb a1, void *a2)
{
	return s->be->spool->delivery_pending(s, a1, a2);
}

static inline STORE_MUST int
spool_delivery_claim(struct store *s, int limit, store_delivery_cb a2,
    void *a3)
{
	return s->be->spool->delivery_claim(s, limit, a2, a3);
}

static inline STORE_MUST int
spool_lease_renew(struct store *s)
{
	return s->be->spool->lease(s, 0);
}

static inline STORE_MUST int
spool_lease_release(struct store *s)
{
	return s->be->spool->lease(s, 1);
}

static inline STORE_MUST int
spool_delivery_update(struct store *s, int64_t id, int status, int attempts,
    int64_t next_ms, const char *error)
{
	return s->be->spool->delivery_update(s, id, status, attempts, next_ms,
	    error);
}

static inline STORE_MUST int
spool_inbox_add(struct store *s, int64_t user, int64_t message,
    int64_t delivery, int64_t *inbox_id)
{
	return s->be->spool->inbox_add(s, user, message, delivery, inbox_id);
}

static inline STORE_MUST int
spool_delivery_add_many(struct store *s, int64_t message, const int64_t *users,
    const int64_t *records, size_t n, const char *channel, int status,
    int64_t *dids)
{
	return s->be->spool->delivery_add_many(s, message, users, records, n,
	    channel, status, dids);
}

static inline STORE_MUST int
spool_inbox_add_many(struct store *s, int64_t message, const int64_t *users,
    const int64_t *dids, size_t n, int64_t *inbox_ids)
{
	return s->be->spool->inbox_add_many(s, message, users, dids, n,
	    inbox_ids);
}

static inline STORE_MUST int
spool_inbox_list(struct store *s, int64_t user, int64_t since, int limit,
    int desc, store_inbox_cb a5, void *a6)
{
	return s->be->spool->inbox_list(s, user, since, limit, desc, a5, a6);
}

static inline STORE_MUST int
spool_outbox_add(struct store *s, const char *url, const char *body,
    int64_t due_ms)
{
	return s->be->spool->outbox_add(s, url, body, due_ms);
}

static inline STORE_MUST int
spool_outbox_add_for(struct store *s, int64_t user, const char *event,
    const char *url, const char *body, int64_t now_ms)
{
	return s->be->spool->outbox_add_for(s, user, event, url, body, now_ms);
}

static inline STORE_MUST int
spool_outbox_list(struct store *s, int64_t user, const char *event, int limit,
    store_callback_cb cb, void *arg)
{
	return s->be->spool->outbox_list(s, user, event, limit, cb, arg);
}

static inline STORE_MUST int
spool_outbox_due(struct store *s, int64_t now_ms, int limit,
    store_outbox_cb a3, void *a4)
{
	return s->be->spool->outbox_due(s, now_ms, limit, a3, a4);
}

static inline STORE_MUST int
spool_outbox_done(struct store *s, int64_t id, int ok, int attempts,
    int64_t next_ms, const char *error)
{
	return s->be->spool->outbox_done(s, id, ok, attempts, next_ms, error);
}

static inline STORE_MUST int
spool_wx_message_set(struct store *s, int64_t id, int64_t app,
    const char *summary, const char *url)
{
	return s->be->spool->wx_message_set(s, id, app, summary, url);
}

static inline STORE_MUST int
spool_wx_message_get(struct store *s, int64_t id, struct store_wx_msg *out)
{
	return s->be->spool->get(s, SPOOL_WX_MESSAGE, id, out);
}

/* The same with app_name and topics, for the message page. */
static inline STORE_MUST int
spool_wx_message_from(struct store *s, int64_t id, struct store_wx_msg *out)
{
	return s->be->spool->get(s, SPOOL_WX_MESSAGE_FROM, id, out);
}

static inline STORE_MUST int
spool_wx_message_delete(struct store *s, int64_t id)
{
	return s->be->spool->wx_message_delete(s, id);
}

static inline STORE_MUST int
spool_wx_record_add(struct store *s, struct store_wx_record *r)
{
	return s->be->spool->wx_record_add(s, r);
}

static inline STORE_MUST int
spool_wx_record_get(struct store *s, int64_t id, struct store_wx_record *out)
{
	return s->be->spool->get(s, SPOOL_WX_RECORD, id, out);
}

static inline STORE_MUST int
spool_wx_delivery_add(struct store *s, int64_t message, int64_t user,
    int64_t record, const char *channel, int status, int64_t *did)
{
	return s->be->spool->wx_delivery_add(s, message, user, record, channel,
	    status, did);
}

static inline STORE_MUST int
spool_wx_daily_get(struct store *s, int64_t user, int64_t day, int *n)
{
	return s->be->spool->wx_daily_get(s, user, day, n);
}

static inline STORE_MUST int
spool_wx_daily_add(struct store *s, int64_t user, int64_t day)
{
	return s->be->spool->wx_daily_add(s, user, day);
}

static inline STORE_MUST int
spool_wx_records_add(struct store *s, struct store_wx_record *r, size_t n)
{
	return s->be->spool->wx_records_add(s, r, n);
}

static inline STORE_MUST int
spool_wx_daily_add_many(struct store *s, const int64_t *users, size_t n,
    int64_t day)
{
	return s->be->spool->wx_daily_add_many(s, users, n, day);
}

static inline STORE_MUST int
spool_wx_daily_filter(struct store *s, int64_t day, int max, int64_t *ids,
    size_t *n)
{
	return s->be->spool->wx_daily_filter(s, day, max, ids, n);
}

static inline STORE_MUST int
spool_wx_purge(struct store *s, struct store_wx_purge *p, struct strbuf *err)
{
	return s->be->spool->wx_purge(s, p, err);
}

static inline STORE_MUST int
spool_msg_chan_set(struct store *s, const struct store_msg_chan *a1)
{
	return s->be->spool->msg_chan_set(s, a1);
}

static inline STORE_MUST int
spool_msg_chan_get(struct store *s, int64_t message,
    struct store_msg_chan *out)
{
	return s->be->spool->msg_chan_get(s, message, out);
}

static inline STORE_MUST int
spool_msg_list(struct store *s, int64_t user, int offset, int limit,
    int64_t *total, store_open_msg_cb a5, void *a6)
{
	return s->be->spool->msg_list(s, user, offset, limit, total, a5, a6);
}

static inline STORE_MUST int
spool_send_count(struct store *s, int64_t user, int64_t since_ms, int *wechat,
    int *cp, int *webhook, int *mail)
{
	return s->be->spool->send_count(s, user, since_ms, wechat, cp, webhook,
	    mail);
}

static inline STORE_MUST int
spool_push_add(struct store *s, int64_t message, const int64_t *users,
    const int64_t *inbox_ids, size_t n, int64_t now_ms, int *added)
{
	return s->be->spool->push_add(s, message, users, inbox_ids, n, now_ms,
	    added);
}

static inline STORE_MUST int
spool_push_recall(struct store *s, int64_t message, int64_t now_ms,
    int *added)
{
	return s->be->spool->push_recall(s, message, now_ms, added);
}

static inline STORE_MUST int
spool_push_due(struct store *s, int64_t now_ms, int limit,
    store_push_job_cb cb, void *arg)
{
	return s->be->spool->push_due(s, now_ms, limit, cb, arg);
}

static inline STORE_MUST int
spool_push_done(struct store *s, const struct store_push_done *v)
{
	return s->be->spool->push_done(s, v);
}

static inline STORE_MUST int
spool_push_purge(struct store *s, struct store_push_purge *p,
    struct strbuf *err)
{
	return s->be->spool->push_purge(s, p, err);
}

static inline STORE_MUST int
spool_push_wake(struct store *s, int64_t device, int64_t now_ms)
{
	return s->be->spool->push_wake(s, device, now_ms);
}

static inline STORE_MUST int
spool_push_verify(struct store *s, const struct store_device *d,
    int64_t now_ms)
{
	return s->be->spool->push_verify(s, d, now_ms);
}

static inline STORE_MUST int
spool_push_test(struct store *s, const struct store_device *d, int64_t now_ms)
{
	return s->be->spool->push_test(s, d, now_ms);
}

static inline STORE_MUST int
spool_push_list(struct store *s, int64_t message, store_push_cb cb, void *arg)
{
	return s->be->spool->push_list(s, message, cb, arg);
}

static inline STORE_MUST int
spool_push_last(struct store *s, int64_t device, struct store_push *out)
{
	return s->be->spool->push_last(s, device, out);
}

static inline STORE_MUST int
spool_admin_failed(struct store *s, const char *channel, int64_t before,
    int limit, store_failed_cb cb, void *arg)
{
	return s->be->spool->admin_failed(s, channel, before, limit, cb, arg);
}

static inline STORE_MUST int
spool_admin_states(struct store *s, store_chan_state_cb cb, void *arg)
{
	return s->be->spool->admin_states(s, cb, arg);
}

static inline STORE_MUST int
spool_admin_retry(struct store *s, int64_t id, const char *channel, int64_t *n)
{
	return s->be->spool->admin_retry(s, id, channel, n);
}

static inline STORE_MUST int
spool_admin_requested(struct store *s, int limit, store_delivery_cb cb,
    void *arg)
{
	return s->be->spool->admin_requested(s, limit, cb, arg);
}

static inline STORE_MUST int
spool_admin_claim(struct store *s, int64_t id)
{
	return s->be->spool->admin_claim(s, id);
}

#endif
