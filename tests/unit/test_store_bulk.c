/*
 * test_store_bulk.c: unit tests for the bulk members of the store
 * (store.h) on the SQLite backend and for fg_rows, the table-valued
 * function under them (sqlite_rows.c).
 *
 * The bulk inserts hand back ids computed from the rowid algorithm
 * rather than read per row, so every test here checks each returned id
 * against the row it names: the delivery with id dids[i] must be the one
 * for users[i], and so on, also after a rolled-back transaction and with
 * rows already in the tables.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "harness_store.h"

#include "util/errors.h"
#include "store/sqlite_int.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/strbuf.h"

#define N_PEOPLE	300

static char dir[] = "/tmp/feige-storebulk-XXXXXX";
static struct store *db;
static struct store_user people[N_PEOPLE];

/* A message with no deliveries yet; its id. */
static int64_t
new_message(void)
{
	struct message m;

	memset(&m, 0, sizeof(m));
	m.sender_id = people[0].id;
	m.title = m.webhook = m.callback_url = m.error = (char *)"";
	m.content = (char *)"bulk";
	m.content_len = 4;
	m.status = MSG_SENT;
	snprintf(m.channel, sizeof(m.channel), "wechat");
	m.created_ms = clock_ms();
	return spool_message_insert(db, &m, NULL, 0, "wechat", NULL,
	    NULL) == 0 ?
	    m.id : 0;
}

struct dlv_map {
	size_t		 n, bad;
	const int64_t	*dids, *users;
};

static int
dlv_cb(void *arg, const struct store_delivery *d)
{
	struct dlv_map *m = arg;
	size_t i;

	for (i = 0; i < m->n && m->dids[i] != d->id; i++)
		;
	if (i == m->n || m->users[i] != d->user_id || d->status != MSG_SENT)
		m->bad++;
	return 0;
}

TEST(deliveries_and_inbox)
{
	int64_t users[N_PEOPLE], dids[N_PEOPLE], inbox[N_PEOPLE], msg, one;
	struct dlv_map map;
	size_t i, n = 0;

	/* every third person, in a scrambled order */
	for (i = 0; i < N_PEOPLE; i += 3)
		users[n++] = people[(i * 7) % N_PEOPLE].id;
	msg = new_message();
	CHECK(msg > 0);
	/* a rolled-back bulk insert leaves no gap in what comes after */
	CHECK(store_begin(db) == 0);
	CHECK(spool_delivery_add_many(db, msg, users, NULL, n, "wechat",
	    MSG_SENT, dids) == 0);
	store_rollback(db);
	CHECK(store_begin(db) == 0);
	CHECK(spool_message_insert(db, &(struct message){
	    .sender_id = people[0].id, .title = (char *)"", .content =
	    (char *)"x", .content_len = 1, .webhook = (char *)"",
	    .callback_url = (char *)"", .error = (char *)"", .status =
	    MSG_SENT, .channel = "wechat" }, &people[1].id, 1, "wechat", &one,
	    NULL) == 0);
	CHECK(spool_delivery_add_many(db, msg, users, NULL, n, "wechat",
	    MSG_SENT, dids) == 0);
	/*
	 * PostgreSQL: the single delivery's id was taken ahead, in a chunk
	 * (pg_ids.c), so the bulk ids come after the chunk, not after it.
	 */
	CHECK(harness_on_pg() ? dids[0] > one : dids[0] == one + 1);
	CHECK(spool_inbox_add_many(db, msg, users, dids, n, inbox) == 0);
	CHECK(store_commit(db, NULL) == 0);
	map.n = n;
	map.bad = 0;
	map.dids = dids;
	map.users = users;
	CHECK(spool_delivery_list(db, msg, dlv_cb, &map) == 0);
	CHECK(map.bad == 0);
	for (i = 0; i < n; i++)
		CHECK(i == 0 || dids[i] == dids[i - 1] + 1);
	CHECK(spool_delivery_add_many(db, msg, users, NULL, 0, "wechat",
	    MSG_SENT, dids) == 0);
}

static int
inbox_first(void *arg, const struct store_inbox_item *it)
{
	*(int64_t *)arg = it->id;
	return 1;
}

TEST(inbox_ids_name_their_items)
{
	int64_t users[3], dids[3], inbox[3], got, msg = new_message();
	size_t i;

	for (i = 0; i < 3; i++)
		users[i] = people[10 + i].id;
	CHECK(store_begin(db) == 0);
	CHECK(spool_delivery_add_many(db, msg, users, NULL, 3, "wechat",
	    MSG_SENT, dids) == 0);
	CHECK(spool_inbox_add_many(db, msg, users, dids, 3, inbox) == 0);
	CHECK(store_commit(db, NULL) == 0);
	for (i = 0; i < 3; i++) {
		got = 0;
		CHECK(spool_inbox_list(db, users[i], 0, 1, 1, inbox_first,
		    &got) >= 0);
		CHECK(got == inbox[i]);
	}
}

