/*
 * cmd_group.c: pushplus groups (topics).  `feige group add OWNER_UID
 * CODE NAME` creates one; `feige group join CODE UID` makes a user a
 * member, which is what scanning the group's QR code does, and queues
 * the add_topic_user callback to the owner's default callback URL in the
 * same transaction; `feige group delete CODE` deletes one with its
 * members, blacklist and join links (messages already sent stay with
 * their recipients).  These are the operations of ops/group.h, which
 * the open API calls too (topic/add, the join page, topic/delete).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/limits.h"
#include "ops/group.h"

int
cmd_group_add(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user owner;
	struct store_group g;

	if (!*a->pos[1] || strlen(a->pos[1]) > LIM_NAME_BYTES ||
	    !*a->pos[2] || strlen(a->pos[2]) > LIM_NAME_BYTES)
		return cli_fail("CODE and NAME are 1 to %d bytes",
		    LIM_NAME_BYTES);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	memset(&g, 0, sizeof(g));
	snprintf(g.code, sizeof(g.code), "%s", a->pos[1]);
	snprintf(g.name, sizeof(g.name), "%s", a->pos[2]);
	if (cli_user_by_uid(t.s, a->pos[0], &owner) == 0 &&
	    cli_tx_begin(&t) == 0) {
		g.owner_id = owner.id;
		t.rc = ops_group_add(t.s, &g, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:s}", "topicId",
	    (json_int_t)g.id, "topicCode", g.code, "topicName", g.name),
	    "group '%s' (%s) created, topicId %lld\n", g.name, g.code,
	    (long long)g.id);
}

int
cmd_group_join(struct cli_args *a)
{
	struct cli_tx t;
	struct store_group g;
	struct store_user u;
	struct ops_group_join j = { .user = &u };

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_group(t.s, a->pos[0], &g) == 0 &&
	    cli_user_by_uid(t.s, a->pos[1], &u) == 0 &&
	    cli_tx_begin(&t) == 0) {
		j.topic_id = g.id;
		t.rc = ops_group_join(t.s, &j, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:I,s:s,s:s}", "id",
	    (json_int_t)j.member_id, "topicId", (json_int_t)g.id,
	    "topicCode", g.code, "uid", u.uid), "%s joined group '%s' "
	    "(member id %lld)\n", u.uid, g.code, (long long)j.member_id);
}

int
cmd_group_delete(struct cli_args *a)
{
	struct cli_tx t;
	struct store_group g;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_group(t.s, a->pos[0], &g) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_group_delete(t.s, g.id, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s}", "topicId", (json_int_t)g.id,
	    "topicCode", g.code), "group '%s' (topicId %lld) deleted\n",
	    g.code, (long long)g.id);
}
