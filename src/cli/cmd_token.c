/*
 * cmd_token.c: a user's message tokens (the open API's token/add, list,
 * edit and deleteToken: tokens that only send, each with a name and an
 * expiry):
 *
 *   feige token add UID NAME [--days N]   never expires without --days
 *   feige token list UID
 *   feige token show TOKENID
 *   feige token edit TOKENID [--name N] [--days N]
 *   feige token delete TOKENID
 *
 * The writes are ops/token.h's, as the open API's.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/limits.h"
#include "ops/token.h"
#include "util/ids.h"

/* The open API's "no expiry": 2999-12-31 (the end of that day). */
#define TOKEN_NEVER_MS	32503679999999LL

static json_t *
token_json(const struct store_msg_token *t)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:I}", "id", (json_int_t)t->id,
	    "userId", (json_int_t)t->user_id, "name", t->name, "token",
	    t->token, "expireAt", (json_int_t)t->expire_ms, "createdAt",
	    (json_int_t)t->created_ms);
}

static int
token_row(void *arg, const struct store_msg_token *t)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr, token_json(t));
	else
		printf("%-6lld %-34s %s\n", (long long)t->id, t->token,
		    t->name);
	return 0;
}

/* --name and --days into t; 0, or prints and 1. */
static int
token_args(struct cli_args *a, const char *name, struct store_msg_token *t)
{
	long long days;

	if (name && (!*name || strlen(name) > OPEN_NAME_MAX))
		return cli_fail("a token name is 1 to %d bytes", OPEN_NAME_MAX);
	if (name)
		snprintf(t->name, sizeof(t->name), "%s", name);
	if (a->days == NULL)
		return 0;
	if ((days = cli_parse_id(a->days)) < 0 || days > 365 * 100)
		return cli_fail("--days is 1 to 36500");
	t->expire_ms = clock_ms() + days * 86400000LL;
	return 0;
}

int
cmd_token_add(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	struct store_msg_token mt;

	memset(&mt, 0, sizeof(mt));
	mt.expire_ms = TOKEN_NEVER_MS;
	if (token_args(a, a->pos[1], &mt) != 0 || cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 &&
	    cli_tx_begin(&t) == 0) {
		mt.user_id = u.id;
		t.rc = ops_token_add(t.s, &mt, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, token_json(&mt), "message token '%s' of %s: %s "
	    "(id %lld)\n", mt.name, u.uid, mt.token, (long long)mt.id);
}

static int
token_rows(struct store *s, struct cli_list *c)
{
	struct store_user u;
	int64_t total;

	if (cli_user_by_uid(s, c->args->pos[0], &u) != 0)
		return FG_ENOENT;
	return dir_token_list(s, u.id, 0, 1000000, &total, token_row, c);
}

int
cmd_token_list(struct cli_args *a)
{
	return cli_list(a, "tokens", token_rows);
}

/* The token of id pos 0; 0, or prints and -1. */
static int
token_get(struct store *s, struct cli_args *a, struct store_msg_token *mt)
{
	long long id = cli_parse_id(a->pos[0]);

	if (id < 0 || dir_token_get(s, id, mt) != 0)
		return cli_fail("no message token '%s'", a->pos[0]), -1;
	return 0;
}

int
cmd_token_show(struct cli_args *a)
{
	struct cli_list c = { NULL, 0, a };
	struct store_msg_token mt;
	struct store *s;
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	rc = token_get(s, a, &mt);
	store_close(s);
	if (rc != 0)
		return 1;
	if (a->json)
		return cli_out(a, token_json(&mt), "%s", "");
	return token_row(&c, &mt);
}

/* `token edit` and `token delete`, by the command. */
int
cmd_token_edit(struct cli_args *a)
{
	int del = strcmp(a->cmd->name, "token delete") == 0;
	struct cli_tx t;
	struct store_msg_token mt;

	if (!del && a->name == NULL && a->days == NULL)
		return cli_fail("nothing to change: --name N and/or --days N");
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (token_get(t.s, a, &mt) == 0 && token_args(a, a->name, &mt) == 0 &&
	    cli_tx_begin(&t) == 0)
		t.rc = del ? ops_token_delete(t.s, mt.id, &t.err) :
		    ops_token_edit(t.s, mt.id, mt.name, mt.expire_ms, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	if (del)
		return cli_out(a, json_pack("{s:I,s:b}", "id", (json_int_t)mt.id,
		    "deleted", 1), "message token %lld deleted\n",
		    (long long)mt.id);
	return cli_out(a, token_json(&mt), "message token %lld saved\n",
	    (long long)mt.id);
}
