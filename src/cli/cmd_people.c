/*
 * cmd_people.c: the rest of the pushplus groups, members and friends
 * for the operator: list, show, edit and remove.
 *
 *   feige group list OWNER_UID            the owner's groups
 *   feige group show [OWNER_UID:]CODE     one group and its members
 *   feige group edit [OWNER_UID:]CODE [--name N] [--code C]
 *   feige group leave [OWNER_UID:]CODE UID    remove a member
 *   feige group remark [OWNER_UID:]CODE UID TEXT   the member's remark
 *   feige friend list OWNER_UID
 *   feige friend delete OWNER_UID FRIEND_UID
 *   feige friend remark OWNER_UID FRIEND_UID TEXT
 *
 * Reads go through the store's typed lookups, writes through ops/group.h
 * and ops/friend.h (what the open API's topic/editTopic, deleteTopicUser,
 * editRemark and friend/deleteFriend run), one transaction each.  Lists
 * print every row: the CLI is an operator's tool, not a paged API.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/limits.h"
#include "ops/friend.h"
#include "ops/group.h"

#define CLI_ALL	1000000		/* "every row" for the paged lookups */

static json_t *
person_json(const struct store_open_person *p)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)p->id,
	    "uid", p->uid, "name", p->name, "remark", p->remark, "createdAt",
	    (json_int_t)p->created_ms);
}

static int
person_row(void *arg, const struct store_open_person *p)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr, person_json(p));
	else
		printf("%-6lld %-34s %s%s%s\n", (long long)p->id, p->uid,
		    p->name, *p->remark ? "  # " : "", p->remark);
	return 0;
}

static int
group_row(void *arg, const struct store_group *g)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr, json_pack("{s:I,s:s,s:s,s:I,s:I}",
		    "topicId", (json_int_t)g->id, "topicCode", g->code,
		    "topicName", g->name, "members", (json_int_t)g->members,
		    "createdAt", (json_int_t)g->created_ms));
	else
		printf("%-6lld %-24s %-24s %lld member(s)\n", (long long)g->id,
		    g->code, g->name, (long long)g->members);
	return 0;
}

static int
group_rows(struct store *s, struct cli_list *c)
{
	struct store_user u;
	int64_t total;

	if (cli_user_by_uid(s, c->args->pos[0], &u) != 0)
		return FG_ENOENT;
	return dir_topic_list(s, u.id, 0, 0, CLI_ALL, &total, group_row, c);
}

int
cmd_group_list(struct cli_args *a)
{
	return cli_list(a, "groups", group_rows);
}

/* The group of pos 0 with its member count; 0, or prints, -1. */
static int
group_full(struct store *s, const char *ref, struct store_group *g)
{
	if (cli_group(s, ref, g) != 0)
		return -1;
	if (dir_topic_get(s, g->id, g) != 0)
		return cli_fail("group %lld vanished", (long long)g->id), -1;
	return 0;
}

int
cmd_group_show(struct cli_args *a)
{
	struct cli_list l = { json_array(), a->json, a };
	struct store_group g;
	struct store_user owner;
	struct store *s;
	int64_t total;
	int rc = -1;

	if (cli_open(a, &s) != 0) {
		json_decref(l.arr);
		return 1;
	}
	if (group_full(s, a->pos[0], &g) == 0 &&
	    dir_user_get_id(s, g.owner_id, &owner) == 0) {
		if (!a->json)
			printf("topicId: %lld\ncode:    %s\nname:    %s\n"
			    "owner:   %s\nmembers: %lld\n", (long long)g.id,
			    g.code, g.name, owner.uid, (long long)g.members);
		rc = dir_member_list(s, g.id, 0, CLI_ALL, &total, person_row,
		    &l);
		if (rc < 0)
			cli_fail("cannot list the members (store error)");
	}
	store_close(s);
	if (rc != 0) {
		json_decref(l.arr);
		return 1;
	}
	return cli_out(a, json_pack("{s:I,s:s,s:s,s:s,s:I,s:o}", "topicId",
	    (json_int_t)g.id, "topicCode", g.code, "topicName", g.name,
	    "owner", owner.uid, "memberCount", (json_int_t)g.members,
	    "members", l.arr), "%s", "");
}

