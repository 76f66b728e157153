/*
 * open_msg.c: the open API's message/... and user/... endpoints (compat.md
 * §4): the user's sent messages (one page, newest first), one message's
 * result, recalling one (message/deleteMessage: ops_recall(), then the
 * recipients' streams get a delete event), and the account views, the
 * rest read-only on the reader.  Another user's message is 805
 * (compat.md's "resource belongs to another user"), an unknown or
 * already deleted shortCode 999.
 *
 * feige has no WeChat profile of its own, so myInfo reports the feige
 * name as nickName, the UID as openId, the address the mail channel
 * sends to as email, and empty or zero values for what it does not know
 * (phone, sex, points).  userLimitTime reports what stops the user's
 * /send (ops_send_limit(): isSend off, a spent rate limit).
 * sendCount counts today's (UTC+8) accepted /send requests per channel
 * from the messages themselves, walking back from the newest until
 * yesterday; qqBotSendCount (1.17) is always 0: feige has no QQ bot
 * (open_bot.c).
 *
 * myInfo's verifyStatus and vipInfo (1.15): a self-hosted account has
 * no real-name check and no membership to buy; its operator made it, so
 * it is verified (1), and it is reported as a member that never expires
 * (isVip 1, lastDay 9999-12-31), because clients gate member-only
 * paths (pre scripts, the image service, higher limits) on isVip and
 * feige serves them to every account under the operator's limits.
 */
#define OPEN_VERIFIED		1
#define OPEN_VIP		1
#define OPEN_VIP_LAST_DAY	"9999-12-31"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "channel/push.h"
#include "ops/recall.h"
#include "ops/setting.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/xmalloc.h"

static int
msg_item(void *arg, const struct store_open_msg *m)
{
	return open_list_add(arg, json_pack("{s:o,s:i,s:o,s:s,s:s,s:o}",
	    "topicName", jsonstr_new(m->topic_name), "messageType",
	    m->topic ? 2 : 1, "title", jsonstr_new(m->title), "shortCode",
	    m->short_code, "channel", m->channel, "updateTime",
	    open_jdate(m->updated_ms)));
}

void
open_message_list(struct open_req *o)
{
	struct open_list l;

	open_list_init(o, &l);
	open_list_reply(o, OPEN_OK_MSG, &l, spool_msg_list(o->db, o->user.id,
	    l.offset, l.pg.size, &l.total, msg_item, &l));
}

void
open_message_result(struct open_req *o)
{
	struct message m;
	char sc[64];
	json_t *j;
	int rc;

	if (open_arg(o, "shortCode", sc, sizeof(sc)) == NULL)
		return open_err(o, 999, "shortCode不能为空 (shortCode is "
		    "required)");
	memset(&m, 0, sizeof(m));
	rc = spool_message_get(o->db, sc, &m);
	if (rc == 0 && m.sender_id != o->user.id) {
		message_release(&m);
		return open_err(o, 805, "无权查看 (the message is another "
		    "user's)");
	}
	if (open_found(o, rc, "消息不存在 (no such message)") != 0)
		return;
	j = json_pack("{s:i,s:o,s:o}", "status", m.status,
	    "errorMessage", jsonstr_new(m.error ? m.error : ""), "updateTime",
	    open_jdate(m.updated_ms));
	message_release(&m);
	open_json_reply(o, OPEN_OK_MSG, j);
}

/* A recall parked on its commit: the message, then whom to tell. */
struct del_op {
	struct api_op		o;
	struct ops_recall	recall;
	int64_t			id;
};

static int
del_apply(struct api_op *o, struct store *s)
{
	return ops_recall(s, ((struct del_op *)o)->id,
	    &((struct del_op *)o)->recall, NULL);
}

static void
del_reply(struct api_op *o, int rc)
{
	struct del_op *d = (struct del_op *)o;

	if (rc != 0)
		return open_op_err(o, 500, "系统异常，请稍后再试");
	ops_recall_publish(api_ctx(o->http)->hub, &d->recall);
	if (d->recall.pushes)
		push_kick(api_ctx(o->http)->pushes);
	open_op_ok(o, OPEN_OK_MSG, NULL);
}

