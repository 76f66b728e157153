/*
 * test_store.c: unit tests for the store interface (src/store/store.h)
 * on the SQLite backend (on PostgreSQL too under make test-pg,
 * harness_store.h), through store_open_dir() on a fresh temporary
 * data dir: users, topics, friends, messages and their deliveries,
 * settling, the inbox, the callback outbox, transactions, two
 * connections on one dir, and the shortCode key surviving a reopen.
 *
 * The tests run in order and share one data dir: later ones use the
 * users the first one creates.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "harness_store.h"

#include "util/errors.h"
#include "ops/group.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/shortcode.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-store-XXXXXX";
static struct store *db;
static struct store_user u1, u2, u3;

static int
is_hex32(const char *s)
{
	size_t i;

	if (strlen(s) != 32)
		return 0;
	for (i = 0; i < 32; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}


static struct store *
open_store(void)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;

	if (store_open_dir(dir, 0, &s, &err) != 0) {
		fprintf(stderr, "  open: %s\n", err.buf);
		s = NULL;
	}
	if (s && s->be != (harness_on_pg() ? &store_pg : &store_sqlite))
		s = NULL;
	strbuf_release(&err);
	return s;
}

/*
 * The shortCode key of s, as any connection reads it: the meta row it
 * was kept in (meta_keep returns what is there).
 */
static void
code_key(struct store *s, uint8_t key[SHORTCODE_KEY_LEN])
{
	char hex[SHORTCODE_KEY_LEN * 2 + 1];
	size_t n = 0;

	memset(key, 0, SHORTCODE_KEY_LEN);
	if (dir_meta_keep(s, "shortcode_key", "", hex, sizeof(hex)) == 0)
		(void)sodium_hex2bin(key, SHORTCODE_KEY_LEN, hex, strlen(hex),
		    NULL, &n, NULL);
}

/* ---- users ----------------------------------------------------------- */

struct ulist {
	int	 n;
	int64_t	 ids[16];
};

static int
collect_user(void *arg, const struct store_user *u)
{
	struct ulist *l = arg;

	if (l->n < 16)
		l->ids[l->n] = u->id;
	l->n++;
	return 0;
}

TEST(users)
{
	struct strbuf err = STRBUF_INIT;
	struct store_user g;
	struct ulist l = { 0 };
	size_t i;
	int alnum = 1;

	CHECK(store_backend_lookup("sqlite") == &store_sqlite);
	CHECK(store_backend_lookup("nope") == NULL);

	CHECK(dir_user_add(db, "alice 爱丽丝", 1, &u1, &err) == 0);
	CHECK(dir_user_add(db, "bob", 0, &u2, &err) == 0);
	CHECK(dir_user_add(db, "carol", 0, &u3, &err) == 0);
	CHECK(u1.id > 0 && u2.id > u1.id && u3.id > u2.id);
	CHECK(is_hex32(u1.token));
	CHECK(strcmp(u1.token, u2.token) != 0);
	CHECK(strlen(u1.uid) == 32 && strncmp(u1.uid, "UID_", 4) == 0);
	for (i = 4; i < 32; i++)
		if (!((u1.uid[i] >= '0' && u1.uid[i] <= '9') ||
		    (u1.uid[i] >= 'a' && u1.uid[i] <= 'z') ||
		    (u1.uid[i] >= 'A' && u1.uid[i] <= 'Z')))
			alnum = 0;
	CHECK(alnum);
	CHECK(u1.is_admin == 1 && u2.is_admin == 0);

	memset(&g, 0, sizeof(g));
	CHECK(dir_user_get(db, "token", u1.token, &g) == 0);
	CHECK(g.id == u1.id);
	CHECK_STR(g.uid, u1.uid);
	CHECK_STR(g.name, "alice 爱丽丝");
	CHECK_STR(g.callback_url, "");
	CHECK(g.is_admin == 1);
	CHECK(g.created_ms == u1.created_ms);

	memset(&g, 0, sizeof(g));
	CHECK(dir_user_get(db, "uid", u2.uid, &g) == 0);
	CHECK(g.id == u2.id);
	CHECK_STR(g.token, u2.token);
	CHECK_STR(g.name, "bob");

	CHECK(dir_user_get(db, "token", "0123456789abcdef0123456789abcdef",
	    &g) == FG_ENOENT);
	CHECK(dir_user_get(db, "uid", u1.token, &g) == FG_ENOENT);
	CHECK(dir_user_get(db, "token", u1.uid, &g) == FG_ENOENT);

	memset(&g, 0, sizeof(g));
	CHECK(dir_user_get_id(db, u3.id, &g) == 0);
	CHECK_STR(g.name, "carol");
	CHECK(dir_user_get_id(db, 999999, &g) == FG_ENOENT);

	CHECK(dir_user_set_callback(db, u2.id, "https://cb.example/x?y=1") ==
	    0);
	CHECK(dir_user_get_id(db, u2.id, &g) == 0);
	CHECK_STR(g.callback_url, "https://cb.example/x?y=1");

	CHECK(dir_user_list(db, collect_user, &l) == 0);
	CHECK(l.n == 3);
	CHECK(l.ids[0] == u1.id && l.ids[1] == u2.id && l.ids[2] == u3.id);
	strbuf_release(&err);
}

