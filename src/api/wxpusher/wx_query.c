/*
 * wx_query.c: WxPusher status, delete, followers and parametric QR codes
 * (compat.md §5):
 *   GET    /api/send/query/status?sendRecordId=    data: integer status
 *   GET    /api/send/query/{messageId}             the same (legacy)
 *   DELETE /api/send/message?messageContentId=&appToken=   data: true
 *   GET    /api/fun/wxuser, /api/fun/wxuser/v2     followers, paged
 *   DELETE /api/fun/remove?appToken=&id=           "删除成功"
 *   PUT    /api/fun/reject?appToken=&id=&reject=   "删除成功" (sic)
 *   POST   /api/fun/create/qrcode                  {expires,code,...}
 *   GET    /api/fun/scan-qrcode-uid?code=          last scanner's UID
 *
 * Reads use this thread's store reader; writes go through the writer
 * as parked wx_ops calling ops/follow.h and ops/wx_message.h, so every
 * reply follows the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/push.h"
#include "api/api.h"
#include "api/ctx.h"
#include "api/wxpusher/wx_int.h"
#include "util/errors.h"
#include "http/http.h"
#include "ops/follow.h"
#include "ops/wx_message.h"
#include "util/ids.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"
#include "store/readers.h"

#define NOT_FOUND	"消息不存在或已过期"
/* Pages past this are refused: (page - 1) * pageSize stays far in range. */
#define PAGE_MAX	1000000000LL

static void
status_reply(struct http_req *r, long long id)
{
	struct store_wx_record rec;
	struct store *db = store_reader();
	int64_t keep = (int64_t)api_ctx(r)->conf->wx_retention_days * 86400000LL;
	char data[16];

	if (id <= 0 || db == NULL ||
	    spool_wx_record_get(db, id, &rec) != 0 ||
	    rec.created_ms + keep < clock_ms())
		return wx_refuse(r, 1001, NOT_FOUND, "send record not found");
	snprintf(data, sizeof(data), "%d", rec.status);
	api_wx_reply(r, 1000, rec.code != 1000 ? rec.text :
	    wx_status_text(rec.status), data);
}

void
api_wx_status(struct http_req *r, const char *legacy_id)
{
	struct params p;
	char *end;
	long long id = -1;

	params_init(&p, LIM_PARAMS);
	if (legacy_id) {
		id = strtoll(legacy_id, &end, 10);
		if (*end)
			id = -1;
	} else if (wx_params(r, &p, 0) != 0) {
		params_release(&p);
		return;
	} else {
		id = wx_param_id(&p, "sendRecordId");
	}
	params_release(&p);
	status_reply(r, id);
}

/* ---- writes: delete, remove, reject ---------------------------------- */

struct id_op {
	struct api_op	 o;
	int		 kind;		/* 0 delete, 1 remove, 2 reject */
	int64_t		 id;
	int64_t		 app_id;
	int		 reject;
	struct ops_recall recall;	/* delete: who to tell */
};

static int
id_apply(struct api_op *o, struct store *s)
{
	struct id_op *op = (struct id_op *)o;
	struct ops_follow_ref ref = { op->id, op->app_id, 0 };

	if (op->kind == 0)
		return ops_wx_message_delete(s, op->id, op->app_id,
		    &op->recall, NULL);
	if (op->kind == 1)
		return ops_follow_remove(s, &ref, NULL);
	return ops_follow_reject(s, &ref, op->reject, NULL);
}

static void
id_reply(struct api_op *o, int rc)
{
	struct id_op *op = (struct id_op *)o;

	if (rc != 0)
		wx_refuse(o->http, rc == FG_ENOENT ? 1001 : 1005, rc ==
		    FG_ENOENT ? "记录不存在" : "系统异常", rc == FG_ENOENT ?
		    "not found" : "store error");
	else if (op->kind != 0)
		api_wx_reply(o->http, 1000, WX_OK_MSG, "\"删除成功\"");
	else {
		ops_recall_publish(api_ctx(o->http)->hub, &op->recall);
		if (op->recall.pushes)
			push_kick(api_ctx(o->http)->pushes);
		api_wx_reply(o->http, 1000, WX_OK_MSG, "true");
	}
}

static void
id_release(struct api_op *o)
{
	ops_recall_release(&((struct id_op *)o)->recall);
}

static void
submit_id(struct http_req *r, int kind, int64_t id, int64_t app,
    int reject)
{
	struct id_op *op = xcalloc(1, sizeof(*op));

	op->o.apply = id_apply;
	op->o.reply = id_reply;
	op->o.release = id_release;
	op->kind = kind;
	op->id = id;
	op->app_id = app;
	op->reject = reject;
	api_op_submit(r, &op->o);
}

void
api_wx_delete(struct http_req *r)
{
	struct params p;
	struct store_wx_app app;
	struct store_wx_msg m;
	long long id;

	params_init(&p, LIM_PARAMS);
	if (wx_params(r, &p, 1) != 0 || wx_app_auth(r, &p, &app) != 0)
		goto out;
	id = wx_param_id(&p, "messageContentId");
	if (id <= 0 || spool_wx_message_get(store_reader(), id,
	    &m) != 0 || m.app_id != app.id || m.deleted)
		wx_refuse(r, 1001, "消息不存在或不属于该应用",
		    "message not found in this app");
	else
		submit_id(r, 0, id, app.id, 0);
out:
	params_release(&p);
}

/* The follow `id` of this app; replies and returns -1 when not. */
static int
own_follow(struct http_req *r, const struct params *p,
    const struct store_wx_app *app, struct store_wx_follow *f)
{
	long long id = wx_param_id(p, "id");

	if (id > 0 && dir_wx_follow_get(store_reader(), id,
	    f) == 0 && f->app_id == app->id)
		return 0;
	wx_refuse(r, 1001, "用户不存在", "no such follower of this app");
	return -1;
}

