/*
 * test_store_wx.c: unit tests for the WxPusher part of the store
 * (store_wx.h) on the SQLite backend: apps and token reset, topics,
 * follows (uniqueness, reject, pay, listing filters and paging,
 * follower selection, an app block covering the topics), records with
 * their derived status, the WxPusher message columns, the daily counter,
 * QR codes, products and SPT tokens.
 *
 * The tests run in order on one fresh data dir.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "harness_store.h"

#include "ops/app.h"
#include "ops/follow.h"
#include "ops/user.h"
#include "util/errors.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-storewx-XXXXXX";
static struct store *db;
static struct store_user dev, p1, p2, p3;
static struct store_wx_app app, app2;
static struct store_wx_topic top, top2;


struct names {
	int	n;
	char	what[8][400];
};

static int
app_cb(void *arg, const struct store_wx_app *a)
{
	struct names *l = arg;

	if (l->n < 8)
		snprintf(l->what[l->n], 400, "%s", a->name);
	l->n++;
	return 0;
}

TEST(apps)
{
	struct strbuf err = STRBUF_INIT;
	struct store_wx_app g;
	struct names l = { 0 };
	char old[64];

	CHECK(dir_user_add(db, "dev", 0, &dev, &err) == 0);
	CHECK(dir_user_add(db, "p1", 0, &p1, &err) == 0);
	CHECK(dir_user_add(db, "p2", 0, &p2, &err) == 0);
	CHECK(dir_user_add(db, "p3", 0, &p3, &err) == 0);
	CHECK(dir_wx_app_add(db, dev.id, "告警", "http://127.0.0.1/cb", &app,
	    &err) == 0);
	CHECK(dir_wx_app_add(db, dev.id, "other", NULL, &app2, &err) == 0);
	CHECK(app.id > 0 && app2.id > app.id);
	CHECK(strncmp(app.token, "AT_", 3) == 0 && strlen(app.token) == 35);
	CHECK(strncmp(app.app_key, "AK_", 3) == 0);
	CHECK(dir_wx_app_by_token(db, app.token, &g) == 0 && g.id == app.id);
	CHECK_STR(g.name, "告警");
	CHECK_STR(g.callback_url, "http://127.0.0.1/cb");
	CHECK(dir_wx_app_get(db, app2.id, &g) == 0);
	CHECK_STR(g.callback_url, "");
	CHECK(dir_wx_app_get(db, 9999, &g) == FG_ENOENT);
	snprintf(old, sizeof(old), "%s", app.token);
	CHECK(dir_wx_app_reset_token(db, app.id, &app) == 0);
	CHECK(strcmp(old, app.token) != 0);
	CHECK(dir_wx_app_by_token(db, old, &g) == FG_ENOENT);
	CHECK(dir_wx_app_by_token(db, app.token, &g) == 0);
	CHECK(dir_wx_app_set(db, app.id, "follow_tip", "欢迎") == 0);
	CHECK(dir_wx_app_set(db, app.id, "token", "x") == FG_EINVAL);
	CHECK(dir_wx_app_set(db, 9999, "name", "x") == FG_ENOENT);
	CHECK(dir_wx_app_get(db, app.id, &g) == 0);
	CHECK_STR(g.follow_tip, "欢迎");
	CHECK(dir_wx_app_list(db, app_cb, &l) == 0 && l.n == 2);
	CHECK_STR(l.what[1], "other");
	CHECK(dir_wx_topic_add(db, app.id, "t1", &top, &err) == 0);
	CHECK(dir_wx_topic_add(db, app2.id, "t2", &top2, &err) == 0);
	{
		struct store_wx_topic t;

		CHECK(dir_wx_topic_get(db, top.id, &t) == 0);
		CHECK(t.app_id == app.id);
		CHECK_STR(t.name, "t1");
		CHECK(dir_wx_topic_get(db, 9999, &t) == FG_ENOENT);
	}
	strbuf_release(&err);
}

static int
follow_cb(void *arg, const struct store_wx_follow *f)
{
	struct names *l = arg;

	if (l->n < 8)
		snprintf(l->what[l->n], 400, "%s/%lld/%s", f->uid,
		    (long long)f->topic_id, f->target);
	l->n++;
	return 0;
}

static int64_t
follow(int64_t user, int64_t a, int64_t t)
{
	struct store_wx_follow f;

	memset(&f, 0, sizeof(f));
	f.user_id = user;
	f.app_id = a;
	f.topic_id = t;
	snprintf(f.source, sizeof(f.source), "link");
	return dir_wx_follow_add(db, &f) == 0 ? f.id : 0;
}

TEST(follows)
{
	struct store_wx_follow f;
	struct store_wx_follow_filter fl = { 0, 0, -1, -1, 0, 100 };
	struct names l = { 0 };
	int64_t a1, a2, a3, t1, total = 0, *ids = NULL;
	size_t n = 0;

	CHECK((a1 = follow(p1.id, app.id, 0)) > 0);
	CHECK((a2 = follow(p2.id, app.id, 0)) > 0);
	CHECK((a3 = follow(p3.id, app.id, 0)) > 0);
	CHECK((t1 = follow(p1.id, app.id, top.id)) > 0);
	CHECK(follow(p2.id, app.id, top.id) > 0);
	CHECK(follow(p1.id, app.id, 0) == 0);	/* unique */
	memset(&f, 0, sizeof(f));
	f.user_id = p1.id;
	f.app_id = app.id;
	CHECK(dir_wx_follow_add(db, &f) == FG_EEXIST);
	CHECK(dir_wx_follow_find(db, p1.id, app.id, top.id, &f) == 0);
	CHECK(f.id == t1);
	CHECK_STR(f.uid, p1.uid);
	CHECK_STR(f.target, "t1");
	CHECK_STR(f.source, "link");
	CHECK(dir_wx_follow_get(db, a1, &f) == 0);
	CHECK_STR(f.target, "告警");
	CHECK(dir_wx_follow_find(db, p3.id, app.id, top.id, &f) == FG_ENOENT);

	fl.app_id = app.id;
	CHECK(dir_wx_follow_list(db, &fl, &total, follow_cb, &l) == 0);
	CHECK(total == 5 && l.n == 5);
	fl.type = 1;
	l.n = 0;
	CHECK(dir_wx_follow_list(db, &fl, &total, follow_cb, &l) == 0);
	CHECK(total == 2 && l.n == 2);
	fl.type = -1;
	fl.user_id = p1.id;
	l.n = 0;
	CHECK(dir_wx_follow_list(db, &fl, &total, follow_cb, &l) == 0);
	CHECK(total == 2 && l.n == 2);
	fl.user_id = 0;
	fl.offset = 4;
	fl.limit = 2;
	l.n = 0;
	CHECK(dir_wx_follow_list(db, &fl, &total, follow_cb, &l) == 0);
	CHECK(total == 5 && l.n == 1);
	fl.offset = 0;
	fl.limit = 100;

	CHECK(dir_wx_follow_set_reject(db, a2, 1) == 0);
	fl.reject = 1;
	l.n = 0;
	CHECK(dir_wx_follow_list(db, &fl, &total, follow_cb, &l) == 0);
	CHECK(total == 1 && l.n == 1);
	fl.reject = -1;
	CHECK(dir_wx_followers(db, app.id, 0, WXPAY_ANY, clock_ms(), &ids,
	    &n) == 0);
	CHECK(n == 2 && ids[0] == p1.id && ids[1] == p3.id);
	free(ids);
	CHECK(dir_wx_follow_set_pay(db, a3, clock_ms() + 86400000) == 0);
	CHECK(dir_wx_followers(db, app.id, 0, WXPAY_PAID, clock_ms(), &ids,
	    &n) == 0);
	CHECK(n == 1 && ids[0] == p3.id);
	free(ids);
	CHECK(dir_wx_followers(db, app.id, 0, WXPAY_UNPAID, clock_ms(), &ids,
	    &n) == 0);
	CHECK(n == 1 && ids[0] == p1.id);
	free(ids);
	/* p2's app follow is blocked, which covers the topic */
	CHECK(dir_wx_followers(db, app.id, top.id, WXPAY_ANY, clock_ms(), &ids,
	    &n) == 0);
	CHECK(n == 1 && ids[0] == p1.id);
	free(ids);
	CHECK(dir_wx_follow_set_reject(db, a2, 0) == 0);
	CHECK(dir_wx_followers(db, app.id, top.id, WXPAY_ANY, clock_ms(), &ids,
	    &n) == 0);
	CHECK(n == 2);
	free(ids);
	CHECK(dir_wx_follow_set_reject(db, a2, 1) == 0);
	CHECK(dir_wx_follow_remove(db, a3) == 0);
	CHECK(dir_wx_follow_remove(db, a3) == FG_ENOENT);
	CHECK(dir_wx_follow_set_reject(db, a3, 1) == FG_ENOENT);
}