static int
stop_user(void *arg, const struct store_user *u)
{
	(void)u;
	++*(int *)arg;
	return 42;
}

TEST(user_list_stops)
{
	int n = 0;

	CHECK(dir_user_list(db, stop_user, &n) == 42);
	CHECK(n == 1);
}

/* ---- topics and friends --------------------------------------------- */

TEST(topics)
{
	struct strbuf err = STRBUF_INIT;
	struct store_group t, t2;
	struct store_group g;
	char ref[80];
	int64_t mid = 0, mid2 = 0, *ids = NULL;
	size_t n = 0;

	memset(&t, 0, sizeof(t));
	t.owner_id = u1.id;
	snprintf(t.code, sizeof(t.code), "ops");
	snprintf(t.name, sizeof(t.name), "运维");
	CHECK(dir_topic_add(db, &t, &err) == 0);
	CHECK(t.id > 0 && t.owner_id == u1.id);
	CHECK_STR(t.code, "ops");
	memset(&t2, 0, sizeof(t2));
	t2.owner_id = u2.id;
	snprintf(t2.code, sizeof(t2.code), "ops");
	snprintf(t2.name, sizeof(t2.name), "again");
	/* codes are unique per owner (migration 10), not across owners */
	CHECK(dir_topic_add(db, &t2, &err) == 0);
	t2.id = 0;
	t2.owner_id = u1.id;
	CHECK(dir_topic_add(db, &t2, &err) == FG_EEXIST);
	CHECK_CONTAINS(err.buf, "ops");

	memset(&g, 0, sizeof(g));
	CHECK(dir_topic_find(db, 0, 0, "ops", &g) == FG_EEXIST);
	CHECK(dir_topic_find(db, u1.id, 0, "ops", &g) == 0);
	CHECK(g.id == t.id && g.owner_id == u1.id);
	CHECK_STR(g.name, "运维");
	CHECK(dir_topic_find(db, u2.id, 0, "ops", &g) == 0);
	CHECK(g.owner_id == u2.id && g.id != t.id);
	t2.id = g.id;
	CHECK(dir_topic_find(db, 0, u3.id, "ops", &g) == FG_ENOENT);
	CHECK(dir_topic_find(db, 0, 0, "OPS", &g) == FG_ENOENT);
	CHECK(dir_topic_find(db, 0, 0, "none", &g) == FG_ENOENT);
	/* the CLI's refs: a bare code only while one owner has it */
	CHECK(ops_group_by_ref(db, "ops", &g, &err) == FG_EEXIST);
	CHECK_CONTAINS(err.buf, "OWNER_UID:CODE");
	snprintf(ref, sizeof(ref), "%s:ops", u2.uid);
	CHECK(ops_group_by_ref(db, ref, &g, &err) == 0 && g.id == t2.id);
	CHECK(dir_topic_delete(db, t2.id) == 0);
	CHECK(ops_group_by_ref(db, "ops", &g, &err) == 0 && g.id == t.id);
	CHECK(ops_group_by_ref(db, "x:y", &g, &err) == FG_ENOENT);

	CHECK(dir_topic_join(db, t.id, u2.id, &mid, &err) == 0);
	CHECK(mid > 0);
	strbuf_reset(&err);
	CHECK(dir_topic_join(db, t.id, u2.id, &mid2, &err) < 0);
	CHECK(err.len > 0);
	CHECK(dir_topic_join(db, t.id, u3.id, &mid2, &err) == 0);
	CHECK(mid2 > mid);

	/* a sender's own group first, else one they joined */
	CHECK(ops_group_resolve(db, u1.id, "ops", &g, &err) == 0 &&
	    g.id == t.id);
	CHECK(ops_group_resolve(db, u3.id, "ops", &g, &err) == 0 &&
	    g.id == t.id);
	memset(&t2, 0, sizeof(t2));
	t2.owner_id = u2.id;
	snprintf(t2.code, sizeof(t2.code), "ops");
	CHECK(dir_topic_add(db, &t2, &err) == 0);
	CHECK(ops_group_resolve(db, u2.id, "ops", &g, &err) == 0 &&
	    g.id == t2.id);
	CHECK(dir_topic_join(db, t2.id, u3.id, &mid2, &err) == 0);
	CHECK(ops_group_resolve(db, u3.id, "ops", &g, &err) == FG_EEXIST);
	CHECK(ops_group_resolve(db, u3.id, "dev", &g, &err) == FG_ENOENT);
	CHECK(dir_topic_delete(db, t2.id) == 0);

	CHECK(dir_topic_members(db, t.id, &ids, &n) == 0);
	CHECK(n == 2);
	if (n == 2)
		CHECK(ids[0] == u2.id && ids[1] == u3.id);
	free(ids);
	ids = NULL;
	CHECK(dir_topic_members(db, 424242, &ids, &n) == 0);
	CHECK(n == 0);
	free(ids);
	strbuf_release(&err);
}

