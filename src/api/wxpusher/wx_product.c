/*
 * wx_product.c: WxPusher's authorisation query of message products,
 *   GET /api/product/query-pay-end-time?uid={uid}&prodId={prodId}
 * from WxPusher's later document ("授权查询"; not in the 2022 one):
 *
 *   {"code":1000,"msg":"处理成功","data":[
 *    {"resourceType":1,"resourceID":123,"payEndTime":1737560859272}],
 *    "success":true}
 *
 * A product sells a resource: an app (resourceType 1, one-to-one sends
 * by uid) or a topic (2, its group sends); the answer is the person's
 * paid-until time on it.  WxPusher returns an array because a product
 * could bind several resources; a feige product binds exactly one (its
 * app, or one topic of it), so the array has one element.  payEndTime
 * is what `feige pay grant` stored on the person's follow (ms since the
 * epoch, possibly past: expired), 0 when the person never paid or does
 * not follow the resource, as in the follower list's payEndTime.
 *
 * The document names no appToken for this query and feige asks none:
 * it is read-only and reveals what the follower list shows its app.
 */
#include <stdio.h>

#include "api/api.h"
#include "api/wxpusher/wx_int.h"
#include "http/http.h"
#include "util/errors.h"
#include "util/params.h"
#include "store/readers.h"

void
api_wx_pay_end_time(struct http_req *r)
{
	struct params p;
	struct store *db = store_reader();
	struct store_user u;
	struct store_wx_product pr;
	struct store_wx_follow f;
	const char *uid;
	char data[128];
	long long id;
	int64_t end = 0;
	int rc;

	params_init(&p, LIM_PARAMS);
	if (wx_params(r, &p, 0) != 0)
		goto out;
	if (db == NULL) {
		wx_refuse(r, 1005, "系统异常", "no store reader");
		goto out;
	}
	if ((id = wx_param_id(&p, "prodId")) <= 0 ||
	    (rc = dir_wx_product_get(db, id, &pr)) == FG_ENOENT) {
		wx_refuse(r, 1001, "产品不存在", "no such product");
		goto out;
	}
	if (rc != 0) {
		wx_refuse(r, 1005, "系统异常", "store error (product)");
		goto out;
	}
	if ((uid = params_get(&p, "uid", NULL)) == NULL ||
	    (rc = dir_user_get(db, "uid", uid, &u)) == FG_ENOENT) {
		wx_refuse(r, 1001, "用户不存在", "no such uid");
		goto out;
	}
	if (rc != 0 || ((rc = dir_wx_follow_find(db, u.id, pr.app_id,
	    pr.topic_id, &f)) != 0 && rc != FG_ENOENT)) {
		wx_refuse(r, 1005, "系统异常", "store error (follow)");
		goto out;
	}
	if (rc == 0)
		end = f.pay_end_ms;
	snprintf(data, sizeof(data), "[{\"resourceType\":%d,\"resourceID\":"
	    "%lld,\"payEndTime\":%lld}]", pr.topic_id ? 2 : 1,
	    (long long)(pr.topic_id ? pr.topic_id : pr.app_id),
	    (long long)end);
	api_wx_reply(r, 1000, WX_OK_MSG, data);
out:
	params_release(&p);
}
