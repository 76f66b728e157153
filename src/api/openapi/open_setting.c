/*
 * open_setting.c: setting/getUserSettings and the setting/change*
 * endpoints (compat.md §4).  The settings live in the user's
 * open_settings row (store_open.h) next to the open API switch.
 * sendLimit reports what stops /send now (open_send_limit()); showIp
 * is 0 because feige's message pages never show the sender's address.
 *
 * What /send does with them: isSend 0 makes /send refuse the user's
 * tokens (999 with a reason); defaultChannel and defaultWebhook are the
 * user token's default config (open_udef.c: changeDefaultChannel
 * writes it, getUserSettings reads it; "wechat" when there is none),
 * which applies when a request names no channel (pp_defaults.c);
 * recevieLimit 1
 * leaves the user out of others' topic and friend sends (ops/receive.h).
 * openMessageType and extension are stored and reported only: feige
 * has one page kind.  A change drops the user token from the send
 * cache at once; message tokens follow within TOKENS_TTL_MS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "api/tokens.h"
#include "http/http.h"
#include "channel/channel.h"
#include "ops/setting.h"
#include "ops/user_limits.h"
#include "util/errors.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

struct set_op {
	struct api_op	o;
	int64_t		user_id;
	int		field;		/* enum ops_setting_field */
	int		value;
	char		channel[32];
	char		webhook[TOKENS_WEBHOOK_MAX + 1];
	char		token[40];
	char		msg[256];	/* why ops refused the value */
};

const char *
open_channel_text(const char *ch)
{
	static const struct { const char *name, *text; } names[] = {
		{ "wechat", "微信公众号" }, { "webhook", "第三方webhook" },
		{ "cp", "企业微信应用" }, { "mail", "邮箱" }, { "sms", "短信" },
		{ "voice", "语音" }, { "extension", "浏览器插件" },
		{ "app", "pushplus app" }, { "clawbot", "微信ClawBot" },
		{ "qq", "QQ" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(ch, names[i].name) == 0)
			return names[i].text;
	return ch;
}

void
open_setting_get(struct open_req *o)
{
	struct store_open_settings st;
	struct store_udef d;
	struct ops_send_limit l;
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (dir_settings_get(o->db, o->user.id, &st) != 0)
		return open_store_err(o);
	memset(&d, 0, sizeof(d));
	if ((rc = dir_udef_for_token(o->db, o->user.id, NULL, &d)) ==
	    FG_ENOENT)
		snprintf(d.channel, sizeof(d.channel), "wechat");
	else if (rc != 0)
		return open_store_err(o);
	open_send_limit(o, st.is_send, &l);
	strbuf_addstr(&sb, "{\"defaultChannel\":");
	strbuf_add_json_str(&sb, d.channel, strlen(d.channel));
	strbuf_addstr(&sb, ",\"defaultChannelTxt\":");
	strbuf_addstr(&sb, "\"");
	strbuf_addstr(&sb, open_channel_text(d.channel));
	strbuf_addstr(&sb, "\",\"defaultWebhook\":");
	strbuf_add_json_str(&sb, d.option, strlen(d.option));
	strbuf_addf(&sb, ",\"sendLimit\":%d,\"recevieLimit\":%d,\"sendType\":"
	    "%d,\"isSend\":%d,\"showIp\":0,\"extension\":%d}", l.setting,
	    st.recevie_limit, st.open_message_type, st.is_send, st.extension);
	open_ok(o, OPEN_OK_MSG, sb.buf);
	strbuf_release(&sb);
}

void
open_send_limit(struct open_req *o, int is_send, struct ops_send_limit *l)
{
	ops_send_limit(is_send,
	    tokens_rate_until(o->user.token,
		ops_user_limit(o->user.rate_limit,
		    o->app->conf->pp_rate_limit)),
	    l);
}

static int
set_apply(struct api_op *op, struct store *s)
{
	struct set_op *k = (struct set_op *)op;
	struct ops_setting in = {
		.user_id = k->user_id, .field = k->field, .value = k->value,
		.channel = k->channel, .webhook = k->webhook,
	};
	struct strbuf err = STRBUF_INIT;
	int rc;

	rc = ops_setting_put(s, &in, &err);
	snprintf(k->msg, sizeof(k->msg), "%s", err.buf);
	strbuf_release(&err);
	return rc;
}

static void
set_reply(struct api_op *op, int rc)
{
	struct set_op *k = (struct set_op *)op;

	if (rc == FG_EINVAL)
		return open_op_err(op, 999, k->msg);
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	tokens_forget(api_ctx(op->http)->tokens, k->token);
	open_op_ok(op, OPEN_DONE_MSG, NULL);
}

static struct set_op *
set_new(struct open_req *o, int field)
{
	struct set_op *k = xcalloc(1, sizeof(*k));

	k->user_id = o->user.id;
	k->field = field;
	snprintf(k->token, sizeof(k->token), "%s", o->user.token);
	k->o.apply = set_apply;
	k->o.reply = set_reply;
	return k;
}

/* A 0/1 switch named arg: submit, or reply 999. */
static void
set_flag(struct open_req *o, const char *arg, int field)
{
	struct set_op *k;
	long long v;
	char msg[128];

	if (open_arg_int(o, arg, &v) != 0 || (v != 0 && v != 1)) {
		snprintf(msg, sizeof(msg), "%s须为0或1 (%s must be 0 or 1)",
		    arg, arg);
		return open_err(o, 999, msg);
	}
	k = set_new(o, field);
	k->value = (int)v;
	api_op_submit(o->http, &k->o);
}

void
open_setting_channel(struct open_req *o)
{
	struct set_op *k;
	char ch[64], hook[TOKENS_WEBHOOK_MAX + 1], msg[160];
	const char *c = open_arg(o, "defaultChannel", ch, sizeof(ch));
	const char *h = params_get(&o->q, "defaultWebhook", NULL);

	if (c == NULL)
		return open_err(o, 999, "defaultChannel不能为空 "
		    "(defaultChannel is required)");
	if (channel_lookup(c) == NULL) {
		snprintf(msg, sizeof(msg), "不支持的渠道: %.40s (unknown "
		    "channel)", c);
		return open_err(o, 999, msg);
	}
	if (h && strlen(h) > TOKENS_WEBHOOK_MAX)
		return open_err(o, 999, "defaultWebhook过长 (defaultWebhook "
		    "too long)");
	snprintf(hook, sizeof(hook), "%s", h ? h : "");
	k = set_new(o, OPS_SET_CHANNEL);
	snprintf(k->channel, sizeof(k->channel), "%s", channel_lookup(c)->name);
	snprintf(k->webhook, sizeof(k->webhook), "%s", hook);
	api_op_submit(o->http, &k->o);
}

/* The 0/1 settings: the route names the argument and the field. */
static const struct setting_flag {
	const char	*route, *arg;
	int		 field;
} flags[] = {
	{ "setting/changeRecevieLimit", "recevieLimit", OPS_SET_RECEVIE },
	{ "setting/changeIsSend", "isSend", OPS_SET_IS_SEND },
	{ "setting/changeOpenMessageType", "openMessageType",
	    OPS_SET_MSG_TYPE },
	{ "setting/extension", "forward", OPS_SET_EXTENSION },
};

void
open_setting_flag(struct open_req *o)
{
	size_t i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (strcmp(o->route, flags[i].route) == 0)
			return set_flag(o, flags[i].arg, flags[i].field);
	open_err(o, 404, "接口不存在 (not found)");
}
