/*
 * cmd_friend.c: `feige friend add OWNER_UID FRIEND_UID`: the friend gets
 * a friend token that the owner puts in `to`.  Queues add_friend to the
 * owner's default callback URL in the same transaction: the operation
 * of ops/friend.h, which the friend QR code's join page calls too.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/friend.h"
#include "util/strbuf.h"

static int
add_exec(struct cli_args *a)
{
	struct store *s;
	struct store_user owner, fr;
	struct ops_friend_add f;
	struct strbuf err = STRBUF_INIT;
	int rc;

	memset(&f, 0, sizeof(f));
	if (cli_open(a, &s) != 0)
		return 1;
	if ((rc = cli_user_by_uid(s, a->pos[0], &owner)) != 0 ||
	    (rc = cli_user_by_uid(s, a->pos[1], &fr)) != 0 ||
	    (rc = store_begin(s)) != 0)
		goto out;
	f.owner_id = owner.id;
	f.user = &fr;
	if ((rc = cli_commit(s, ops_friend_add(s, &f, &err), &err)) != 0)
		cli_fail("%s", err.buf);
out:
	store_close(s);
	strbuf_release(&err);
	if (rc != 0)
		return 1;
	if (a->json)
		cli_print_json(json_pack("{s:I,s:s,s:s,s:s}", "id",
		    (json_int_t)f.f.id, "token", f.f.token, "owner", owner.uid,
		    "friend", fr.uid));
	else
		printf("%s is now a friend of %s\n  friend token: %s\n", fr.uid,
		    owner.uid, f.f.token);
	return 0;
}

const struct cli_cmd cmd_friend_add = {
	.name = "friend add", .min_pos = 2, .max_pos = 2,
	.usage = "friend add OWNER_UID FRIEND_UID [--json]", .exec = add_exec,
};
