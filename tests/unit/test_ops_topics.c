/*
 * test_ops_topics.c: unit tests for the open API V1.8-V1.16 group and
 * friend operations and the store calls under them (migration 7): the
 * V1.13 topic fields through add, get and edit; deleting a group with
 * its members, blacklist and join links (and its id never given
 * again); member remarks; a join link's scan limit; and both
 * blacklists: what blacklisting removes, that joining and befriending
 * are refused while an entry stands (both ways for friends), and that
 * removing an entry restores nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "harness_store.h"

#include "ops/blacklist.h"
#include "ops/friend.h"
#include "ops/group.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-ops-topics-XXXXXX";
static struct store *db;
static struct store_user owner, member, other;

/* Commit when rc is 0, else roll back; rc or the commit's error. */
static int
end(int rc)
{
	return harness_end(db, rc);
}

/* A new group code of owner_id (committed); its id. */
static int64_t
group(const char *code, int64_t owner_id)
{
	struct store_group t;

	memset(&t, 0, sizeof(t));
	t.owner_id = owner_id;
	snprintf(t.code, sizeof(t.code), "%s", code);
	snprintf(t.name, sizeof(t.name), "群 %s", code);
	if (store_begin(db) != 0 || end(ops_group_add(db, &t, NULL)) != 0)
		return -1;
	return t.id;
}

/* u joins topic in its own transaction: the op's result. */
static int
join(int64_t topic, const struct store_user *u, int64_t *member_id)
{
	struct ops_group_join j = { .topic_id = topic, .user = u };
	int rc;

	CHECK(store_begin(db) == 0);
	rc = end(ops_group_join(db, &j, NULL));
	if (member_id)
		*member_id = j.member_id;
	return rc;
}

/* u befriends owner_id in its own transaction: the op's result. */
static int
befriend(int64_t owner_id, const struct store_user *u, struct strbuf *err)
{
	struct ops_friend_add f = { .owner_id = owner_id, .user = u };

	CHECK(store_begin(db) == 0);
	return end(ops_friend_add(db, &f, err));
}

static int
count_row(void *arg, const struct store_open_block *b)
{
	(void)b;
	(*(int *)arg)++;
	return 0;
}

TEST(topic_fields_and_edit)
{
	struct strbuf err = STRBUF_INIT;
	struct store_group t, got;

	memset(&t, 0, sizeof(t));
	t.owner_id = owner.id;
	snprintf(t.code, sizeof(t.code), "v113");
	snprintf(t.name, sizeof(t.name), "n");
	snprintf(t.icon, sizeof(t.icon), "https://i.example/x.png");
	snprintf(t.describe, sizeof(t.describe), "描述");
	t.price_cents = 1250;
	t.topic_type = OPS_TOPIC_POINTS;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_add(db, &t, &err)) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "points");
	t.topic_type = OPS_TOPIC_PUBLIC;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_add(db, &t, &err)) == 0);
	CHECK(dir_topic_get(db, t.id, &got) == 0);
	CHECK_STR(got.icon, "https://i.example/x.png");
	CHECK_STR(got.describe, "描述");
	CHECK_STR(got.owner_name, "owner");
	CHECK(got.topic_type == 2 && got.price_cents == 1250 &&
	    got.is_open == 0 && got.members == 0);

	got.is_open = 1;
	snprintf(got.code, sizeof(got.code), "v113b");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_edit(db, &got, &err)) == 0);
	CHECK(dir_topic_get(db, t.id, &t) == 0);
	CHECK(t.is_open == 1);
	CHECK_STR(t.code, "v113b");
	CHECK(group("v113-taken", owner.id) > 0);
	snprintf(t.code, sizeof(t.code), "v113-taken");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_edit(db, &t, &err)) == FG_EEXIST);
	CHECK_CONTAINS(err.buf, "'v113-taken'");
	t.is_open = 2;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_edit(db, &t, &err)) == FG_EINVAL);
	/* isOpen alone, read and written in the transaction */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_set_open(db, got.id, 0, NULL)) == 0);
	CHECK(dir_topic_get(db, got.id, &t) == 0);
	CHECK(t.is_open == 0);
	CHECK_STR(t.code, "v113b");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_set_open(db, got.id, 2, NULL)) == FG_EINVAL);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_set_open(db, 999999, 1, NULL)) == FG_ENOENT);
	t.is_open = 0;
	t.id = 999999;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_edit(db, &t, NULL)) == FG_ENOENT);
	strbuf_release(&err);
}

TEST(group_delete_takes_members_blacklist_links)
{
	struct store_open_join j, got;
	struct store_open_person m;
	struct store_group t;
	int64_t id = group("del", owner.id), mid, again;
	int n = 0;
	int64_t total;

	CHECK(id > 0);
	CHECK(join(id, &member, &mid) == 0);
	CHECK(join(id, &other, NULL) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_member(db, mid, NULL, NULL)) == 0);
	memset(&j, 0, sizeof(j));
	j.kind = OPEN_JOIN_TOPIC;
	j.owner_id = owner.id;
	j.topic_id = id;
	j.scan_max = -1;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link(db, &j, 0, NULL)) == 0);

	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_delete(db, id, NULL)) == 0);
	CHECK(dir_topic_get(db, id, &t) == FG_ENOENT);
	CHECK(dir_member_find(db, id, other.id, &m) == FG_ENOENT);
	CHECK(dir_join_get(db, j.code, &got) == FG_ENOENT);
	CHECK(dir_block_list(db, OPEN_BLOCK_TOPIC, id, 0, 10, &total,
	    count_row, &n) == 0);
	CHECK(total == 0 && n == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_delete(db, id, NULL)) == FG_ENOENT);
	/* the last id deleted is not given again */
	again = group("del", owner.id);
	CHECK(again > id);
}

