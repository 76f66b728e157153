/*
 * sqlite_wxmsg.c: WxPusher sends in the SQLite backend (store_wx.h):
 * the WxPusher columns of a message, send records and their deliveries,
 * the daily receive counter, parametric QR codes, message products and
 * personal SPT tokens.  The SQL is in sqlite_wx.c's sq_wx_sql[].
 *
 * A record's status is derived when read: a record refused at send time
 * (code != 1000) is failed; otherwise it is pending while any of its
 * deliveries is open, failed if any failed, else sent.  A topic record
 * with no follower at send time is sent (nothing to do).
 */
#include "util/errors.h"
#include "store/sqlite_row.h"
#include "util/ids.h"
#include "util/strbuf.h"

static const struct sq_row msg_row = SQ_ROW(struct store_wx_msg, id, app_id,
    deleted, summary, url, app_name, topics);
static const struct sq_row rec_row = SQ_ROW(struct store_wx_record, id,
    message_id, app_id, user_id, topic_id, code, text, created_ms);
static const struct sq_row qr_row = SQ_ROW(struct store_wx_qrcode, id, code,
    app_id, extra, expires_ms, last_uid, last_poll_ms, created_ms, secret);
static const struct sq_row prod_row = SQ_ROW(struct store_wx_product, id,
    app_id, topic_id, name, price_fen, created_ms);

int
sq_wx_message_set(struct store *s, int64_t id, int64_t app,
    const char *summary, const char *url)
{
	return sq_run(sq_stmt(s, Q_WX_MSG_SET), 0, "IssI", app, summary, url,
	    id);
}

/* from: also the sender (app name, topic names), for the message page */
int
sq_wx_message_get(struct store *s, int64_t id, int from,
    struct store_wx_msg *m)
{
	return sq_one(sq_stmt(s, from ? Q_WX_MSG_FROM : Q_WX_MSG_GET), 0,
	    &msg_row, m, "I", id);
}

int
sq_wx_message_delete(struct store *s, int64_t id)
{
	return sq_run(sq_stmt(s, Q_WX_MSG_DEL), 0, "I", id);
}

int
sq_wx_record_add(struct store *s, struct store_wx_record *r)
{
	if (r->created_ms == 0)
		r->created_ms = clock_ms();
	return sq_write(sq_stmt(s, Q_WX_REC_ADD), 0, &r->id, "IIIIitI",
	    r->message_id, r->app_id, r->user_id, r->topic_id, r->code,
	    r->text, r->created_ms);
}

/* The record's columns, then its open and its failed deliveries. */
int
sq_wx_record_get(struct store *s, int64_t id, struct store_wx_record *r)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_REC_GET);
	int rc, open, failed;

	if (st == NULL)
		return FG_ESTORE;
	sq_bind(st, "I", id);
	if ((rc = sq_step(st)) == 0) {
		sq_read(st, 0, &rec_row, r);
		open = sqlite3_column_int(st, 8);
		failed = sqlite3_column_int(st, 9);
		r->status = r->code != 1000 ? WXR_FAILED : open ? WXR_PENDING :
		    failed ? WXR_FAILED : WXR_SENT;
	}
	sqlite3_reset(st);
	return rc;
}

int
sq_wx_delivery_add(struct store *s, int64_t message, int64_t user,
    int64_t record, const char *channel, int status, int64_t *did)
{

	return sq_write(sq_stmt(s, Q_WX_DLV_ADD), 0, did, "IIItiIi", message,
	    user, record, channel, status, clock_ms(), status == MSG_SENT);
}

int
sq_wx_daily_get(struct store *s, int64_t user, int64_t day, int *n)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_DAILY_GET);
	int rc;

	*n = 0;
	if (st == NULL)
		return FG_ESTORE;
	sq_bind(st, "II", user, day);
	if ((rc = sq_step(st)) == 0)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == FG_ENOENT ? 0 : rc;
}

int
sq_wx_daily_add(struct store *s, int64_t user, int64_t day)
{
	return sq_run(sq_stmt(s, Q_WX_DAILY_ADD), 0, "II", user, day);
}

