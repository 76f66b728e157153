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
 * Each command is one transaction on the data dir; callbacks go to the
 * outbox and the running server sends them.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/errors.h"
#include "core/limits.h"
#include "queue/wx.h"
#include "util/ids.h"
#include "util/strbuf.h"

static int
follow_exec(struct cli_args *a)
{
	struct store *s;
	struct store_user u;
	struct store_wx_app app;
	struct store_wx_topic t;
	struct wx_follow_result res;
	struct strbuf err = STRBUF_INIT;
	long long app_id = a->app ? cli_parse_id(a->app) : 0;
	long long topic = a->topic ? cli_parse_id(a->topic) : 0;
	int rc;

	if ((a->app == NULL) == (a->topic == NULL) || app_id < 0 || topic < 0)
		return cli_fail("usage: feige %s", cmd_follow.usage);
	if (cli_open(a, &s) != 0)
		return 1;
	if ((rc = cli_user_by_uid(s, a->pos[0], &u)) != 0)
		goto out;
	if (topic && (rc = dir_wx_topic_get(s, topic, &t)) != 0) {
		cli_fail("no topic %lld", topic);
		goto out;
	}
	if (topic)
		app_id = t.app_id;
	if ((rc = dir_wx_app_get(s, app_id, &app)) != 0) {
		cli_fail("no app %lld", app_id);
		goto out;
	}
	if ((rc = store_begin(s)) != 0)
		goto out;
	if ((rc = wx_follow_apply(s, &app, topic, &u, "link", "", &res,
	    &err)) != 0 || (rc = store_commit(s, &err)) != 0) {
		store_rollback(s);
		cli_fail("follow failed: %s", err.buf);
	}
out:
	store_close(s);
	strbuf_release(&err);
	if (rc != 0)
		return 1;
	if (res.blocked)
		return cli_fail("%s is blocked by app %lld", u.uid, app_id);
	if (a->json)
		cli_print_json(json_pack("{s:I,s:s,s:I,s:I,s:b}", "id",
		    (json_int_t)res.follow.id, "uid", u.uid, "appId",
		    (json_int_t)app_id, "topicId", (json_int_t)topic, "existed",
		    res.existed));
	else
		printf("%s follows %s %lld (follow id %lld)%s\n", u.uid,
		    topic ? "topic" : "app", topic ? topic : app_id,
		    (long long)res.follow.id, res.existed ? ", already" : "");
	return 0;
}

static int
product_exec(struct cli_args *a)
{
	struct store *s;
	struct store_wx_app app;
	struct store_wx_topic t;
	struct store_wx_product p;
	long long app_id = cli_parse_id(a->pos[0]);
	long long topic = a->topic ? cli_parse_id(a->topic) : 0;
	long price = a->price ? strtol(a->price, NULL, 10) : 0;
	int rc;

	if (app_id < 0 || topic < 0 || price < 0 || price > 100000000)
		return cli_fail("usage: feige %s", cmd_product_add.usage);
	if (!*a->pos[1] || strlen(a->pos[1]) > LIM_NAME_BYTES)
		return cli_fail("NAME is 1 to %d bytes", LIM_NAME_BYTES);
	if (cli_open(a, &s) != 0)
		return 1;
	memset(&p, 0, sizeof(p));
	if ((rc = dir_wx_app_get(s, app_id, &app)) != 0)
		cli_fail("no app %lld", app_id);
	else if (topic && ((rc = dir_wx_topic_get(s, topic, &t)) != 0 ||
	    t.app_id != app_id))
		rc = cli_fail("no topic %lld in app %lld", topic, app_id);
	else {
		p.app_id = app_id;
		p.topic_id = topic;
		p.price_fen = (int)price;
		snprintf(p.name, sizeof(p.name), "%s", a->pos[1]);
		if ((rc = dir_wx_product_add(s, &p)) != 0)
			cli_fail("cannot add the product");
	}
	store_close(s);
	if (rc != 0)
		return 1;
	if (a->json)
		cli_print_json(json_pack("{s:I,s:I,s:I,s:s,s:i}", "prodId",
		    (json_int_t)p.id, "appId", (json_int_t)app_id, "topicId",
		    (json_int_t)topic, "name", p.name, "priceFen", p.price_fen));
	else
		printf("product %lld created\n", (long long)p.id);
	return 0;
}

