/*
 * wxpusher.c: the WxPusher send API (compat.md §5):
 *   POST /api/send/message[/]       JSON (also form) with uids, topicIds
 *   GET  /api/send/message[/]?...   text only, uid= / topicId=
 *   GET  /api/send/message/{SPT}/{content}, POST .../simple-push (SPT)
 *
 * Validation failures answer in the WxPusher envelope (1001 with the
 * reason, 1005 for malformed JSON); a wrong appToken is an error body,
 * never an empty one.  Targets are resolved on this thread's reader:
 * each uid must follow the app (not blocked, inside or outside its paid
 * period as verifyPayType asks, under the daily receive limit); each
 * topic must belong to the app and fans out to its followers at send
 * time.  A target that fails gets its own record with a non-1000 code;
 * the others go out.  A person reached twice in one call (as a uid and
 * through a topic) gets one delivery, counted to the first target.
 *
 * The message, one send record per target and one delivery per
 * recipient (tied to its record) are written by the writer in one group
 * commit through send_request.insert; inbox deliveries complete inline.
 * The reply (one record per target, uids first, then topics, in request
 * order, duplicates collapsed) is sent after the commit.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/intake.h"
#include "api/wx_int.h"
#include "app.h"
#include "channel/channel.h"
#include "core/errors.h"
#include "http/http.h"
#include "queue/queue.h"
#include "queue/wx.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/params.h"
#include "util/xmalloc.h"

#define REC_OK		"创建发送任务成功"

struct wx_target {
	char		 uid[40];	/* uid target, else "" */
	int64_t		 topic_id;	/* topic target, else 0 */
	int64_t		 user_id;
	int		 code;
	const char	*text;		/* static */
	int64_t		 rid;		/* record id, after insert */
};

struct wx_send {
	struct send_request	 req;	/* first: the queue's handle */
	struct http_req		*http;
	struct params		 p;
	int64_t			 app_id;
	struct wx_target	*t;
	size_t			 nt, t_alloc;
	int64_t			*users;
	size_t			*user_t;	/* target index of users[i] */
	size_t			 n_users, u_alloc;
	struct strbuf		 summary;
	const char		*url;
	int64_t			 day;
	int			 pay;		/* enum store_wx_pay */
	char			 msg[200];
};

static void
send_free(void *arg)
{
	struct wx_send *s = arg;

	params_release(&s->p);
	free(s->t);
	free(s->users);
	free(s->user_t);
	strbuf_release(&s->summary);
	free(s);
}

static int
fail(struct http_req *r, struct wx_send *s, int code, const char *msg)
{
	api_wx_reply(r, code, msg, NULL);
	send_free(s);
	return -1;
}

static struct wx_target *
add_target(struct wx_send *s)
{
	struct wx_target *t;

	if (s->nt == s->t_alloc) {
		s->t_alloc = s->t_alloc ? s->t_alloc * 2 : 8;
		s->t = xrealloc(s->t, s->t_alloc * sizeof(*s->t));
	}
	t = &s->t[s->nt++];
	memset(t, 0, sizeof(*t));
	t->code = 1000;
	t->text = REC_OK;
	return t;
}

/* Add a recipient unless it is already one; 1 if added. */
static int
add_user(struct wx_send *s, int64_t user, size_t ti)
{
	size_t i;

	for (i = 0; i < s->n_users; i++)
		if (s->users[i] == user)
			return 0;
	if (s->n_users == s->u_alloc) {
		s->u_alloc = s->u_alloc ? s->u_alloc * 2 : 16;
		s->users = xrealloc(s->users, s->u_alloc * sizeof(*s->users));
		s->user_t = xrealloc(s->user_t, s->u_alloc *
		    sizeof(*s->user_t));
	}
	s->users[s->n_users] = user;
	s->user_t[s->n_users++] = ti;
	return 1;
}

static int
under_daily(struct app *app, struct store *db, int64_t user, int64_t day)
{
	int n = 0;

	if (app->conf.wx_daily_max == 0)
		return 1;
	return store_sqlite.wx_daily_get(db, user, day, &n) == 0 &&
	    n < app->conf.wx_daily_max;
}

/* One uid target of an app send. */
static void
resolve_uid(struct wx_send *s, struct app *app, struct store *db,
    struct wx_target *t, int64_t now)
{
	const struct store_backend *be = &store_sqlite;
	struct store_user u;
	struct store_wx_follow f;
	int paid;