TEST(friends)
{
	struct strbuf err = STRBUF_INIT;
	struct store_friend f, g, dup;

	CHECK(dir_friend_add(db, u1.id, u2.id, &f, &err) == 0);
	CHECK(f.id > 0 && f.owner_id == u1.id && f.friend_id == u2.id);
	CHECK(is_hex32(f.token));
	CHECK(strcmp(f.token, u2.token) != 0);
	CHECK(dir_friend_add(db, u1.id, u2.id, &dup, &err) == FG_EEXIST);

	memset(&g, 0, sizeof(g));
	CHECK(dir_friend_by_token(db, u1.id, f.token, &g) == 0);
	CHECK(g.id == f.id && g.friend_id == u2.id && g.owner_id == u1.id);
	CHECK_STR(g.token, f.token);
	/* wrong owner */
	CHECK(dir_friend_by_token(db, u3.id, f.token, &g) == FG_ENOENT);
	CHECK(dir_friend_by_token(db, u2.id, f.token, &g) == FG_ENOENT);
	/* a user token is not a friend token */
	CHECK(dir_friend_by_token(db, u1.id, u2.token, &g) == FG_ENOENT);
	strbuf_release(&err);
}

/* ---- messages and deliveries ----------------------------------------- */

static const char content[] = "你好 😀 world\n<b>第二行</b>";

static int64_t
insert_msg(const char *title, const int64_t *users, size_t n,
    int64_t *dids, char code[40])
{
	struct strbuf err = STRBUF_INIT;
	struct message m;

	memset(&m, 0, sizeof(m));
	m.sender_id = u1.id;
	m.title = (char *)title;
	m.content = (char *)content;
	m.content_len = sizeof(content) - 1;
	m.tpl = 1;
	snprintf(m.channel, sizeof(m.channel), "wechat");
	m.webhook = (char *)"";
	m.callback_url = (char *)"https://cb.example/";
	m.not_after_ms = 0;
	m.status = MSG_PENDING;
	m.error = (char *)"";
	m.created_ms = clock_ms();
	if (spool_message_insert(db, &m, users, n, "wechat", dids, &err) !=
	    0) {
		fprintf(stderr, "  insert: %s\n", err.buf);
		m.id = -1;
	}
	if (code)
		memcpy(code, m.short_code, sizeof(m.short_code));
	strbuf_release(&err);
	return m.id;
}

struct dlist {
	int			n;
	struct store_delivery	d[8];
};

static int
collect_dlv(void *arg, const struct store_delivery *d)
{
	struct dlist *l = arg;

	if (l->n < 8)
		l->d[l->n] = *d;
	l->n++;
	return 0;
}

