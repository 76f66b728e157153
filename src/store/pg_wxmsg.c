/*
 * pg_wxmsg.c: WxPusher sends in the PostgreSQL backend (store_wx.h):
 * the WxPusher columns of a message, send records and their deliveries,
 * the daily receive counter, parametric QR codes, message products and
 * personal SPT tokens.  The SQL is in pg_wx.c's pg_wx_sql[].
 *
 * A record's status is derived when read: a record refused at send time
 * (code != 1000) is failed; otherwise it is pending while any of its
 * deliveries is open, failed if any failed, else sent.  A topic record
 * with no follower at send time is sent (nothing to do).
 */
#include "util/errors.h"
#include "store/pg_row.h"
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
pg_wx_message_set(struct store *s, int64_t id, int64_t app,
    const char *summary, const char *url)
{
	return pg_run(pg_stmt(s, Q_WX_MSG_SET), 0, "IssI", app, summary, url,
	    id);
}

/* from: also the sender (app name, topic names), for the message page */
int
pg_wx_message_get(struct store *s, int64_t id, int from,
    struct store_wx_msg *m)
{
	return pg_one(pg_stmt(s, from ? Q_WX_MSG_FROM : Q_WX_MSG_GET), 0,
	    &msg_row, m, "I", id);
}

int
pg_wx_message_delete(struct store *s, int64_t id)
{
	return pg_run(pg_stmt(s, Q_WX_MSG_DEL), 0, "I", id);
}

int
pg_wx_record_add(struct store *s, struct store_wx_record *r)
{
	if (r->created_ms == 0)
		r->created_ms = clock_ms();
	return pg_write(pg_stmt(s, Q_WX_REC_ADD), 0, &r->id, "IIIIitI",
	    r->message_id, r->app_id, r->user_id, r->topic_id, r->code,
	    r->text, r->created_ms);
}

/* The record's columns, then its open and its failed deliveries. */
int
pg_wx_record_get(struct store *s, int64_t id, struct store_wx_record *r)
{
	PGresult *res;
	int rc, open, failed;

	if ((rc = pg_first(pg_stmt(s, Q_WX_REC_GET), &res, "I", id)) == 0) {
		pg_read(res, 0, 0, &rec_row, r);
		open = (int)pg_col_i64(res, 0, 8);
		failed = (int)pg_col_i64(res, 0, 9);
		r->status = r->code != 1000 ? WXR_FAILED :
		    open		    ? WXR_PENDING :
		    failed		    ? WXR_FAILED :
					      WXR_SENT;
		PQclear(res);
	}
	return rc;
}

int
pg_wx_delivery_add(struct store *s, int64_t message, int64_t user,
    int64_t record, const char *channel, int status, int64_t *did)
{

	return pg_write(pg_stmt(s, Q_WX_DLV_ADD), 0, did, "IIItiIi", message,
	    user, record, channel, status, clock_ms(), status == MSG_SENT);
}

int
pg_wx_daily_get(struct store *s, int64_t user, int64_t day, int *n)
{
	int64_t v = 0;
	int rc;

	rc = pg_i64(pg_stmt(s, Q_WX_DAILY_GET), 0, &v, "II", user, day);
	*n = (int)v;
	return rc == FG_ENOENT ? 0 : rc;
}

int
pg_wx_daily_add(struct store *s, int64_t user, int64_t day)
{
	return pg_run(pg_stmt(s, Q_WX_DAILY_ADD), 0, "II", user, day);
}

int
pg_wx_qrcode_add(struct store *s, struct store_wx_qrcode *q)
{
	/* two independent random keys: one public, one the developer's */
	ids_prefixed(q->code, "", 32);
	ids_prefixed(q->secret, "", 32);
	q->created_ms = clock_ms();
	return pg_write(pg_stmt(s, Q_WX_QR_ADD), 0, &q->id, "tItIIt", q->code,
	    q->app_id, q->extra, q->expires_ms, q->created_ms, q->secret);
}

