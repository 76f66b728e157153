/*
 * cmd_friend.c: `feige friend add OWNER_UID FRIEND_UID`: the friend gets
 * a friend token that the owner puts in `to`.  Queues add_friend to the
 * owner's default callback URL in the same transaction.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/ids.h"
#include "util/strbuf.h"

static int
add_exec(struct cli_args *a)
{
	struct store *s;
	struct store_user owner, fr;
	struct store_friend f;
	struct strbuf err = STRBUF_INIT;
	char when[20];
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	if ((rc = cli_user_by_uid(s, a->pos[0], &owner)) != 0 ||
	    (rc = cli_user_by_uid(s, a->pos[1], &fr)) != 0)
		goto out;
	if (owner.id == fr.id) {
		rc = cli_fail("a user cannot befriend themselves");
		goto out;
	}
	if ((rc = store_begin(s)) != 0)
		goto out;
	if ((rc = dir_friend_add(s, owner.id, fr.id, &f, &err)) != 0) {
		store_rollback(s);
		cli_fail("%s", err.buf);
		goto out;
	}
	clock_format_cn(f.created_ms, when);
	if (*owner.callback_url)
		rc = cli_queue_callback(s, owner.callback_url,
		    json_pack("{s:s,s:{s:s,s:I,s:i,s:s,s:i,s:s,s:i}}", "event",
		    "add_friend", "friendInfo", "token", f.token, "friendId",
		    (json_int_t)f.id, "isFollow", 1, "nickName", fr.name,
		    "havePhone", 0, "createTime", when, "emailStatus", 0));
	if (rc != 0 || (rc = store_commit(s, &err)) != 0) {
		store_rollback(s);
		cli_fail("friend add failed: %s", err.buf);
	}
out:
	store_close(s);
	strbuf_release(&err);
	if (rc != 0)
		return 1;
	if (a->json)
		cli_print_json(json_pack("{s:I,s:s,s:s,s:s}", "id",
		    (json_int_t)f.id, "token", f.token, "owner", owner.uid,
		    "friend", fr.uid));
	else
		printf("%s is now a friend of %s\n  friend token: %s\n", fr.uid,
		    owner.uid, f.token);
	return 0;
}

const struct cli_cmd cmd_friend_add = {
	.name = "friend add", .min_pos = 2, .max_pos = 2,
	.usage = "friend add OWNER_UID FRIEND_UID [--json]", .exec = add_exec,
};
