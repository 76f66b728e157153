/*
 * test_ops_pp.c: unit tests for the pushplus operations (src/ops/) on
 * a fresh SQLite data dir, each inside its own transaction as the
 * writer and the CLI run them: the rows they write, the callback rows
 * they queue in the outbox (and only on a first join), the refusals
 * (a taken code, joining or befriending twice, oneself) with an err
 * that names what failed, and that a rollback takes the callback row
 * with the change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "harness_store.h"

#include "ops/chan.h"
#include "ops/friend.h"
#include "ops/group.h"
#include "ops/key.h"
#include "ops/pre.h"
#include "ops/setting.h"
#include "ops/token.h"
#include "ops/userdefault.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-ops-pp-XXXXXX";
static struct store *db;
static struct store_user owner, member, quiet;

/* The outbox rows due now: how many, and the last one's URL and body. */
struct outbox_seen {
	int	n;
	int64_t	ids[16];
	char	url[256];
	char	body[2048];
};

static int
outbox_row(void *arg, const struct store_outbox *o)
{
	struct outbox_seen *seen = arg;

	if (seen->n == 16)
		return 1;
	seen->ids[seen->n++] = o->id;
	snprintf(seen->url, sizeof(seen->url), "%s", o->url);
	snprintf(seen->body, sizeof(seen->body), "%s", o->body);
	return 0;
}

/* Read the due outbox rows into seen, then mark them sent. */
static void
outbox_take(struct outbox_seen *seen)
{
	int i;

	memset(seen, 0, sizeof(*seen));
	if (spool_outbox_due(db, clock_ms() + 1000, 16, outbox_row,
	    seen) != 0)
		seen->n = -1;
	for (i = 0; i < seen->n; i++)
		if (spool_outbox_done(db, seen->ids[i], 1, 1, 0, NULL) != 0)
			seen->n = -1;
}

/* Commit when rc is 0, else roll back; rc or the commit's error. */
static int
end(int rc)
{
	return harness_end(db, rc);
}

static struct store_group
topic(const char *code, int64_t owner_id)
{
	struct store_group t;

	memset(&t, 0, sizeof(t));
	t.owner_id = owner_id;
	snprintf(t.code, sizeof(t.code), "%s", code);
	snprintf(t.name, sizeof(t.name), "群 %s", code);
	return t;
}

TEST(group_add_and_taken_code)
{
	struct strbuf err = STRBUF_INIT;
	struct store_group t = topic("ops-g1", owner.id), got;

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_add(db, &t, &err)) == 0);
	CHECK(t.id > 0);
	CHECK(dir_topic_get(db, t.id, &got) == 0);
	CHECK_STR(got.code, "ops-g1");
	CHECK(got.owner_id == owner.id);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_add(db, &t, &err)) == FG_EEXIST);
	CHECK_CONTAINS(err.buf, "'ops-g1'");
	strbuf_release(&err);
}

TEST(group_join_queues_callback_once)
{
	struct strbuf err = STRBUF_INIT;
	struct store_group t = topic("ops-g2", owner.id);
	struct store_open_person m;
	struct ops_group_join j = { 0 };
	struct outbox_seen seen;
	char want[256];

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_add(db, &t, &err)) == 0);
	outbox_take(&seen);
	j.topic_id = t.id;
	j.user = &member;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join(db, &j, &err)) == 0);
	CHECK(j.member_id > 0 && j.queued == 1);
	CHECK(dir_member_find(db, t.id, member.id, &m) == 0);
	CHECK(m.id == j.member_id);
	outbox_take(&seen);
	CHECK(seen.n == 1);
	CHECK_STR(seen.url, owner.callback_url);
	snprintf(want, sizeof(want), "{\"event\":\"add_topic_user\","
	    "\"topicUserInfo\":{\"id\":%lld,\"openId\":\"%s\"",
	    (long long)j.member_id, member.uid);
	CHECK(strncmp(seen.body, want, strlen(want)) == 0);
	CHECK_CONTAINS(seen.body, "\"topicCode\":\"ops-g2\"");
	CHECK_CONTAINS(seen.body, "\"topicName\":\"群 ops-g2\"");
	CHECK_CONTAINS(seen.body, "\"headImgUrl\":\"\",\"emailStatus\":0}}");

	/* twice: refused before anything is written, no second callback */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join(db, &j, &err)) == FG_EEXIST);
	CHECK_STR(err.buf, "already a member");
	CHECK(j.queued == 0);
	outbox_take(&seen);
	CHECK(seen.n == 0);

	/* an unknown group */
	j.topic_id = 999999;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join(db, &j, NULL)) == FG_ENOENT);
	strbuf_release(&err);
}