	if (be->user_get(db, "uid", t->uid, &u) != 0 ||
	    be->wx_follow_find(db, u.id, s->app_id, 0, &f) != 0) {
		t->code = 1001;
		t->text = "用户未关注该应用 (uid does not follow this app)";
		return;
	}
	t->user_id = u.id;
	paid = f.pay_end_ms > now;
	if (f.reject) {
		t->code = 1001;
		t->text = "用户已被拉黑 (uid is blocked by this app)";
	} else if ((s->pay == WXPAY_PAID && !paid) ||
	    (s->pay == WXPAY_UNPAID && paid)) {
		t->code = 1001;
		t->text = s->pay == WXPAY_PAID ? "用户不在付费订阅期内 (not a "
		    "paying subscriber)" : "用户在付费订阅期内 (a paying "
		    "subscriber)";
	} else if (!under_daily(app, db, u.id, s->day)) {
		t->code = 1001;
		t->text = "用户今日接收消息已达上限 (daily limit reached)";
	} else {
		add_user(s, u.id, (size_t)(t - s->t));
	}
}

static void
resolve_topic(struct wx_send *s, struct app *app, struct store *db,
    struct wx_target *t, int64_t now)
{
	const struct store_backend *be = &store_sqlite;
	struct store_wx_topic tp;
	int64_t *ids = NULL;
	size_t n = 0, i;

	if (be->wx_topic_get(db, t->topic_id, &tp) != 0 ||
	    tp.app_id != s->app_id) {
		t->code = 1001;
		t->text = "主题不存在或不属于该应用 (topic not found in this "
		    "app)";
		return;
	}
	if (be->wx_followers(db, s->app_id, t->topic_id, s->pay, now, &ids,
	    &n) != 0) {
		t->code = 1005;
		t->text = "系统异常 (store error)";
		return;
	}
	for (i = 0; i < n; i++)
		if (under_daily(app, db, ids[i], s->day))
			add_user(s, ids[i], (size_t)(t - s->t));
	free(ids);
}

/* Digit strings and integers; 0 if neither. */
static long long
json_id(json_t *v)
{
	char *end;
	long long n;

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_string(v)) {
		n = strtoll(json_string_value(v), &end, 10);
		return *json_string_value(v) && *end == '\0' ? n : 0;
	}
	return 0;
}

/*
 * The targets of an app send, uids then topics; a negative return is
 * a whole-request 1001 with the reason in s->msg.
 */
static int
parse_targets(struct wx_send *s, struct app *app)
{
	const char *uids = params_get(&s->p, "uids", NULL);
	const char *tids = params_get(&s->p, "topicIds", NULL);
	const char *v;
	json_t *arr = NULL, *it;
	size_t i, k, nu = 0, ntp = 0;

	if (uids == NULL && (v = params_get(&s->p, "uid", NULL)) != NULL)
		uids = v;
	if (uids && *uids == '[') {
		if ((arr = json_loads(uids, 0, NULL)) == NULL ||
		    !json_is_array(arr))
			goto bad_uids;
		json_array_foreach(arr, i, it) {
			if (json_is_null(it))
				continue;
			if (!json_is_string(it) ||
			    json_string_length(it) >= 40)
				goto bad_uids;
			for (k = 0; k < s->nt && strcmp(s->t[k].uid,
			    json_string_value(it)) != 0; k++)
				;
			if (k < s->nt || !*json_string_value(it))
				continue;
			if (++nu >= (size_t)app->conf.wx_uids_max)
				goto many_uids;
			snprintf(add_target(s)->uid, 40, "%s",
			    json_string_value(it));
		}
		json_decref(arr);
		arr = NULL;
	} else if (uids) {
		if (strlen(uids) >= 40)
			goto bad_uids;
		snprintf(add_target(s)->uid, 40, "%s", uids);
		nu = 1;
	}
	if (tids == NULL)
		tids = params_get(&s->p, "topicId", NULL);
	if (tids) {
		if ((arr = json_loads(tids, JSON_DECODE_ANY, NULL)) == NULL)
			goto bad_topics;
		if (!json_is_array(arr)) {
			json_t *one = json_array();

			json_array_append_new(one, arr);
			arr = one;
		}
		json_array_foreach(arr, i, it) {
			long long id = json_id(it);

			if (json_is_null(it))
				continue;
			if (id <= 0)
				goto bad_topics;
			for (k = nu; k < s->nt && s->t[k].topic_id != id; k++)
				;
			if (k < s->nt)
				continue;
			if (++ntp >= (size_t)app->conf.wx_topics_max)
				goto many_topics;
			add_target(s)->topic_id = id;
		}
		json_decref(arr);
	}
	if (s->nt == 0) {
		snprintf(s->msg, sizeof(s->msg), "uids和topicIds不能同时为空 "
		    "(no uids and no topicIds)");
		return -1;
	}
	return 0;
bad_uids:
	json_decref(arr);
	snprintf(s->msg, sizeof(s->msg), "uids格式不正确，须为字符串数组 "
	    "(uids must be an array of strings)");
	return -1;
many_uids:
	json_decref(arr);
	snprintf(s->msg, sizeof(s->msg), "uids数量须少于%d (too many uids)",
	    app->conf.wx_uids_max);
	return -1;
bad_topics:
	json_decref(arr);
	snprintf(s->msg, sizeof(s->msg), "topicIds格式不正确，须为整数数组 "
	    "(topicIds must be an array of integers)");
	return -1;
many_topics:
	json_decref(arr);
	snprintf(s->msg, sizeof(s->msg), "topicIds数量须少于%d (too many "
	    "topicIds)", app->conf.wx_topics_max);
	return -1;
}

