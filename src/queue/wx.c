/*
 * wx.c: follows and WxPusher callback bodies (wx.h), shared by the
 * server's writer ops and the admin CLI.
 *
 * Callback bodies are built with jansson and dumped in insertion order,
 * so the keys come out exactly in the documented order (compat.md §5);
 * naive receivers compare strings.  userName and userHeadImg are always
 * "" (WeChat stopped giving them out; feige never had them).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "queue/wx.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/strbuf.h"

int64_t
wx_day(int64_t ms)
{
	return (ms + 8 * 3600 * 1000LL) / 86400000LL;
}

static int
queue_body(struct store *s, const char *url, json_t *body, int *added)
{
	char *text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	int rc = text ? spool_outbox_add(s, url, text, clock_ms()) : FG_ENOMEM;

	free(text);
	json_decref(body);
	if (rc == 0 && added)
		*added = 1;
	return rc;
}

int
wx_callback_subscribe(struct store *s, const struct store_wx_app *app,
    const char *uid, const char *source, const char *extra, int *added)
{
	if (*app->callback_url == '\0')
		return 0;
	return queue_body(s, app->callback_url, json_pack("{s:s,s:{s:I,"
	    "s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s}}", "action", "app_subscribe",
	    "data", "appId", (json_int_t)app->id, "appKey", app->app_key,
	    "appName", app->name, "source", source, "userName", "",
	    "userHeadImg", "", "time", (json_int_t)clock_ms(), "uid", uid,
	    "extra", extra ? extra : ""), added);
}

int
wx_callback_upcmd(struct store *s, const struct store_wx_app *app,
    const char *uid, const char *content, int *added)
{
	if (*app->callback_url == '\0')
		return 0;
	return queue_body(s, app->callback_url, json_pack("{s:s,s:{s:s,"
	    "s:I,s:n,s:s,s:s,s:s,s:I,s:s}}", "action", "send_up_cmd", "data",
	    "uid", uid, "appId", (json_int_t)app->id, "appKey", "appName",
	    app->name, "userName", "", "userHeadImg", "", "time",
	    (json_int_t)clock_ms(), "content", content), added);
}

int
wx_callback_order_pay(struct store *s, const struct store_wx_app *app,
    const char *uid, int64_t prod_id, int64_t add_ms, int amount_fen,
    const char *trade_no, int *added)
{
	if (*app->callback_url == '\0')
		return 0;
	return queue_body(s, app->callback_url, json_pack("{s:s,s:{s:I,"
	    "s:i,s:I,s:I,s:I,s:s,s:i,s:s}}", "action", "order_pay", "data",
	    "addTime", (json_int_t)add_ms, "amount", amount_fen, "appId",
	    (json_int_t)app->id, "createTime", (json_int_t)clock_ms(),
	    "prodId", (json_int_t)prod_id, "tradeNo", trade_no, "type",
	    add_ms < 0 ? 2 : 1, "uid", uid), added);
}

/* The follow tip as a text message in the user's inbox. */
static int
deliver_tip(struct store *s, const struct store_wx_app *app,
    const struct store_wx_topic *t, const struct store_user *u,
    struct wx_follow_result *res)
{
	struct message *m = &res->tip;
	int64_t did;
	int rc;

	snprintf(res->tip_title, sizeof(res->tip_title), "%s", app->name);
	if (*app->follow_tip)
		snprintf(res->tip_text, sizeof(res->tip_text), "%s",
		    app->follow_tip);
	else if (t)
		snprintf(res->tip_text, sizeof(res->tip_text), "你已订阅「%s」"
		    "的主题「%s」，此后的消息会出现在你的收件箱。", app->name,
		    t->name);
	else
		snprintf(res->tip_text, sizeof(res->tip_text), "你已关注「%s」，"
		    "此后的消息会出现在你的收件箱。你的UID：%s", app->name,
		    u->uid);
	memset(m, 0, sizeof(*m));
	m->sender_id = app->owner_id;
	m->title = res->tip_title;
	m->content = res->tip_text;
	m->content_len = strlen(res->tip_text);
	m->tpl = TPL_TXT;
	snprintf(m->channel, sizeof(m->channel), "wechat");
	m->webhook = m->callback_url = m->error = (char *)"";
	m->status = MSG_SENT;
	m->created_ms = clock_ms();
	if ((rc = spool_message_insert(s, m, &u->id, 1, "wechat", &did,
	    NULL)) != 0 ||
	    (rc = spool_wx_message_set(s, m->id, app->id, "", "")) != 0)
		return rc;
	return spool_inbox_add(s, u->id, m->id, did, &res->tip_inbox_id);
}

/* *blocked = 1 if the user's follow of the app itself is blocked. */
static int
app_blocked(struct store *s, int64_t app, int64_t user, int *blocked)
{
	struct store_wx_follow af;
	int rc = dir_wx_follow_find(s, user, app, 0, &af);

	if (rc == FG_ENOENT)
		return 0;
	if (rc == 0)
		*blocked = af.reject != 0;
	return rc;
}

int
wx_follow_apply(struct store *s, const struct store_wx_app *app, int64_t topic,
    const struct store_user *u, const char *source, const char *extra,
    struct wx_follow_result *res, struct strbuf *err)
{
	struct store_wx_topic t;
	struct store_wx_follow *f = &res->follow;
	int rc;

	memset(res, 0, sizeof(*res));
	if (topic && ((rc = dir_wx_topic_get(s, topic, &t)) != 0 ||
	    t.app_id != app->id)) {
		if (err)
			strbuf_setf(err, "no topic %lld in app %lld",
			    (long long)topic, (long long)app->id);
		return FG_ENOENT;
	}
	if ((rc = dir_wx_follow_find(s, u->id, app->id, topic, f)) == 0) {
		res->existed = 1;
		res->blocked = f->reject;
	} else if (rc != FG_ENOENT) {
		return rc;
	}
	if (topic && !res->blocked &&
	    (rc = app_blocked(s, app->id, u->id, &res->blocked)) != 0)
		return rc;
	if (res->existed || res->blocked)
		return 0;
	memset(f, 0, sizeof(*f));
	f->user_id = u->id;
	f->app_id = app->id;
	f->topic_id = topic;
	snprintf(f->source, sizeof(f->source), "%s", source);
	snprintf(f->extra, sizeof(f->extra), "%s", extra ? extra : "");
	if ((rc = dir_wx_follow_add(s, f)) != 0) {
		if (err)
			strbuf_setf(err, "follow: store error");
		return rc;
	}
	snprintf(f->uid, sizeof(f->uid), "%s", u->uid);
	snprintf(f->target, sizeof(f->target), "%s", topic ? t.name :
	    app->name);
	if ((rc = deliver_tip(s, app, topic ? &t : NULL, u, res)) != 0)
		return rc;
	if (topic == 0)
		rc = wx_callback_subscribe(s, app, u->uid, source, extra,
		    &res->cb_added);
	return rc;
}