int
cmd_group_edit(struct cli_args *a)
{
	struct cli_tx t;
	struct store_group g;

	if (a->name == NULL && a->code == NULL)
		return cli_fail("nothing to change: --name N and/or --code C");
	if ((a->name && (!*a->name || strlen(a->name) > LIM_NAME_BYTES)) ||
	    (a->code && (!*a->code || strlen(a->code) > LIM_NAME_BYTES)))
		return cli_fail("a name or code is 1 to %d bytes",
		    LIM_NAME_BYTES);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (group_full(t.s, a->pos[0], &g) == 0 && cli_tx_begin(&t) == 0) {
		if (a->name)
			snprintf(g.name, sizeof(g.name), "%s", a->name);
		if (a->code)
			snprintf(g.code, sizeof(g.code), "%s", a->code);
		t.rc = ops_group_edit(t.s, &g, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:s}", "topicId",
	    (json_int_t)g.id, "topicCode", g.code, "topicName", g.name),
	    "group %lld is now '%s' (%s)\n", (long long)g.id, g.name, g.code);
}

/* Group pos 0, user pos 1 and their membership; 0, or prints, -1. */
static int
membership(struct cli_tx *t, struct cli_args *a, struct store_group *g,
    struct store_user *u, struct store_open_person *m)
{
	if (cli_group(t->s, a->pos[0], g) != 0 ||
	    cli_user_by_uid(t->s, a->pos[1], u) != 0)
		return -1;
	if (dir_member_find(t->s, g->id, u->id, m) != 0)
		return cli_fail("%s is not a member of '%s'", u->uid, g->code),
		    -1;
	return 0;
}

/* `group leave` and `group remark`: told apart by the command. */
int
cmd_group_member(struct cli_args *a)
{
	int leave = strcmp(a->cmd->name, "group leave") == 0;
	struct cli_tx t;
	struct store_group g;
	struct store_user u;
	struct store_open_person m;

	if (!leave && strlen(a->pos[2]) > OPEN_TEXT_MAX)
		return cli_fail("a remark is at most %d bytes", OPEN_TEXT_MAX);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (membership(&t, a, &g, &u, &m) == 0 && cli_tx_begin(&t) == 0)
		t.rc = leave ? ops_group_member_delete(t.s, m.id, &t.err) :
		    ops_group_member_remark(t.s, m.id, a->pos[2], &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)m.id,
	    "topicCode", g.code, "uid", u.uid), leave ? "%s left group '%s'\n" :
	    "remark of %s in group '%s' set\n", u.uid, g.code);
}

static int
friend_rows(struct store *s, struct cli_list *c)
{
	struct store_user u;
	int64_t total;

	if (cli_user_by_uid(s, c->args->pos[0], &u) != 0)
		return FG_ENOENT;
	return dir_friend_list(s, u.id, 0, CLI_ALL, &total, person_row, c);
}

int
cmd_friend_list(struct cli_args *a)
{
	return cli_list(a, "friends", friend_rows);
}

/* `friend delete` and `friend remark`: told apart by the command. */
int
cmd_friend_edit(struct cli_args *a)
{
	int del = strcmp(a->cmd->name, "friend delete") == 0;
	struct cli_tx t;
	struct store_user owner, u;
	struct store_open_person f;

	if (!del && strlen(a->pos[2]) > OPEN_TEXT_MAX)
		return cli_fail("a remark is at most %d bytes", OPEN_TEXT_MAX);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &owner) == 0 &&
	    cli_user_by_uid(t.s, a->pos[1], &u) == 0) {
		if (dir_friend_find(t.s, owner.id, u.id, &f) != 0)
			cli_fail("%s is not a friend of %s", u.uid, owner.uid);
		else if (cli_tx_begin(&t) == 0)
			t.rc = del ? ops_friend_delete(t.s, f.id, &t.err) :
			    ops_friend_remark(t.s, f.id, a->pos[2], &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)f.id,
	    "owner", owner.uid, "uid", u.uid), del ? "%s is no longer a "
	    "friend of %s\n" : "remark of %s's friend %s set\n",
	    del ? u.uid : owner.uid, del ? owner.uid : u.uid);
}
