/*
 * open_chan.c: the open API's channel configurations ("渠道配置",
 * compat.md §4, seed section 七): webhook/list, detail, add and edit
 * (with the custom type's httpMethod, headers and body, and the
 * webhookTypeName of open API 1.7, pushplus-today.md §2.7),
 * cp/list, mail/list and detail, and mp/list.
 *
 * The rows are the ones `/send` resolves through its `webhook`
 * parameter and the CLI manages (store_chan.h, docs/channels.md): a
 * webhook added here is a row of channel_configs like one made with
 * `feige webhook add`, so the next `/send channel=webhook` finds it.
 * Writes go through the writer as parked ops (open_int.h): the reply
 * comes after the commit, so a 200 means the config is there for the
 * next send on any thread.  Reads use this thread's reader.
 *
 * Ownership: every id argument must name a row of the caller of the
 * kind the path says; another user's row, or a mail row asked for as a
 * webhook, is answered exactly like a missing one (999 "不存在"), so
 * ids cannot be probed.  Values are checked as the CLI checks them
 * (cmd_chan.c): a type is one the webhook channel delivers, a URL is
 * http(s), codes and names are capped by the row's fields, so a bad
 * config fails when it is made and not at its first delivery.
 *
 * Secrets stay in the store.  mail/detail has the upstream shape,
 * password included, but answers OPEN_SECRET_MASK instead of the stored
 * password: an AccessKey is a 2-hour credential handed to scripts, and
 * the SMTP password it would reveal is a credential of another system
 * that usually outlives it (docs/openapi.md).  mp/list shows the one
 * official account the operator configured (wechat.appid, issue 11),
 * or an empty page.
 *
 * Everything here runs on the MHD thread except chan_apply(), which
 * runs on the writer thread with the op's own copy of the row.
 */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "api/tokens.h"
#include "channel/channel.h"
#include "channel/webhook.h"
#include "channel/wechat.h"
#include "http/http.h"
#include "ops/chan.h"
#include "util/errors.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define OPEN_SECRET_MASK	"******"

enum chan_op_kind { CO_ADD, CO_EDIT };

struct chan_op {
	struct api_op		o;
	int			kind;	/* enum chan_op_kind */
	struct store_chan	c;
	char			token[40];	/* the user's, for the cache */
	int			moved;	/* the default webhook was renamed */
};

/* ---- pages ---- */

/*
 * One page of a kind's rows: chan_list() walks the owner's rows in id
 * order; the callback counts them all and turns the page's into JSON.
 */
struct chan_page {
	json_t	*list;
	int64_t	 skip;		/* rows before the page still to pass */
	int	 take;		/* rows of the page still to add */
	int64_t	 total;
	json_t	*(*item)(const struct store_chan *);
};

static int
page_row(void *arg, const struct store_chan *c)
{
	struct chan_page *p = arg;

	p->total++;
	if (p->skip > 0)
		p->skip--;
	else if (p->take > 0) {
		p->take--;
		json_array_append_new(p->list, p->item(c));
	}
	return 0;
}

static void
page_reply(struct open_req *o, int kind,
    json_t *(*item)(const struct store_chan *))
{
	struct chan_page p;
	struct open_list l;
	int rc;

	open_list_init(o, &l);
	memset(&p, 0, sizeof(p));
	p.list = l.items;
	p.skip = l.pg.offset;
	p.take = l.pg.size;
	p.item = item;
	rc = dir_chan_list(o->db, o->user.id, kind, page_row, &p);
	l.total = p.total;
	open_list_reply(o, OPEN_OK_MSG, &l, rc);
}

/* ---- items ---- */

static json_t *
webhook_item(const struct store_chan *c)
{
	return json_pack("{s:I,s:o,s:o,s:i,s:s,s:o,s:o}", "id",
	    (json_int_t)c->id, "webhookCode", jsonstr_new(c->code),
	    "webhookName", jsonstr_new(c->name), "webhookType", c->type,
	    "webhookTypeName", channel_webhook_type_name(c->type),
	    "webhookUrl", jsonstr_new(c->url), "createTime",
	    open_jdate(c->created_ms));
}

/* The item plus the custom type's fields ("" for other types). */
static json_t *
webhook_detail(const struct store_chan *c)
{
	json_t *j = webhook_item(c);

	json_object_set_new(j, "httpMethod", jsonstr_new(c->http_method));
	json_object_set_new(j, "headers", jsonstr_new(c->headers));
	json_object_set_new(j, "body", jsonstr_new(c->body));
	return j;
}