TEST(member_remark)
{
	struct store_open_person m;
	int64_t id = group("rmk", owner.id), mid;

	CHECK(join(id, &member, &mid) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_member_remark(db, mid, "老李", NULL)) == 0);
	CHECK(dir_member_get(db, mid, &m) == 0);
	CHECK_STR(m.remark, "老李");
}

TEST(join_link_scan_count)
{
	struct strbuf err = STRBUF_INIT;
	struct store_open_join j, got;

	memset(&j, 0, sizeof(j));
	j.kind = OPEN_JOIN_FRIEND;
	j.owner_id = owner.id;
	j.scan_max = 0;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link(db, &j, 60, &err)) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "scanCount");
	j.scan_max = OPS_JOIN_SCANS_MAX + 1;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link(db, &j, 60, NULL)) == FG_EINVAL);
	j.scan_max = 2;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link(db, &j, 60, NULL)) == 0);
	CHECK(dir_join_get(db, j.code, &got) == 0);
	CHECK(got.scan_max == 2 && got.scans == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link_used(db, j.code, NULL)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link_used(db, j.code, NULL)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link_used(db, j.code, &err)) == FG_EPERM);
	CHECK_CONTAINS(err.buf, "no scans left");
	CHECK(dir_join_get(db, j.code, &got) == 0);
	CHECK(got.scans == 2);
	/* -1: any number */
	j.scan_max = -1;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link(db, &j, 60, NULL)) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_group_join_link_used(db, j.code, NULL)) == 0);
	strbuf_release(&err);
}

TEST(member_blacklist)
{
	struct strbuf err = STRBUF_INIT;
	struct store_open_block b;
	struct store_open_person m;
	int64_t id = group("bl", owner.id), mid, self_mid, entry, total;
	int n = 0;

	CHECK(join(id, &member, &mid) == 0);
	CHECK(join(id, &owner, &self_mid) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_member(db, self_mid, NULL, &err)) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "themselves");
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_member(db, mid, &entry, &err)) == 0);
	CHECK(dir_member_get(db, mid, &m) == FG_ENOENT);
	CHECK(dir_block_get(db, entry, &b) == 0);
	CHECK(b.kind == OPEN_BLOCK_TOPIC && b.scope_id == id &&
	    b.user_id == member.id);
	CHECK_STR(b.uid, member.uid);
	CHECK_STR(b.name, "member");
	CHECK(dir_block_list(db, OPEN_BLOCK_TOPIC, id, 0, 10, &total,
	    count_row, &n) == 0);
	CHECK(total == 1 && n == 1);
	/* no way back in while listed; other groups are not affected */
	CHECK(join(id, &member, NULL) == FG_EPERM);
	CHECK(join(group("bl-other", owner.id), &member, NULL) == 0);
	CHECK(join(id, &other, NULL) == 0);
	/* removal restores nothing, then joining works again */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_remove(db, entry, NULL)) == 0);
	CHECK(dir_member_find(db, id, member.id, &m) == FG_ENOENT);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_remove(db, entry, NULL)) == FG_ENOENT);
	CHECK(join(id, &member, NULL) == 0);
	strbuf_release(&err);
}

TEST(friend_blacklist_both_ways)
{
	struct strbuf err = STRBUF_INIT;
	struct store_open_person p;
	struct store_open_block b;
	int64_t entry, total;
	int n = 0;

	CHECK(befriend(owner.id, &member, NULL) == 0);	/* member of owner */
	CHECK(befriend(member.id, &owner, NULL) == 0);	/* and back */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_friend(db, owner.id, owner.id, NULL, &err)) ==
	    FG_EINVAL);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_friend(db, owner.id, other.id, NULL, NULL)) ==
	    FG_ENOENT);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_friend(db, owner.id, member.id, &entry,
	    NULL)) == 0);
	CHECK(dir_friend_find(db, owner.id, member.id, &p) == FG_ENOENT);
	CHECK(dir_friend_find(db, member.id, owner.id, &p) == FG_ENOENT);
	CHECK(dir_block_get(db, entry, &b) == 0);
	CHECK(b.kind == OPEN_BLOCK_FRIEND && b.scope_id == owner.id &&
	    b.user_id == member.id);
	CHECK(dir_block_list(db, OPEN_BLOCK_FRIEND, owner.id, 0, 10, &total,
	    count_row, &n) == 0);
	CHECK(total == 1 && n == 1);
	/* neither side can befriend the other while it stands */
	CHECK(befriend(owner.id, &member, &err) == FG_EPERM);
	CHECK_CONTAINS(err.buf, "blacklisted by the user");
	CHECK(befriend(member.id, &owner, &err) == FG_EPERM);
	CHECK_CONTAINS(err.buf, "you blacklisted");
	CHECK(befriend(owner.id, &other, NULL) == 0);
	/* removal restores nothing */
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_block_remove(db, entry, NULL)) == 0);
	CHECK(dir_friend_find(db, owner.id, member.id, &p) == FG_ENOENT);
	CHECK(befriend(owner.id, &member, NULL) == 0);
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
	    dir_user_add(db, "other", 0, &other, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(topic_fields_and_edit);
	RUN(group_delete_takes_members_blacklist_links);
	RUN(member_remark);
	RUN(join_link_scan_count);
	RUN(member_blacklist);
	RUN(friend_blacklist_both_ways);
	store_close(db);
	harness_rm_dir(dir);
	rc = harness_fail ? 1 : 0;
	printf("%s: %d passed, %d failed\n", __FILE__, harness_pass,
	    harness_fail);
	return rc;
}