TEST(group_join_rollback_takes_callback)
{
	struct store_group t = topic("ops-g3", owner.id);
	struct store_open_person m;
	struct ops_group_join j = { 0 };
	struct outbox_seen seen;

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_add(db, &t, NULL)) == 0);
	j.topic_id = t.id;
	j.user = &member;
	CHECK(store_begin(db) == 0);
	CHECK(ops_group_join(db, &j, NULL) == 0 && j.queued == 1);
	store_rollback(db);
	CHECK(dir_member_find(db, t.id, member.id, &m) == FG_ENOENT);
	outbox_take(&seen);
	CHECK(seen.n == 0);
}

TEST(group_join_without_callback_url)
{
	struct store_group t = topic("ops-g4", quiet.id);
	struct ops_group_join j = { 0 };
	struct outbox_seen seen;

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_add(db, &t, NULL)) == 0);
	j.topic_id = t.id;
	j.user = &member;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join(db, &j, NULL)) == 0);
	CHECK(j.member_id > 0 && j.queued == 0);
	outbox_take(&seen);
	CHECK(seen.n == 0);

	/* and the member can be removed again */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_member_delete(db, j.member_id, NULL)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join(db, &j, NULL)) == 0);
}

TEST(join_link)
{
	struct store_open_join j, got;
	int64_t before = clock_ms();

	memset(&j, 0, sizeof(j));
	j.kind = OPEN_JOIN_FRIEND;
	j.owner_id = owner.id;
	j.scan_max = -1;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link(db, &j, 0, NULL)) == 0);
	CHECK(strlen(j.code) == ID_TOKEN_LEN);
	CHECK(j.created_ms >= before);
	CHECK(j.expires_ms == j.created_ms + OPS_JOIN_LINK_DEFAULT_S * 1000LL);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link(db, &j, 99999999, NULL)) == 0);
	CHECK(j.expires_ms == j.created_ms + OPS_JOIN_LINK_MAX_S * 1000LL);
	CHECK(dir_join_get(db, j.code, &got) == 0);
	CHECK(got.owner_id == owner.id && got.kind == OPEN_JOIN_FRIEND);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link(db, &j, 60, NULL)) == 0);
	CHECK(j.expires_ms == j.created_ms + 60000);
}

TEST(friend_add)
{
	struct strbuf err = STRBUF_INIT;
	struct ops_friend_add f;
	struct store_open_person p;
	struct outbox_seen seen;
	char want[256];

	outbox_take(&seen);
	memset(&f, 0, sizeof(f));
	f.owner_id = owner.id;
	f.user = &owner;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_friend_add(db, &f, &err)) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "themselves");
	f.user = &member;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_friend_add(db, &f, &err)) == 0);
	CHECK(f.f.id > 0 && strlen(f.f.token) > 0 && f.queued == 1);
	CHECK(dir_friend_find(db, owner.id, member.id, &p) == 0);
	CHECK(p.id == f.f.id);
	outbox_take(&seen);
	CHECK(seen.n == 1);
	snprintf(want, sizeof(want), "{\"event\":\"add_friend\","
	    "\"friendInfo\":{\"token\":\"%s\",\"friendId\":%lld,"
	    "\"isFollow\":1,\"nickName\":\"member\",\"havePhone\":0,"
	    "\"createTime\":\"", f.f.token, (long long)member.id);
	CHECK(strncmp(seen.body, want, strlen(want)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_friend_add(db, &f, &err)) == FG_EEXIST);
	CHECK_STR(err.buf, "already friends");
	outbox_take(&seen);
	CHECK(seen.n == 0);

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_friend_remark(db, f.f.id, "老王", NULL)) == 0);
	CHECK(dir_friend_get(db, f.f.id, &p) == 0);
	CHECK_STR(p.remark, "老王");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_friend_delete(db, f.f.id, NULL)) == 0);
	CHECK(dir_friend_get(db, f.f.id, &p) == FG_ENOENT);
	strbuf_release(&err);
}

