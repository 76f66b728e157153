/*
 * test_ops_wx.c: unit tests for the WxPusher operations (src/ops/:
 * follow, wx_callback, app, qrcode, wx_message) on a temporary SQLite
 * data dir, each operation in its own transaction as the CLI runs them.
 * They check what an operation leaves behind: follow rows, the tip in
 * the inbox, callback rows in the outbox with the right action and
 * fields, an app block covering its topics, paid time, and the rules
 * (ownership, blocked follows, unknown fields) refusing with the right
 * code, and the rows of a send.
 *
 * The tests run in order on one fresh data dir and share its rows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "harness_store.h"

#include "ops/app.h"
#include "ops/follow.h"
#include "ops/qrcode.h"
#include "ops/wx_callback.h"
#include "ops/wx_message.h"
#include "render/render.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-opswx-XXXXXX";
static struct store *db;
static struct store_user dev, p1;
static struct store_wx_app app, quiet;
static struct store_wx_topic top;

/* ---- helpers ------------------------------------------------------- */

struct drained {
	struct strbuf	 bodies;	/* one body per line */
	int64_t		 ids[16];
	int		 n;
};

static int
drain_one(void *arg, const struct store_outbox *o)
{
	struct drained *d = arg;

	if (d->n < 16)
		d->ids[d->n] = o->id;
	d->n++;
	strbuf_addstr(&d->bodies, o->body);
	strbuf_addch(&d->bodies, '\n');
	return 0;
}

/* The outbox bodies queued since the last call (then marked sent). */
static int
drain(struct strbuf *out)
{
	struct drained d;
	int i, n;

	memset(&d, 0, sizeof(d));
	strbuf_init(&d.bodies, 0);
	if (spool_outbox_due(db, clock_ms() + 1000, 16, drain_one, &d) != 0)
		d.n = -1;
	for (i = 0; i < d.n && i < 16; i++)
		if (spool_outbox_done(db, d.ids[i], 1, 1, 0, "") != 0)
			d.n = -1;
	strbuf_reset(out);
	strbuf_addstr(out, d.bodies.buf);
	strbuf_release(&d.bodies);
	n = d.n;
	return n;
}

static int
first_item(void *arg, const struct store_inbox_item *it)
{
	struct strbuf *sb = arg;

	if (sb->len == 0) {
		strbuf_addstr(sb, it->msg.title);
		strbuf_addch(sb, '|');
		strbuf_add(sb, it->msg.content, it->msg.content_len);
	}
	return 0;
}

/* Title|content of the user's newest inbox item, "" when none. */
static void
newest(int64_t user, struct strbuf *out)
{
	strbuf_reset(out);
	if (spool_inbox_list(db, user, 0, 1, 1, first_item, out) != 0)
		strbuf_addstr(out, "(error)");
}

/* Follow in one transaction, as the CLI does. */
static int
follow(const struct store_wx_app *a, int64_t topic,
    const struct store_user *u, const char *source, const char *extra,
    int64_t qr, struct ops_follow_result *res)
{
	struct ops_follow_req in = { a, topic, u, source, extra, qr };
	struct strbuf err = STRBUF_INIT;
	int rc;

	if ((rc = store_begin(db)) != 0)
		return rc;
	if ((rc = ops_follow_apply(db, &in, res, &err)) != 0 ||
	    (rc = store_commit(db, &err)) != 0)
		store_rollback(db);
	strbuf_release(&err);
	return rc;
}

/* ---- tests ----------------------------------------------------------- */