TEST(message_insert_get)
{
	int64_t users[3] = { u1.id, u2.id, u3.id }, dids[3] = { 0, 0, 0 };
	struct message g;
	struct dlist l;
	uint8_t key[SHORTCODE_KEY_LEN];
	char code[40], bad[40];
	int64_t id;
	int i;

	id = insert_msg("标题 title", users, 3, dids, code);
	CHECK(id > 0);
	CHECK(dids[0] > 0 && dids[1] > dids[0] && dids[2] > dids[1]);
	CHECK(is_hex32(code));

	memset(&g, 0, sizeof(g));
	CHECK(spool_message_get(db, code, &g) == 0);
	CHECK(g.id == id);
	CHECK_STR(g.short_code, code);
	CHECK(g.sender_id == u1.id);
	CHECK(g.topic_id == 0);
	CHECK_STR(g.title, "标题 title");
	CHECK_STR(g.content, content);
	CHECK(g.content_len == sizeof(content) - 1);
	CHECK(g.tpl == 1);
	CHECK_STR(g.channel, "wechat");
	CHECK_STR(g.webhook, "");
	CHECK_STR(g.callback_url, "https://cb.example/");
	CHECK(g.status == MSG_PENDING);
	CHECK_STR(g.error, "");
	CHECK(g.created_ms > 0);
	message_release(&g);
	CHECK(g.title == NULL && g.content == NULL);

	memset(&g, 0, sizeof(g));
	CHECK(spool_message_get_id(db, id, &g) == 0);
	CHECK_STR(g.short_code, code);
	message_release(&g);

	/* tampered codes, at several positions */
	for (i = 0; i < 32; i += 5) {
		memcpy(bad, code, sizeof(bad));
		bad[i] = bad[i] == 'a' ? 'b' : 'a';
		CHECK(spool_message_get(db, bad, &g) == FG_ENOENT);
		message_release(&g);
	}
	CHECK(spool_message_get(db, "not a code", &g) == FG_ENOENT);
	message_release(&g);
	CHECK(spool_message_get(db, "", &g) == FG_ENOENT);
	message_release(&g);
	/* a genuine code for an id that does not exist */
	code_key(db, key);
	shortcode_encode(key, id + 1000, bad);
	CHECK(spool_message_get(db, bad, &g) == FG_ENOENT);
	message_release(&g);
	CHECK(spool_message_get_id(db, id + 1000, &g) == FG_ENOENT);
	message_release(&g);

	memset(&l, 0, sizeof(l));
	CHECK(spool_delivery_list(db, id, collect_dlv, &l) == 0);
	CHECK(l.n == 3);
	for (i = 0; i < 3 && i < l.n; i++) {
		CHECK(l.d[i].id == dids[i]);
		CHECK(l.d[i].message_id == id);
		CHECK(l.d[i].user_id == users[i]);
		CHECK(l.d[i].status == MSG_PENDING);
		CHECK(l.d[i].attempts == 0);
		CHECK_STR(l.d[i].channel, "wechat");
	}
	if (l.n == 3) {
		CHECK_STR(l.d[0].uid, u1.uid);
		CHECK_STR(l.d[2].uid, u3.uid);
	}
}

TEST(message_embedded_nul)
{
	static const char bin[] = "a\0b你";
	struct strbuf err = STRBUF_INIT;
	struct message m, g;
	int64_t d;

	memset(&m, 0, sizeof(m));
	m.sender_id = u2.id;
	m.title = (char *)"";
	m.content = (char *)bin;
	m.content_len = sizeof(bin) - 1;
	snprintf(m.channel, sizeof(m.channel), "none");
	m.created_ms = clock_ms();
	CHECK(spool_message_insert(db, &m, &u2.id, 1, "none", &d, &err) == 0);
	memset(&g, 0, sizeof(g));
	CHECK(spool_message_get(db, m.short_code, &g) == 0);
	CHECK(g.content_len == sizeof(bin) - 1);
	CHECK(g.content != NULL &&
	    memcmp(g.content, bin, sizeof(bin) - 1) == 0);
	CHECK(g.content != NULL && g.content[g.content_len] == '\0');
	CHECK_STR(g.title, "");
	CHECK_STR(g.webhook, "");	/* NULL strings are stored as "" */
	message_release(&g);
	strbuf_release(&err);
}

