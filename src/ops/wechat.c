/*
 * wechat.c: what an event of the operator's official account does
 * (ops/wechat.h, issue 11 §1, phones.md §1.4 to §1.7).
 *
 * De-duplication first: WeChat sends an event again when it had no
 * answer within 5 s, up to three times, so every event is recorded by
 * its key (MsgId for messages, sender and CreateTime for events, with
 * the event's name: a follow and an unfollow may share a second) with
 * the reply it got, and a repeat changes nothing and gets the same
 * reply.  Then by kind:
 *
 *   subscribe, SCAN   the follower is counted (refused over
 *                     wechat.follower_limit, with a reply saying so);
 *                     a scene feige issued (EventKey "qrscene_fg…" on a
 *                     subscribe, "fg…" on a SCAN) is taken once and
 *                     binds: the openid becomes a device of type wechat
 *                     of the code's person (ops_device_add, the same
 *                     path and cap as every device), or, for a follow
 *                     page's code, the openid's person (a new one when
 *                     it has none) follows the app or topic with source
 *                     "scan" (ops_follow_apply: tip, app_subscribe) and
 *                     is bound.  An openid belongs to one person: a
 *                     bind to another moves it.
 *   unsubscribe       the wechat device goes, so deliveries stop going
 *                     to WeChat, and the follower is no longer counted.
 *   TEMPLATESENDJOBFINISH  the receipt is kept by msgid and sets the
 *                     final status of the push WeChat took as that
 *                     msgid: sent for success, failed with the reason
 *                     for "failed:user block" and "failed: system
 *                     failed".  The message itself settled when it
 *                     reached the inbox (its message_complate callback
 *                     fired then, once); a receipt does not fire it
 *                     again.
 *   text              "#appId text" is the WxPusher uplink command of
 *                     the bound person (ops_follow_upcmd, as
 *                     /api/uplink), "#appId" alone follows the app
 *                     (source "command"); anything else gets the help.
 *
 * Replies are short Chinese texts, as the WeChat user reads them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ops/device.h"
#include "ops/follow.h"
#include "ops/wechat.h"
#include "util/ids.h"

#define WECHAT_HELP                                                        \
	"这里是feige的消息通知。绑定：在feige的「我的」页面点「绑定微信」"  \
	"并扫码；向应用发送指令：#应用ID 内容。"
#define WECHAT_FULL                                                        \
	"本公众号的关注人数已达上限（%d人），暂时无法接收通知，请联系管理员。" \
	"(follower limit reached)"

void
ops_wechat_event_key(const struct ops_wechat_event *ev, char *key,
    size_t size)
{
	if (strcmp(ev->msg_type, "event") != 0 && *ev->msg_id)
		snprintf(key, size, "m:%s", ev->msg_id);
	else if (*ev->msg_id) /* a receipt: two may share a second */
		snprintf(key, size, "r:%s", ev->msg_id);
	else
		snprintf(key, size, "e:%s:%lld:%s", ev->from,
		    (long long)ev->create_time, ev->event);
}

void
ops_wechat_code_make(struct store_wechat_code *c, int kind, int64_t user,
    int64_t target, int64_t now_ms, int ttl_s)
{
	char hex[ID_TOKEN_LEN + 1];

	memset(c, 0, sizeof(*c));
	ids_token(hex);
	snprintf(c->code, sizeof(c->code), OPS_WECHAT_BIND_PREFIX "%s", hex);
	c->kind = kind;
	c->user_id = user;
	c->target = target;
	c->created_ms = now_ms;
	c->expires_ms = now_ms + (int64_t)ttl_s * 1000;
}

int
ops_wechat_code_add(struct store *s, const struct store_wechat_code *c,
    struct strbuf *err)
{
	return fg_err(dir_wechat_code_put(s, c), err, "wechat bind code");
}

/* Count the follower; 1 when the limit refuses them (reply set). */
static int
wechat_follow(struct store *s, const struct ops_wechat_in *in,
    struct ops_wechat_out *out, int *rc)
{
	struct store_wechat_counts n;
	const char *openid = in->ev->from;

