/*
 * test_store_wxpurge.c: unit tests for the WxPusher retention purge of
 * the SQLite backend (store.h wx_purge, sqlite_wxpurge.c): records older
 * than the cut-off go with their deliveries, younger ones stay; no call
 * deletes more rows than its limit, and a record is never deleted before
 * its deliveries; messages, inbox rows and deliveries of other sends
 * (record_id 0) stay; expired QR codes and old daily counters go; a
 * cut-off of 0 skips its table.
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

#include "util/errors.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/strbuf.h"

#define DAY_MS	86400000LL

static char dir[] = "/tmp/feige-wxpurge-XXXXXX";
static struct store *db;
static struct store_user dev, p1, p2;
static struct store_wx_app app;


/* A message with one delivery per user in users (none if n is 0). */
static int64_t
message(const int64_t *users, size_t n, int64_t *dids)
{
	struct message m;

	memset(&m, 0, sizeof(m));
	m.sender_id = dev.id;
	m.title = (char *)"";
	m.content = (char *)"hello";
	m.content_len = 5;
	m.status = MSG_SENT;
	m.error = (char *)"";
	m.webhook = m.callback_url = (char *)"";
	m.created_ms = clock_ms();
	snprintf(m.channel, sizeof(m.channel), "wechat");
	if (spool_message_insert(db, &m, users, n, "wechat", dids, NULL) != 0)
		return 0;
	return m.id;
}

/* A record of msg created at `at` with `deliveries` deliveries to p1. */
static int64_t
record(int64_t msg, int64_t at, int code, int deliveries)
{
	struct store_wx_record r;
	int64_t did;
	int i;

	memset(&r, 0, sizeof(r));
	r.message_id = msg;
	r.app_id = app.id;
	r.user_id = p1.id;
	r.code = code;
	r.created_ms = at;
	snprintf(r.text, sizeof(r.text), "x");
	if (spool_wx_record_add(db, &r) != 0)
		return 0;
	for (i = 0; i < deliveries; i++)
		if (spool_wx_delivery_add(db, msg, i % 2 ? p2.id : p1.id, r.id,
		    "wechat", MSG_SENT, &did) != 0)
			return 0;
	return r.id;
}

static int
count_cb(void *arg, const struct store_delivery *d)
{
	(void)d;
	(*(int *)arg)++;
	return 0;
}

static int
deliveries_of(int64_t msg)
{
	int n = 0;

	if (spool_delivery_list(db, msg, count_cb, &n) != 0)
		return -1;
	return n;
}

static int
inbox_cb(void *arg, const struct store_inbox_item *it)
{
	(void)it;
	(*(int *)arg)++;
	return 0;
}

static int
exists(int64_t rec)
{
	struct store_wx_record g;

	return spool_wx_record_get(db, rec, &g) == 0;
}

TEST(setup)
{
	struct strbuf err = STRBUF_INIT;

	CHECK(dir_user_add(db, "dev", 0, &dev, &err) == 0);
	CHECK(dir_user_add(db, "p1", 0, &p1, &err) == 0);
	CHECK(dir_user_add(db, "p2", 0, &p2, &err) == 0);
	CHECK(dir_wx_app_add(db, dev.id, "app", NULL, &app, &err) == 0);
	strbuf_release(&err);
}