static json_t *
cp_item(const struct store_chan *c)
{
	return json_pack("{s:I,s:o,s:o}", "id", (json_int_t)c->id, "cpName",
	    jsonstr_new(c->name), "cpCode", jsonstr_new(c->code));
}

static json_t *
mail_item(const struct store_chan *c)
{
	return json_pack("{s:I,s:o,s:o}", "id", (json_int_t)c->id,
	    "mailName", jsonstr_new(c->name), "mailCode", jsonstr_new(c->code));
}

static json_t *
mail_detail(const struct store_chan *c)
{
	return json_pack("{s:I,s:o,s:o,s:o,s:s,s:o,s:i,s:i,s:o}", "id",
	    (json_int_t)c->id, "mailName", jsonstr_new(c->name), "mailCode",
	    jsonstr_new(c->code), "account", jsonstr_new(c->account), "password",
	    OPEN_SECRET_MASK, "smtpServer", jsonstr_new(c->host), "smtpSsl",
	    c->ssl ? 1 : 0, "smtpPort", c->port, "createTime",
	    open_jdate(c->created_ms));
}

/* ---- arguments ---- */

/*
 * The caller's row of the given kind named by the id argument arg: 0,
 * or replies 999 (absent, not a number, someone else's, another kind)
 * or 500 and returns -1.
 */
static int
own_chan(struct open_req *o, const char *arg, int kind, const char *what,
    struct store_chan *c)
{
	char msg[128];
	long long id;
	int rc;

	if (open_arg_id(o, arg, &id) != 0)
		return -1;
	rc = dir_chan_get(o->db, id, c);
	if (rc == 0 && (c->owner_id != o->user.id || c->kind != kind))
		rc = FG_ENOENT;
	snprintf(msg, sizeof(msg), "%s配置不存在 (no such %s config)", what,
	    what);
	return open_found(o, rc, msg);
}

/*
 * An http(s) URL with a host and no spaces or control characters, which
 * the driver can hand to libcurl as it is.  Where it may point (private
 * addresses) is the driver's check at delivery (channel.allow_private).
 */
int
open_url_ok(const char *u)
{
	const char *p;

	if (strncmp(u, "http://", 7) == 0)
		p = u + 7;
	else if (strncmp(u, "https://", 8) == 0)
		p = u + 8;
	else
		return 0;
	if (*p == '\0' || *p == '/' || *p == '?' || *p == '#')
		return 0;
	for (; *u; u++)
		if ((unsigned char)*u <= ' ' || *u == 0x7f)
			return 0;
	return 1;
}

/*
 * The custom type's httpMethod, headers and body into c, checked and
 * normalised (channel_webhook_custom_check): 0, or replies 999, -1.
 */
static int
custom_fields(struct open_req *o, struct store_chan *c)
{
	struct strbuf err = STRBUF_INIT;

	if (open_arg_text(o, "httpMethod", 0, c->http_method,
	    sizeof(c->http_method)) != 0 || open_arg_text(o, "headers", 0,
	    c->headers, sizeof(c->headers)) != 0 || open_arg_text(o, "body",
	    0, c->body, sizeof(c->body)) != 0)
		return -1;
	if (channel_webhook_custom_check(c, &err) == 0) {
		strbuf_release(&err);
		return 0;
	}
	open_err(o, 999, err.buf);
	strbuf_release(&err);
	return -1;
}

/*
 * The webhook fields of add and edit into c: 0, or replies, -1.  A
 * type the webhook channel cannot deliver is refused here rather than
 * failing every send.
 */
static int
webhook_fields(struct open_req *o, struct store_chan *c)
{
	char msg[320];
	long long type;
	int rc;

	if (open_arg_text(o, "webhookCode", 1, c->code,
	    sizeof(c->code)) != 0 || open_arg_text(o, "webhookName", 1,
	    c->name, sizeof(c->name)) != 0)
		return -1;
	if ((rc = open_arg_int(o, "webhookType", &type)) == FG_ENOENT) {
		open_err(o, 999, "webhookType不能为空 (webhookType is "
		    "required)");
		return -1;
	}
	if (rc != 0 || type <= 0 || type > INT_MAX) {
		open_err(o, 999, "webhookType须为正整数：1企业微信，2钉钉，3飞书，"
		    "4server酱 (webhookType must be a positive integer)");
		return -1;
	}
	if (!channel_webhook_type_ok((int)type)) {
		if (channel_webhook_type_note((int)type))
			snprintf(msg, sizeof(msg), "暂不支持该webhookType：%lld，"
			    "%s", type, channel_webhook_type_note((int)type));
		else
			snprintf(msg, sizeof(msg), "暂不支持该webhookType：%lld "
			    "(webhookType %lld is not supported by this "
			    "server; supported: %s)", type, type,
			    channel_webhook_types());
		open_err(o, 999, msg);
		return -1;
	}
	c->type = (int)type;
	if (open_arg_text(o, "webhookUrl", 1, c->url, sizeof(c->url)) != 0)
		return -1;
	if (!open_url_ok(c->url)) {
		open_err(o, 999, "webhookUrl须为http://或https://开头的地址 "
		    "(webhookUrl must be an http or https URL)");
		return -1;
	}
	return custom_fields(o, c);
}