static int
grant_exec(struct cli_args *a)
{
	struct store *s;
	struct store_user u;
	struct store_wx_product p;
	struct store_wx_app app;
	struct store_wx_follow f;
	struct strbuf err = STRBUF_INIT;
	long long prod = cli_parse_id(a->pos[1]);
	long days = strtol(a->pos[2], NULL, 10);
	int64_t now = clock_ms(), add = 0, end = 0;
	char trade[40] = "";
	int rc, amount;

	if (prod < 0 || days == 0 || days < -36500 || days > 36500)
		return cli_fail("usage: feige %s (DAYS a non-zero number)",
		    cmd_pay_grant.usage);
	if (cli_open(a, &s) != 0)
		return 1;
	if ((rc = cli_user_by_uid(s, a->pos[0], &u)) != 0)
		goto out;
	if ((rc = dir_wx_product_get(s, prod, &p)) != 0 ||
	    (rc = dir_wx_app_get(s, p.app_id, &app)) != 0) {
		cli_fail("no product %lld", prod);
		goto out;
	}
	if ((rc = dir_wx_follow_find(s, u.id, p.app_id, p.topic_id,
	    &f)) != 0) {
		cli_fail("%s does not follow the %s of product %lld", u.uid,
		    p.topic_id ? "topic" : "app", prod);
		goto out;
	}
	add = (int64_t)days * 86400000LL;
	end = (days > 0 && f.pay_end_ms < now ? now : f.pay_end_ms) + add;
	if (end < 0)
		end = 0;
	amount = (int)((long long)p.price_fen * days / 30);
	snprintf(trade, sizeof(trade), "%lld%06u", (long long)now,
	    (unsigned)(randombytes_random() % 1000000));
	if ((rc = store_begin(s)) != 0)
		goto out;
	if ((rc = dir_wx_follow_set_pay(s, f.id, end)) != 0 ||
	    (rc = wx_callback_order_pay(s, &app, u.uid, prod, add, amount,
	    trade, NULL)) != 0 || (rc = store_commit(s, &err)) != 0) {
		store_rollback(s);
		cli_fail("pay grant failed: %s", err.buf);
	}
out:
	store_close(s);
	strbuf_release(&err);
	if (rc != 0)
		return 1;
	if (a->json)
		cli_print_json(json_pack("{s:s,s:I,s:I,s:I,s:s}", "uid", u.uid,
		    "prodId", (json_int_t)prod, "payEndTime", (json_int_t)end,
		    "addTime", (json_int_t)add, "tradeNo", trade));
	else
		printf("%s: paid until %lld\n", u.uid, (long long)end);
	return 0;
}

static int
spt_exec(struct cli_args *a)
{
	struct store *s;
	struct store_user u;
	char spt[48] = "";
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	if ((rc = cli_user_by_uid(s, a->pos[0], &u)) == 0 &&
	    (rc = dir_wx_user_spt(s, u.id, spt)) != 0)
		cli_fail("cannot create the SPT");
	store_close(s);
	if (rc != 0)
		return 1;
	if (a->json)
		cli_print_json(json_pack("{s:s,s:s}", "uid", u.uid, "spt", spt));
	else
		printf("%s\n", spt);
	return 0;
}

const struct cli_cmd cmd_follow = {
	.name = "follow", .min_pos = 1, .max_pos = 1,
	.usage = "follow UID --app APPID | --topic TOPICID [--json]",
	.exec = follow_exec,
};
const struct cli_cmd cmd_product_add = {
	.name = "product add", .min_pos = 2, .max_pos = 2,
	.usage = "product add APPID NAME [--topic TOPICID] [--price FEN] "
	    "[--json]", .exec = product_exec,
};
const struct cli_cmd cmd_pay_grant = {
	.name = "pay grant", .min_pos = 3, .max_pos = 3,
	.usage = "pay grant UID PRODID DAYS [--json]", .exec = grant_exec,
};
const struct cli_cmd cmd_user_spt = {
	.name = "user spt", .min_pos = 1, .max_pos = 1,
	.usage = "user spt UID [--json]", .exec = spt_exec,
};
