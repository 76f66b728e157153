/*
 * refused.c: the channels the pushplus docs name that feige cannot serve
 * (pushplus-today.md §1.3, §1.4, §4), as drivers whose ready() always
 * says no, and why.
 *
 * pushplus accepts app, extension, qq and cmcc (clawbot, refused here
 * until issue 11, is ch_clawbot.c now); a client that sends them
 * must learn at once that this server will not deliver, so
 * the send API asks channel_ready() before it stores anything and
 * answers 999 with the reason below.  Accepting with 200 and failing
 * every delivery afterwards would look like success to the sender.
 *
 * Each reason says what is missing: app and extension need the phone
 * and desktop apps (a later issue builds them: "not available on this
 * server yet"), qq needs QQ's permission for proactive bot messages,
 * which QQ grants to its own platform accounts and a self-hosted
 * server cannot obtain, and cmcc
 * (China Mobile's 5G-message bot, seen only in newer SDKs) is not
 * supported at all.  The issue that builds one of them replaces its
 * entry in channel.c's registry with a real driver; nothing else
 * changes.
 *
 * send() exists for messages stored before this rule (or by an older
 * version): it fails them with the same reason, never silently.
 */
#include <string.h>

#include "channel/channel.h"

static const struct {
	const char	*name;
	const char	*why;
} reasons[] = {
	{ "app", "渠道app暂不可用：此服务器尚未提供App推送 (channel 'app' "
	    "is not available on this server yet)" },
	{ "extension", "渠道extension暂不可用：此服务器尚未提供插件和桌面端"
	    "推送 (channel 'extension' is not available on this server "
	    "yet)" },
	{ "qq", "渠道qq不可用：自建服务器无法获得QQ机器人主动消息权限 "
	    "(channel 'qq': a self-hosted server cannot get QQ's "
	    "proactive-message permission)" },
	{ "cmcc", "渠道cmcc不支持：此服务器不提供中国移动新消息ClawBot "
	    "(channel 'cmcc' is not supported by this server)" },
};

static int
refused_ready(const struct channel_driver *drv, struct strbuf *why)
{
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (strcmp(reasons[i].name, drv->name) == 0)
			break;
	if (i == sizeof(reasons) / sizeof(reasons[0]))
		strbuf_setf(why, "渠道%s不可用 (channel '%s' is not "
		    "available)", drv->name, drv->name);
	else
		strbuf_setf(why, "%s", reasons[i].why);
	return -1;
}

static void
refused_send(const struct channel_driver *drv,
    const struct delivery_job *job, struct delivery_result *res)
{
	(void)job;
	res->outcome = DELIVERY_PERMFAIL;
	(void)refused_ready(drv, &res->detail);
}

#define REFUSED(id, nm) \
	const struct channel_driver id = { .name = nm, .caps = 0, \
	    .ready = refused_ready, .send = refused_send }

REFUSED(channel_app, "app");
REFUSED(channel_extension, "extension");
REFUSED(channel_qq, "qq");
REFUSED(channel_cmcc, "cmcc");