struct mlist {
	int	 n;
	int64_t	 ids[8];
};

static int
collect_msg(void *arg, const struct message *m)
{
	struct mlist *l = arg;

	if (l->n < 8)
		l->ids[l->n] = m->id;
	l->n++;
	return 0;
}

TEST(message_list)
{
	int64_t users[1] = { u2.id }, dids[1];
	int64_t a, b;
	struct mlist l;

	a = insert_msg("list a", users, 1, dids, NULL);
	b = insert_msg("list b", users, 1, dids, NULL);
	memset(&l, 0, sizeof(l));
	CHECK(spool_message_list(db, u1.id, 2, collect_msg, &l) == 0);
	CHECK(l.n == 2);
	CHECK(l.ids[0] == b && l.ids[1] == a);
	memset(&l, 0, sizeof(l));
	CHECK(spool_message_list(db, u3.id, 10, collect_msg, &l) == 0);
	CHECK(l.n == 0);
	memset(&l, 0, sizeof(l));
	CHECK(spool_message_list(db, 0, 1, collect_msg, &l) == 0);
	CHECK(l.n == 1 && l.ids[0] == b);
}

struct pending {
	int64_t	 message;
	int	 n;
};

static int
count_pending_cb(void *arg, const struct store_delivery *d)
{
	struct pending *p = arg;

	if (d->message_id == p->message)
		p->n++;
	return 0;
}

/* Open (status < 2) deliveries of message, by delivery_pending. */
static int
count_pending(int64_t message)
{
	struct pending p = { message, 0 };

	if (spool_delivery_pending(db, count_pending_cb, &p) != 0)
		return -1;
	return p.n;
}

TEST(settle_sent)
{
	struct strbuf error = STRBUF_INIT;
	int64_t users[3] = { u1.id, u2.id, u3.id }, dids[3];
	struct message g;
	struct dlist l;
	int64_t id;
	int status = -1;

	id = insert_msg("settle ok", users, 3, dids, NULL);
	CHECK(count_pending(id) == 3);
	CHECK(spool_message_settle(db, id, &status, &error) == 0);

	CHECK(spool_delivery_update(db, dids[0], MSG_SENDING, 1, 0, "") == 0);
	CHECK(count_pending(id) == 3);		/* sending is still open */
	CHECK(spool_delivery_update(db, dids[0], MSG_SENT, 1, 0, "") == 0);
	CHECK(spool_delivery_update(db, dids[1], MSG_SENT, 2, 0, "") == 0);
	CHECK(count_pending(id) == 1);
	CHECK(spool_message_settle(db, id, &status, &error) == 0);
	CHECK(spool_delivery_update(db, dids[2], MSG_SENT, 1, 0, NULL) == 0);
	CHECK(count_pending(id) == 0);
	CHECK(spool_message_settle(db, id, &status, &error) == 1);
	CHECK(status == MSG_SENT);
	CHECK_STR(error.buf, "");

	memset(&g, 0, sizeof(g));
	CHECK(spool_message_get_id(db, id, &g) == 0);
	CHECK(g.status == MSG_SENT);
	CHECK_STR(g.error, "");
	message_release(&g);

	memset(&l, 0, sizeof(l));
	CHECK(spool_delivery_list(db, id, collect_dlv, &l) == 0);
	CHECK(l.n == 3 && l.d[1].attempts == 2 && l.d[1].status == MSG_SENT);
	strbuf_release(&error);
}

