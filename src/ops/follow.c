/*
 * follow.c: WxPusher follows (follow.h), moved from queue/wx.c so that
 * the queue keeps only delivery.
 *
 * A follow is the row, the tip in the follower's inbox (a text message
 * from the app's owner, already sent: the inbox is its delivery) and,
 * for an app, the app_subscribe callback (wx_callback.c).  The block
 * lives on the app follow (topic 0); topic follows inherit it.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ops/follow.h"
#include "ops/qrcode.h"
#include "ops/wx_callback.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/strbuf.h"

/* rc, with what failed in err when rc is a failure. */
static int
fail(int rc, struct strbuf *err, const char *what)
{
	if (rc != 0 && err)
		strbuf_setf(err, "%s: %s", what, fg_strerror(rc));
	return rc;
}

/* The follow tip as a text message in the user's inbox. */
static int
deliver_tip(struct store *s, const struct store_wx_app *app,
    const struct store_wx_topic *t, struct ops_follow_result *res)
{
	const struct store_user *u = &res->user;
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

/* The follow row, its tip and app_subscribe (no person, no QR code). */
static int
follow_row(struct store *s, const struct ops_follow_req *in,
    struct ops_follow_result *res, struct strbuf *err)
{
	const struct store_wx_app *app = in->app;
	const struct store_user *u = &res->user;
	struct store_wx_follow *f = &res->follow;
	struct store_wx_topic t;
	int rc;

	if (in->topic && ((rc = dir_wx_topic_get(s, in->topic, &t)) != 0 ||
	    t.app_id != app->id)) {
		if (err)
			strbuf_setf(err, "no topic %lld in app %lld",
			    (long long)in->topic, (long long)app->id);
		return FG_ENOENT;
	}
	if ((rc = dir_wx_follow_find(s, u->id, app->id, in->topic, f)) == 0) {
		res->existed = 1;
		res->blocked = f->reject;
	} else if (rc != FG_ENOENT) {
		return fail(rc, err, "follow");
	}
	if (in->topic && !res->blocked &&
	    (rc = app_blocked(s, app->id, u->id, &res->blocked)) != 0)
		return fail(rc, err, "follow");
	if (res->existed || res->blocked)
		return 0;
	memset(f, 0, sizeof(*f));
	f->user_id = u->id;
	f->app_id = app->id;
	f->topic_id = in->topic;
	snprintf(f->source, sizeof(f->source), "%s", in->source);
	snprintf(f->extra, sizeof(f->extra), "%s", in->extra ? in->extra : "");
	if ((rc = dir_wx_follow_add(s, f)) != 0) {
		if (err)
			strbuf_setf(err, "follow: store error");
		return rc;
	}
	snprintf(f->uid, sizeof(f->uid), "%s", u->uid);
	snprintf(f->target, sizeof(f->target), "%s", in->topic ? t.name :
	    app->name);
	if ((rc = deliver_tip(s, app, in->topic ? &t : NULL, res)) != 0)
		return fail(rc, err, "follow tip");
	return 0;
}

int
ops_follow_apply(struct store *s, const struct ops_follow_req *in,
    struct ops_follow_result *res, struct strbuf *err)
{
	struct ops_wx_subscribe sub = { in->app, NULL, in->source, in->extra };
	int rc;

	memset(res, 0, sizeof(*res));
	if (in->user) {
		res->user = *in->user;
	} else {
		struct strbuf why = STRBUF_INIT;	/* the store's needs one */

		rc = dir_user_add(s, "wx follower", 0, &res->user, &why);
		if (rc != 0 && err)
			strbuf_setf(err, "new person: %s", why.buf);
		strbuf_release(&why);
		if (rc != 0)
			return rc;
		res->created = 1;
	}
	if ((rc = follow_row(s, in, res, err)) != 0 || res->blocked)
		return rc;
	sub.uid = res->user.uid;
	if (in->qr_id && (rc = ops_qrcode_scanned(s, in->qr_id,
	    res->user.uid, err)) != 0)
		return rc;
	/* a new app follow, or a parametric code scanned again */
	if (in->topic == 0 && (!res->existed || in->qr_id))
		rc = ops_wx_callback_subscribe(s, &sub, &res->cb_added, err);
	return rc;
}

/* The follow of ref as its owner sees it, or FG_ENOENT. */
static int
own_follow(struct store *s, const struct ops_follow_ref *ref,
    struct store_wx_follow *f, struct strbuf *err)
{
	int rc = dir_wx_follow_get(s, ref->id, f);

	if (rc == 0 && ((ref->app_id && f->app_id != ref->app_id) ||
	    (ref->user_id && f->user_id != ref->user_id)))
		rc = FG_ENOENT;
	if (rc == FG_ENOENT) {
		if (err)
			strbuf_setf(err, "no follow %lld", (long long)ref->id);
		return rc;
	}
	return fail(rc, err, "follow");
}

int
ops_follow_remove(struct store *s, const struct ops_follow_ref *ref,
    struct strbuf *err)
{
	struct store_wx_follow f;
	int rc;

	if ((rc = own_follow(s, ref, &f, err)) != 0)
		return rc;
	if (ref->user_id && f.reject) {
		if (err)
			strbuf_setf(err, "follow %lld is blocked by its app",
			    (long long)ref->id);
		return FG_EINVAL;
	}
	return fail(dir_wx_follow_remove(s, ref->id), err, "unfollow");
}

int
ops_follow_reject(struct store *s, const struct ops_follow_ref *ref,
    int reject, struct strbuf *err)
{
	struct store_wx_follow f;
	int rc;

	if ((rc = own_follow(s, ref, &f, err)) != 0)
		return rc;
	return fail(dir_wx_follow_set_reject(s, ref->id, reject), err,
	    "block");
}

int
ops_follow_upcmd(struct store *s, const struct ops_follow_upcmd *in,
    int *queued, struct strbuf *err)
{
	struct ops_wx_upcmd up = { in->app, in->user->uid, in->content };
	int rc, blocked = 0;

	if ((rc = app_blocked(s, in->app->id, in->user->id, &blocked)) != 0)
		return fail(rc, err, "uplink");
	if (blocked) {
		if (err)
			strbuf_setf(err, "%s is blocked by app %lld",
			    in->user->uid, (long long)in->app->id);
		return FG_EINVAL;
	}
	if ((rc = ops_follow_is_follower(s, in->app->id, in->user->id)) < 0)
		return fail(rc, err, "uplink");
	if (rc == 0) {
		if (err)
			strbuf_setf(err, "%s does not follow app %lld",
			    in->user->uid, (long long)in->app->id);
		return FG_EPERM;
	}
	return ops_wx_callback_upcmd(s, &up, queued, err);
}

static int
no_row(void *arg, const struct store_wx_follow *f)
{
	(void)arg;
	(void)f;
	return 0;
}

int
ops_follow_is_follower(struct store *s, int64_t app, int64_t user)
{
	struct store_wx_follow_filter fl = { app, user, 0, -1, 0, 0 };
	int64_t n = 0;
	int rc;

	if ((rc = dir_wx_follow_list(s, &fl, &n, no_row, NULL)) != 0)
		return rc;
	return n > 0;
}

int
ops_follow_pay(struct store *s, const struct ops_follow_pay_req *in,
    struct ops_follow_pay_result *res, struct strbuf *err)
{
	struct store_wx_product p;
	struct store_wx_app app;
	struct store_wx_follow f;
	struct ops_wx_order_pay op;
	int rc;

	memset(res, 0, sizeof(*res));
	if (in->days == 0) {
		if (err)
			strbuf_setf(err, "DAYS must not be 0");
		return FG_EINVAL;
	}
	if ((rc = dir_wx_product_get(s, in->prod_id, &p)) != 0 ||
	    (rc = dir_wx_app_get(s, p.app_id, &app)) != 0) {
		if (rc != FG_ENOENT)
			return fail(rc, err, "product");
		if (err)
			strbuf_setf(err, "no product %lld",
			    (long long)in->prod_id);
		return rc;
	}
	if ((rc = dir_wx_follow_find(s, in->user->id, p.app_id, p.topic_id,
	    &f)) != 0) {
		if (rc != FG_ENOENT)
			return fail(rc, err, "follow");
		if (err)
			strbuf_setf(err, "%s does not follow the %s of "
			    "product %lld", in->user->uid, p.topic_id ?
			    "topic" : "app", (long long)in->prod_id);
		return rc;
	}
	res->add_ms = (int64_t)in->days * 86400000LL;
	res->end_ms = (in->days > 0 && f.pay_end_ms < in->now_ms ?
	    in->now_ms : f.pay_end_ms) + res->add_ms;
	if (res->end_ms < 0)
		res->end_ms = 0;
	res->amount_fen = (int)((long long)p.price_fen * in->days / 30);
	snprintf(res->trade_no, sizeof(res->trade_no), "%lld%06u",
	    (long long)in->now_ms, (unsigned)(randombytes_random() % 1000000));
	if ((rc = dir_wx_follow_set_pay(s, f.id, res->end_ms)) != 0)
		return fail(rc, err, "pay");
	op.app = &app;
	op.uid = in->user->uid;
	op.prod_id = in->prod_id;
	op.add_ms = res->add_ms;
	op.amount_fen = res->amount_fen;
	op.trade_no = res->trade_no;
	return ops_wx_callback_order_pay(s, &op, &res->cb_added, err);
}
