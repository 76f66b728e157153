/*
 * cmd_user.c: `feige user add NAME`, `feige user list`,
 * `feige user callback UID URL` (a user's default callback URL, which
 * receives message_complate, add_topic_user and add_friend).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/limits.h"
#include "ops/setting.h"
#include "util/strbuf.h"

static int
add_exec(struct cli_args *a)
{
	struct store *s;
	struct store_user u;
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (strlen(a->pos[0]) == 0 || strlen(a->pos[0]) > LIM_NAME_BYTES)
		return cli_fail("a user name is 1 to %d bytes", LIM_NAME_BYTES);
	if (cli_open(a, &s) != 0)
		return 1;
	rc = dir_user_add(s, a->pos[0], 0, &u, &err);
	store_close(s);
	if (rc != 0) {
		cli_fail("%s", err.buf);
		strbuf_release(&err);
		return 1;
	}
	if (a->json)
		cli_print_json(json_pack("{s:I,s:s,s:s,s:s}", "id",
		    (json_int_t)u.id, "uid", u.uid, "token", u.token, "name",
		    u.name));
	else
		printf("user %s created\n  uid:   %s\n  token: %s\n", u.name,
		    u.uid, u.token);
	return 0;
}

struct list_ctx {
	json_t	*arr;
	int	 json;
};

static int
list_one(void *arg, const struct store_user *u)
{
	struct list_ctx *c = arg;

	if (c->json)
		json_array_append_new(c->arr, json_pack("{s:I,s:s,s:s,s:s,s:b,"
		    "s:s,s:I}", "id", (json_int_t)u->id, "uid", u->uid, "name",
		    u->name, "token", u->token, "admin", u->is_admin,
		    "callbackUrl", u->callback_url, "createdAt",
		    (json_int_t)u->created_ms));
	else
		printf("%-4lld %-34s %-34s %s%s\n", (long long)u->id, u->uid,
		    u->token, u->name, u->is_admin ? " (admin)" : "");
	return 0;
}

static int
list_exec(struct cli_args *a)
{
	struct store *s;
	struct list_ctx c = { json_array(), a->json };

	if (cli_open(a, &s) != 0) {
		json_decref(c.arr);
		return 1;
	}
	if (dir_user_list(s, list_one, &c) < 0) {
		store_close(s);
		json_decref(c.arr);
		return cli_fail("cannot list users (store error)");
	}
	store_close(s);
	if (a->json)
		cli_print_json(json_pack("{s:o}", "users", c.arr));
	else
		json_decref(c.arr);
	return 0;
}

static int
callback_exec(struct cli_args *a)
{
	struct store *s;
	struct store_user u;
	struct strbuf err = STRBUF_INIT;
	const char *url = a->pos[1];
	int rc;

	if (*url && strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0)
		return cli_fail("callback URL must start with http:// or "
		    "https:// (or be \"\" to remove it)");
	if (strlen(url) > LIM_PP_URL_BYTES)
		return cli_fail("callback URL too long");
	if (cli_open(a, &s) != 0)
		return 1;
	if ((rc = cli_user_by_uid(s, a->pos[0], &u)) == 0 &&
	    (rc = store_begin(s)) == 0)
		rc = cli_commit(s, ops_setting_callback(s, u.id, url, &err),
		    &err);
	store_close(s);
	strbuf_release(&err);
	if (rc != 0)
		return 1;
	if (a->json)
		cli_print_json(json_pack("{s:s,s:s}", "uid", u.uid,
		    "callbackUrl", url));
	else
		printf("callback URL of %s set to '%s'\n", u.uid, url);
	return 0;
}

const struct cli_cmd cmd_user_add = {
	.name = "user add", .min_pos = 1, .max_pos = 1,
	.usage = "user add NAME [--json]", .exec = add_exec,
};

const struct cli_cmd cmd_user_list = {
	.name = "user list", .min_pos = 0, .max_pos = 0,
	.usage = "user list [--json]", .exec = list_exec,
};

const struct cli_cmd cmd_user_callback = {
	.name = "user callback", .min_pos = 2, .max_pos = 2,
	.usage = "user callback UID URL [--json]", .exec = callback_exec,
};
