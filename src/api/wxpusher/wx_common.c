/*
 * wx_common.c: helpers shared by the WxPusher adapter (wx_int.h):
 * parameter intake in the WxPusher envelope, appToken authentication,
 * status texts and live publishing.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/wxpusher/wx_int.h"
#include "util/errors.h"
#include "core/limits.h"
#include "http/http.h"
#include "queue/queue.h"
#include "stream/hub.h"
#include "util/log.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "store/readers.h"

void
wx_refuse(struct http_req *r, int code, const char *msg, const char *why)
{
	char q[LOG_VALUE_MAX];

	log_info("msg=\"wxpusher refused\" code=%d why=\"%s\"", code,
	    log_quote(q, sizeof(q), why ? why : msg));
	api_wx_reply(r, code, msg, NULL);
}

int
wx_params(struct http_req *r, struct params *p, int body)
{
	int rc;

	if (intake_query(r, p) != 0) {
		wx_refuse(r, 1001, "参数过多", "too many parameters");
		return -1;
	}
	if (!body)
		return 0;
	if (r->body_too_big) {
		wx_refuse(r, 1001, "请求体过大", "request body too large");
		return -1;
	}
	if ((rc = intake_body(r, p, NULL)) != 0) {
		if (rc == FG_ETOOBIG)
			wx_refuse(r, 1001, "参数过多", "too many parameters");
		else
			wx_refuse(r, 1005, "请求数据格式错误",
			    "malformed JSON body");
		return -1;
	}
	return 0;
}

int
wx_app_auth(struct http_req *r, const struct params *p,
    struct store_wx_app *app)
{
	const char *tok = params_get(p, "appToken", NULL);
	struct store *db = store_reader();

	if (tok && strlen(tok) < 64 && db &&
	    dir_wx_app_by_token(db, tok, app) == 0)
		return 0;
	wx_refuse(r, 1001, "appToken不正确", NULL);
	return -1;
}

long long
wx_param_id(const struct params *p, const char *key)
{
	long long n;

	return params_int(params_get(p, key, NULL), 1, LLONG_MAX, &n) == 0 ?
	    n : -1;
}

int
wx_param_num(const struct params *p, const char *key, long long lo,
    long long hi, long long *out)
{
	int rc = params_int(params_get(p, key, NULL), lo, hi, out);

	return rc == FG_ENOENT ? 0 : rc == 0 ? 1 : -1;
}

const char *
wx_status_text(int status)
{
	switch (status) {
	case WXR_PENDING:
		return "等待发送";
	case WXR_SENT:
		return "发送成功";
	default:
		return "发送失败";
	}
}

void
wx_publish(struct api_ctx *app, int64_t user, int64_t inbox_id,
    const struct message *m)
{
	struct hub_event ev = { HUB_EVENT_MESSAGE, inbox_id, user, m };

	if (app->hub == NULL || hub_count(app->hub) == 0 || inbox_id == 0)
		return;
	hub_publish(app->hub, &ev);
}