int
sq_wx_qrcode_add(struct store *s, struct store_wx_qrcode *q)
{
	/* two independent random keys: one public, one the developer's */
	ids_prefixed(q->code, "", 32);
	ids_prefixed(q->secret, "", 32);
	q->created_ms = clock_ms();
	return sq_write(sq_stmt(s, Q_WX_QR_ADD), 0, &q->id, "tItIIt", q->code,
	    q->app_id, q->extra, q->expires_ms, q->created_ms, q->secret);
}

int
sq_wx_qrcode_get(struct store *s, const char *code, struct store_wx_qrcode *q)
{
	return sq_one(sq_stmt(s, Q_WX_QR_GET), 0, &qr_row, q, "t", code);
}

int
sq_wx_qrcode_by_secret(struct store *s, const char *secret,
    struct store_wx_qrcode *q)
{
	return sq_one(sq_stmt(s, Q_WX_QR_BY_SECRET), 0, &qr_row, q, "t",
	    secret);
}

int
sq_wx_qrcode_scanned(struct store *s, int64_t id, const char *uid)
{
	return sq_run(sq_stmt(s, Q_WX_QR_SCAN), 0, "tI", uid, id);
}

int
sq_wx_qrcode_polled(struct store *s, int64_t id, int64_t now)
{
	return sq_run(sq_stmt(s, Q_WX_QR_POLL), 0, "II", now, id);
}

/* An app's products, by id (the CLI's `product list`). */
int
sq_wx_product_list(struct store *s, int64_t app, store_wx_product_cb cb,
    void *arg)
{
	return sq_each(sq_prep(s, "SELECT id, app_id, topic_id, name, "
	    "price_fen, created_ms FROM wx_products WHERE app_id = ? ORDER "
	    "BY id"), SQ_FINAL, &prod_row, (sq_row_cb)cb, arg, "I", app);
}

/* A product's name and price (its app and topic stay). */
int
sq_wx_product_put(struct store *s, const struct store_wx_product *p)
{
	return sq_run(sq_prep(s, "UPDATE wx_products SET name = ?, "
	    "price_fen = ? WHERE id = ?"), SQ_FINAL | SQ_CHANGES, "tiI",
	    p->name, p->price_fen, p->id);
}

/* Payments already granted stay on their follows. */
int
sq_wx_product_delete(struct store *s, int64_t id)
{
	return sq_run(sq_prep(s, "DELETE FROM wx_products WHERE id = ?"),
	    SQ_FINAL | SQ_CHANGES, "I", id);
}

int
sq_wx_product_add(struct store *s, struct store_wx_product *p)
{
	p->created_ms = clock_ms();
	return sq_write(sq_stmt(s, Q_WX_PROD_ADD), 0, &p->id, "IItiI",
	    p->app_id, p->topic_id, p->name, p->price_fen, p->created_ms);
}

int
sq_wx_product_get(struct store *s, int64_t id, struct store_wx_product *p)
{
	return sq_one(sq_stmt(s, Q_WX_PROD_GET), 0, &prod_row, p, "I", id);
}

int
sq_wx_product_covers(struct store *s, int64_t app, int64_t topic, int *yes)
{
	int64_t n = 0;
	int rc;

	rc = sq_int64(sq_stmt(s, Q_WX_PROD_FIND), 0, &n, "II", app, topic);
	*yes = n > 0;
	return rc;
}

/* Read the SPT; create one when the user has none (a write). */
int
sq_wx_user_spt(struct store *s, int64_t user, char out[48])
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_SPT_GET);
	char tok[48];
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sq_bind(st, "I", user);
	if ((rc = sq_step(st)) == 0)
		sq_col_copy(st, 0, out, 48);
	sqlite3_reset(st);
	if (rc != 0 || *out)
		return rc;
	ids_prefixed(tok, "SPT_", 32);
	if ((rc = sq_run(sq_stmt(s, Q_WX_SPT_SET), 0, "tI", tok, user)) != 0)
		return rc;
	return sq_wx_user_spt(s, user, out);
}

int
sq_wx_user_by_spt(struct store *s, const char *spt, struct store_user *u)
{
	return sq_one(sq_stmt(s, Q_WX_USER_BY_SPT), 0, &sq_user_row, u, "t",
	    spt);
}