TEST(settle_failed)
{
	struct strbuf error = STRBUF_INIT;
	int64_t users[3] = { u1.id, u2.id, u3.id }, dids[3];
	struct message g;
	struct dlist l;
	int64_t id;
	int status = -1;

	id = insert_msg("settle fail", users, 3, dids, NULL);
	CHECK(spool_delivery_update(db, dids[0], MSG_SENT, 1, 0, "") == 0);
	CHECK(spool_delivery_update(db, dids[1], MSG_FAILED, 1, 0,
	    "upstream 401: bad token") == 0);
	CHECK(spool_delivery_update(db, dids[2], MSG_PENDING, 1, 123456,
	    "upstream 502") == 0);
	CHECK(spool_message_settle(db, id, &status, &error) == 0);

	memset(&l, 0, sizeof(l));
	CHECK(spool_delivery_list(db, id, collect_dlv, &l) == 0);
	CHECK(l.n == 3);
	if (l.n == 3) {
		CHECK(l.d[2].next_ms == 123456);
		CHECK_STR(l.d[2].error, "upstream 502");
		CHECK(l.d[2].attempts == 1);
		CHECK(l.d[2].status == MSG_PENDING);
	}

	CHECK(spool_delivery_update(db, dids[2], MSG_FAILED, 5, 0,
	    "upstream 502") == 0);
	CHECK(spool_message_settle(db, id, &status, &error) == 1);
	CHECK(status == MSG_FAILED);
	/* the first failed delivery's error (first by id and in time) */
	CHECK(strncmp(error.buf, "upstream 401: bad token", 23) == 0);
	CHECK(strstr(error.buf, "upstream 502") == NULL);

	memset(&g, 0, sizeof(g));
	CHECK(spool_message_get_id(db, id, &g) == 0);
	CHECK(g.status == MSG_FAILED);
	CHECK_STR(g.error, error.buf);
	message_release(&g);

	/* a single failed recipient: exactly its error */
	id = insert_msg("settle one", users, 1, dids, NULL);
	CHECK(spool_delivery_update(db, dids[0], MSG_FAILED, 1, 0,
	    "boom") == 0);
	CHECK(spool_message_settle(db, id, &status, &error) == 1);
	CHECK(status == MSG_FAILED);
	CHECK_STR(error.buf, "boom");

	/* set_status */
	CHECK(spool_message_set_status(db, id, MSG_SENDING, "") == 0);
	memset(&g, 0, sizeof(g));
	CHECK(spool_message_get_id(db, id, &g) == 0);
	CHECK(g.status == MSG_SENDING);
	CHECK_STR(g.error, "");
	message_release(&g);
	CHECK(spool_message_set_status(db, id, MSG_FAILED, "expired") == 0);
	CHECK(spool_message_get_id(db, id, &g) == 0);
	CHECK(g.status == MSG_FAILED);
	CHECK_STR(g.error, "expired");
	CHECK(g.updated_ms >= g.created_ms);
	message_release(&g);
	strbuf_release(&error);
}

/* ---- inbox ----------------------------------------------------------- */

struct ilist {
	int	 n;
	int64_t	 ids[16];
	int64_t	 msgs[16];
	int	 content_ok;
};

static int
collect_inbox(void *arg, const struct store_inbox_item *it)
{
	struct ilist *l = arg;

	if (l->n < 16) {
		l->ids[l->n] = it->id;
		l->msgs[l->n] = it->msg.id;
	}
	if (it->msg.content == NULL || strcmp(it->msg.content, content) != 0 ||
	    strlen(it->msg.short_code) != 32)
		l->content_ok = 0;
	l->n++;
	return 0;
}

static int
list_inbox(struct ilist *l, int64_t user, int64_t since, int limit,
    int desc)
{
	memset(l, 0, sizeof(*l));
	l->content_ok = 1;
	return spool_inbox_list(db, user, since, limit, desc, collect_inbox,
	    l);
}

TEST(inbox)
{
	int64_t users[1] = { u3.id }, dids[1], msgs[5], ib[5], other;
	struct ilist l;
	int i;

	for (i = 0; i < 5; i++) {
		char t[16];

		snprintf(t, sizeof(t), "inbox %d", i);
		msgs[i] = insert_msg(t, users, 1, dids, NULL);
		CHECK(spool_inbox_add(db, u3.id, msgs[i], dids[0],
		    &ib[i]) == 0);
		if (i > 0)
			CHECK(ib[i] > ib[i - 1]);
		if (i == 2)	/* another user's item in between */
			CHECK(spool_inbox_add(db, u2.id, msgs[i], dids[0],
			    &other) == 0);
	}

	CHECK(list_inbox(&l, u3.id, 0, 100, 0) == 0);
	CHECK(l.n == 5);
	CHECK(l.content_ok);
	for (i = 0; i < 5 && i < l.n; i++) {
		CHECK(l.ids[i] == ib[i]);
		CHECK(l.msgs[i] == msgs[i]);
	}

	CHECK(list_inbox(&l, u3.id, ib[1], 100, 0) == 0);
	CHECK(l.n == 3);
	CHECK(l.ids[0] == ib[2] && l.ids[2] == ib[4]);

	CHECK(list_inbox(&l, u3.id, ib[1], 2, 0) == 0);
	CHECK(l.n == 2);
	CHECK(l.ids[0] == ib[2] && l.ids[1] == ib[3]);

	CHECK(list_inbox(&l, u3.id, 0, 2, 1) == 0);
	CHECK(l.n == 2);
	CHECK(l.ids[0] == ib[4] && l.ids[1] == ib[3]);

	CHECK(list_inbox(&l, u3.id, ib[4], 10, 0) == 0);
	CHECK(l.n == 0);

	CHECK(list_inbox(&l, u2.id, 0, 10, 1) == 0);
	CHECK(l.n == 1 && l.ids[0] == other);

	CHECK(list_inbox(&l, u1.id, 0, 10, 0) == 0);
	CHECK(l.n == 0);
}