TEST(records)
{
	struct message m;
	struct store_wx_record r, topic_r, bad, g;
	struct store_wx_msg wm;
	int64_t did, did2;
	int n;

	memset(&m, 0, sizeof(m));
	m.sender_id = dev.id;
	m.title = (char *)"";
	m.content = (char *)"hello";
	m.content_len = 5;
	m.status = MSG_SENT;
	m.error = (char *)"";
	m.created_ms = clock_ms();
	CHECK(spool_message_insert(db, &m, NULL, 0, "wechat", NULL,
	    NULL) == 0);
	CHECK(spool_wx_message_set(db, m.id, app.id, "sum", "https://x") == 0);
	CHECK(spool_wx_message_get(db, m.id, &wm) == 0);
	CHECK(wm.app_id == app.id && wm.deleted == 0);
	CHECK_STR(wm.summary, "sum");
	CHECK_STR(wm.url, "https://x");

	memset(&r, 0, sizeof(r));
	r.message_id = m.id;
	r.app_id = app.id;
	r.user_id = p1.id;
	r.code = 1000;
	snprintf(r.text, sizeof(r.text), "创建发送任务成功");
	CHECK(spool_wx_record_add(db, &r) == 0 && r.id > 0);
	topic_r = r;
	topic_r.user_id = 0;
	topic_r.topic_id = top.id;
	CHECK(spool_wx_record_add(db, &topic_r) == 0 && topic_r.id > r.id);
	bad = r;
	bad.user_id = p2.id;
	bad.code = 1001;
	CHECK(spool_wx_record_add(db, &bad) == 0);

	CHECK(spool_wx_delivery_add(db, m.id, p1.id, r.id, "wechat", MSG_SENT,
	    &did) == 0);
	CHECK(spool_wx_delivery_add(db, m.id, p1.id, topic_r.id, "wechat",
	    MSG_SENT, &did) == 0);
	CHECK(spool_wx_delivery_add(db, m.id, p2.id, topic_r.id, "wechat",
	    MSG_PENDING, &did2) == 0);
	CHECK(spool_wx_record_get(db, r.id, &g) == 0);
	CHECK(g.status == WXR_SENT && g.user_id == p1.id && g.code == 1000);
	CHECK_STR(g.text, "创建发送任务成功");
	CHECK(spool_wx_record_get(db, topic_r.id, &g) == 0);
	CHECK(g.status == WXR_PENDING && g.topic_id == top.id);
	CHECK(spool_delivery_update(db, did2, MSG_FAILED, 1, 0, "x") == 0);
	CHECK(spool_wx_record_get(db, topic_r.id, &g) == 0);
	CHECK(g.status == WXR_FAILED);
	CHECK(spool_wx_record_get(db, bad.id, &g) == 0);
	CHECK(g.status == WXR_FAILED && g.code == 1001);
	CHECK(spool_wx_record_get(db, 99999, &g) == FG_ENOENT);

	CHECK(spool_wx_message_delete(db, m.id) == 0);
	CHECK(spool_wx_message_get(db, m.id, &wm) == 0 && wm.deleted == 1);

	CHECK(spool_wx_daily_get(db, p1.id, 100, &n) == 0 && n == 0);
	CHECK(spool_wx_daily_add(db, p1.id, 100) == 0);
	CHECK(spool_wx_daily_add(db, p1.id, 100) == 0);
	CHECK(spool_wx_daily_get(db, p1.id, 100, &n) == 0 && n == 2);
	CHECK(spool_wx_daily_get(db, p1.id, 101, &n) == 0 && n == 0);
}