/* In the writer's transaction: message, records, deliveries, counters. */
static int
send_insert(struct send_request *req, struct store *db,
    const struct store_backend *be, int64_t *dids)
{
	struct wx_send *s = (struct wx_send *)req;
	struct store_message *m = &req->msg;
	struct store_wx_record rec;
	size_t i;
	int rc;

	if ((rc = be->message_insert(db, m, NULL, 0, req->drv->name, NULL,
	    NULL)) != 0 ||
	    (rc = be->wx_message_set(db, m->id, s->app_id, s->summary.buf,
	    s->url)) != 0)
		return rc;
	for (i = 0; i < s->nt; i++) {
		memset(&rec, 0, sizeof(rec));
		rec.message_id = m->id;
		rec.app_id = s->app_id;
		rec.user_id = s->t[i].topic_id ? 0 : s->t[i].user_id;
		rec.topic_id = s->t[i].topic_id;
		rec.code = s->t[i].code;
		snprintf(rec.text, sizeof(rec.text), "%s", s->t[i].text);
		rec.created_ms = m->created_ms;
		if ((rc = be->wx_record_add(db, &rec)) != 0)
			return rc;
		s->t[i].rid = rec.id;
	}
	for (i = 0; i < s->n_users; i++) {
		if ((rc = be->wx_delivery_add(db, m->id, s->users[i],
		    s->t[s->user_t[i]].rid, req->drv->name, m->status,
		    &dids[i])) != 0)
			return rc;
		if ((rc = be->wx_daily_add(db, s->users[i], s->day)) != 0)
			return rc;
	}
	return 0;
}

static void
send_done(struct send_request *req, int rc)
{
	struct wx_send *s = (struct wx_send *)req;
	struct http_req *r = s->http;
	struct strbuf d = STRBUF_INIT;
	size_t i;

	if (rc != 0) {
		log_error("msg=\"wxpusher send not stored\" rc=%d", rc);
		api_wx_reply(r, 1005, "系统异常，请稍后再试 (store error)",
		    NULL);
	} else {
		strbuf_addch(&d, '[');
		for (i = 0; i < s->nt; i++) {
			const struct wx_target *t = &s->t[i];

			strbuf_addstr(&d, i ? ",{\"uid\":" : "{\"uid\":");
			if (t->topic_id)
				strbuf_addf(&d, "null,\"topicId\":%lld",
				    (long long)t->topic_id);
			else {
				strbuf_add_json_str(&d, t->uid, strlen(t->uid));
				strbuf_addstr(&d, ",\"topicId\":null");
			}
			strbuf_addf(&d, ",\"messageId\":%lld,"
			    "\"messageContentId\":%lld,\"sendRecordId\":%lld,"
			    "\"code\":%d,\"status\":", (long long)t->rid,
			    (long long)req->msg.id, (long long)t->rid, t->code);
			strbuf_add_json_str(&d, t->text, strlen(t->text));
			strbuf_addch(&d, '}');
		}
		strbuf_addch(&d, ']');
		api_wx_reply(r, 1000, WX_OK_MSG, d.buf);
	}
	strbuf_release(&d);
	atomic_fetch_sub(&r->app->inflight, 1);
	http_req_unpark(r);
}

