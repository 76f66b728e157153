/*
 * cmd_friend.c: `feige friend add OWNER_UID FRIEND_UID`: the friend gets
 * a friend token that the owner puts in `to`.  Queues add_friend to the
 * owner's default callback URL in the same transaction: the operation
 * of ops/friend.h, which the friend QR code's join page calls too.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "ops/friend.h"

int
cmd_friend_add(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user owner, fr;
	struct ops_friend_add f = { .user = &fr };

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &owner) == 0 &&
	    cli_user_by_uid(t.s, a->pos[1], &fr) == 0 &&
	    cli_tx_begin(&t) == 0) {
		f.owner_id = owner.id;
		t.rc = ops_friend_add(t.s, &f, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:s,s:s}", "id",
	    (json_int_t)f.f.id, "token", f.f.token, "owner", owner.uid,
	    "friend", fr.uid), "%s is now a friend of %s\n"
	    "  friend token: %s\n", fr.uid, owner.uid, f.f.token);
}