TEST(records_in_bounded_batches)
{
	struct store_wx_purge p;
	struct strbuf err = STRBUF_INIT;
	int64_t now = clock_ms(), old_msg, young_msg, pp_msg, did, inbox_id;
	int64_t old[6], young[2], late;
	int i, calls = 0, recs = 0, dlvs = 0, total, inbox = 0;

	CHECK((old_msg = message(NULL, 0, NULL)) > 0);
	CHECK((young_msg = message(NULL, 0, NULL)) > 0);
	CHECK((pp_msg = message(&p1.id, 1, &did)) > 0);	/* record_id 0 */
	CHECK(spool_inbox_add(db, p1.id, old_msg, did, &inbox_id) == 0);
	/* five old records with 3 deliveries each, one refused (none) */
	for (i = 0; i < 5; i++)
		CHECK((old[i] = record(old_msg, now - 10 * DAY_MS, 1000,
		    3)) > 0);
	CHECK((old[5] = record(old_msg, now - 10 * DAY_MS, 1001, 0)) > 0);
	for (i = 0; i < 2; i++)
		CHECK((young[i] = record(young_msg, now - DAY_MS, 1000,
		    2)) > 0);
	/* an old time after a young record (a clock set back) waits */
	CHECK((late = record(young_msg, now - 10 * DAY_MS, 1000, 1)) > 0);
	CHECK(deliveries_of(old_msg) == 15);

	memset(&p, 0, sizeof(p));
	p.records_before_ms = now - 7 * DAY_MS;
	p.limit = 4;
	CHECK(spool_wx_purge(db, &p, &err) == 0);
	CHECK(p.deliveries == 4 && p.records == 0);
	/* no record goes before its deliveries */
	for (i = 0; i < 6; i++)
		CHECK(exists(old[i]));
	dlvs += p.deliveries;
	calls++;
	do {
		CHECK(spool_wx_purge(db, &p, &err) == 0);
		total = p.records + p.deliveries + p.qrcodes + p.daily;
		CHECK(total <= p.limit);
		recs += p.records;
		dlvs += p.deliveries;
		calls++;
	} while (total == p.limit && calls < 100);
	CHECK(dlvs == 15 && recs == 6);
	CHECK(calls == 6);	/* 4, 4, 4, 3 + 1, 4, 1 */
	for (i = 0; i < 6; i++)
		CHECK(!exists(old[i]));
	for (i = 0; i < 2; i++)
		CHECK(exists(young[i]));
	CHECK(exists(late));
	CHECK(deliveries_of(old_msg) == 0);
	CHECK(deliveries_of(young_msg) == 5);
	CHECK(deliveries_of(pp_msg) == 1);

	/* messages and the inbox stay */
	{
		struct message m;

		CHECK(spool_message_get_id(db, old_msg, &m) == 0);
		message_release(&m);
	}
	CHECK(spool_inbox_list(db, p1.id, 0, 100, 0, inbox_cb, &inbox) == 0);
	CHECK(inbox == 1);

	/* once the young records are old too, the late one goes with them */
	p.records_before_ms = now + 1;
	p.limit = 100;
	CHECK(spool_wx_purge(db, &p, &err) == 0);
	CHECK(p.records == 3 && p.deliveries == 5);
	CHECK(!exists(late) && !exists(young[0]));
	CHECK(deliveries_of(pp_msg) == 1);
	CHECK(spool_wx_purge(db, &p, &err) == 0);
	CHECK(p.records == 0 && p.deliveries == 0);
	strbuf_release(&err);
}

/* A QR code expiring at `expires`; its code goes to out. */
static int
qrcode(int64_t expires, char out[48])
{
	struct store_wx_qrcode q;

	memset(&q, 0, sizeof(q));
	q.app_id = app.id;
	snprintf(q.extra, sizeof(q.extra), "e");
	q.expires_ms = expires;
	if (dir_wx_qrcode_add(db, &q) != 0)
		return -1;
	memcpy(out, q.code, sizeof(q.code));
	return 0;
}

TEST(qrcodes_and_daily)
{
	struct store_wx_purge p;
	struct store_wx_qrcode g;
	struct strbuf err = STRBUF_INIT;
	char gone[3][48], recent[48], live[48];
	int64_t now = clock_ms();
	int i, n = -1;

	for (i = 0; i < 3; i++)
		CHECK(qrcode(now - 3 * DAY_MS, gone[i]) == 0);
	CHECK(qrcode(now - 3600000, recent) == 0);	/* within the day */
	CHECK(qrcode(now + 1800000, live) == 0);
	CHECK(spool_wx_daily_add(db, p1.id, 100) == 0);
	CHECK(spool_wx_daily_add(db, p2.id, 100) == 0);
	CHECK(spool_wx_daily_add(db, p1.id, 101) == 0);
	CHECK(spool_wx_daily_add(db, p1.id, 102) == 0);

	/* a cut-off of 0 skips its table */
	memset(&p, 0, sizeof(p));
	p.limit = 100;
	CHECK(spool_wx_purge(db, &p, &err) == 0);
	CHECK(p.records + p.deliveries + p.qrcodes + p.daily == 0);

	/* the limit spans the tables: 3 codes + 1 counter, then 2 more */
	p.qrcodes_before_ms = now - DAY_MS;
	p.daily_before = 102;
	p.limit = 4;
	CHECK(spool_wx_purge(db, &p, &err) == 0);
	CHECK(p.qrcodes == 3 && p.daily == 1);
	CHECK(spool_wx_purge(db, &p, &err) == 0);
	CHECK(p.qrcodes == 0 && p.daily == 2);
	CHECK(spool_wx_daily_get(db, p1.id, 100, &n) == 0 && n == 0);
	CHECK(spool_wx_daily_get(db, p1.id, 101, &n) == 0 && n == 0);
	CHECK(spool_wx_daily_get(db, p1.id, 102, &n) == 0 && n == 1);
	for (i = 0; i < 3; i++)
		CHECK(dir_wx_qrcode_get(db, gone[i], &g) == FG_ENOENT);
	CHECK(dir_wx_qrcode_get(db, recent, &g) == 0);
	CHECK(dir_wx_qrcode_get(db, live, &g) == 0);

	p.limit = 0;
	CHECK(spool_wx_purge(db, &p, &err) == FG_EINVAL);
	strbuf_release(&err);
}

int
main(void)
{
	if (harness_store(dir, &db) != 0)
		return 1;
	RUN(setup);
	RUN(records_in_bounded_batches);
	RUN(qrcodes_and_daily);
	store_close(db);
	harness_rm_dir(dir);
	DONE();
}