TEST(setup_rules)
{
	struct strbuf err = STRBUF_INIT;
	struct ops_app_new bad = { 0, "x", "ftp://host/cb" };
	struct ops_app_new ok = { 0, "告警", "http://127.0.0.1/cb" };
	struct ops_app_new plain = { 0, "quiet", NULL };
	struct ops_app_field f = { 0, "token", "x" };
	struct store_wx_topic t;

	CHECK(dir_user_add(db, "dev", 0, &dev, &err) == 0);
	CHECK(dir_user_add(db, "p1", 0, &p1, &err) == 0);
	bad.owner_id = ok.owner_id = plain.owner_id = dev.id;
	CHECK(ops_app_add(db, &bad, &app, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "http(s)");
	bad.name = "";
	bad.callback_url = NULL;
	CHECK(ops_app_add(db, &bad, &app, &err) == FG_EINVAL);
	CHECK(ops_app_add(db, &ok, &app, &err) == 0 && app.id > 0);
	CHECK(ops_app_add(db, &plain, &quiet, &err) == 0);
	CHECK_STR(app.callback_url, "http://127.0.0.1/cb");

	f.app_id = app.id;
	CHECK(ops_app_set(db, &f, &err) == FG_EINVAL);
	f.field = "settings_url";
	f.value = "javascript:1";
	CHECK(ops_app_set(db, &f, &err) == FG_EINVAL);
	f.value = "";
	CHECK(ops_app_set(db, &f, &err) == 0);
	f.app_id = 9999;
	CHECK(ops_app_set(db, &f, &err) == FG_ENOENT);
	CHECK_STR(err.buf, "no app 9999");

	CHECK(ops_wx_topic_add(db, 9999, "t", &t, &err) == FG_ENOENT);
	CHECK(ops_wx_topic_add(db, app.id, "", &t, &err) == FG_EINVAL);
	CHECK(ops_wx_topic_add(db, app.id, "故障", &top, &err) == 0);
	CHECK(top.id > 0 && top.app_id == app.id);
	strbuf_release(&err);
}

TEST(follow_app_tip_and_subscribe)
{
	struct ops_follow_result res;
	struct store_wx_follow f;
	struct strbuf sb = STRBUF_INIT;

	CHECK(follow(&app, 0, &p1, "link", NULL, 0, &res) == 0);
	CHECK(!res.existed && !res.blocked && !res.created);
	CHECK(res.follow.id > 0 && res.cb_added == 1);
	CHECK(dir_wx_follow_find(db, p1.id, app.id, 0, &f) == 0);
	CHECK(f.id == res.follow.id);
	CHECK_STR(f.source, "link");
	/* the default tip, delivered to the inbox */
	CHECK(res.tip_inbox_id > 0);
	newest(p1.id, &sb);
	CHECK_CONTAINS(sb.buf, "告警|你已关注「告警」");
	CHECK_CONTAINS(sb.buf, p1.uid);
	/* app_subscribe, keys in the documented order */
	CHECK(drain(&sb) == 1);
	CHECK_CONTAINS(sb.buf, "{\"action\":\"app_subscribe\",\"data\":"
	    "{\"appId\":");
	CHECK_CONTAINS(sb.buf, "\"source\":\"link\",\"userName\":\"\"");
	CHECK_CONTAINS(sb.buf, p1.uid);

	/* again: a no-op, no second tip, no second callback */
	CHECK(follow(&app, 0, &p1, "link", NULL, 0, &res) == 0);
	CHECK(res.existed && res.cb_added == 0 && res.tip_inbox_id == 0);
	CHECK(drain(&sb) == 0);
	strbuf_release(&sb);
}

TEST(follow_new_person_topic_and_custom_tip)
{
	struct ops_follow_result res;
	struct ops_app_field tip = { 0, "follow_tip", "欢迎订阅" };
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	struct store_user u;

	CHECK(follow(&app, top.id, NULL, "scan", NULL, 0, &res) == 0);
	CHECK(res.created && res.user.id > 0 && *res.user.uid);
	CHECK(dir_user_get(db, "uid", res.user.uid, &u) == 0);
	CHECK(res.follow.topic_id == top.id && res.cb_added == 0);
	newest(res.user.id, &sb);
	CHECK_CONTAINS(sb.buf, "的主题「故障」");
	CHECK(drain(&sb) == 0);	/* topic follows fire no app_subscribe */

	/* a follow of another topic: a topic of another app is refused */
	CHECK(follow(&quiet, top.id, &u, "link", NULL, 0, &res) ==
	    FG_ENOENT);

	tip.app_id = app.id;
	CHECK(ops_app_set(db, &tip, &err) == 0);
	CHECK(dir_wx_app_get(db, app.id, &app) == 0);
	CHECK(follow(&app, 0, &u, "link", NULL, 0, &res) == 0);
	newest(u.id, &sb);
	CHECK_STR(sb.buf, "告警|欢迎订阅");
	CHECK(drain(&sb) == 1);
	strbuf_release(&sb);
	strbuf_release(&err);
}

TEST(block_covers_topics)
{
	struct ops_follow_result res;
	struct store_wx_follow f;
	struct store_user p2;
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	struct ops_follow_ref ref = { 0, 0, 0 };
	struct ops_follow_upcmd up = { NULL, NULL, "#1 hi" };
	int queued = 0;

	CHECK(dir_user_add(db, "p2", 0, &p2, &err) == 0);
	CHECK(follow(&app, 0, &p2, "link", NULL, 0, &res) == 0);
	CHECK(drain(&sb) == 1);
	ref.id = res.follow.id;
	ref.app_id = quiet.id;		/* not the follow's app */
	CHECK(ops_follow_reject(db, &ref, 1, &err) == FG_ENOENT);
	ref.app_id = app.id;
	CHECK(ops_follow_reject(db, &ref, 1, &err) == 0);

	/* the app follow stays blocked, without tip or callback */
	CHECK(follow(&app, 0, &p2, "link", NULL, 0, &res) == 0);
	CHECK(res.existed && res.blocked && res.tip_inbox_id == 0);
	/* a topic follow is refused and writes no row */
	CHECK(follow(&app, top.id, &p2, "link", NULL, 0, &res) == 0);
	CHECK(res.blocked && !res.existed && res.tip_inbox_id == 0);
	CHECK(dir_wx_follow_find(db, p2.id, app.id, top.id, &f) ==
	    FG_ENOENT);
	/* and their uplink commands do not reach the app */
	up.app = &app;
	up.user = &p2;
	CHECK(ops_follow_upcmd(db, &up, &queued, &err) == FG_EINVAL);
	CHECK(queued == 0);
	CHECK(drain(&sb) == 0);

	/* the person cannot drop the block by unfollowing; the app can */
	ref.app_id = 0;
	ref.user_id = p2.id;
	CHECK(ops_follow_remove(db, &ref, &err) == FG_EINVAL);
	ref.user_id = p1.id;		/* not theirs */
	CHECK(ops_follow_remove(db, &ref, &err) == FG_ENOENT);
	ref.user_id = 0;
	ref.app_id = app.id;
	CHECK(ops_follow_reject(db, &ref, 0, &err) == 0);
	CHECK(follow(&app, top.id, &p2, "link", NULL, 0, &res) == 0);
	CHECK(!res.blocked && res.follow.id > 0);
	CHECK(ops_follow_upcmd(db, &up, &queued, &err) == 0 && queued);
	CHECK(drain(&sb) == 1);
	CHECK_CONTAINS(sb.buf, "\"action\":\"send_up_cmd\"");
	CHECK(ops_follow_remove(db, &ref, &err) == 0);
	CHECK(dir_wx_follow_find(db, p2.id, app.id, 0, &f) == FG_ENOENT);
	strbuf_release(&sb);
	strbuf_release(&err);
}

TEST(qrcode_scan_fires_subscribe_again)
{
	struct ops_qrcode_new in = { 0, "order-42", 0 };
	struct store_wx_qrcode q, g;
	struct ops_follow_result res;
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;

	in.app_id = app.id;
	in.expires_ms = clock_ms() + 60000;
	CHECK(ops_qrcode_create(db, &in, &q, &err) == 0);
	CHECK(q.id > 0 && *q.code && q.app_id == app.id);
	CHECK_STR(q.extra, "order-42");
	/* p1 already follows: scanning reports the binding again */
	CHECK(follow(&app, 0, &p1, "scan", q.extra, q.id, &res) == 0);
	CHECK(res.existed && res.cb_added == 1);
	CHECK(dir_wx_qrcode_get(db, q.code, &g) == 0);
	CHECK_STR(g.last_uid, p1.uid);
	CHECK(drain(&sb) == 1);
	CHECK_CONTAINS(sb.buf, "\"source\":\"scan\"");
	CHECK_CONTAINS(sb.buf, "\"extra\":\"order-42\"");
	CHECK(ops_qrcode_polled(db, q.id, 1234, &err) == 0);
	CHECK(dir_wx_qrcode_get(db, q.code, &g) == 0 &&
	    g.last_poll_ms == 1234);
	strbuf_release(&sb);
	strbuf_release(&err);
}

TEST(callbacks)
{
	struct ops_wx_upcmd up = { NULL, NULL, "#1 hello" };
	struct strbuf sb = STRBUF_INIT;
	int queued = 0;

	up.app = &quiet;		/* no callback URL: no row */
	up.uid = p1.uid;
	CHECK(ops_wx_callback_upcmd(db, &up, &queued, NULL) == 0);
	CHECK(queued == 0 && drain(&sb) == 0);
	up.app = &app;
	CHECK(ops_wx_callback_upcmd(db, &up, &queued, NULL) == 0);
	CHECK(queued == 1 && drain(&sb) == 1);
	CHECK_CONTAINS(sb.buf, "{\"action\":\"send_up_cmd\",\"data\":"
	    "{\"uid\":");
	CHECK_CONTAINS(sb.buf, "\"appKey\":null");
	CHECK_CONTAINS(sb.buf, "\"content\":\"#1 hello\"}}");
	strbuf_release(&sb);
}

TEST(pay_grant_and_refund)
{
	struct ops_product_new pn = { 0, 0, "vip", 300 };
	struct store_wx_product p;
	struct ops_follow_pay_req in = { &p1, 0, 30, 0 };
	struct ops_follow_pay_result res;
	struct store_wx_follow f;
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	struct store_user nobody;
	int64_t now = clock_ms();

	pn.app_id = app.id;
	pn.topic_id = 9999;
	CHECK(ops_product_add(db, &pn, &p, &err) == FG_ENOENT);
	CHECK_CONTAINS(err.buf, "no topic 9999");
	pn.topic_id = 0;
	pn.price_fen = -1;
	CHECK(ops_product_add(db, &pn, &p, &err) == FG_EINVAL);
	pn.price_fen = 300;
	CHECK(ops_product_add(db, &pn, &p, &err) == 0 && p.id > 0);

	in.prod_id = p.id;
	in.now_ms = now;
	CHECK(ops_follow_pay(db, &in, &res, &err) == 0);
	CHECK(res.end_ms == now + 30 * 86400000LL);
	CHECK(res.amount_fen == 300 && res.cb_added == 1);
	CHECK(strlen(res.trade_no) == strlen("1234567890123") + 6);
	CHECK(dir_wx_follow_find(db, p1.id, app.id, 0, &f) == 0);
	CHECK(f.pay_end_ms == res.end_ms);
	CHECK(drain(&sb) == 1);
	CHECK_CONTAINS(sb.buf, "{\"action\":\"order_pay\",\"data\":"
	    "{\"addTime\":2592000000,\"amount\":300,");
	CHECK_CONTAINS(sb.buf, "\"type\":1,");

	in.days = -40;			/* a refund takes from the end */
	CHECK(ops_follow_pay(db, &in, &res, &err) == 0);
	CHECK(res.end_ms == now - 10 * 86400000LL);
	CHECK(res.add_ms == -40 * 86400000LL && res.amount_fen == -400);
	CHECK(drain(&sb) == 1);
	CHECK_CONTAINS(sb.buf, "\"type\":2,");

	CHECK(dir_user_add(db, "nobody", 0, &nobody, &err) == 0);
	in.user = &nobody;
	in.days = 1;
	strbuf_reset(&err);
	CHECK(ops_follow_pay(db, &in, &res, &err) == FG_ENOENT);
	CHECK_CONTAINS(err.buf, "does not follow the app of product");
	in.prod_id = 9999;
	CHECK(ops_follow_pay(db, &in, &res, &err) == FG_ENOENT);
	CHECK_STR(err.buf, "no product 9999");
	CHECK(drain(&sb) == 0);
	strbuf_release(&sb);
	strbuf_release(&err);
}

TEST(send_rows)
{
	struct message m;
	struct store_wx_record rec[2], g;
	struct store_wx_msg wm;
	int64_t users[1], dids[1] = { 0 };
	size_t user_rec[1] = { 0 };
	struct ops_wx_send in;
	int64_t day = ops_wx_day(clock_ms());
	int n = -1;

	memset(&m, 0, sizeof(m));
	m.sender_id = dev.id;
	m.title = (char *)"";
	m.content = (char *)"disk full";
	m.content_len = 9;
	m.tpl = TPL_TXT;
	snprintf(m.channel, sizeof(m.channel), "wechat");
	m.webhook = m.callback_url = m.error = (char *)"";
	m.status = MSG_PENDING;
	m.created_ms = clock_ms();
	memset(rec, 0, sizeof(rec));
	rec[0].user_id = p1.id;
	rec[0].code = 1000;
	snprintf(rec[0].text, sizeof(rec[0].text), "ok");
	rec[1].topic_id = top.id;
	rec[1].code = 1001;
	snprintf(rec[1].text, sizeof(rec[1].text), "no followers");
	users[0] = p1.id;
	memset(&in, 0, sizeof(in));
	in.msg = &m;
	in.channel = "wechat";
	in.app_id = app.id;
	in.summary = "disk";
	in.url = "https://example.com/x";
	in.rec = rec;
	in.n_rec = 2;
	in.users = users;
	in.user_rec = user_rec;
	in.n_users = 1;
	in.day = day;
	CHECK(store_begin(db) == 0);
	CHECK(ops_wx_send_rows(db, &in, dids, NULL) == 0);
	CHECK(store_commit(db, NULL) == 0);
	CHECK(m.id > 0 && dids[0] > 0);
	CHECK(rec[0].id > 0 && rec[1].id > rec[0].id);
	CHECK(spool_wx_record_get(db, rec[1].id, &g) == 0);
	CHECK(g.message_id == m.id && g.app_id == app.id);
	CHECK(g.topic_id == top.id && g.code == 1001);
	CHECK_STR(g.text, "no followers");
	CHECK(spool_wx_message_get(db, m.id, &wm) == 0);
	CHECK(wm.app_id == app.id && !wm.deleted);
	CHECK_STR(wm.summary, "disk");
	CHECK_STR(wm.url, "https://example.com/x");
	CHECK(spool_wx_daily_get(db, p1.id, day, &n) == 0 && n == 1);
}

TEST(message_delete_and_day)
{
	struct strbuf err = STRBUF_INIT;
	struct ops_recall rcl;

	memset(&rcl, 0, sizeof(rcl));
	/* the tip of the first follow is a message of app */
	CHECK(ops_wx_message_delete(db, 1, quiet.id, &rcl, &err) == FG_ENOENT);
	CHECK(ops_wx_message_delete(db, 1, app.id, &rcl, &err) == 0);
	CHECK(ops_wx_message_delete(db, 1, app.id, &rcl, &err) == 0);
	CHECK(ops_wx_message_delete(db, 99999, app.id, &rcl,
	    &err) == FG_ENOENT);
	ops_recall_release(&rcl);
	/* 2024-01-01T16:00:00Z is midnight in China: the next day */
	CHECK(ops_wx_day(1704124800000LL) - ops_wx_day(1704124799999LL) ==
	    1);
	strbuf_release(&err);
}

int
main(void)
{
	if (harness_store(dir, &db) != 0)
		return 1;
	RUN(setup_rules);
	RUN(follow_app_tip_and_subscribe);
	RUN(follow_new_person_topic_and_custom_tip);
	RUN(block_covers_topics);
	RUN(qrcode_scan_fires_subscribe_again);
	RUN(callbacks);
	RUN(pay_grant_and_refund);
	RUN(send_rows);
	RUN(message_delete_and_day);
	store_close(db);
	harness_rm_dir(dir);
	DONE();
}
