/*
 * open_bot.c: the open API's bot groups, clawBot/... (WeChat ClawBot,
 * open API 1.12) and qqBot/... (QQ bot, 1.17), pushplus-today.md §2.8
 * and §2.9.
 *
 * ClawBot works when clawbot.enable is set (the poller exists:
 * clawbot_ready()); otherwise every call answers 999 "ClawBot未配置",
 * never a success that would make a client believe a binding exists.
 *
 *   getBotQrcode     a new bind code from iLink, through the poller
 *                    (the request is parked meanwhile):
 *                    {"url":<what the QR says>,"qrcode":<its id>}
 *   getQrcodeStatus  upstream returns only code and msg and does not say
 *                    how "not yet" looks (unverified); feige rule: 200
 *                    请求成功 once the bot is bound, else 999 with where
 *                    it stands (等待扫码, 已扫码, 二维码已过期, ...).  The
 *                    QR id comes as `getQrcodeStatus` (the document's
 *                    table and the Java/Python/Node SDKs) or `qrcode`
 *                    (pushplus-skill).
 *   botInfo          {"createTime","haveContextToken"} as upstream
 *                    (haveContextToken 1 while pushes can reach the
 *                    person: a context token and an open window), plus
 *                    feige's own keys after them: sessionStatus
 *                    (active, inactive: reply to the bot, paused: iLink
 *                    session expired), pushesLeft and windowEnd.  999
 *                    when no bot is bound.
 *   unbind           removes the bot and its device; 执行成功 also when
 *                    none was bound (the end state is the same).
 *   getMsg           what the person sent the bot, oldest first, the
 *                    newest 20 (upstream does not say whether it drains:
 *                    feige does not, so two clients see the same list).
 *
 * The QQ bot needs QQ's permission for proactive messages, which QQ
 * grants to its official bots, not to a self-hosted server: these
 * endpoints cannot work here and say so.  qqBot/list alone answers an
 * empty page (请求成功, as upstream), since "no QQ group configs" is
 * the truth and lets a client's listing screen load.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/clawbot.h"
#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "channel/route_clawbot.h"
#include "util/errors.h"
#include "util/ids.h"

#define CLAWBOT_NONE \
	"ClawBot未配置: 此服务器尚未接入微信ClawBot " \
	"(ClawBot is not configured on this server)"
#define CLAWBOT_UNBOUND \
	"ClawBot未绑定: 请先调用getBotQrcode扫码绑定 " \
	"(no ClawBot is bound: scan the code of getBotQrcode)"
#define QQBOT_NONE \
	"QQ机器人不可用: 自建服务器无法获得QQ机器人主动消息" \
	"权限 (the QQ bot is not available: a self-hosted server cannot " \
	"get QQ's proactive-message permission)"

/* Is WeChat ClawBot configured on this server? */
static int
clawbot_ready(struct open_req *o)
{
	return o->app->clawbot != NULL;
}

static void
qr_reply(struct http_req *r, int rc, const struct clawbot_qr *q)
{
	json_t *j;
	char *text;

	if (rc != 0)
		return api_pp_reply(r, 200, 999, q->why, NULL);
	j = json_pack("{s:s, s:s}", "url", q->url, "qrcode", q->qrcode);
	text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	api_pp_reply(r, 200, 200, OPEN_DONE_MSG, text ? text : "null");
	free(text);
	json_decref(j);
}

static void
qr_status(struct open_req *o, const char *id)
{
	struct clawbot_qr q;

	clawbot_qr_state(o->app->clawbot, o->user.id, id, &q);
	if (q.state == CLAWBOT_QR_CONFIRMED)
		return open_ok(o, OPEN_OK_MSG, NULL);
	if (q.state == CLAWBOT_QR_NONE)
		return open_err(o, 999,
		    "二维码不存在或已失效 (no such QR "
		    "code: call getBotQrcode)");
	if (q.state == CLAWBOT_QR_ASKING || q.state == CLAWBOT_QR_BINDING)
		return open_err(o, 999, "正在处理，请稍候 (in progress)");
	open_err(o, 999, q.why);
}

static void
bot_info(struct open_req *o)
{
	struct store_clawbot *b = calloc(1, sizeof(*b));
	int64_t now = clock_ms();
	json_t *j;
	int rc;

	if (b == NULL || (rc = dir_clawbot_get(o->db, o->user.id, b)) != 0) {
		free(b);
		return b && rc == FG_ENOENT ?
		    open_err(o, 999, CLAWBOT_UNBOUND) :
		    open_store_err(o);
	}
	j = json_object();
	json_object_set_new(j, "createTime", open_jdate(b->created_ms));
	json_object_set_new(j, "haveContextToken",
	    json_integer(*b->context_token && route_clawbot_left(b, now) > 0));
	json_object_set_new(j, "sessionStatus",
	    json_string(route_clawbot_status(b, now)));
	json_object_set_new(j, "pushesLeft",
	    json_integer(route_clawbot_left(b, now)));
	json_object_set_new(j, "windowEnd",
	    b->window_end_ms > now ? open_jdate(b->window_end_ms) :
				     json_null());
	free(b);
	open_json_reply(o, OPEN_DONE_MSG, j);
}

static void
unbind_reply(struct http_req *r, int rc)
{
	if (rc != 0 && rc != FG_ENOENT)
		return api_pp_reply(r, 200, 500, "系统异常，请稍后再试", NULL);
	api_pp_reply(r, 200, 200, OPEN_DONE_MSG, NULL);
}

static int
msg_add(void *arg, const struct store_clawbot_msg *m)
{
	json_array_append_new(arg,
	    json_pack("{s:i, s:s}", "type", m->type, "text", m->text));
	return 0;
}

static void
get_msg(struct open_req *o)
{
	json_t *list = json_array();

	if (dir_clawbot_msg_list(o->db, o->user.id, msg_add, list) < 0) {
		json_decref(list);
		return open_store_err(o);
	}
	open_json_reply(o, OPEN_DONE_MSG, list);
}

static void
clawbot(struct open_req *o)
{
	const char *r = o->route + 8;
	char id[128];

	if (strcmp(r, "getQrcodeStatus") == 0 &&
	    open_arg(o, "getQrcodeStatus", id, sizeof(id)) == NULL &&
	    open_arg(o, "qrcode", id, sizeof(id)) == NULL)
		return open_err(o, 999,
		    "getQrcodeStatus不能为空 (the QR id "
		    "is required: getQrcodeStatus or qrcode)");
	if (!clawbot_ready(o))
		return open_err(o, 999, CLAWBOT_NONE);
	if (strcmp(r, "getBotQrcode") == 0)
		return api_clawbot_qr(o->http, o->user.id, qr_reply);
	if (strcmp(r, "getQrcodeStatus") == 0)
		return qr_status(o, id);
	if (strcmp(r, "botInfo") == 0)
		return bot_info(o);
	if (strcmp(r, "unbind") == 0)
		return api_clawbot_unbind(o->http, o->user.id, unbind_reply);
	if (strcmp(r, "getMsg") == 0)
		return get_msg(o);
	open_err(o, 404, "接口不存在 (not found)");
}

static void
qqbot(struct open_req *o)
{
	struct open_list l;

	if (strcmp(o->route, "qqBot/list") != 0)
		return open_err(o, 999, QQBOT_NONE);
	open_list_init(o, &l);
	open_list_reply(o, OPEN_OK_MSG, &l, 0);
}

void
open_bot(struct open_req *o)
{
	if (strncmp(o->route, "clawBot/", 8) == 0)
		clawbot(o);
	else
		qqbot(o);
}
