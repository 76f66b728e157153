/*
 * open_bot.c: the open API's bot groups, clawBot/... (WeChat ClawBot,
 * open API 1.12) and qqBot/... (QQ bot, 1.17), pushplus-today.md §2.8
 * and §2.9.  Neither bot exists in feige yet, so every call answers in
 * the envelope with 999 and a reason, never a success that would make
 * a client believe a binding or a group config exists.
 *
 * ClawBot is WeChat's bot and will be built with feige's WeChat
 * binding; clawbot_ready() is the one place that says whether it is
 * there, so that work flips it and fills in the handlers below it.
 * Until then the reason is "ClawBot未配置".
 *
 * The QQ bot needs QQ's permission for proactive messages, which QQ
 * grants to its official bots, not to a self-hosted server: these
 * endpoints cannot work here and say so.  qqBot/list alone answers an
 * empty page (请求成功, as upstream), since "no QQ group configs" is
 * the truth and lets a client's listing screen load.
 *
 * getQrcodeStatus takes its QR id as `getQrcodeStatus` (the document's
 * table and the Java/Python/Node SDKs) or `qrcode` (pushplus-skill);
 * a call with neither is a 999 for that first.
 */
#include <stdio.h>
#include <string.h>

#include "api/openapi/open_int.h"

#define CLAWBOT_NONE \
	"ClawBot未配置: 此服务器尚未接入微信ClawBot " \
	"(ClawBot is not configured on this server)"
#define QQBOT_NONE \
	"QQ机器人不可用: 自建服务器无法获得QQ机器人主动消息" \
	"权限 (the QQ bot is not available: a self-hosted server cannot " \
	"get QQ's proactive-message permission)"

/* Is WeChat ClawBot configured on this server?  Not yet. */
static int
clawbot_ready(struct open_req *o)
{
	(void)o;
	return 0;
}

static void
clawbot(struct open_req *o)
{
	char id[80];

	if (strcmp(o->route, "clawBot/getQrcodeStatus") == 0 &&
	    open_arg(o, "getQrcodeStatus", id, sizeof(id)) == NULL &&
	    open_arg(o, "qrcode", id, sizeof(id)) == NULL)
		return open_err(o, 999,
		    "getQrcodeStatus不能为空 (the QR id "
		    "is required: getQrcodeStatus or qrcode)");
	if (!clawbot_ready(o))
		return open_err(o, 999, CLAWBOT_NONE);
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
