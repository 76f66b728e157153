/*
 * cmd_user.c: `feige user add NAME`, `feige user list`,
 * `feige user callback UID URL` (a user's default callback URL, which
 * receives message_complate, add_topic_user and add_friend),
 * `feige user reset-token UID`, `feige user show UID`,
 * `feige user disable|enable UID`, `feige user limits UID [--daily N]
 * [--rate N]` (ops/user_limits.h).  Users are never deleted (their
 * messages, groups and apps hang on them): disable is the way to stop one.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/limits.h"
#include "ops/admin.h"
#include "ops/setting.h"
#include "ops/user.h"
#include "ops/user_limits.h"
#include "util/strbuf.h"

int
cmd_user_add(struct cli_args *a)
{
	struct store *s;
	struct store_user u;
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	rc = ops_user_add(s, a->pos[0], &u, &err);
	store_close(s);
	if (rc != 0) {
		cli_fail("%s", err.buf);
		strbuf_release(&err);
		return 1;
	}
	return cli_out(a, json_pack("{s:I,s:s,s:s,s:s}", "id",
	    (json_int_t)u.id, "uid", u.uid, "token", u.token, "name", u.name),
	    "user %s created\n  uid:   %s\n  token: %s\n", u.name, u.uid,
	    u.token);
}

/* A limit override in JSON: null for the server setting. */
static json_t *
limit_json(int v)
{
	return v == OPS_LIMIT_DEFAULT ? json_null() : json_integer(v);
}

static json_t *
user_json(const struct store_user *u)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:b,s:s,s:I,s:b,s:o,s:o}", "id",
	    (json_int_t)u->id, "uid", u->uid, "name", u->name, "token",
	    u->token, "admin", u->is_admin, "callbackUrl", u->callback_url,
	    "createdAt", (json_int_t)u->created_ms, "disabled", u->disabled,
	    "dailyLimit", limit_json(u->daily_limit), "rateLimit",
	    limit_json(u->rate_limit));
}

/* A limit override as text: "default" for the server setting. */
static const char *
limit_text(int v, char *buf, size_t len)
{
	if (v == OPS_LIMIT_DEFAULT)
		return "default";
	snprintf(buf, len, "%d", v);
	return buf;
}

static int
list_one(void *arg, const struct store_user *u)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr, user_json(u));
	else
		printf("%-4lld %-34s %-34s %s%s%s\n", (long long)u->id, u->uid,
		    u->token, u->name, u->is_admin ? " (admin)" : "",
		    u->disabled ? " (disabled)" : "");
	return 0;
}

/* `feige user show UID` */
int
cmd_user_show(struct cli_args *a)
{
	struct store *s;
	struct store_user u;
	char d[16], r[16];
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	rc = cli_user_by_uid(s, a->pos[0], &u);
	store_close(s);
	if (rc != 0)
		return 1;
	return cli_out(a, user_json(&u), "uid:      %s\nname:     %s\n"
	    "token:    %s\nadmin:    %s\ncallback: %s\nstate:    %s\n"
	    "daily:    %s\nrate:     %s\n",
	    u.uid, u.name, u.token, u.is_admin ? "yes" : "no",
	    *u.callback_url ? u.callback_url : "-",
	    u.disabled ? "disabled" : "enabled",
	    limit_text(u.daily_limit, d, sizeof(d)),
	    limit_text(u.rate_limit, r, sizeof(r)));
}

/*
 * `feige user limits UID [--daily N|default] [--rate N|default]`: a
 * limit not given keeps its value, so with neither the command only
 * prints them.
 */
int
cmd_user_limits(struct cli_args *a)
{
	struct ops_user_limits l;
	struct cli_tx t;
	struct store_user u;
	char d[16], r[16];

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0) {
		l.daily = u.daily_limit;
		l.rate = u.rate_limit;
		if ((t.rc = a->daily ? ops_user_limit_parse(a->daily,
		    &l.daily, &t.err) : 0) == 0 && (t.rc = a->rate ?
		    ops_user_limit_parse(a->rate, &l.rate, &t.err) : 0) == 0)
			t.rc = ops_user_set_limits(t.s, u.id, &l, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:o,s:o}", "uid", u.uid,
	    "dailyLimit", limit_json(l.daily), "rateLimit", limit_json(l.rate)),
	    "limits of %s: daily %s, rate %s\n", u.uid,
	    limit_text(l.daily, d, sizeof(d)), limit_text(l.rate, r, sizeof(r)));
}

/*
 * `feige user disable UID` / `feige user enable UID`: the token, the
 * message tokens and the AccessKeys stop working (ops_user_set_disabled);
 * enable gives them back.  One function, told apart by the command.
 */
int
cmd_user_disable(struct cli_args *a)
{
	int off = strcmp(a->cmd->name, "user disable") == 0;
	struct cli_tx t;
	struct store_user u;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_user_set_disabled(t.s, u.id, off, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:b}", "uid", u.uid, "disabled",
	    off), "user %s %s\n", u.uid, off ? "disabled" : "enabled");
}

static int
list_rows(struct store *s, struct cli_list *c)
{
	return dir_user_list(s, list_one, c);
}

int
cmd_user_list(struct cli_args *a)
{
	return cli_list(a, "users", list_rows);
}

/* A failed write of the URL exits 1 without a word, as it always has. */
int
cmd_user_callback(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	const char *url = a->pos[1];

	if (*url && strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0)
		return cli_fail("callback URL must start with http:// or "
		    "https:// (or be \"\" to remove it)");
	if (strlen(url) > LIM_PP_URL_BYTES)
		return cli_fail("callback URL too long");
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_setting_callback(t.s, u.id, url, &t.err);
	if (cli_tx_end(&t, NULL) != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:s}", "uid", u.uid, "callbackUrl",
	    url), "callback URL of %s set to '%s'\n", u.uid, url);
}

/*
 * `feige user reset-token UID`: a new token for the user (the old one
 * stops working, the user's AccessKeys are revoked).  Prints the token.
 */
int
cmd_user_reset_token(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u, nu;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_user_reset_token(t.s, u.id, &nu, &t.err);
	if (cli_tx_end(&t, NULL) != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:s}", "uid", nu.uid, "token",
	    nu.token), "new token of %s: %s\n", nu.uid, nu.token);
}