static void
del_release(struct api_op *o)
{
	ops_recall_release(&((struct del_op *)o)->recall);
}

void
open_message_delete(struct open_req *o)
{
	struct message m;
	struct store_wx_msg wm;
	struct del_op *d;
	char sc[64];
	int rc;

	if (open_arg(o, "shortCode", sc, sizeof(sc)) == NULL)
		return open_err(o, 999, "shortCode不能为空 (shortCode is "
		    "required)");
	memset(&m, 0, sizeof(m));
	if ((rc = spool_message_get(o->db, sc, &m)) == 0) {
		message_release(&m);
		if (m.sender_id != o->user.id)
			return open_err(o, 805, "无权删除 (the message is "
			    "another user's)");
		if (spool_wx_message_get(o->db, m.id, &wm) == 0 && wm.deleted)
			rc = FG_ENOENT;
	}
	if (open_found(o, rc, "消息不存在 (no such message)") != 0)
		return;
	d = xcalloc(1, sizeof(*d));
	d->id = m.id;
	d->o.apply = del_apply;
	d->o.reply = del_reply;
	d->o.release = del_release;
	api_op_submit(o->http, &d->o);
}

void
open_user_token(struct open_req *o)
{
	open_ok_str(o, OPEN_OK_MSG, o->user.token);
}

/*
 * email is the address the mail channel sends to (feige user email),
 * phoneNumber the number sms and voice use (feige user phone, "+86…");
 * emailStatus 2 (verified) when there is one: the operator set it, so
 * there is nothing left to confirm.
 */
void
open_user_info(struct open_req *o)
{
	char email[STORE_EMAIL_MAX + 1], phone[STORE_PHONE_MAX + 1];

	if (dir_user_email_get(o->db, o->user.id, email) != 0 ||
	    dir_user_phone_get(o->db, o->user.id, phone) != 0)
		return open_store_err(o);
	open_json_reply(o, OPEN_OK_MSG, json_pack("{s:s,s:s,s:o,s:s,s:i,s:s,"
	    "s:s,s:o,s:i,s:s,s:i,s:i,s:{s:i,s:s}}",
	    "openId", o->user.uid, "unionId", "", "nickName",
	    jsonstr_new(o->user.name), "headImgUrl", "", "userSex", 0, "token",
	    o->user.token, "phoneNumber", phone, "email", jsonstr_new(email),
	    "emailStatus", OPS_EMAIL_STATUS(*email != '\0'), "birthday", "",
	    "points", 0, "verifyStatus", OPEN_VERIFIED, "vipInfo", "isVip",
	    OPEN_VIP, "lastDay", OPEN_VIP_LAST_DAY));
}

void
open_user_limit(struct open_req *o)
{
	struct store_open_settings st;
	struct ops_send_limit l;

	if (dir_settings_get(o->db, o->user.id, &st) != 0)
		return open_store_err(o);
	open_send_limit(o, st.is_send, &l);
	open_json_reply(o, OPEN_OK_MSG, json_pack("{s:i,s:o}", "sendLimit",
	    l.account, "userLimitTime", l.until_ms ? open_jdate(l.until_ms) :
	    json_string("")));
}

void
open_user_send_count(struct open_req *o)
{
	int wechat, cp, webhook, mail;
	char data[160];

	if (spool_send_count(o->db, o->user.id,
	    open_day_start(clock_ms()), &wechat, &cp, &webhook, &mail) != 0)
		return open_store_err(o);
	snprintf(data, sizeof(data), "{\"wechatSendCount\":%d,\"cpSendCount\":"
	    "%d,\"webhookSendCount\":%d,\"mailSendCount\":%d,"
	    "\"qqBotSendCount\":0}", wechat, cp, webhook, mail);
	open_ok(o, OPEN_OK_MSG, data);
}
