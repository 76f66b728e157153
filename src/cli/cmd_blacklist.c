/*
 * cmd_blacklist.c: the blacklists of groups and friends from the CLI,
 * the operations of ops/blacklist.h that the open API's
 * topicUser/addBlacklist, friend/addBlacklist and removeBlacklist
 * call too.
 *
 *   feige group blacklist CODE UID        remove member UID of group CODE
 *                                         and keep them out
 *   feige group unblacklist CODE UID      let them join again
 *   feige friend blacklist OWNER FRIEND   end the friendship both ways
 *                                         and keep it ended
 *   feige friend unblacklist OWNER FRIEND let them befriend again
 *
 * The open API names entries by their record id; here the people and
 * the group are named as in the other commands (UIDs and the group's
 * code), and the entry is looked up by them.  Unblacklisting restores
 * nothing, as upstream.
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "ops/blacklist.h"

/* The group of CODE and the user of UID for t; 0, or prints, -1. */
static int
group_and_user(struct cli_tx *t, struct cli_args *a, struct store_group *g,
    struct store_user *u)
{
	if (cli_group(t->s, a->pos[0], g) != 0)
		return -1;
	return cli_user_by_uid(t->s, a->pos[1], u);
}

/* Both users of the command (pos 0 and 1); 0, or prints, -1. */
static int
two_users(struct cli_tx *t, struct cli_args *a, struct store_user *owner,
    struct store_user *u)
{
	if (cli_user_by_uid(t->s, a->pos[0], owner) != 0)
		return -1;
	return cli_user_by_uid(t->s, a->pos[1], u);
}

/* Remove the entry (kind, scope, user) in t's transaction. */
static void
unlist(struct cli_tx *t, int kind, int64_t scope, const struct store_user *u)
{
	struct store_open_block b;

	if (dir_block_find(t->s, kind, scope, u->id, &b) != 0) {
		cli_fail("%s is not on the blacklist", u->uid);
		return;
	}
	if (cli_tx_begin(t) == 0)
		t->rc = ops_block_remove(t->s, b.id, &t->err);
}

int
cmd_group_blacklist(struct cli_args *a)
{
	struct cli_tx t;
	struct store_group g;
	struct store_user u;
	struct store_open_person m;
	int64_t id = 0;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (group_and_user(&t, a, &g, &u) == 0) {
		if (dir_member_find(t.s, g.id, u.id, &m) != 0)
			cli_fail("%s is not a member of '%s'", u.uid, g.code);
		else if (cli_tx_begin(&t) == 0)
			t.rc = ops_block_member(t.s, m.id, &id, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id,
	    "topicCode", g.code, "uid", u.uid), "%s removed from group '%s' "
	    "and blacklisted (entry %lld)\n", u.uid, g.code, (long long)id);
}

int
cmd_group_unblacklist(struct cli_args *a)
{
	struct cli_tx t;
	struct store_group g;
	struct store_user u;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (group_and_user(&t, a, &g, &u) == 0)
		unlist(&t, OPEN_BLOCK_TOPIC, g.id, &u);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:s}", "topicCode", g.code, "uid",
	    u.uid), "%s may join group '%s' again\n", u.uid, g.code);
}

int
cmd_friend_blacklist(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user owner, u;
	int64_t id = 0;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (two_users(&t, a, &owner, &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_block_friend(t.s, owner.id, u.id, &id, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id,
	    "owner", owner.uid, "friend", u.uid), "%s blacklisted %s "
	    "(entry %lld)\n", owner.uid, u.uid, (long long)id);
}

int
cmd_friend_unblacklist(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user owner, u;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (two_users(&t, a, &owner, &u) == 0)
		unlist(&t, OPEN_BLOCK_FRIEND, owner.id, &u);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:s}", "owner", owner.uid,
	    "friend", u.uid), "%s removed %s from the blacklist\n", owner.uid,
	    u.uid);
}