int
pg_wx_qrcode_get(struct store *s, const char *code, struct store_wx_qrcode *q)
{
	return pg_one(pg_stmt(s, Q_WX_QR_GET), 0, &qr_row, q, "t", code);
}

int
pg_wx_qrcode_by_secret(struct store *s, const char *secret,
    struct store_wx_qrcode *q)
{
	return pg_one(pg_stmt(s, Q_WX_QR_BY_SECRET), 0, &qr_row, q, "t",
	    secret);
}

int
pg_wx_qrcode_scanned(struct store *s, int64_t id, const char *uid)
{
	return pg_run(pg_stmt(s, Q_WX_QR_SCAN), 0, "tI", uid, id);
}

int
pg_wx_qrcode_polled(struct store *s, int64_t id, int64_t now)
{
	return pg_run(pg_stmt(s, Q_WX_QR_POLL), 0, "II", now, id);
}

/* An app's products, by id (the CLI's `product list`). */
int
pg_wx_product_list(struct store *s, int64_t app, store_wx_product_cb cb,
    void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT id, app_id, topic_id, name, "
			   "price_fen, created_ms FROM wx_products WHERE "
			   "app_id = ? ORDER "
			   "BY id"),
	    PG_FINAL, &prod_row, (sq_row_cb)cb, arg, "I", app);
}

/* A product's name and price (its app and topic stay). */
int
pg_wx_product_put(struct store *s, const struct store_wx_product *p)
{
	return pg_run(pg_prep(s,
			  "UPDATE wx_products SET name = ?, "
			  "price_fen = ? WHERE id = ?"),
	    PG_FINAL | PG_CHANGES, "tiI", p->name, p->price_fen, p->id);
}

/* Payments already granted stay on their follows. */
int
pg_wx_product_delete(struct store *s, int64_t id)
{
	return pg_run(pg_prep(s, "DELETE FROM wx_products WHERE id = ?"),
	    PG_FINAL | PG_CHANGES, "I", id);
}

int
pg_wx_product_add(struct store *s, struct store_wx_product *p)
{
	p->created_ms = clock_ms();
	return pg_write(pg_stmt(s, Q_WX_PROD_ADD), 0, &p->id, "IItiI",
	    p->app_id, p->topic_id, p->name, p->price_fen, p->created_ms);
}

int
pg_wx_product_get(struct store *s, int64_t id, struct store_wx_product *p)
{
	return pg_one(pg_stmt(s, Q_WX_PROD_GET), 0, &prod_row, p, "I", id);
}

int
pg_wx_product_covers(struct store *s, int64_t app, int64_t topic, int *yes)
{
	int64_t n = 0;
	int rc;

	rc = pg_i64(pg_stmt(s, Q_WX_PROD_FIND), 0, &n, "II", app, topic);
	*yes = n > 0;
	return rc;
}

/* Read the SPT; create one when the user has none (a write). */
int
pg_wx_user_spt(struct store *s, int64_t user, char out[48])
{
	PGresult *res;
	char tok[48];
	int rc;

	if ((rc = pg_first(pg_stmt(s, Q_WX_SPT_GET), &res, "I", user)) == 0) {
		pg_col_copy(res, 0, 0, out, 48);
		PQclear(res);
	}
	if (rc != 0 || *out)
		return rc;
	ids_prefixed(tok, "SPT_", 32);
	if ((rc = pg_run(pg_stmt(s, Q_WX_SPT_SET), 0, "tI", tok, user)) != 0)
		return rc;
	return pg_wx_user_spt(s, user, out);
}

int
pg_wx_user_by_spt(struct store *s, const char *spt, struct store_user *u)
{
	return pg_one(pg_stmt(s, Q_WX_USER_BY_SPT), 0, &pg_user_row, u, "t",
	    spt);
}