TEST(callback_name_not_utf8)
{
	struct store_user odd;
	struct ops_friend_add f;
	struct outbox_seen seen;
	struct strbuf err = STRBUF_INIT;

	HARNESS_SQLITE_ONLY("it refuses text that is not UTF-8");

	CHECK(dir_user_add(db, "bad\xff" "name", 0, &odd, &err) == 0);
	memset(&f, 0, sizeof(f));
	f.owner_id = owner.id;
	f.user = &odd;
	outbox_take(&seen);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_friend_add(db, &f, &err)) == 0);
	outbox_take(&seen);
	CHECK(seen.n == 1);
	CHECK_CONTAINS(seen.body, "\"nickName\":\"bad\xef\xbf\xbdname\"");
	strbuf_release(&err);
}

TEST(tokens)
{
	struct store_msg_token t, got;

	memset(&t, 0, sizeof(t));
	t.user_id = member.id;
	snprintf(t.name, sizeof(t.name), "ci");
	t.expire_ms = clock_ms() + 3600000;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_token_add(db, &t, NULL)) == 0);
	CHECK(t.id > 0 && strlen(t.token) == ID_TOKEN_LEN && t.created_ms > 0);
	CHECK(dir_token_get(db, t.id, &got) == 0);
	CHECK_STR(got.token, t.token);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_token_edit(db, t.id, "ci2", t.expire_ms + 1000,
	    NULL)) == 0);
	CHECK(dir_token_get(db, t.id, &got) == 0);
	CHECK_STR(got.name, "ci2");
	CHECK(got.expire_ms == t.expire_ms + 1000);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_token_delete(db, t.id, NULL)) == 0);
	CHECK(dir_token_get(db, t.id, &got) == FG_ENOENT);
}

static struct store_chan
webhook(const char *code)
{
	struct store_chan c;

	memset(&c, 0, sizeof(c));
	c.owner_id = member.id;
	c.kind = STORE_CHAN_WEBHOOK;
	c.type = 1;
	snprintf(c.code, sizeof(c.code), "%s", code);
	snprintf(c.name, sizeof(c.name), "bot %s", code);
	snprintf(c.url, sizeof(c.url), "https://hook.example/%s", code);
	return c;
}

TEST(chan_add_update_delete)
{
	struct strbuf err = STRBUF_INIT;
	struct store_chan a = webhook("ops-h1"), b = webhook("ops-h2"), got;
	struct store_udef d;
	struct ops_setting set = {
		.user_id = member.id, .field = OPS_SET_CHANNEL,
		.channel = "webhook", .webhook = "ops-h1",
	};
	int moved = -1;

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_add(db, &a, &err)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_add(db, &b, &err)) == 0);
	CHECK(a.id > 0 && b.id > a.id);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_add(db, &a, &err)) == FG_EEXIST);
	CHECK_CONTAINS(err.buf, "'ops-h1'");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_setting_put(db, &set, NULL)) == 0);

	/* renaming the default webhook's code takes the default along */
	snprintf(a.code, sizeof(a.code), "ops-h1b");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_update(db, &a, &moved, &err)) == 0);
	CHECK(moved == 1);
	CHECK(dir_udef_for_token(db, member.id, NULL, &d) == 0);
	CHECK_STR(d.option, "ops-h1b");
	CHECK_STR(d.channel, "webhook");
	/* renaming another one leaves it */
	snprintf(b.code, sizeof(b.code), "ops-h2b");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_update(db, &b, &moved, &err)) == 0);
	CHECK(moved == 0);
	CHECK(dir_udef_for_token(db, member.id, NULL, &d) == 0);
	CHECK_STR(d.option, "ops-h1b");
	/* a clash on update */
	snprintf(b.code, sizeof(b.code), "ops-h1b");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_update(db, &b, &moved, &err)) == FG_EEXIST);
	CHECK_CONTAINS(err.buf, "'ops-h1b'");

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_delete(db, member.id, STORE_CHAN_WEBHOOK,
	    "ops-h2b", &got, &err)) == 0);
	CHECK(got.id == b.id);
	CHECK(dir_chan_get(db, b.id, &got) == FG_ENOENT);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_delete(db, member.id, STORE_CHAN_WEBHOOK,
	    "ops-h2b", NULL, &err)) == FG_ENOENT);
	CHECK_STR(err.buf, "webhook 'ops-h2b': no such code");
	strbuf_release(&err);
}