TEST(qrcodes_products_spt)
{
	struct store_wx_qrcode q, g;
	struct store_wx_product p, pg;
	struct store_user u;
	char spt[48] = "", spt2[48] = "";

	memset(&q, 0, sizeof(q));
	q.app_id = app.id;
	snprintf(q.extra, sizeof(q.extra), "user-42");
	q.expires_ms = clock_ms() + 1800000;
	CHECK(dir_wx_qrcode_add(db, &q) == 0 && q.id > 0);
	CHECK(strlen(q.code) == 32);
	CHECK(dir_wx_qrcode_get(db, q.code, &g) == 0);
	CHECK_STR(g.extra, "user-42");
	CHECK_STR(g.last_uid, "");
	CHECK(g.last_poll_ms == 0);
	CHECK(dir_wx_qrcode_scanned(db, q.id, p1.uid) == 0);
	CHECK(dir_wx_qrcode_polled(db, q.id, 1234) == 0);
	CHECK(dir_wx_qrcode_get(db, q.code, &g) == 0);
	CHECK_STR(g.last_uid, p1.uid);
	CHECK(g.last_poll_ms == 1234);
	CHECK(dir_wx_qrcode_get(db, "nope", &g) == FG_ENOENT);
	/* the poll secret is its own random key, found only as itself */
	CHECK(strlen(q.secret) == 32 && strcmp(q.secret, q.code) != 0);
	CHECK(dir_wx_qrcode_by_secret(db, q.secret, &g) == 0 && g.id == q.id);
	CHECK_STR(g.code, q.code);
	CHECK(dir_wx_qrcode_by_secret(db, q.code, &g) == FG_ENOENT);
	CHECK(dir_wx_qrcode_by_secret(db, "", &g) == FG_ENOENT);
	CHECK(dir_wx_qrcode_get(db, q.secret, &g) == FG_ENOENT);

	memset(&p, 0, sizeof(p));
	p.app_id = app.id;
	p.topic_id = top.id;
	snprintf(p.name, sizeof(p.name), "vip");
	p.price_fen = 50;
	CHECK(dir_wx_product_add(db, &p) == 0 && p.id > 0);
	CHECK(dir_wx_product_get(db, p.id, &pg) == 0);
	CHECK(pg.topic_id == top.id && pg.price_fen == 50);
	CHECK_STR(pg.name, "vip");
	CHECK(dir_wx_product_get(db, 999, &pg) == FG_ENOENT);
	{
		int yes = -1;

		CHECK(dir_wx_product_covers(db, app.id, top.id, &yes) == 0 &&
		    yes == 1);
		CHECK(dir_wx_product_covers(db, app.id, 0, &yes) == 0 &&
		    yes == 0);
		CHECK(dir_wx_product_covers(db, app2.id, top.id, &yes) == 0 &&
		    yes == 0);
	}

	CHECK(dir_wx_user_spt(db, p1.id, spt) == 0);
	CHECK(strncmp(spt, "SPT_", 4) == 0 && strlen(spt) == 36);
	CHECK(dir_wx_user_spt(db, p1.id, spt2) == 0);
	CHECK_STR(spt2, spt);
	CHECK(dir_wx_user_by_spt(db, spt, &u) == 0 && u.id == p1.id);
	CHECK(dir_wx_user_by_spt(db, "", &u) == FG_ENOENT);
	CHECK(dir_wx_user_by_spt(db, "SPT_x", &u) == FG_ENOENT);
}

