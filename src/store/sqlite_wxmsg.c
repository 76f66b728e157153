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
#include <stdio.h>
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_int.h"
#include "util/ids.h"
#include "util/strbuf.h"

static int
row(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

int
sq_wx_message_set(struct store *s, int64_t id, int64_t app,
    const char *summary, const char *url)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_MSG_SET);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, app);
	sqlite3_bind_text(st, 2, summary ? summary : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, url ? url : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	return sq_step_done(s, st);
}

int
sq_wx_message_get(struct store *s, int64_t id, struct store_wx_msg *m)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_MSG_GET);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = row(st)) == 0) {
		memset(m, 0, sizeof(*m));
		m->id = sqlite3_column_int64(st, 0);
		m->app_id = sqlite3_column_int64(st, 1);
		m->deleted = sqlite3_column_int(st, 2);
		sq_col_copy(st, 3, m->summary, sizeof(m->summary));
		sq_col_copy(st, 4, m->url, sizeof(m->url));
	}
	sqlite3_reset(st);
	return rc;
}

int
sq_wx_message_delete(struct store *s, int64_t id)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_MSG_DEL);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return sq_step_done(s, st);
}

int
sq_wx_record_add(struct store *s, struct store_wx_record *r)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_REC_ADD);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	if (r->created_ms == 0)
		r->created_ms = clock_ms();
	sqlite3_bind_int64(st, 1, r->message_id);
	sqlite3_bind_int64(st, 2, r->app_id);
	sqlite3_bind_int64(st, 3, r->user_id);
	sqlite3_bind_int64(st, 4, r->topic_id);
	sqlite3_bind_int(st, 5, r->code);
	sqlite3_bind_text(st, 6, r->text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, r->created_ms);
	if ((rc = sq_step_done(s, st)) == 0)
		r->id = sqlite3_last_insert_rowid(SQ(s)->db);
	return rc;
}

int
sq_wx_record_get(struct store *s, int64_t id, struct store_wx_record *r)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_REC_GET);
	int rc, open, failed;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = row(st)) == 0) {
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		r->message_id = sqlite3_column_int64(st, 1);
		r->app_id = sqlite3_column_int64(st, 2);
		r->user_id = sqlite3_column_int64(st, 3);
		r->topic_id = sqlite3_column_int64(st, 4);
		r->code = sqlite3_column_int(st, 5);
		sq_col_copy(st, 6, r->text, sizeof(r->text));
		r->created_ms = sqlite3_column_int64(st, 7);
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
	sqlite3_stmt *st = sq_stmt(s, Q_WX_DLV_ADD);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, message);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_int64(st, 3, record);
	sqlite3_bind_text(st, 4, channel, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, status);
	sqlite3_bind_int64(st, 6, clock_ms());
	sqlite3_bind_int(st, 7, status == MSG_SENT);
	if ((rc = sq_step_done(s, st)) == 0)
		*did = sqlite3_last_insert_rowid(SQ(s)->db);
	return rc;
}

int
sq_wx_daily_get(struct store *s, int64_t user, int64_t day, int *n)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_DAILY_GET);
	int rc;

	*n = 0;
	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int64(st, 2, day);
	if ((rc = row(st)) == 0)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == FG_ENOENT ? 0 : rc;
}

int
sq_wx_daily_add(struct store *s, int64_t user, int64_t day)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_DAILY_ADD);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int64(st, 2, day);
	return sq_step_done(s, st);
}

int
sq_wx_qrcode_add(struct store *s, struct store_wx_qrcode *q)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_QR_ADD);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	ids_prefixed(q->code, "", 32);
	q->created_ms = clock_ms();
	sqlite3_bind_text(st, 1, q->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, q->app_id);
	sqlite3_bind_text(st, 3, q->extra, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, q->expires_ms);
	sqlite3_bind_int64(st, 5, q->created_ms);
	if ((rc = sq_step_done(s, st)) == 0)
		q->id = sqlite3_last_insert_rowid(SQ(s)->db);
	return rc;
}