TEST(settings_and_email)
{
	struct store_open_settings st;
	struct store_user u;
	char email[STORE_EMAIL_MAX + 1];
	struct ops_setting set = {
		.user_id = quiet.id, .field = OPS_SET_IS_SEND, .value = 0,
	};

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_setting_put(db, &set, NULL)) == 0);
	set.field = OPS_SET_RECEVIE;
	set.value = 1;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_setting_put(db, &set, NULL)) == 0);
	CHECK(dir_settings_get(db, quiet.id, &st) == 0);
	CHECK(st.is_send == 0 && st.recevie_limit == 1);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_setting_callback(db, quiet.id, "https://cb.example/q",
	    NULL)) == 0);
	CHECK(dir_user_get_id(db, quiet.id, &u) == 0);
	CHECK_STR(u.callback_url, "https://cb.example/q");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_setting_callback(db, quiet.id, "", NULL)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_email(db, quiet.id, "q@example.org", NULL)) == 0);
	CHECK(dir_user_email_get(db, quiet.id, email) == 0);
	CHECK_STR(email, "q@example.org");
}

TEST(pre_scripts)
{
	struct strbuf err = STRBUF_INIT;
	struct store_open_pre p, got;

	memset(&p, 0, sizeof(p));
	p.user_id = member.id;
	p.content_type = 1;
	snprintf(p.name, sizeof(p.name), "up");
	snprintf(p.code, sizeof(p.code), "ops-p1");
	p.script = "content = content.toUpperCase();";
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_pre_add(db, &p, &err)) == 0);
	CHECK(p.id > 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_pre_add(db, &p, &err)) == FG_EEXIST);
	CHECK_STR(err.buf, "pre code 'ops-p1' is already taken");
	snprintf(p.name, sizeof(p.name), "upper");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_pre_edit(db, &p, &err)) == 0);
	CHECK(dir_pre_get(db, p.id, &got) == 0);
	CHECK_STR(got.name, "upper");
	CHECK_STR(got.script, p.script);
	free(got.script);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_pre_delete(db, p.id, NULL)) == 0);
	CHECK(dir_pre_get(db, p.id, &got) == FG_ENOENT);
	strbuf_release(&err);
}

TEST(access_keys_and_switch)
{
	struct strbuf err = STRBUF_INIT;
	struct ops_key_add k = { .ttl_s = 60, .overlap_s = 10 };
	struct ops_openapi o = { .enable = 1 };
	struct store_open_settings st;
	char hash[OPS_KEY_HASH_HEX], secret[128];
	int64_t who = 0;

	k.user_id = member.id;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_key_add(db, &k, NULL)) == 0);
	CHECK(strlen(k.key) == ID_TOKEN_LEN);
	ops_key_hash(k.key, hash);
	CHECK(strlen(hash) == OPS_KEY_HASH_HEX - 1);
	CHECK(dir_key_user(db, hash, clock_ms(), &who) == 0);
	CHECK(who == member.id);
	CHECK(dir_key_user(db, hash, clock_ms() + 61000, &who) == FG_ENOENT);

	/* on needs a secret and an allowlist; nothing written otherwise */
	o.user_id = member.id;
	o.ips = "10.0.0.0/8";
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_key_openapi(db, &o, &err)) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "secretKey");
	CHECK(dir_settings_get(db, member.id, &st) == 0);
	CHECK(st.enabled == 0 && st.ips[0] == '\0');
	CHECK(ops_key_secret_hash("s3cret-key", secret, sizeof(secret),
	    &err) == 0);
	o.secret_hash = secret;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_key_openapi(db, &o, &err)) == 0);
	CHECK(o.st.enabled == 1);
	CHECK(dir_settings_get(db, member.id, &st) == 0);
	CHECK(st.enabled == 1);
	CHECK_STR(st.ips, "10.0.0.0/8");
	CHECK_STR(st.secret_hash, secret);
	/* off keeps the secret and the allowlist */
	memset(&o, 0, sizeof(o));
	o.user_id = member.id;
	o.enable = 0;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_key_openapi(db, &o, &err)) == 0);
	CHECK(dir_settings_get(db, member.id, &st) == 0);
	CHECK(st.enabled == 0);
	CHECK_STR(st.ips, "10.0.0.0/8");
	strbuf_release(&err);
}

/* Commit ops_udef_put(in) in its own transaction: its rc. */
static int
udef_put(const struct ops_udef *in, int64_t *id, struct strbuf *err)
{
	if (store_begin(db) != 0)
		return FG_ESTORE;
	return end(ops_udef_put(db, in, id, err));
}