static int
count_topic(void *arg, const struct store_wx_topic *t)
{
	(void)t;
	++*(int *)arg;
	return 0;
}

static int
count_product(void *arg, const struct store_wx_product *p)
{
	(void)p;
	++*(int *)arg;
	return 0;
}

/* The CLI's lists, uplink's follower test and user disable. */
TEST(lists_followers_disable)
{
	struct store_user u;
	int n = 0;

	CHECK(dir_wx_topic_list(db, app.id, count_topic, &n) == 0 && n >= 1);
	n = 0;
	CHECK(dir_wx_topic_list(db, 999999, count_topic, &n) == 0 && n == 0);
	CHECK(dir_wx_product_list(db, app.id, count_product, &n) == 0 &&
	    n == 1);
	CHECK(ops_follow_is_follower(db, app.id, p1.id) == 1);
	CHECK(ops_follow_is_follower(db, app2.id, p3.id) == 0);
	CHECK(ops_follow_is_follower(db, app.id, dev.id) == 0);

	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_user_set_disabled(db, p2.id, 1, NULL)) ==
	    0);
	CHECK(dir_user_get(db, "uid", p2.uid, &u) == 0 && u.disabled == 1);
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_user_set_disabled(db, p2.id, 0, NULL)) ==
	    0);
	CHECK(dir_user_get(db, "uid", p2.uid, &u) == 0 && u.disabled == 0);
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_user_set_disabled(db, 999999, 1, NULL)) ==
	    FG_ENOENT);
}

