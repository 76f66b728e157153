/*
 * test_open.c: unit tests for the pure parts of the open API
 * (src/api/open_util.c): IP allowlists with CIDR blocks (IPv4, IPv6),
 * pushplus dates in UTC+8, day starts and page arithmetic; and the
 * store side of message tokens and AccessKeys (sqlite_open.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_store.h"

#include "api/openapi/open_int.h"
#include "util/errors.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/iplist.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"

TEST(ip_exact_and_cidr_v4)
{
	CHECK(iplist_allowed("127.0.0.1", "127.0.0.1"));
	CHECK(!iplist_allowed("127.0.0.1", "127.0.0.2"));
	CHECK(iplist_allowed("10.0.0.0/8", "10.255.1.2"));
	CHECK(!iplist_allowed("10.0.0.0/8", "11.0.0.1"));
	CHECK(iplist_allowed("192.168.1.0/25", "192.168.1.127"));
	CHECK(!iplist_allowed("192.168.1.0/25", "192.168.1.128"));
	CHECK(iplist_allowed("0.0.0.0/0", "8.8.8.8"));
	CHECK(iplist_allowed("1.2.3.4/32", "1.2.3.4"));
	CHECK(!iplist_allowed("1.2.3.4/32", "1.2.3.5"));
	/* host bits set in the entry do not matter */
	CHECK(iplist_allowed("10.1.2.3/16", "10.1.200.1"));
}

TEST(ip_v6_and_families)
{
	CHECK(iplist_allowed("::1", "::1"));
	CHECK(iplist_allowed("2001:db8::/32", "2001:db8:ffff::1"));
	CHECK(!iplist_allowed("2001:db8::/32", "2001:db9::1"));
	CHECK(iplist_allowed("2001:db8::/33", "2001:db8:7fff::1"));
	CHECK(!iplist_allowed("2001:db8::/33", "2001:db8:8000::1"));
	CHECK(iplist_allowed("::/0", "fe80::1"));
	/* families never match each other */
	CHECK(!iplist_allowed("::/0", "127.0.0.1"));
	CHECK(!iplist_allowed("0.0.0.0/0", "::1"));
}

TEST(ip_lists)
{
	const char *l = " 10.0.0.1,192.168.0.0/16;\n2001:db8::/32\t127.0.0.1 ";

	CHECK(iplist_allowed(l, "10.0.0.1"));
	CHECK(iplist_allowed(l, "192.168.44.1"));
	CHECK(iplist_allowed(l, "2001:db8::5"));
	CHECK(iplist_allowed(l, "127.0.0.1"));
	CHECK(!iplist_allowed(l, "10.0.0.2"));
	CHECK(!iplist_allowed("", "127.0.0.1"));
	CHECK(!iplist_allowed(NULL, "127.0.0.1"));
	CHECK(!iplist_allowed("127.0.0.1", ""));
	CHECK(!iplist_allowed("127.0.0.1", "127.0.0.1/32"));
	/* a bad entry never matches but does not hide good ones */
	CHECK(iplist_allowed("bogus, 127.0.0.1", "127.0.0.1"));
}