static int
content_type(const char *v)
{
	long n = v ? strtol(v, NULL, 10) : 1;

	return n == 2 ? TPL_HTML : n == 3 ? TPL_MARKDOWN : n == 1 ? TPL_TXT :
	    -1;
}

/*
 * Common checks and the submit: content, summary, url, content type.
 * Targets (s->t, s->users) are already resolved.
 */
static void
submit(struct http_req *r, struct wx_send *s, int64_t sender, int tpl)
{
	struct app *app = r->app;
	struct store_message *m = &s->req.msg;
	const char *content, *summary;
	size_t clen = 0, slen = 0;

	content = params_get(&s->p, "content", &clen);
	summary = params_get(&s->p, "summary", &slen);
	if (summary)
		strbuf_add(&s->summary, summary, slen);
	else
		render_preview(&s->summary, tpl, content, clen,
		    (size_t)app->conf.wx_summary_max - 1);
	m->sender_id = sender;
	m->title = (char *)(summary ? summary : "");
	m->content = (char *)content;
	m->content_len = clen;
	m->tpl = tpl;
	snprintf(m->channel, sizeof(m->channel), "wechat");
	m->webhook = m->callback_url = m->error = (char *)"";
	m->status = s->n_users ? ST_PENDING : ST_SENT;
	s->req.drv = channel_lookup("wechat");
	s->req.users = s->users;
	s->req.n_users = s->n_users;
	s->req.insert = send_insert;
	s->req.on_done = send_done;
	r->hstate = s;
	r->hstate_free = send_free;
	atomic_fetch_add(&app->inflight, 1);
	http_req_park(r);
	queue_submit(app->queue, &s->req);
}

/* Limits on content, summary and url; 0 or a reply already sent. */
static int
check_fields(struct http_req *r, struct wx_send *s)
{
	struct conf *c = &r->app->conf;
	const char *v;
	size_t len = 0;

	if ((v = params_get(&s->p, "content", &len)) == NULL)
		return fail(r, s, 1001, "内容不能为空 (content is empty)");
	if (utf8_chars(v, len) >= (size_t)c->wx_content_max) {
		snprintf(s->msg, sizeof(s->msg), "content长度须少于%d个字符 "
		    "(content too long)", c->wx_content_max);
		return fail(r, s, 1001, s->msg);
	}
	if ((v = params_get(&s->p, "summary", &len)) != NULL &&
	    utf8_chars(v, len) >= (size_t)c->wx_summary_max) {
		snprintf(s->msg, sizeof(s->msg), "summary长度须少于%d个字符 "
		    "(summary too long)", c->wx_summary_max);
		return fail(r, s, 1001, s->msg);
	}
	if ((s->url = params_get(&s->p, "url", &len)) != NULL &&
	    utf8_chars(s->url, len) > (size_t)c->wx_url_max) {
		snprintf(s->msg, sizeof(s->msg), "url长度不能超过%d个字符 "
		    "(url too long)", c->wx_url_max);
		return fail(r, s, 1001, s->msg);
	}
	return 0;
}

static struct wx_send *
send_new(struct http_req *r)
{
	struct wx_send *s = xcalloc(1, sizeof(*s));

	s->http = r;
	params_init(&s->p, LIM_PARAMS);
	strbuf_init(&s->summary, 4096);
	s->day = wx_day(clock_ms());
	return s;
}

