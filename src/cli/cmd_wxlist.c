/*
 * cmd_wxlist.c: reading WxPusher objects from the CLI, editing and
 * deleting topics and products, and dropping a follow:
 *
 *   feige app show APPID
 *   feige topic list APPID           the app's topics
 *   feige topic show TOPICID
 *   feige product list APPID         the app's products
 *   feige product show PRODID
 *   feige follow list APPID          every follow of the app and topics
 *   feige follow delete FOLLOWID     (ops_follow_remove)
 *   feige topic edit TOPICID --name N      feige topic delete TOPICID
 *   feige product edit PRODID [--name N] [--price FEN]
 *   feige product delete PRODID
 *
 * A topic goes with its follows and products (ops/app.h).  Apps are
 * edited with `app set` and not deleted from the CLI: a deleted app
 * would strand its followers' records, payments and QR codes.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "ops/app.h"
#include "ops/follow.h"

/* pos 0 as a positive id; prints and -1 when it is not. */
static long long
pos_id(struct cli_args *a, const char *what)
{
	long long id = cli_parse_id(a->pos[0]);

	if (id < 0)
		cli_fail("%s must be a positive number", what);
	return id;
}

int
cmd_app_show(struct cli_args *a)
{
	struct store *s;
	struct store_wx_app app;
	long long id = pos_id(a, "APPID");
	int rc;

	if (id < 0 || cli_open(a, &s) != 0)
		return 1;
	rc = dir_wx_app_get(s, id, &app);
	store_close(s);
	if (rc != 0)
		return cli_fail("no app %lld", id);
	return cli_out(a, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,"
	    "s:I}", "appId", (json_int_t)app.id, "ownerId",
	    (json_int_t)app.owner_id, "name", app.name, "appToken", app.token,
	    "description", app.description, "contact", app.contact,
	    "callbackUrl", app.callback_url, "settingsUrl", app.settings_url,
	    "followTip", app.follow_tip, "createdAt",
	    (json_int_t)app.created_ms), "appId:    %lld\nname:     %s\n"
	    "appToken: %s\ncallback: %s\n", (long long)app.id, app.name,
	    app.token, *app.callback_url ? app.callback_url : "-");
}

static json_t *
topic_json(const struct store_wx_topic *t)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:I}", "topicId", (json_int_t)t->id,
	    "appId", (json_int_t)t->app_id, "name", t->name, "description",
	    t->description, "createdAt", (json_int_t)t->created_ms);
}

static int
topic_row(void *arg, const struct store_wx_topic *t)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr, topic_json(t));
	else
		printf("%-6lld %s\n", (long long)t->id, t->name);
	return 0;
}

static json_t *
product_json(const struct store_wx_product *p)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:i,s:I}", "prodId",
	    (json_int_t)p->id, "appId", (json_int_t)p->app_id, "topicId",
	    (json_int_t)p->topic_id, "name", p->name, "priceFen", p->price_fen,
	    "createdAt", (json_int_t)p->created_ms);
}

static int
product_row(void *arg, const struct store_wx_product *p)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr, product_json(p));
	else
		printf("%-6lld %-24s %d fen, topic %lld\n", (long long)p->id,
		    p->name, p->price_fen, (long long)p->topic_id);
	return 0;
}

static int
follow_row(void *arg, const struct store_wx_follow *f)
{
	struct cli_list *c = arg;

	if (c->json)
		json_array_append_new(c->arr, json_pack("{s:I,s:s,s:I,s:I,s:b,"
		    "s:I,s:s,s:s,s:I}", "id", (json_int_t)f->id, "uid", f->uid,
		    "appId", (json_int_t)f->app_id, "topicId",
		    (json_int_t)f->topic_id, "blocked", f->reject, "payEndTime",
		    (json_int_t)f->pay_end_ms, "source", f->source, "extra",
		    f->extra, "createdAt", (json_int_t)f->created_ms));
	else
		printf("%-6lld %-34s %s%s\n", (long long)f->id, f->uid,
		    f->target, f->reject ? " (blocked)" : "");
	return 0;
}

/* The rows of `topic|product|follow list APPID`, by the command. */
static int
app_rows(struct store *s, struct cli_list *c)
{
	struct store_wx_follow_filter fl = { 0, 0, -1, -1, 0, 1000000 };
	struct store_wx_app app;
	long long id = cli_parse_id(c->args->pos[0]);
	int64_t total;

	if (id < 0 || dir_wx_app_get(s, id, &app) != 0)
		return cli_fail("no app '%s'", c->args->pos[0]), FG_ENOENT;
	switch (c->args->cmd->name[0]) {
	case 't':
		return dir_wx_topic_list(s, id, topic_row, c);
	case 'p':
		return dir_wx_product_list(s, id, product_row, c);
	default:
		fl.app_id = id;
		return dir_wx_follow_list(s, &fl, &total, follow_row, c);
	}
}