TEST(ip_list_check)
{
	struct strbuf err = STRBUF_INIT;

	CHECK(iplist_check("127.0.0.1, 10.0.0.0/8 ::1 fe80::/10", &err)
	    == 0);
	CHECK(iplist_check("", &err) == 0);
	CHECK(iplist_check("10.0.0.0/33", &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "10.0.0.0/33");
	CHECK(iplist_check("::/129", &err) == FG_EINVAL);
	CHECK(iplist_check("1.2.3.4/", &err) == FG_EINVAL);
	CHECK(iplist_check("1.2.3.4/-1", &err) == FG_EINVAL);
	CHECK(iplist_check("1.2.3", &err) == FG_EINVAL);
	CHECK(iplist_check("example.com", &err) == FG_EINVAL);
	strbuf_release(&err);
}

TEST(dates)
{
	int64_t ms;
	char out[20];

	CHECK(open_date_parse("1970-01-01 08:00:00", &ms) == 0 && ms == 0);
	CHECK(open_date_parse("1970-01-01", &ms) == 0 && ms == -8 * 3600000LL);
	CHECK(open_date_parse("2035-05-09 22:34:00", &ms) == 0);
	clock_format_cn(ms, out);
	CHECK_STR(out, "2035-05-09 22:34:00");
	CHECK(open_date_parse("2999-12-31", &ms) == 0);
	clock_format_cn(ms, out);
	CHECK_STR(out, "2999-12-31 00:00:00");
	CHECK(open_date_parse(" 2024-02-29 23:59:59 ", &ms) == 0);
	clock_format_cn(ms, out);
	CHECK_STR(out, "2024-02-29 23:59:59");
	CHECK(open_date_parse("2023-02-29", &ms) != 0);
	CHECK(open_date_parse("2023-13-01", &ms) != 0);
	CHECK(open_date_parse("2023-12-01 24:00:00", &ms) != 0);
	CHECK(open_date_parse("2023-12-01T10:00:00", &ms) != 0);
	CHECK(open_date_parse("2023-1-1", &ms) != 0);
	CHECK(open_date_parse("", &ms) != 0);
	CHECK(open_date_parse(NULL, &ms) != 0);
	CHECK(open_date_parse("1969-12-31", &ms) != 0);
}

TEST(day_start)
{
	int64_t ms;

	/* 2024-03-05 00:30 and 23:59:59 (UTC+8) start on 2024-03-05 00:00 */
	CHECK(open_date_parse("2024-03-05 00:00:00", &ms) == 0);
	CHECK(open_day_start(ms) == ms);
	CHECK(open_day_start(ms + 30 * 60000) == ms);
	CHECK(open_day_start(ms + 86399999) == ms);
	CHECK(open_day_start(ms + 86400000) == ms + 86400000);
	CHECK(open_day_start(ms - 1) == ms - 86400000);
}

TEST(pages)
{
	struct open_page pg;

	open_page_norm(0, 0, &pg);
	CHECK(pg.current == 1 && pg.size == 20 && pg.offset == 0);
	open_page_norm(-5, -1, &pg);
	CHECK(pg.current == 1 && pg.size == 20);
	open_page_norm(3, 500, &pg);
	CHECK(pg.current == 3 && pg.size == 50 && pg.offset == 100);
	open_page_norm(2, 7, &pg);
	CHECK(pg.offset == 7);
	open_page_norm(1LL << 40, 50, &pg);
	CHECK(pg.current > 0 && pg.offset > 0);
	CHECK(open_page_count(0, 20) == 0);
	CHECK(open_page_count(1, 20) == 1);
	CHECK(open_page_count(20, 20) == 1);
	CHECK(open_page_count(21, 20) == 2);
	CHECK(open_page_count(54, 50) == 2);
	CHECK(open_page_count(5, 0) == 0);
}

TEST(jstr_repairs_utf8)
{
	json_t *j;

	j = jsonstr_new("告警 ok");
	CHECK_STR(json_string_value(j), "告警 ok");
	json_decref(j);
	j = jsonstr_new("a\xff\xfe-b\xe5\x91");
	CHECK_STR(json_string_value(j), "a\xef\xbf\xbd\xef\xbf\xbd-b"
	    "\xef\xbf\xbd\xef\xbf\xbd");
	json_decref(j);
	j = jsonstr_new(NULL);
	CHECK_STR(json_string_value(j), "");
	json_decref(j);
}

static int
count_tok(void *arg, const struct store_msg_token *t)
{
	(void)t;
	(*(int *)arg)++;
	return 0;
}

static int
count_key(void *arg, const struct store_open_key *k)
{
	(*(int *)arg)++;
	return k->key_hash[0] == 'h' ? 0 : -1;
}

TEST(store_tokens_and_keys)
{
	char dir[] = "/tmp/feige-open-XXXXXX";
	struct store *s;
	struct store_user u, got;
	struct store_msg_token t, t2;
	struct store_open_settings st;
	struct store_udef ud;
	struct strbuf err = STRBUF_INIT;
	int64_t total = 0, uid = 0;
	int n = 0;

	CHECK(mkdtemp(dir) != NULL);
	CHECK(harness_pg() == 0);
	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	CHECK(dir_user_add(s, "alice", 0, &u, &err) == 0);

	CHECK(dir_settings_get(s, u.id, &st) == 0);
	CHECK(st.enabled == 0 && st.is_send == 1);
	CHECK(dir_udef_for_token(s, u.id, NULL, &ud) == FG_ENOENT);
	st.enabled = 1;
	snprintf(st.ips, sizeof(st.ips), "127.0.0.1");
	CHECK(dir_settings_put(s, &st) == 0);
	CHECK(dir_settings_get(s, u.id, &st) == 0 && st.enabled == 1);

	memset(&t, 0, sizeof(t));
	t.user_id = u.id;
	snprintf(t.name, sizeof(t.name), "ci");
	ids_token(t.token);
	t.expire_ms = 2000;
	t.created_ms = 1000;
	CHECK(dir_token_add(s, &t) == 0 && t.id > 0);
	CHECK(dir_token_user(s, t.token, 1500, &got) == 0);
	CHECK(got.id == u.id);
	CHECK(dir_token_user(s, t.token, 2000, &got) == FG_ENOENT);
	CHECK(dir_token_user(s, u.token, 0, &got) == FG_ENOENT);
	CHECK(dir_token_edit(s, t.id, "ci2", 5000) == 0);
	CHECK(dir_token_get(s, t.id, &t2) == 0);
	CHECK_STR(t2.name, "ci2");
	CHECK(t2.expire_ms == 5000);
	CHECK(dir_token_list(s, u.id, 0, 20, &total, count_tok, &n) == 0);
	CHECK(total == 1 && n == 1);
	CHECK(dir_token_delete(s, t.id) == 0);
	CHECK(dir_token_get(s, t.id, &t2) == FG_ENOENT);

	/* a refresh shortens the old key to the overlap */
	CHECK(dir_key_add(s, u.id, "h1", 1000, 8000, 1300) == 0);
	CHECK(dir_key_user(s, "h1", 1200, &uid) == 0 && uid == u.id);
	CHECK(dir_key_add(s, u.id, "h2", 1200, 8200, 1500) == 0);
	CHECK(dir_key_user(s, "h1", 1499, &uid) == 0);
	CHECK(dir_key_user(s, "h1", 1500, &uid) == FG_ENOENT);
	CHECK(dir_key_user(s, "h2", 8199, &uid) == 0);
	CHECK(dir_key_user(s, "h2", 8200, &uid) == FG_ENOENT);
	CHECK(dir_key_user(s, "nope", 0, &uid) == FG_ENOENT);

	/* the live keys listed; one deleted by its owner only */
	n = 0;
	CHECK(dir_key_list(s, u.id, 1400, count_key, &n) == 0 && n == 2);
	n = 0;
	CHECK(dir_key_list(s, u.id, 1500, count_key, &n) == 0 && n == 1);
	CHECK(dir_key_delete(s, u.id + 1000, 2) == FG_ENOENT);
	CHECK(dir_key_delete(s, u.id, 2) == 0);
	CHECK(dir_key_user(s, "h2", 1600, &uid) == FG_ENOENT);
	CHECK(dir_key_delete(s, u.id, 2) == FG_ENOENT);

	store_close(s);
	strbuf_release(&err);
	harness_rm_dir(dir);
}

int
main(void)
{
	ids_init();
	RUN(ip_exact_and_cidr_v4);
	RUN(ip_v6_and_families);
	RUN(ip_lists);
	RUN(ip_list_check);
	RUN(dates);
	RUN(day_start);
	RUN(pages);
	RUN(jstr_repairs_utf8);
	RUN(store_tokens_and_keys);
	DONE();
}