	if ((*rc = dir_wechat_follower_is(s, openid)) != 0)
		return *rc < 0;
	memset(&n, 0, sizeof(n));
	if ((*rc = dir_wechat_counts(s, &n)) != 0)
		return 1;
	if (in->follower_limit > 0 && n.following >= in->follower_limit) {
		snprintf(out->reply, sizeof(out->reply), WECHAT_FULL,
		    in->follower_limit);
		*rc = dir_wechat_follower_put(s, openid, 0, 1, in->now_ms);
		return 1;
	}
	*rc = dir_wechat_follower_put(s, openid, 0, 0, in->now_ms);
	return *rc != 0;
}

/* The person bound to openid into u: 0, FG_ENOENT, or an error. */
static int
wechat_person(struct store *s, const char *openid, struct store_user *u)
{
	struct store_device d;
	int rc;

	if ((rc = dir_device_by_endpoint(s, "wechat", openid, &d)) != 0)
		return rc;
	return dir_user_get_id(s, d.user_id, u);
}

/* Bind openid to user: the device row, moved from another person. */
static int
wechat_bind(struct store *s, const char *openid, int64_t user, int64_t now,
    struct strbuf *err)
{
	struct store_device d, old;
	int rc;

	rc = dir_device_by_endpoint(s, "wechat", openid, &old);
	if (rc == 0 && old.user_id != user)
		rc = dir_device_delete(s, old.id);
	else if (rc == FG_ENOENT)
		rc = 0;
	if (rc != 0)
		return fg_err(rc, err, "wechat device");
	if ((rc = ops_device_wechat(openid, user, &d, err)) != 0 ||
	    (rc = ops_device_add(s, &d, now, err)) != 0)
		return rc;
	return fg_err(dir_wechat_follower_put(s, openid, user, 0, now), err,
	    "wechat follower");
}

/*
 * wechat_bind(), with a device the person cannot have (over the cap, an
 * openid that is not one) told to them in the reply instead of failing
 * the event: WeChat would only retry it, and the person would see "this
 * account cannot serve you".  1 when refused so.
 */
static int
wechat_bind_told(struct store *s, const struct ops_wechat_in *in,
    int64_t user, struct ops_wechat_out *out, struct strbuf *err, int *rc)
{
	*rc = wechat_bind(s, in->ev->from, user, in->now_ms, err);
	if (*rc != FG_ETOOBIG && *rc != FG_EINVAL)
		return 0;
	snprintf(out->reply, sizeof(out->reply), "无法绑定：%s", err->buf);
	*rc = 0;
	return 1;
}

/* A follow page's code: follow (as the openid's person) and bind. */
static int
wechat_code_follow(struct store *s, const struct ops_wechat_in *in,
    const struct store_wechat_code *c, struct ops_wechat_out *out,
    struct strbuf *err)
{
	struct store_wx_app app;
	struct store_wx_topic topic;
	struct store_user u;
	struct ops_follow_result *res = &out->follow;
	struct ops_follow_req req;
	int known, rc;

	memset(&topic, 0, sizeof(topic));
	if (c->kind == STORE_WECHAT_TOPIC &&
	    (rc = dir_wx_topic_get(s, c->target, &topic)) != 0)
		return rc == FG_ENOENT ? 1 : rc;
	rc = dir_wx_app_get(s, topic.id ? topic.app_id : c->target, &app);
	if (rc != 0)
		return rc == FG_ENOENT ? 1 : rc;
	if ((rc = wechat_person(s, in->ev->from, &u)) != 0 && rc != FG_ENOENT)
		return rc;
	known = rc == 0;
	memset(&req, 0, sizeof(req));
	req.app = &app;
	req.topic = topic.id;
	req.user = known ? &u : NULL;
	req.source = "scan";
	req.extra = "";
	rc = ops_follow_apply(s, &req, res, err);
	if (rc == 0 && !res->blocked &&
	    wechat_bind_told(s, in, res->user.id, out, err, &rc))
		return 0;
	if (rc == 0) {
		out->cb_added |= res->cb_added;
		out->user_id = res->user.id;
		snprintf(out->reply, sizeof(out->reply),
		    res->blocked ? "你已被「%s」拉黑。" :
				   "已关注「%s」，消息将推送到这里。",
		    topic.id ? topic.name : app.name);
	}
	return rc;
}