/* ---- outbox ---------------------------------------------------------- */

struct olist {
	int	 n;
	int64_t	 ids[8];
	int	 attempts[8];
	char	 bodies[8][32];
};

static int
collect_outbox(void *arg, const struct store_outbox *o)
{
	struct olist *l = arg;

	if (l->n < 8) {
		l->ids[l->n] = o->id;
		l->attempts[l->n] = o->attempts;
		snprintf(l->bodies[l->n], sizeof(l->bodies[0]), "%s",
		    o->body);
	}
	l->n++;
	return 0;
}

static int
due(struct olist *l, int64_t now)
{
	memset(l, 0, sizeof(*l));
	return spool_outbox_due(db, now, 100, collect_outbox, l);
}

TEST(outbox)
{
	struct olist l;
	int64_t a, b;

	CHECK(spool_outbox_add(db, "https://cb.example/1", "{\"n\":1}",
	    1000) ==
	    0);
	CHECK(spool_outbox_add(db, "https://cb.example/2", "{\"n\":2}",
	    5000) ==
	    0);

	CHECK(due(&l, 999) == 0);
	CHECK(l.n == 0);
	CHECK(due(&l, 2000) == 0);
	CHECK(l.n == 1);
	CHECK_STR(l.bodies[0], "{\"n\":1}");
	CHECK(l.attempts[0] == 0);
	a = l.ids[0];
	CHECK(due(&l, 10000) == 0);
	CHECK(l.n == 2);
	b = l.ids[1];
	CHECK(l.ids[0] == a && b != a);

	/* limit */
	memset(&l, 0, sizeof(l));
	CHECK(spool_outbox_due(db, 10000, 1, collect_outbox, &l) == 0);
	CHECK(l.n == 1 && l.ids[0] == a);

	/* delivered rows are no longer due */
	CHECK(spool_outbox_done(db, a, 1, 1, 0, "") == 0);
	CHECK(due(&l, 10000) == 0);
	CHECK(l.n == 1 && l.ids[0] == b);

	/* a retry is due again at next_ms, with its attempts */
	CHECK(spool_outbox_done(db, b, 0, 1, 20000, "timeout") == 0);
	CHECK(due(&l, 10000) == 0);
	CHECK(l.n == 0);
	CHECK(due(&l, 19999) == 0);
	CHECK(l.n == 0);
	CHECK(due(&l, 20000) == 0);
	CHECK(l.n == 1 && l.ids[0] == b && l.attempts[0] == 1);

	/* given up: never due again */
	CHECK(spool_outbox_done(db, b, 2, 3, 0, "gave up") == 0);
	CHECK(due(&l, INT64_MAX) == 0);
	CHECK(l.n == 0);
}

/* ---- transactions and connections ------------------------------------ */

TEST(transactions)
{
	struct strbuf err = STRBUF_INIT;
	struct store_user ghost, kept, g;

	CHECK(store_begin(db) == 0);
	CHECK(dir_user_add(db, "ghost", 0, &ghost, &err) == 0);
	CHECK(dir_user_get(db, "token", ghost.token, &g) == 0);
	store_rollback(db);
	CHECK(dir_user_get(db, "token", ghost.token, &g) == FG_ENOENT);
	CHECK(dir_user_get_id(db, ghost.id, &g) == FG_ENOENT);

	CHECK(store_begin(db) == 0);
	CHECK(dir_user_add(db, "kept", 0, &kept, &err) == 0);
	CHECK(store_commit(db, &err) == 0);
	CHECK(dir_user_get(db, "token", kept.token, &g) == 0);
	CHECK_STR(g.name, "kept");

	/* commit without a transaction is an error with a message */
	strbuf_reset(&err);
	CHECK(store_commit(db, &err) == FG_ESTORE);
	CHECK(err.len > 0);
	CHECK(store_checkpoint(db, 0) == 0);
	strbuf_release(&err);
}