int
cmd_wx_list(struct cli_args *a)
{
	const char *what = a->cmd->name[0] == 't' ? "topics" :
	    a->cmd->name[0] == 'p' ? "products" : "follows";

	return cli_list(a, what, app_rows);
}

/* `topic show` and `product show`, by the command. */
int
cmd_wx_show(struct cli_args *a)
{
	int topic = a->cmd->name[0] == 't';
	struct store_wx_topic t;
	struct store_wx_product p;
	struct cli_list c = { NULL, 0, a };
	struct store *s;
	long long id = pos_id(a, topic ? "TOPICID" : "PRODID");
	int rc;

	if (id < 0 || cli_open(a, &s) != 0)
		return 1;
	rc = topic ? dir_wx_topic_get(s, id, &t) : dir_wx_product_get(s, id,
	    &p);
	store_close(s);
	if (rc != 0)
		return cli_fail("no %s %lld", topic ? "topic" : "product", id);
	if (a->json)
		return cli_out(a, topic ? topic_json(&t) : product_json(&p),
		    "%s", "");
	return topic ? topic_row(&c, &t) : product_row(&c, &p);
}

int
cmd_follow_delete(struct cli_args *a)
{
	struct cli_tx t;
	struct ops_follow_ref ref = { 0, 0, 0 };

	if ((ref.id = pos_id(a, "FOLLOWID")) < 0 || cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_tx_begin(&t) == 0)
		t.rc = ops_follow_remove(t.s, &ref, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:b}", "id", (json_int_t)ref.id,
	    "deleted", 1), "follow %lld deleted\n", (long long)ref.id);
}

/* The write of cmd_wx_edit, inside its transaction. */
static int
wx_edit_apply(struct cli_tx *tx, struct cli_args *a, int topic, int del,
    long long price, struct store_wx_topic *t, struct store_wx_product *p)
{
	if (del)
		return topic ? ops_wx_topic_delete(tx->s, t->id, &tx->err) :
		    ops_product_delete(tx->s, p->id, &tx->err);
	if (topic) {
		snprintf(t->name, sizeof(t->name), "%s", a->name);
		return ops_wx_topic_edit(tx->s, t, &tx->err);
	}
	if (a->name)
		snprintf(p->name, sizeof(p->name), "%s", a->name);
	if (price >= 0)
		p->price_fen = (int)price;
	return ops_product_edit(tx->s, p, &tx->err);
}

/* `topic edit|delete`, `product edit|delete`, by the command. */
int
cmd_wx_edit(struct cli_args *a)
{
	int topic = a->cmd->name[0] == 't', del = strstr(a->cmd->name,
	    "delete") != NULL;
	struct store_wx_topic t;
	struct store_wx_product p;
	struct cli_tx tx;
	long long id = pos_id(a, topic ? "TOPICID" : "PRODID"), price = -1;

	if (id < 0)
		return 1;
	if (!del && a->name == NULL && (topic || a->price == NULL))
		return cli_fail("nothing to change: --name N%s", topic ? "" :
		    " and/or --price FEN");
	if (!del && !topic && a->price && ((price = strcmp(a->price,
	    "0") == 0 ? 0 : cli_parse_id(a->price)) < 0 || price > 100000000))
		return cli_fail("--price is 0 to 100000000 fen");
	if (cli_tx_open(&tx, a) != 0)
		return 1;
	if ((topic ? dir_wx_topic_get(tx.s, id, &t) : dir_wx_product_get(tx.s,
	    id, &p)) != 0)
		cli_fail("no %s %lld", topic ? "topic" : "product", id);
	else if (cli_tx_begin(&tx) == 0)
		tx.rc = wx_edit_apply(&tx, a, topic, del, price, &t, &p);
	if (cli_tx_end(&tx, "%s") != 0)
		return 1;
	if (del)
		return cli_out(a, json_pack("{s:I,s:b}", topic ? "topicId" :
		    "prodId", (json_int_t)id, "deleted", 1), "%s %lld deleted\n",
		    topic ? "topic" : "product", id);
	return cli_out(a, topic ? topic_json(&t) : product_json(&p),
	    "%s %lld saved\n", topic ? "topic" : "product", id);
}
