/*
 * blacklist.c: group and friend blacklists (blacklist.h), shared by the
 * open API (topicUser and friend addBlacklist, removeBlacklist; the
 * join page through ops_group_join and ops_friend_add) and the CLI
 * (`feige group blacklist`, `feige friend blacklist`).
 *
 * Blacklisting is two writes in one transaction: the membership or the
 * friendship rows go, the entry (store open_blocks) comes.  The checks
 * that keep a blacklisted person out live here too, so the join page,
 * the CLI and any later console refuse alike: ops_group_join and
 * ops_friend_add call ops_block_check before they write anything.
 * A friend entry is checked both ways (the blacklisted person cannot
 * add the owner back either, and the owner must remove the entry
 * before befriending them again), which is what "ends the friendship
 * both ways" needs to stay true.
 */
#include "ops/blacklist.h"
#include "util/strbuf.h"

static int
entry_add(struct store *s, int kind, int64_t scope, int64_t user,
    int64_t *id, struct strbuf *err)
{
	struct store_open_block b = { .kind = kind, .scope_id = scope,
	    .user_id = user };
	int rc;

	rc = dir_block_add(s, &b);
	if (rc == FG_EEXIST)	/* listed already: nothing to add */
		rc = dir_block_find(s, kind, scope, user, &b);
	if (rc == 0 && id)
		*id = b.id;
	return fg_err(rc, err, "blacklist user %lld", (long long)user);
}

int
ops_block_member(struct store *s, int64_t member_id, int64_t *id,
    struct strbuf *err)
{
	struct store_open_person m;
	struct store_group t;
	int rc;

	if ((rc = dir_member_get(s, member_id, &m)) != 0 ||
	    (rc = dir_topic_get(s, m.owner_id, &t)) != 0)
		return fg_err(rc, err, "member %lld", (long long)member_id);
	if (m.user_id == t.owner_id) {
		if (err)
			strbuf_setf(err, "the owner cannot blacklist "
			    "themselves");
		return FG_EINVAL;
	}
	if ((rc = dir_member_delete(s, m.id)) != 0)
		return fg_err(rc, err, "delete member %lld", (long long)m.id);
	return entry_add(s, OPEN_BLOCK_TOPIC, t.id, m.user_id, id, err);
}

int
ops_block_friend(struct store *s, int64_t owner, int64_t user_id,
    int64_t *id, struct strbuf *err)
{
	struct store_open_person f;
	int rc;

	if (owner == user_id) {
		if (err)
			strbuf_setf(err, "a user cannot blacklist themselves");
		return FG_EINVAL;
	}
	if ((rc = dir_friend_find(s, owner, user_id, &f)) != 0 ||
	    (rc = dir_friend_delete(s, f.id)) != 0)
		return fg_err(rc, err, "friend %lld", (long long)user_id);
	rc = dir_friend_find(s, user_id, owner, &f);	/* the other way */
	if (rc == 0)
		rc = dir_friend_delete(s, f.id);
	if (rc != 0 && rc != FG_ENOENT)
		return fg_err(rc, err, "friend of %lld", (long long)user_id);
	return entry_add(s, OPEN_BLOCK_FRIEND, owner, user_id, id, err);
}

int
ops_block_remove(struct store *s, int64_t id, struct strbuf *err)
{
	return fg_err(dir_block_delete(s, id), err, "blacklist entry %lld",
	    (long long)id);
}

/* FG_EPERM when scope has listed user; 0 when not; a store error. */
static int
listed(struct store *s, int kind, int64_t scope, int64_t user)
{
	struct store_open_block b;
	int rc = dir_block_find(s, kind, scope, user, &b);

	return rc == 0 ? FG_EPERM : rc == FG_ENOENT ? 0 : rc;
}

int
ops_block_check(struct store *s, int kind, int64_t scope, int64_t user,
    struct strbuf *err)
{
	int rc;

	if ((rc = listed(s, kind, scope, user)) == FG_EPERM) {
		if (err)
			strbuf_setf(err, kind == OPEN_BLOCK_TOPIC ?
			    "blacklisted by the group" :
			    "blacklisted by the user");
		return rc;
	}
	if (rc != 0 || kind != OPEN_BLOCK_FRIEND)
		return fg_err(rc, err, "blacklist");
	if ((rc = listed(s, kind, user, scope)) == FG_EPERM) {
		if (err)
			strbuf_setf(err, "you blacklisted this user");
		return rc;
	}
	return fg_err(rc, err, "blacklist");
}