int
sq_wx_qrcode_get(struct store *s, const char *code, struct store_wx_qrcode *q)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_QR_GET);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if ((rc = row(st)) == 0) {
		memset(q, 0, sizeof(*q));
		q->id = sqlite3_column_int64(st, 0);
		sq_col_copy(st, 1, q->code, sizeof(q->code));
		q->app_id = sqlite3_column_int64(st, 2);
		sq_col_copy(st, 3, q->extra, sizeof(q->extra));
		q->expires_ms = sqlite3_column_int64(st, 4);
		sq_col_copy(st, 5, q->last_uid, sizeof(q->last_uid));
		q->last_poll_ms = sqlite3_column_int64(st, 6);
		q->created_ms = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	return rc;
}

int
sq_wx_qrcode_scanned(struct store *s, int64_t id, const char *uid)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_QR_SCAN);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	return sq_step_done(s, st);
}

int
sq_wx_qrcode_polled(struct store *s, int64_t id, int64_t now)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_QR_POLL);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return sq_step_done(s, st);
}

int
sq_wx_product_add(struct store *s, struct store_wx_product *p)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_PROD_ADD);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	p->created_ms = clock_ms();
	sqlite3_bind_int64(st, 1, p->app_id);
	sqlite3_bind_int64(st, 2, p->topic_id);
	sqlite3_bind_text(st, 3, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, p->price_fen);
	sqlite3_bind_int64(st, 5, p->created_ms);
	if ((rc = sq_step_done(s, st)) == 0)
		p->id = sqlite3_last_insert_rowid(SQ(s)->db);
	return rc;
}

int
sq_wx_product_get(struct store *s, int64_t id, struct store_wx_product *p)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_PROD_GET);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = row(st)) == 0) {
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(st, 0);
		p->app_id = sqlite3_column_int64(st, 1);
		p->topic_id = sqlite3_column_int64(st, 2);
		sq_col_copy(st, 3, p->name, sizeof(p->name));
		p->price_fen = sqlite3_column_int(st, 4);
		p->created_ms = sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	return rc;
}

int
sq_wx_product_covers(struct store *s, int64_t app, int64_t topic, int *yes)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_PROD_FIND);
	int rc;

	*yes = 0;
	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, app);
	sqlite3_bind_int64(st, 2, topic);
	if ((rc = row(st)) == 0)
		*yes = sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
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
	sqlite3_bind_int64(st, 1, user);
	if ((rc = row(st)) == 0)
		sq_col_copy(st, 0, out, 48);
	sqlite3_reset(st);
	if (rc != 0 || *out)
		return rc;
	if ((st = sq_stmt(s, Q_WX_SPT_SET)) == NULL)
		return FG_ESTORE;
	ids_prefixed(tok, "SPT_", 32);
	sqlite3_bind_text(st, 1, tok, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user);
	if ((rc = sq_step_done(s, st)) != 0)
		return rc;
	return sq_wx_user_spt(s, user, out);
}

int
sq_wx_user_by_spt(struct store *s, const char *spt, struct store_user *u)
{
	sqlite3_stmt *st = sq_stmt(s, Q_WX_USER_BY_SPT);
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, spt, -1, SQLITE_STATIC);
	if ((rc = row(st)) == 0) {
		memset(u, 0, sizeof(*u));
		u->id = sqlite3_column_int64(st, 0);
		sq_col_copy(st, 1, u->uid, sizeof(u->uid));
		sq_col_copy(st, 2, u->token, sizeof(u->token));
		sq_col_copy(st, 3, u->name, sizeof(u->name));
		sq_col_copy(st, 4, u->callback_url, sizeof(u->callback_url));
		u->is_admin = sqlite3_column_int(st, 5);
		u->created_ms = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	return rc;
}
