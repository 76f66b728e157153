/*
 * test_store_chan.c: unit tests for the channel configurations in the
 * store (store_chan.h, sqlite_chan.c) on a fresh SQLite data dir: add,
 * get by id and by code, codes unique per owner and kind, listing, the
 * config recorded with a message, and users' e-mail addresses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "harness_store.h"

#include "util/errors.h"
#include "store/store.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-chan-XXXXXX";
static struct store *db;
static struct store_user u1, u2;

static int
count(void *arg, const struct store_chan *c)
{
	int *n = arg;

	(void)c;
	(*n)++;
	return 0;
}

TEST(configs)
{
	struct strbuf err = STRBUF_INIT;
	struct store_chan c, got;
	int n = 0;

	memset(&c, 0, sizeof(c));
	c.owner_id = u1.id;
	c.kind = STORE_CHAN_WEBHOOK;
	snprintf(c.code, sizeof(c.code), "hook");
	snprintf(c.name, sizeof(c.name), "群机器人");
	c.type = 1;
	snprintf(c.url, sizeof(c.url), "https://x.example/h?key=1");
	CHECK(dir_chan_add(db, &c, &err) == 0);
	CHECK(c.id > 0 && c.created_ms > 0);
	CHECK(dir_chan_get(db, c.id, &got) == 0);
	CHECK_STR(got.url, c.url);
	CHECK_STR(got.name, "群机器人");
	CHECK(got.type == 1 && got.kind == STORE_CHAN_WEBHOOK);
	/* same code, same owner and kind: refused with a reason */
	CHECK(dir_chan_add(db, &c, &err) == FG_EEXIST);
	CHECK_CONTAINS(err.buf, "already exists");
	/* same code for another kind or another owner is fine */
	c.kind = STORE_CHAN_MAIL;
	snprintf(c.host, sizeof(c.host), "smtp.example");
	c.port = 465;
	c.ssl = 1;
	snprintf(c.account, sizeof(c.account), "a@example");
	snprintf(c.password, sizeof(c.password), "pw");
	CHECK(dir_chan_add(db, &c, &err) == 0);
	CHECK(dir_chan_by_code(db, u1.id, STORE_CHAN_MAIL, "hook", &got) == 0);
	CHECK_STR(got.password, "pw");
	CHECK(got.port == 465 && got.ssl == 1);
	c.kind = STORE_CHAN_WEBHOOK;
	c.owner_id = u2.id;
	CHECK(dir_chan_add(db, &c, &err) == 0);
	CHECK(dir_chan_by_code(db, u1.id, STORE_CHAN_CP, "hook", &got) ==
	    FG_ENOENT);
	CHECK(dir_chan_by_code(db, u2.id, STORE_CHAN_WEBHOOK, "hook", &got) ==
	    0 && got.owner_id == u2.id);
	CHECK(dir_chan_list(db, u1.id, STORE_CHAN_WEBHOOK, count, &n) == 0);
	CHECK(n == 1);
	CHECK(dir_chan_get(db, 999999, &got) == FG_ENOENT);

	/* update: owner and kind must match; codes stay unique */
	CHECK(dir_chan_by_code(db, u1.id, STORE_CHAN_WEBHOOK, "hook", &got) ==
	    0);
	snprintf(got.url, sizeof(got.url), "https://y.example/");
	snprintf(got.code, sizeof(got.code), "hook2");
	CHECK(dir_chan_update(db, &got, &err) == 0);
	CHECK(dir_chan_by_code(db, u1.id, STORE_CHAN_WEBHOOK, "hook2", &c) ==
	    0);
	CHECK_STR(c.url, "https://y.example/");
	got.owner_id = u2.id;
	CHECK(dir_chan_update(db, &got, &err) == FG_ENOENT);
	/* delete: only the owner's */
	CHECK(dir_chan_delete(db, u2.id, c.id) == FG_ENOENT);
	CHECK(dir_chan_delete(db, u1.id, c.id) == 0);
	CHECK(dir_chan_get(db, c.id, &got) == FG_ENOENT);
	CHECK(dir_chan_delete(db, u1.id, c.id) == FG_ENOENT);
	strbuf_release(&err);
}

TEST(message_config)
{
	struct store_msg_chan mc, got;

	memset(&mc, 0, sizeof(mc));
	mc.message_id = 42;
	mc.chan_id = 7;
	snprintf(mc.to, sizeof(mc.to), "a,b");
	CHECK(spool_msg_chan_set(db, &mc) == 0);
	CHECK(spool_msg_chan_set(db, &mc) == 0);	/* a retried batch */
	CHECK(spool_msg_chan_get(db, 42, &got) == 0);
	CHECK(got.chan_id == 7);
	CHECK_STR(got.to, "a,b");
	CHECK(spool_msg_chan_get(db, 43, &got) == FG_ENOENT);
}

TEST(email)
{
	char e[STORE_EMAIL_MAX + 1];

	CHECK(dir_user_email_get(db, u1.id, e) == 0);
	CHECK_STR(e, "");
	CHECK(dir_user_email_set(db, u1.id, "u1@example.test") == 0);
	CHECK(dir_user_email_get(db, u1.id, e) == 0);
	CHECK_STR(e, "u1@example.test");
	CHECK(dir_user_email_set(db, 999999, "x@y") == FG_ENOENT);
	CHECK(dir_user_email_get(db, 999999, e) == FG_ENOENT);
}

int
main(void)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (harness_store(dir, &db) != 0 ||
	    dir_user_add(db, "u1", 0, &u1, &err) != 0 ||
	    dir_user_add(db, "u2", 0, &u2, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(configs);
	RUN(message_config);
	RUN(email);
	store_close(db);
	harness_rm_dir(dir);
	rc = harness_fail ? 1 : 0;
	printf("%s: %d passed, %d failed\n", __FILE__, harness_pass,
	    harness_fail);
	return rc;
}
