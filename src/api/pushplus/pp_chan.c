/*
 * pp_chan.c: pushplus sends on channels with a config (pp_chan.h).
 *
 * channel=webhook and channel=cp need `option` (formerly `webhook`) to
 * be the code of one of the sender's webhook or WeCom app configs;
 * channel=mail takes a mail code, or none for the server's default
 * sender (feige.conf mail.*).  A missing or unknown code is refused
 * with 999 and a reason naming it, so nothing is accepted that could
 * only fail later.  The config's id (and cp's `to`, WeCom user ids) is
 * stored with the message in the accepting transaction; the worker
 * loads the config by that id, so editing a config's code later does
 * not change where an accepted message goes.
 *
 * webhook and cp go to one place (a group bot, a WeCom app), so they
 * make one delivery: `topic` and `to` do not fan them out (upstream:
 * "topic ... channel为webhook时无效"; cp's `to` names WeCom users).
 *
 * Before any of that, the channel itself must be able to deliver here
 * (pp_chan_ready, the driver's ready()): app, extension, clawbot, qq
 * and cmcc are refused with their reason, sms and voice without an SMS
 * provider too.  sms and voice reach only recipients with a phone
 * number (pp_chan_reachable), as pushplus skips members without a
 * bound phone; a send that reaches nobody is refused, not accepted to
 * fail.
 */
#include <stdio.h>
#include <string.h>

#include "api/ctx.h"
#include "api/pushplus/pp_chan.h"
#include "channel/channel.h"
#include "channel/webhook.h"
#include "util/errors.h"
#include "queue/queue.h"

int
pp_chan_single(const char *channel)
{
	return strcmp(channel, "webhook") == 0 || strcmp(channel, "cp") == 0;
}

int
pp_chan_ready(const struct channel_driver *drv, const char *option,
    const char *topic, const char *to, char *msg, size_t size)
{
	struct strbuf why = STRBUF_INIT;
	int rc = 0;

	if (strcmp(drv->name, "qq") == 0 && option && (topic || to)) {
		snprintf(msg, size, "QQ群消息不能与topic或to同时使用 (channel "
		    "'qq' with a group option sends to that QQ group: do not "
		    "combine it with topic or to)");
		return 999;
	}
	if (channel_ready(drv, &why) != 0) {
		snprintf(msg, size, "%s", why.buf);
		rc = 999;
	}
	strbuf_release(&why);
	return rc;
}

int
pp_chan_reachable(const struct channel_driver *drv, struct store *db,
    int64_t *users, size_t *n, int to_self, char *msg, size_t size)
{
	if (!(drv->caps & CHANNEL_CAP_NEEDS_PHONE) || *n == 0)
		return 0;
	if (dir_phone_filter(db, users, n) != 0)
		return 500;
	if (*n)
		return 0;
	if (to_self)
		snprintf(msg, size, "未绑定手机号，无法发送%s (you have no "
		    "phone number on this server: feige user phone)",
		    strcmp(drv->name, "voice") == 0 ? "语音通知" : "短信");
	else
		snprintf(msg, size, "接收人均未绑定手机号 (no recipient has a "
		    "phone number)");
	return 999;
}

int
pp_chan_resolve(struct api_ctx *app, struct store *db, int64_t owner,
    const char *channel, const char *code, const char *to,
    const struct message *m, struct store_msg_chan *out, int *needed,
    char *msg, size_t size)
{
	struct store_chan c;
	int kind, rc;

	*needed = 0;
	memset(out, 0, sizeof(*out));
	if (strcmp(channel, "webhook") == 0)
		kind = STORE_CHAN_WEBHOOK;
	else if (strcmp(channel, "cp") == 0)
		kind = STORE_CHAN_CP;
	else if (strcmp(channel, "mail") == 0)
		kind = STORE_CHAN_MAIL;
	else
		return 0;
	if (code == NULL && kind == STORE_CHAN_MAIL) {
		if (*app->conf->mail_host == '\0') {
			snprintf(msg, size, "未配置默认邮件渠道，请在option中填写"
			    "邮件编码 (no default mail sender on this server: "
			    "set option to a mail code)");
			return 999;
		}
		*needed = 1;
		return 0;
	}
	if (code == NULL) {
		snprintf(msg, size, "渠道%s需要填写option编码 (channel '%s' "
		    "needs option (formerly webhook) = the code of a %s "
		    "config)", channel, channel, channel);
		return 999;
	}
	if ((rc = dir_chan_by_code(db, owner, kind, code, &c)) ==
	    FG_ENOENT) {
		snprintf(msg, size, "%s编码不存在: %.64s (no %s config with "
		    "this code)", channel, code, channel);
		return 999;
	}
	if (rc != 0)
		return 500;
	if (kind == STORE_CHAN_WEBHOOK &&
	    channel_webhook_fits(&c, m, msg, size) != 0)
		return 999;
	out->chan_id = c.id;
	if (kind == STORE_CHAN_CP && to)
		snprintf(out->to, sizeof(out->to), "%s", to);
	*needed = 1;
	return 0;
}

int
pp_chan_insert(struct send_request *r, struct store *s,
    int64_t *dids)
{
	struct store_msg_chan *mc = r->arg;
	int rc;

	if ((rc = spool_message_insert(s, &r->msg, r->users, r->n_users,
	    r->drv->name, dids, NULL)) != 0)
		return rc;
	mc->message_id = r->msg.id;
	return spool_msg_chan_set(s, mc);
}
