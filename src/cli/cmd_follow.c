/*
 * cmd_follow.c: WxPusher follows, message products, paid subscription
 * time and personal SPT tokens from the admin CLI.
 *
 *   feige follow UID --app APPID | --topic TOPICID   -> {"id"}
 *       what opening the follow link does (source "link"): the follow,
 *       the follow tip in the inbox, app_subscribe for an app follow.
 *   feige product add APPID NAME [--topic TOPICID] [--price FEN]
 *       a message product over the app's own follows or one topic's.
 *   feige pay grant UID PRODID DAYS
 *       adds (DAYS < 0: refunds) paid time on the UID's follow of the
 *       product's app or topic, and fires order_pay.
 *   feige user spt UID                               -> {"spt"}
 *
 * Each command is one transaction on the data dir running one operation
 * (ops/follow.h, ops/app.h); callbacks go to the outbox and the running
 * server sends them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "util/errors.h"
#include "core/limits.h"
#include "ops/app.h"
#include "ops/follow.h"
#include "util/ids.h"

/* The follow's app, and its topic when topic is not 0. */
static int
follow_target(struct store *s, long long *app_id, long long topic,
    struct store_wx_app *app)
{
	struct store_wx_topic t;

	if (topic && dir_wx_topic_get(s, topic, &t) != 0)
		return cli_fail("no topic %lld", topic);
	if (topic)
		*app_id = t.app_id;
	if (dir_wx_app_get(s, *app_id, app) != 0)
		return cli_fail("no app %lld", *app_id);
	return 0;
}

int
cmd_follow(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	struct store_wx_app app;
	struct ops_follow_result res;
	long long app_id = a->app ? cli_parse_id(a->app) : 0;
	long long topic = a->topic ? cli_parse_id(a->topic) : 0;
	struct ops_follow_req in = { &app, topic, &u, "link", "", 0 };

	if ((a->app == NULL) == (a->topic == NULL) || app_id < 0 || topic < 0)
		return cli_fail("usage: feige %s", a->cmd->usage);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 &&
	    follow_target(t.s, &app_id, topic, &app) == 0 &&
	    cli_tx_begin(&t) == 0)
		t.rc = ops_follow_apply(t.s, &in, &res, &t.err);
	if (cli_tx_end(&t, "follow failed: %s") != 0)
		return 1;
	if (res.blocked)
		return cli_fail("%s is blocked by app %lld", u.uid, app_id);
	return cli_out(a, json_pack("{s:I,s:s,s:I,s:I,s:b}", "id",
	    (json_int_t)res.follow.id, "uid", u.uid, "appId",
	    (json_int_t)app_id, "topicId", (json_int_t)topic, "existed",
	    res.existed), "%s follows %s %lld (follow id %lld)%s\n", u.uid,
	    topic ? "topic" : "app", topic ? topic : app_id,
	    (long long)res.follow.id, res.existed ? ", already" : "");
}

int
cmd_product_add(struct cli_args *a)
{
	struct cli_tx t;
	struct store_wx_product p;
	long long app_id = cli_parse_id(a->pos[0]);
	long long topic = a->topic ? cli_parse_id(a->topic) : 0;
	long price = a->price ? strtol(a->price, NULL, 10) : 0;
	struct ops_product_new in = { app_id, topic, a->pos[1], price };

	if (app_id < 0 || topic < 0 || price < 0 || price > 100000000)
		return cli_fail("usage: feige %s", a->cmd->usage);
	if (!*a->pos[1] || strlen(a->pos[1]) > LIM_NAME_BYTES)
		return cli_fail("NAME is 1 to %d bytes", LIM_NAME_BYTES);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_tx_begin(&t) == 0)
		t.rc = ops_product_add(t.s, &in, &p, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:I,s:I,s:s,s:i}", "prodId",
	    (json_int_t)p.id, "appId", (json_int_t)app_id, "topicId",
	    (json_int_t)topic, "name", p.name, "priceFen", p.price_fen),
	    "product %lld created\n", (long long)p.id);
}

int
cmd_pay_grant(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	long long prod = cli_parse_id(a->pos[1]);
	long days = strtol(a->pos[2], NULL, 10);
	struct ops_follow_pay_req in = { &u, prod, days, clock_ms() };
	struct ops_follow_pay_result res;

	if (prod < 0 || days == 0 || days < -36500 || days > 36500)
		return cli_fail("usage: feige %s (DAYS a non-zero number)",
		    a->cmd->usage);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 &&
	    cli_tx_begin(&t) == 0)
		t.rc = ops_follow_pay(t.s, &in, &res, &t.err);
	if (cli_tx_end(&t, t.rc == FG_ENOENT ? "%s" :
	    "pay grant failed: %s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:I,s:I,s:I,s:s}", "uid", u.uid,
	    "prodId", (json_int_t)prod, "payEndTime", (json_int_t)res.end_ms,
	    "addTime", (json_int_t)res.add_ms, "tradeNo", res.trade_no),
	    "%s: paid until %lld\n", u.uid, (long long)res.end_ms);
}

int
cmd_user_spt(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	char spt[48] = "";
	int rc;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_wx_spt(t.s, u.id, spt, &t.err);
	if ((rc = cli_tx_end(&t, NULL)) != 0)
		return rc < 0 ? cli_fail("cannot create the SPT") : 1;
	return cli_out(a, json_pack("{s:s,s:s}", "uid", u.uid, "spt", spt),
	    "%s\n", spt);
}