TEST(two_connections)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s2 = open_store();
	struct store_user nu, g;
	struct message m, gm;
	uint8_t k1[SHORTCODE_KEY_LEN], k2[SHORTCODE_KEY_LEN];
	int64_t d;

	CHECK(s2 != NULL);
	if (s2 == NULL)
		return;
	code_key(s2, k2);
	code_key(db, k1);
	CHECK(memcmp(k1, k2, sizeof(k1)) == 0);

	CHECK(dir_user_add(db, "from one", 0, &nu, &err) == 0);
	CHECK(dir_user_get(s2, "uid", nu.uid, &g) == 0);
	CHECK(g.id == nu.id);

	/* uncommitted data is invisible to the other connection */
	CHECK(store_begin(s2) == 0);
	memset(&m, 0, sizeof(m));
	m.sender_id = nu.id;
	m.title = (char *)"from two";
	m.content = (char *)content;
	m.content_len = strlen(content);
	snprintf(m.channel, sizeof(m.channel), "wechat");
	m.created_ms = clock_ms();
	CHECK(spool_message_insert(s2, &m, &nu.id, 1, "wechat", &d,
	    &err) == 0);
	CHECK(spool_message_get(db, m.short_code, &gm) == FG_ENOENT);
	message_release(&gm);
	CHECK(store_commit(s2, &err) == 0);
	memset(&gm, 0, sizeof(gm));
	CHECK(spool_message_get(db, m.short_code, &gm) == 0);
	CHECK(gm.id == m.id);
	CHECK_STR(gm.title, "from two");
	message_release(&gm);

	store_close(s2);
	strbuf_release(&err);
}

TEST(reopen_keeps_key)
{
	int64_t users[1] = { u1.id }, dids[1], id;
	uint8_t key[SHORTCODE_KEY_LEN], again[SHORTCODE_KEY_LEN];
	struct message g;
	struct store_user gu;
	char code[40];

	id = insert_msg("before reopen", users, 1, dids, code);
	CHECK(id > 0);
	code_key(db, key);
	CHECK(store_checkpoint(db, 1) == 0);
	store_close(db);
	db = open_store();
	CHECK(db != NULL);
	if (db == NULL)
		return;
	code_key(db, again);
	CHECK(memcmp(key, again, sizeof(key)) == 0);
	memset(&g, 0, sizeof(g));
	CHECK(spool_message_get(db, code, &g) == 0);
	CHECK(g.id == id);
	CHECK_STR(g.short_code, code);
	CHECK_STR(g.title, "before reopen");
	message_release(&g);
	CHECK(dir_user_get(db, "token", u1.token, &gu) == 0);
}

TEST(open_errors)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	char p[600];

	/* a data dir under a regular file cannot be created */
	snprintf(p, sizeof(p), "%s/feige.db/sub", dir);
	CHECK(store_open_dir(p, 0, &s, &err) != 0);
	CHECK(s == NULL);
	CHECK(err.len > 0);
	strbuf_release(&err);
}

int
main(void)
{
	if (ids_init() != 0 || mkdtemp(dir) == NULL || harness_pg() != 0) {
		perror("setup");
		return 1;
	}
	db = open_store();
	if (db == NULL) {
		harness_rm_dir(dir);
		fprintf(stderr, "cannot open store in %s\n", dir);
		return 1;
	}
	RUN(users);
	RUN(user_list_stops);
	RUN(topics);
	RUN(friends);
	RUN(message_insert_get);
	RUN(message_embedded_nul);
	RUN(message_list);
	RUN(settle_sent);
	RUN(settle_failed);
	RUN(inbox);
	RUN(outbox);
	RUN(transactions);
	RUN(two_connections);
	RUN(reopen_keeps_key);
	RUN(open_errors);
	if (db)
		store_close(db);
	harness_rm_dir(dir);
	DONE();
}