TEST(records_and_daily)
{
	struct store_wx_record r[4], back;
	int64_t users[5], msg = new_message();
	size_t i, n;
	int c = 0;

	memset(r, 0, sizeof(r));
	for (i = 0; i < 4; i++) {
		r[i].message_id = msg;
		r[i].app_id = 7;
		r[i].user_id = i < 2 ? people[i].id : 0;
		r[i].topic_id = i < 2 ? 0 : (int64_t)i;
		r[i].code = i == 1 ? 1001 : 1000;
		snprintf(r[i].text, sizeof(r[i].text), "记录 \"%zu\"", i);
	}
	CHECK(spool_wx_records_add(db, r, 4) == 0);
	for (i = 0; i < 4; i++) {
		CHECK(spool_wx_record_get(db, r[i].id, &back) == 0);
		CHECK(back.message_id == msg && back.app_id == 7);
		CHECK(back.user_id == r[i].user_id);
		CHECK(back.topic_id == r[i].topic_id);
		CHECK(back.code == r[i].code);
		CHECK_STR(back.text, r[i].text);
		CHECK(back.created_ms == r[0].created_ms);
	}
	for (i = 0; i < 5; i++)
		users[i] = people[20 + i].id;
	CHECK(spool_wx_daily_add_many(db, users, 5, 100) == 0);
	CHECK(spool_wx_daily_add_many(db, users + 1, 2, 100) == 0);
	CHECK(spool_wx_daily_get(db, users[1], 100, &c) == 0 && c == 2);
	CHECK(spool_wx_daily_get(db, users[0], 100, &c) == 0 && c == 1);
	CHECK(spool_wx_daily_get(db, users[0], 101, &c) == 0 && c == 0);
	n = 5;
	CHECK(spool_wx_daily_filter(db, 100, 2, users, &n) == 0);
	CHECK(n == 3);
	CHECK(users[0] == people[20].id && users[1] == people[23].id &&
	    users[2] == people[24].id);
	n = 3;
	CHECK(spool_wx_daily_filter(db, 100, 1, users, &n) == 0 && n == 0);
}

TEST(uid_states)
{
	struct strbuf err = STRBUF_INIT;
	struct store_wx_app app;
	struct store_wx_follow f;
	struct store_wx_uid u[5];
	int64_t day = 200;

	CHECK(dir_wx_app_add(db, people[0].id, "bulk", NULL, &app, &err) == 0);
	memset(&f, 0, sizeof(f));
	f.user_id = people[1].id;
	f.app_id = app.id;
	CHECK(dir_wx_follow_add(db, &f) == 0);
	memset(&f, 0, sizeof(f));
	f.user_id = people[2].id;
	f.app_id = app.id;
	CHECK(dir_wx_follow_add(db, &f) == 0);
	CHECK(dir_wx_follow_set_reject(db, f.id, 1) == 0);
	CHECK(dir_wx_follow_set_pay(db, f.id, 12345) == 0);
	memset(&f, 0, sizeof(f));		/* a topic follow is not enough */
	f.user_id = people[3].id;
	f.app_id = app.id;
	f.topic_id = 99;
	CHECK(dir_wx_follow_add(db, &f) == 0);
	CHECK(spool_wx_daily_add_many(db, &people[1].id, 1, day) == 0);
	memset(u, 0, sizeof(u));
	u[0].uid = people[3].uid;
	u[1].uid = "UID_nobody\"'";
	u[2].uid = people[2].uid;
	u[3].uid = people[1].uid;
	u[4].uid = NULL;			/* reads as "" */
	CHECK(dir_wx_uid_states(db, app.id, day, u, 5) == 0);
	CHECK(u[0].user_id == people[3].id && u[0].follow_id == 0);
	CHECK(u[1].user_id == 0 && u[1].follow_id == 0);
	CHECK(u[2].user_id == people[2].id && u[2].follow_id == f.id - 1);
	CHECK(u[2].reject == 1 && u[2].pay_end_ms == 12345);
	CHECK(u[3].user_id == people[1].id && u[3].follow_id > 0);
	CHECK(u[3].reject == 0 && u[3].day_n == 1);
	CHECK(u[4].user_id == 0);
	strbuf_release(&err);
}

/* SQL text cannot hand fg_rows a pointer: only a bound sq_rows works. */
TEST(fg_rows_needs_a_bound_source)
{
	sqlite3_stmt *st;
	struct sq_rows rows;
	int64_t v[3] = { 5, 6, 7 };
	long long sum = 0;

	HARNESS_SQLITE_ONLY("fg_rows is the SQLite backend's");

	CHECK(sqlite3_prepare_v2(SQ(db)->db, "SELECT count(*) FROM fg_rows(?)",
	    -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, "0x1234", -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0);
	sqlite3_finalize(st);
	CHECK(sqlite3_prepare_v2(SQ(db)->db, "SELECT count(*) FROM fg_rows",
	    -1, &st, NULL) != SQLITE_OK);
	sqlite3_finalize(st);
	memset(&rows, 0, sizeof(rows));
	rows.n = 3;
	sq_rows_col(&rows, 1, SQ_COL_I64, v, sizeof(v[0]));
	CHECK(sqlite3_prepare_v2(SQ(db)->db, "SELECT i, c0, c1 "
	    "FROM fg_rows(?) ORDER BY i", -1, &st, NULL) == SQLITE_OK);
	CHECK(sq_rows_bind(st, 1, &rows) == 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		CHECK(sqlite3_column_type(st, 1) == SQLITE_NULL);
		sum += sqlite3_column_int64(st, 0) * 100 +
		    sqlite3_column_int64(st, 2);
	}
	CHECK(sum == 300 + 18);
	sqlite3_finalize(st);
}

int
main(void)
{
	struct strbuf err = STRBUF_INIT;
	char name[16];
	int i;

	if (harness_store(dir, &db) != 0)
		return 1;
	for (i = 0; i < N_PEOPLE; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		if (dir_user_add(db, name, 0, &people[i], &err) != 0) {
			fprintf(stderr, "user: %s\n", err.buf);
			return 1;
		}
	}
	strbuf_release(&err);
	RUN(deliveries_and_inbox);
	RUN(inbox_ids_name_their_items);
	RUN(records_and_daily);
	RUN(uid_states);
	RUN(fg_rows_needs_a_bound_source);
	store_close(db);
	harness_rm_dir(dir);
	DONE();
}