/* subscribe / SCAN with a scene feige may have issued. */
static int
wechat_scene(struct store *s, const struct ops_wechat_in *in,
    const char *scene, struct ops_wechat_out *out, struct strbuf *err)
{
	struct store_wechat_code c;
	struct store_user u;
	int rc;

	rc = dir_wechat_code_take(s, scene, in->now_ms, &c);
	if (rc == FG_ENOENT) {
		snprintf(out->reply, sizeof(out->reply),
		    "二维码已失效或已使用，请刷新页面后重新扫码。");
		return 0;
	}
	if (rc != 0)
		return fg_err(rc, err, "wechat bind code");
	if (c.kind != STORE_WECHAT_PERSON) {
		rc = wechat_code_follow(s, in, &c, out, err);
		if (rc == 1)
			snprintf(out->reply, sizeof(out->reply),
			    "应用或主题已不存在。");
		return rc == 1 ? 0 : rc;
	}
	if ((rc = dir_user_get_id(s, c.user_id, &u)) != 0)
		return rc == FG_ENOENT ? 0 : fg_err(rc, err, "user");
	if (wechat_bind_told(s, in, u.id, out, err, &rc) || rc != 0)
		return rc;
	out->user_id = u.id;
	snprintf(out->reply, sizeof(out->reply),
	    "已绑定，消息将推送到这里。(bound to %s)", u.uid);
	return 0;
}

static int
wechat_subscribe(struct store *s, const struct ops_wechat_in *in,
    struct ops_wechat_out *out, struct strbuf *err)
{
	const struct ops_wechat_event *ev = in->ev;
	const char *scene = ev->event_key;
	int rc = 0;

	if (wechat_follow(s, in, out, &rc))
		return rc;
	if (strncmp(scene, "qrscene_", 8) == 0)
		scene += 8;
	if (strncmp(scene, OPS_WECHAT_BIND_PREFIX,
		strlen(OPS_WECHAT_BIND_PREFIX)) == 0)
		return wechat_scene(s, in, scene, out, err);
	if (strcasecmp(ev->event, "subscribe") == 0)
		snprintf(out->reply, sizeof(out->reply), "%s", WECHAT_HELP);
	return 0;
}

static int
wechat_unsubscribe(struct store *s, const struct ops_wechat_in *in,
    struct strbuf *err)
{
	struct store_device d;
	int rc;

	rc = dir_device_by_endpoint(s, "wechat", in->ev->from, &d);
	if (rc == 0)
		rc = dir_device_delete(s, d.id);
	if (rc == 0 || rc == FG_ENOENT)
		rc = dir_wechat_follower_del(s, in->ev->from);
	return fg_err(rc, err, "wechat unsubscribe");
}

/* "#appId text" from the bound person. */
static int
wechat_command(struct store *s, const struct ops_wechat_in *in,
    struct ops_wechat_out *out, struct strbuf *err)
{
	const char *c = in->ev->content, *text;
	struct store_wx_app app;
	struct store_user u;
	struct ops_follow_upcmd up;
	char *end;
	long long id;
	int rc;

