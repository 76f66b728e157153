/*
 * cmd_app.c: WxPusher apps and topics from the admin CLI.
 *
 *   feige app add OWNER_UID NAME [--callback URL]  -> {"appId","appToken"}
 *   feige app reset-token APPID      the old appToken stops working at once
 *   feige app list
 *   feige app set APPID FIELD VALUE  name, description, contact,
 *                                    callback_url, settings_url, follow_tip
 *   feige topic add APPID NAME       -> {"topicId"}
 *
 * The CLI checks its arguments in its own words, then runs the
 * operation (ops/app.h) in its own transaction on the data dir.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "util/errors.h"
#include "core/limits.h"
#include "ops/app.h"

static int
valid_url(const char *u)
{
	return strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0;
}

int
cmd_app_add(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user owner;
	struct store_wx_app app;
	struct ops_app_new in = { 0, a->pos[1], a->callback };

	if (!*a->pos[1] || strlen(a->pos[1]) > LIM_NAME_BYTES)
		return cli_fail("NAME is 1 to %d bytes", LIM_NAME_BYTES);
	if (a->callback && (!valid_url(a->callback) ||
	    strlen(a->callback) > LIM_PP_URL_BYTES))
		return cli_fail("--callback must be an http(s) URL");
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &owner) == 0 &&
	    cli_tx_begin(&t) == 0) {
		in.owner_id = owner.id;
		t.rc = ops_app_add(t.s, &in, &app, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:s,s:s}", "appId",
	    (json_int_t)app.id, "appToken", app.token, "appKey", app.app_key,
	    "name", app.name), "app '%s' created\n  appId:    %lld\n"
	    "  appToken: %s\n", app.name, (long long)app.id, app.token);
}

int
cmd_app_reset(struct cli_args *a)
{
	struct cli_tx t;
	struct store_wx_app app;
	long long id = cli_parse_id(a->pos[0]);
	int rc;

	if (id < 0)
		return cli_fail("APPID must be a number");
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_tx_begin(&t) == 0)
		t.rc = ops_app_reset_token(t.s, id, &app, &t.err);
	if ((rc = cli_tx_end(&t, NULL)) != 0)
		return cli_fail(rc == FG_ENOENT ? "no app %lld" :
		    "cannot reset the token of app %lld", id);
	return cli_out(a, json_pack("{s:I,s:s}", "appId", (json_int_t)id,
	    "appToken", app.token), "new appToken of app %lld: %s\n", id,
	    app.token);
}

static int
list_one(void *arg, const struct store_wx_app *app)
{
	json_t *arr = arg;

	if (arr)
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:s,s:s,"
		    "s:s,s:I}", "appId", (json_int_t)app->id, "ownerId",
		    (json_int_t)app->owner_id, "name", app->name, "appToken",
		    app->token, "callbackUrl", app->callback_url, "followTip",
		    app->follow_tip, "createdAt", (json_int_t)app->created_ms));
	else
		printf("%-6lld %-36s %s\n", (long long)app->id, app->token,
		    app->name);
	return 0;
}

int
cmd_app_list(struct cli_args *a)
{
	struct store *s;
	json_t *arr = a->json ? json_array() : NULL;
	int rc;

	if (cli_open(a, &s) != 0) {
		json_decref(arr);
		return 1;
	}
	rc = dir_wx_app_list(s, list_one, arr);
	store_close(s);
	if (arr)
		cli_print_json(arr);
	return rc != 0;
}

int
cmd_app_set(struct cli_args *a)
{
	struct cli_tx t;
	long long id = cli_parse_id(a->pos[0]);
	const char *field = a->pos[1], *val = a->pos[2];
	struct ops_app_field in = { id, field, val };
	int rc;

	if (id < 0)
		return cli_fail("APPID must be a number");
	if (strlen(val) > WX_TEXT_BYTES)
		return cli_fail("VALUE is at most %d bytes", WX_TEXT_BYTES);
	if ((strcmp(field, "callback_url") == 0 ||
	    strcmp(field, "settings_url") == 0) && *val && !valid_url(val))
		return cli_fail("%s must be an http(s) URL", field);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_tx_begin(&t) == 0)
		t.rc = ops_app_set(t.s, &in, &t.err);
	if ((rc = cli_tx_end(&t, NULL)) == FG_EINVAL)
		return cli_fail("unknown field '%s' (name, description, contact, "
		    "callback_url, settings_url, follow_tip)", field);
	if (rc != 0)
		return cli_fail("no app %lld", id);
	return cli_out(a, json_pack("{s:I,s:s,s:s}", "appId", (json_int_t)id,
	    "field", field, "value", val), "app %lld: %s set\n", id, field);
}

int
cmd_topic_add(struct cli_args *a)
{
	struct cli_tx t;
	struct store_wx_topic topic;
	long long id = cli_parse_id(a->pos[0]);

	if (id < 0)
		return cli_fail("APPID must be a number");
	if (!*a->pos[1] || strlen(a->pos[1]) > LIM_NAME_BYTES)
		return cli_fail("NAME is 1 to %d bytes", LIM_NAME_BYTES);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_tx_begin(&t) == 0)
		t.rc = ops_wx_topic_add(t.s, id, a->pos[1], &topic, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:I,s:s}", "topicId",
	    (json_int_t)topic.id, "appId", (json_int_t)id, "name", topic.name),
	    "topic '%s' created in app %lld, topicId %lld\n", topic.name, id,
	    (long long)topic.id);
}