/* `topic edit|delete`, `product edit|delete` (ops/app.h). */
TEST(topic_product_edit_delete)
{
	struct store_wx_topic t, g;
	struct store_wx_product p, pg;
	struct store_wx_follow f;
	struct ops_product_new pn = { app2.id, 0, "gold", 100 };
	int n = 0;

	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_wx_topic_add(db, app2.id, "t-del", &t,
	    NULL)) == 0);
	pn.topic_id = t.id;
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_product_add(db, &pn, &p, NULL)) == 0);
	memset(&f, 0, sizeof(f));
	f.user_id = p3.id;
	f.app_id = app2.id;
	f.topic_id = t.id;
	CHECK(dir_wx_follow_add(db, &f) == 0);

	snprintf(t.name, sizeof(t.name), "t-renamed");
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_wx_topic_edit(db, &t, NULL)) == 0);
	CHECK(dir_wx_topic_get(db, t.id, &g) == 0);
	CHECK_STR(g.name, "t-renamed");
	t.name[0] = '\0';
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_wx_topic_edit(db, &t, NULL)) == FG_EINVAL);

	p.price_fen = -1;
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_product_edit(db, &p, NULL)) == FG_EINVAL);
	p.price_fen = 7;
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_product_edit(db, &p, NULL)) == 0);
	CHECK(dir_wx_product_get(db, p.id, &pg) == 0 && pg.price_fen == 7);

	/* the topic goes with its follows and products */
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_wx_topic_delete(db, t.id, NULL)) == 0);
	CHECK(dir_wx_topic_get(db, t.id, &g) == FG_ENOENT);
	CHECK(dir_wx_product_get(db, p.id, &pg) == FG_ENOENT);
	CHECK(dir_wx_follow_get(db, f.id, &f) == FG_ENOENT);
	CHECK(dir_wx_topic_list(db, app2.id, count_topic, &n) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_wx_topic_delete(db, t.id, NULL)) ==
	    FG_ENOENT);
	CHECK(store_begin(db) == 0);
	CHECK(harness_end(db, ops_product_delete(db, p.id, NULL)) ==
	    FG_ENOENT);
}

int
main(void)
{
	if (harness_store(dir, &db) != 0)
		return 1;
	RUN(apps);
	RUN(follows);
	RUN(records);
	RUN(qrcodes_products_spt);
	RUN(lists_followers_disable);
	RUN(topic_product_edit_delete);
	store_close(db);
	harness_rm_dir(dir);
	DONE();
}