void
api_wx_remove(struct http_req *r)
{
	struct params p;
	struct store_wx_app app;
	struct store_wx_follow f;

	params_init(&p, LIM_PARAMS);
	if (wx_params(r, &p, 1) == 0 && wx_app_auth(r, &p, &app) == 0 &&
	    own_follow(r, &p, &app, &f) == 0)
		submit_id(r, 1, f.id, app.id, 0);
	params_release(&p);
}

void
api_wx_reject(struct http_req *r)
{
	struct params p;
	struct store_wx_app app;
	struct store_wx_follow f;
	const char *v;

	params_init(&p, LIM_PARAMS);
	if (wx_params(r, &p, 1) != 0 || wx_app_auth(r, &p, &app) != 0 ||
	    own_follow(r, &p, &app, &f) != 0)
		goto out;
	v = params_get(&p, "reject", NULL);
	if (v == NULL || (strcmp(v, "true") != 0 && strcmp(v, "false") != 0))
		wx_refuse(r, 1001, "reject须为true或false",
		    "reject must be true or false");
	else
		submit_id(r, 2, f.id, app.id, strcmp(v, "true") == 0);
out:
	params_release(&p);
}

/* ---- followers --------------------------------------------------------- */

struct users_ctx {
	struct strbuf	*sb;
	int		 v2;
	int		 n;
};

static int
user_row(void *arg, const struct store_wx_follow *f)
{
	struct users_ctx *c = arg;
	struct strbuf *sb = c->sb;

	if (c->n++)
		strbuf_addch(sb, ',');
	if (!c->v2) {
		strbuf_addf(sb, "{\"createTime\":%lld,\"enable\":%s,"
		    "\"headImg\":\"\",\"nickName\":\"\",\"uid\":\"%s\"}",
		    (long long)f->created_ms, f->reject ? "false" : "true",
		    f->uid);
		return 0;
	}
	strbuf_addf(sb, "{\"uid\":\"%s\",\"appOrTopicId\":%lld,\"headImg\":\"\","
	    "\"createTime\":%lld,\"nickName\":\"\",\"reject\":%s,\"id\":%lld,"
	    "\"type\":%d,\"target\":", f->uid, (long long)(f->topic_id ?
	    f->topic_id : f->app_id), (long long)f->created_ms, f->reject ?
	    "true" : "false", (long long)f->id, f->topic_id ? 1 : 0);
	strbuf_add_json_str(sb, f->target, strlen(f->target));
	strbuf_addf(sb, ",\"payEndTime\":%lld}", (long long)f->pay_end_ms);
	return 0;
}

/* A number above every range (not below it, nor garbage). */
static int
users_big(const char *v)
{
	char *end;

	return strtoll(v, &end, 10) > 0 && *end == '\0';
}

void
api_wx_users(struct http_req *r, int v2)
{
	struct params p;
	struct store_wx_app app;
	struct store_wx_follow_filter fl = { 0, 0, -1, -1, 0, 0 };
	struct store_user u;
	struct strbuf sb = STRBUF_INIT, d = STRBUF_INIT;
	struct users_ctx c = { &sb, v2, 0 };
	struct store *db = store_reader();
	const char *v;
	long long page = 1, size = v2 ? 20 : 50, type = -1;
	int64_t total = 0;

	params_init(&p, LIM_PARAMS);
	if (wx_params(r, &p, 0) != 0 || wx_app_auth(r, &p, &app) != 0)
		goto out;
	/*
	 * page below 1 (or not a number) reads page 1, pageSize below 1
	 * the default, as before; a page past PAGE_MAX is refused.  v1
	 * clamps pageSize to 100, v2 refuses more ("不能超过100").
	 */
	if (wx_param_num(&p, "page", 1, PAGE_MAX, &page) < 0 &&
	    users_big(params_get(&p, "page", NULL))) {
		wx_refuse(r, 1001, "page超出范围", "page too large");
		goto out;
	}
	if (wx_param_num(&p, "pageSize", 1, 100, &size) < 0 &&
	    users_big(params_get(&p, "pageSize", NULL))) {
		if (v2) {
			wx_refuse(r, 1001, "pageSize不能超过100",
			    "pageSize must not exceed 100");
			goto out;
		}
		size = 100;
	}
	if (v2 && wx_param_num(&p, "type", 0, 1, &type) < 0) {
		wx_refuse(r, 1001, "type须为0（应用）或1（主题）",
		    "type must be 0 (app) or 1 (topic)");
		goto out;
	}
	fl.app_id = app.id;
	fl.limit = (int)size;
	fl.offset = (page - 1) * size;
	if (!v2)
		fl.type = 0;
	if ((v = params_get(&p, "uid", NULL)) != NULL) {
		if (dir_user_get(db, "uid", v, &u) != 0)
			fl.user_id = -1;	/* nobody */
		else
			fl.user_id = u.id;
	}
	if (v2 && (v = params_get(&p, "isBlock", NULL)) != NULL)
		fl.reject = strcmp(v, "true") == 0;
	if (type >= 0)
		fl.type = (int)type;
	if (fl.user_id < 0 || dir_wx_follow_list(db, &fl, &total,
	    user_row, &c) != 0)
		total = 0;
	strbuf_addf(&d, "{\"total\":%lld,\"page\":%lld,\"pageSize\":%lld,"
	    "\"records\":[%s]}", (long long)total, page, size, sb.buf);
	api_wx_reply(r, 1000, WX_OK_MSG, d.buf);
out:
	strbuf_release(&sb);
	strbuf_release(&d);
	params_release(&p);
}
