/*
 * cmd_group.c: pushplus groups (topics).  `feige group add OWNER_UID
 * CODE NAME` creates one; `feige group join CODE UID` makes a user a
 * member, which is what scanning the group's QR code does, and queues
 * the add_topic_user callback to the owner's default callback URL in the
 * same transaction.  Both are the operations of ops/group.h, which the
 * open API calls too.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/limits.h"
#include "ops/group.h"
#include "util/errors.h"
#include "util/strbuf.h"

static int
add_exec(struct cli_args *a)
{
	struct store *s;
	struct store_user owner;
	struct store_group t;
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (!*a->pos[1] || strlen(a->pos[1]) > LIM_NAME_BYTES ||
	    !*a->pos[2] || strlen(a->pos[2]) > LIM_NAME_BYTES)
		return cli_fail("CODE and NAME are 1 to %d bytes",
		    LIM_NAME_BYTES);
	if (cli_open(a, &s) != 0)
		return 1;
	memset(&t, 0, sizeof(t));
	snprintf(t.code, sizeof(t.code), "%s", a->pos[1]);
	snprintf(t.name, sizeof(t.name), "%s", a->pos[2]);
	if ((rc = cli_user_by_uid(s, a->pos[0], &owner)) == 0 &&
	    (rc = store_begin(s)) == 0) {
		t.owner_id = owner.id;
		rc = cli_commit(s, ops_group_add(s, &t, &err), &err);
		if (rc != 0)
			cli_fail("%s", err.buf);
	}
	store_close(s);
	strbuf_release(&err);
	if (rc != 0)
		return 1;
	if (a->json)
		cli_print_json(json_pack("{s:I,s:s,s:s}", "topicId",
		    (json_int_t)t.id, "topicCode", t.code, "topicName",
		    t.name));
	else
		printf("group '%s' (%s) created, topicId %lld\n", t.name,
		    t.code, (long long)t.id);
	return 0;
}

static int
join_exec(struct cli_args *a)
{
	struct store *s;
	struct store_group t;
	struct store_user u;
	struct ops_group_join j = { 0 };
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	if ((rc = dir_topic_by_code(s, a->pos[0], &t)) != 0) {
		cli_fail("no group with code '%s'", a->pos[0]);
		goto out;
	}
	if ((rc = cli_user_by_uid(s, a->pos[1], &u)) != 0 ||
	    (rc = store_begin(s)) != 0)
		goto out;
	j.topic_id = t.id;
	j.user = &u;
	if ((rc = cli_commit(s, ops_group_join(s, &j, &err), &err)) != 0)
		cli_fail("%s", err.buf);
out:
	store_close(s);
	strbuf_release(&err);
	if (rc != 0)
		return 1;
	if (a->json)
		cli_print_json(json_pack("{s:I,s:I,s:s,s:s}", "id",
		    (json_int_t)j.member_id, "topicId", (json_int_t)t.id,
		    "topicCode", t.code, "uid", u.uid));
	else
		printf("%s joined group '%s' (member id %lld)\n", u.uid, t.code,
		    (long long)j.member_id);
	return 0;
}

const struct cli_cmd cmd_group_add = {
	.name = "group add", .min_pos = 3, .max_pos = 3,
	.usage = "group add OWNER_UID CODE NAME [--json]", .exec = add_exec,
};

const struct cli_cmd cmd_group_join = {
	.name = "group join", .min_pos = 2, .max_pos = 2,
	.usage = "group join CODE UID [--json]", .exec = join_exec,
};