/* ---- writes ---- */

/*
 * An edit that renames the code the user's defaultWebhook names moves
 * the default along (ops_chan_update()); the reply then drops the
 * user's cached settings.
 */
static int
chan_apply(struct api_op *op, struct store *s)
{
	struct chan_op *k = (struct chan_op *)op;

	if (k->kind == CO_ADD)
		return ops_chan_add(s, &k->c, NULL);
	return ops_chan_update(s, &k->c, &k->moved, NULL);
}

static void
chan_reply(struct api_op *op, int rc)
{
	struct chan_op *k = (struct chan_op *)op;
	char data[32];

	if (rc == FG_EEXIST)
		return open_op_err(op, 999, "webhook编码已存在 (webhookCode is "
		    "taken)");
	if (rc == FG_ENOENT)		/* deleted since the check */
		return open_op_err(op, 999, "webhook配置不存在 (no such "
		    "webhook config)");
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	if (k->moved)		/* the send cache holds the old default */
		tokens_forget(api_ctx(op->http)->tokens, k->token);
	if (k->kind == CO_ADD) {
		snprintf(data, sizeof(data), "%lld", (long long)k->c.id);
		open_op_ok(op, OPEN_OK_MSG, data);
	} else {
		open_op_ok(op, OPEN_OK_MSG, "\"修改成功\"");
	}
}

static void
chan_submit(struct open_req *o, const struct store_chan *c, int kind)
{
	struct chan_op *k = xcalloc(1, sizeof(*k));

	k->c = *c;
	k->kind = kind;
	snprintf(k->token, sizeof(k->token), "%s", o->user.token);
	k->o.apply = chan_apply;
	k->o.reply = chan_reply;
	api_op_submit(o->http, &k->o);
}

/* ---- handlers ---- */

void
open_webhook_list(struct open_req *o)
{
	page_reply(o, STORE_CHAN_WEBHOOK, webhook_item);
}

void
open_webhook_detail(struct open_req *o)
{
	struct store_chan c;

	if (own_chan(o, "webhookId", STORE_CHAN_WEBHOOK, "webhook", &c) != 0)
		return;
	open_json_reply(o, OPEN_OK_MSG, webhook_detail(&c));
}

void
open_webhook_add(struct open_req *o)
{
	struct store_chan c;

	memset(&c, 0, sizeof(c));
	if (webhook_fields(o, &c) != 0)
		return;
	c.owner_id = o->user.id;
	c.kind = STORE_CHAN_WEBHOOK;
	chan_submit(o, &c, CO_ADD);
}

void
open_webhook_edit(struct open_req *o)
{
	struct store_chan c;

	if (own_chan(o, "id", STORE_CHAN_WEBHOOK, "webhook", &c) != 0 ||
	    webhook_fields(o, &c) != 0)
		return;
	chan_submit(o, &c, CO_EDIT);
}

void
open_mp_list(struct open_req *o)
{
	struct open_list l;

	open_list_init(o, &l);
	/* the operator's official account (docs/wechat.md), when set */
	if (wechat_enabled()) {
		l.total = 1;
		if (l.offset == 0)
			(void)open_list_add(&l,
			    json_pack("{s:i,s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:s,"
				      "s:n}",
				"id", 1, "nickName", "feige", "headImg", "",
				"principalName", "", "authorizationAppid",
				wechat_settings()->appid, "funcInfo", "",
				"serviceType", 2, "verifyType", -1, "alias",
				"", "updateTime"));
	}
	open_list_reply(o, OPEN_OK_MSG, &l, 0);
}

void
open_cp_list(struct open_req *o)
{
	page_reply(o, STORE_CHAN_CP, cp_item);
}

void
open_mail_list(struct open_req *o)
{
	page_reply(o, STORE_CHAN_MAIL, mail_item);
}

void
open_mail_detail(struct open_req *o)
{
	struct store_chan c;

	if (own_chan(o, "mailId", STORE_CHAN_MAIL, "mail", &c) != 0)
		return;
	open_json_reply(o, OPEN_OK_MSG, mail_detail(&c));
}