void
api_wx_send(struct http_req *r)
{
	struct app *app = r->app;
	struct wx_send *s = send_new(r);
	struct store_wx_app wa;
	struct store *db = app_reader(app);
	const char *v;
	int64_t now = clock_ms();
	int tpl, is_get = strcmp(r->method, "GET") == 0;
	size_t i;

	if (wx_params(r, &s->p, !is_get) != 0 ||
	    wx_app_auth(r, &s->p, &wa) != 0)
		return send_free(s);
	s->app_id = wa.id;
	if (check_fields(r, s) != 0)
		return;
	if ((tpl = is_get ? TPL_TXT :
	    content_type(params_get(&s->p, "contentType", NULL))) < 0)
		return (void)fail(r, s, 1001, "contentType须为1、2或3 "
		    "(contentType must be 1, 2 or 3)");
	if ((v = params_get(&s->p, "verifyPayType", NULL)) != NULL)
		s->pay = atoi(v) == 1 ? WXPAY_PAID : atoi(v) == 2 ?
		    WXPAY_UNPAID : WXPAY_ANY;
	else if ((v = params_get(&s->p, "verifyPay", NULL)) != NULL &&
	    strcmp(v, "true") == 0)
		s->pay = WXPAY_PAID;
	if (parse_targets(s, app) != 0)
		return (void)fail(r, s, 1001, s->msg);
	for (i = 0; i < s->nt; i++) {
		if (s->t[i].topic_id)
			resolve_topic(s, app, db, &s->t[i], now);
		else
			resolve_uid(s, app, db, &s->t[i], now);
	}
	submit(r, s, wa.owner_id, tpl);
}

/*
 * SPT sends: each SPT is its owner's personal token; the message goes to
 * that person's inbox, one record per SPT, no app involved.
 */
static void
spt_send(struct http_req *r, struct wx_send *s, json_t *list)
{
	struct store *db = app_reader(r->app);
	struct store_user u;
	json_t *it;
	size_t i, k;

	if (check_fields(r, s) != 0)
		return json_decref(list);
	json_array_foreach(list, i, it) {
		struct wx_target *t;
		const char *spt = json_string_value(it);

		if (spt == NULL || strlen(spt) >= 40) {
			json_decref(list);
			return (void)fail(r, s, 1001, "spt格式不正确 (invalid "
			    "spt)");
		}
		for (k = 0; k < s->nt && strcmp(s->t[k].uid, spt) != 0; k++)
			;
		if (k < s->nt)
			continue;
		t = add_target(s);
		snprintf(t->uid, sizeof(t->uid), "%s", spt);
		if (store_sqlite.wx_user_by_spt(db, spt, &u) != 0) {
			t->code = 1001;
			t->text = "spt不正确 (unknown spt)";
			continue;
		}
		t->user_id = u.id;
		snprintf(t->uid, sizeof(t->uid), "%s", u.uid);
		if (!under_daily(r->app, db, u.id, s->day)) {
			t->code = 1001;
			t->text = "用户今日接收消息已达上限 (daily limit "
			    "reached)";
		} else {
			add_user(s, u.id, (size_t)(t - s->t));
		}
	}
	json_decref(list);
	if (s->nt == 0)
		return (void)fail(r, s, 1001, "spt不能为空 (no spt)");
	submit(r, s, 0, content_type(params_get(&s->p, "contentType",
	    NULL)) < 0 ? TPL_TXT : content_type(params_get(&s->p,
	    "contentType", NULL)));
}

void
api_wx_spt_get(struct http_req *r, const char *spt, const char *content)
{
	struct wx_send *s = send_new(r);
	json_t *list = json_array();

	if (wx_params(r, &s->p, 0) != 0) {
		json_decref(list);
		return send_free(s);
	}
	(void)params_set(&s->p, "content", 7, content, strlen(content));
	json_array_append_new(list, json_string(spt));
	spt_send(r, s, list);
}

void
api_wx_simple_push(struct http_req *r)
{
	struct wx_send *s = send_new(r);
	const char *one, *many;
	json_t *list = NULL;

	if (wx_params(r, &s->p, 1) != 0)
		return send_free(s);
	one = params_get(&s->p, "spt", NULL);
	many = params_get(&s->p, "sptList", NULL);
	if (many && ((list = json_loads(many, 0, NULL)) == NULL ||
	    !json_is_array(list))) {
		json_decref(list);
		return (void)fail(r, s, 1001, "sptList须为字符串数组 "
		    "(sptList must be an array of strings)");
	}
	if (list == NULL)
		list = json_array();
	if (one)
		json_array_insert_new(list, 0, json_string(one));
	if (json_array_size(list) > 10) {
		json_decref(list);
		return (void)fail(r, s, 1001, "sptList最多10个 (at most 10 "
		    "spts)");
	}
	spt_send(r, s, list);
}