TEST(user_defaults)
{
	struct strbuf err = STRBUF_INIT;
	struct store_chan h = webhook("ud-h1");
	struct store_msg_token t, other;
	struct store_udef d;
	struct ops_udef in = { .user_id = member.id, .channel = "webhook" };
	int64_t uid_cfg = 0, tok_cfg = 0;
	char num[32];

	memset(&t, 0, sizeof(t));
	t.user_id = member.id;
	snprintf(t.name, sizeof(t.name), "ud");
	t.expire_ms = clock_ms() + 3600000;
	other = t;
	other.user_id = owner.id;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_chan_add(db, &h, &err)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_token_add(db, &t, NULL)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_token_add(db, &other, NULL)) == 0);

	/* refusals: no option, an unknown code, a channel feige cannot
	 * send on, someone else's token, an unknown pre script */
	CHECK(udef_put(&in, NULL, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "is required for webhook");
	in.option = "nope";
	CHECK(udef_put(&in, NULL, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "no such webhook config");
	in.channel = "sms";
	CHECK(udef_put(&in, NULL, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "cannot be the default");
	in.channel = "webhook";
	in.option = "ud-h1";
	in.token_id = other.id;
	CHECK(udef_put(&in, NULL, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "no such message token");
	in.token_id = t.id;
	in.pre = "missing";
	CHECK(udef_put(&in, NULL, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "no such pre script");

	/* the number of the config is stored as its code; one per token */
	in.pre = "";
	snprintf(num, sizeof(num), "%lld", (long long)h.id);
	in.option = num;
	CHECK(udef_put(&in, &tok_cfg, &err) == 0);
	CHECK(tok_cfg > 0);
	CHECK(dir_udef_get(db, tok_cfg, &d) == 0);
	CHECK_STR(d.option, "ud-h1");
	CHECK_STR(d.name, "ud");
	CHECK(d.token_id == t.id);
	CHECK(udef_put(&in, NULL, &err) == FG_EEXIST);
	CHECK_CONTAINS(err.buf, "has a default config already");

	/* the user token's config: changeDefaultChannel's path */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_udef_put_user(db, member.id, "mail", "", &err)) == 0);
	CHECK(dir_udef_for_token(db, member.id, NULL, &d) == 0);
	uid_cfg = d.id;
	CHECK_STR(d.channel, "mail");
	CHECK_STR(d.name, "用户token");
	/* the send lookup: the message token's own, else the user's */
	CHECK(dir_udef_for_token(db, member.id, t.token, &d) == 0);
	CHECK(d.id == tok_cfg);
	CHECK(dir_udef_for_token(db, member.id, "not-a-token", &d) == 0);
	CHECK(d.id == uid_cfg);
	/* another user cannot delete it; the owner can */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_udef_delete(db, owner.id, uid_cfg, &err)) == FG_ENOENT);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_udef_delete(db, member.id, uid_cfg, &err)) == 0);
	CHECK(dir_udef_for_token(db, member.id, NULL, &d) == FG_ENOENT);
	/* a deleted message token takes its config along */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_token_delete(db, t.id, NULL)) == 0);
	CHECK(dir_udef_get(db, tok_cfg, &d) == FG_ENOENT);
	strbuf_release(&err);
}

int
main(void)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (harness_store(dir, &db) != 0 ||
	    dir_user_add(db, "owner", 0, &owner, &err) != 0 ||
	    dir_user_add(db, "member", 0, &member, &err) != 0 ||
	    dir_user_add(db, "quiet", 0, &quiet, &err) != 0 ||
	    dir_user_set_callback(db, owner.id, "https://cb.example/o") != 0 ||
	    dir_user_get_id(db, owner.id, &owner) != 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(group_add_and_taken_code);
	RUN(group_join_queues_callback_once);
	RUN(group_join_rollback_takes_callback);
	RUN(group_join_without_callback_url);
	RUN(join_link);
	RUN(friend_add);
	RUN(callback_name_not_utf8);
	RUN(tokens);
	RUN(chan_add_update_delete);
	RUN(settings_and_email);
	RUN(pre_scripts);
	RUN(access_keys_and_switch);
	RUN(user_defaults);
	store_close(db);
	harness_rm_dir(dir);
	rc = harness_fail ? 1 : 0;
	printf("%s: %d passed, %d failed\n", __FILE__, harness_pass,
	    harness_fail);
	return rc;
}