	id = strtoll(c + 1, &end, 10);
	if (!isdigit((unsigned char)c[1]) || id <= 0 ||
	    (*end && *end != ' ')) {
		snprintf(out->reply, sizeof(out->reply),
		    "指令格式：#应用ID 内容");
		return 0;
	}
	if ((rc = wechat_person(s, in->ev->from, &u)) == FG_ENOENT) {
		snprintf(out->reply, sizeof(out->reply), "%s", WECHAT_HELP);
		return 0;
	}
	if (rc == 0 && (rc = dir_wx_app_get(s, id, &app)) == FG_ENOENT) {
		snprintf(out->reply, sizeof(out->reply), "应用不存在");
		return 0;
	}
	if (rc != 0)
		return fg_err(rc, err, "wechat command");
	text = *end ? end + 1 : "";
	out->user_id = u.id;
	if (*text == '\0') {
		struct ops_follow_req req = { &app, 0, &u, "command", "", 0 };
		struct ops_follow_result *res = &out->follow;

		rc = ops_follow_apply(s, &req, res, err);
		out->cb_added |= res->cb_added;
		if (rc == 0)
			snprintf(out->reply, sizeof(out->reply),
			    res->blocked ? "你已被「%s」拉黑。" : "已关注「%s」。",
			    app.name);
		return rc;
	}
	up.app = &app;
	up.user = &u;
	up.content = text;
	rc = ops_follow_upcmd(s, &up, &out->cb_added, err);
	snprintf(out->reply, sizeof(out->reply), "%s",
	    rc == 0		 ? "指令已发送给应用。" :
		rc == FG_EINVAL	 ? "你已被该应用拉黑。" :
		rc == FG_EPERM	 ? "你还没有关注该应用，不能发送指令。" :
				   "");
	return rc == FG_EINVAL || rc == FG_EPERM ? 0 : rc;
}

/*
 * A template message's receipt: kept, and the final status of its push
 * (store_wechat_receipt_outcome: success stays sent; a block or a
 * failure of WeChat's fails it, with the reason).
 */
static int
wechat_receipt(struct store *s, const struct ops_wechat_in *in,
    struct strbuf *err)
{
	const char *st = in->ev->status, *final;
	char detail[160];

	if (in->ev->msg_id[0] == '\0')
		return 0;
	final = store_wechat_receipt_outcome(st, detail, sizeof(detail));
	if (dir_wechat_receipt_put(s, in->ev->msg_id, in->ev->from, st,
		in->now_ms) != 0 ||
	    dir_wechat_push_final(s, in->ev->msg_id, final, detail,
		in->now_ms) != 0)
		return fg_err(FG_ESTORE, err, "wechat receipt");
	return 0;
}

static int
wechat_dispatch(struct store *s, const struct ops_wechat_in *in,
    struct ops_wechat_out *out, struct strbuf *err)
{
	const struct ops_wechat_event *ev = in->ev;

	if (strcmp(ev->msg_type, "text") == 0)
		return ev->content[0] == '#' ?
		    wechat_command(s, in, out, err) :
		    (snprintf(out->reply, sizeof(out->reply), "%s",
			 WECHAT_HELP),
			0);
	if (strcmp(ev->msg_type, "event") != 0)
		return 0;
	if (strcasecmp(ev->event, "subscribe") == 0 ||
	    strcasecmp(ev->event, "SCAN") == 0)
		return wechat_subscribe(s, in, out, err);
	if (strcasecmp(ev->event, "unsubscribe") == 0)
		return wechat_unsubscribe(s, in, err);
	if (strcasecmp(ev->event, "TEMPLATESENDJOBFINISH") == 0)
		return wechat_receipt(s, in, err);
	return 0;
}

static int
wechat_event(struct store *s, const struct ops_wechat_in *in,
    struct ops_wechat_out *out, struct strbuf *err)
{
	char key[STORE_WECHAT_OPENID_MAX + 48];
	int rc;

	memset(out, 0, sizeof(*out));
	if (in->ev->from[0] == '\0')
		return 0;
	ops_wechat_event_key(in->ev, key, sizeof(key));
	rc = dir_wechat_seen(s, key, in->now_ms, out->reply,
	    sizeof(out->reply));
	if (rc == FG_EEXIST) {
		out->dup = 1;
		return 0;
	}
	if (rc != 0)
		return fg_err(rc, err, "wechat event");
	if ((rc = wechat_dispatch(s, in, out, err)) != 0)
		return rc;
	return fg_err(dir_wechat_seen_reply(s, key, out->reply), err,
	    "wechat event");
}

int
ops_wechat_event(struct store *s, const struct ops_wechat_in *in,
    struct ops_wechat_out *out, struct strbuf *err)
{
	struct strbuf why = STRBUF_INIT; /* the device checks need one */
	int rc = wechat_event(s, in, out, &why);

	if (rc != 0 && err != NULL)
		strbuf_setf(err, "%s", why.buf);
	strbuf_release(&why);
	return rc;
}
