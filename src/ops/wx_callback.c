/*
 * wx_callback.c: WxPusher callback bodies queued in the outbox
 * (wx_callback.h).
 *
 * Bodies are built with jansson and dumped in insertion order, so the
 * keys come out exactly in the documented order (compat.md §5): naive
 * receivers compare strings.  userName and userHeadImg are always ""
 * (WeChat stopped giving them out; feige never had them).  The time
 * fields are the moment of the write, read from the clock here, so
 * every caller sends the same shape.
 */
#include <jansson.h>
#include <stdlib.h>

#include "ops/outbox.h"
#include "ops/wx_callback.h"
#include "util/ids.h"
#include "util/strbuf.h"

/*
 * Queue body (consumed) for the app's callback URL; an app without one
 * gets nothing (0).  Sets *queued on success.
 */
static int
queue_body(struct store *s, const struct store_wx_app *app, json_t *body,
    int *queued, struct strbuf *err)
{
	int rc;

	if (*app->callback_url == '\0') {
		json_decref(body);
		return 0;
	}
	rc = ops_outbox_add(s, app->callback_url, body, err);

	if (rc == 0 && queued)
		*queued = 1;
	return rc;
}

int
ops_wx_callback_subscribe(struct store *s, const struct ops_wx_subscribe *in,
    int *queued, struct strbuf *err)
{
	const struct store_wx_app *app = in->app;

	return queue_body(s, app, json_pack("{s:s,s:{s:I,"
	    "s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s}}", "action", "app_subscribe",
	    "data", "appId", (json_int_t)app->id, "appKey", app->app_key,
	    "appName", app->name, "source", in->source, "userName", "",
	    "userHeadImg", "", "time", (json_int_t)clock_ms(), "uid", in->uid,
	    "extra", in->extra ? in->extra : ""), queued, err);
}

int
ops_wx_callback_upcmd(struct store *s, const struct ops_wx_upcmd *in,
    int *queued, struct strbuf *err)
{
	const struct store_wx_app *app = in->app;

	return queue_body(s, app, json_pack("{s:s,s:{s:s,"
	    "s:I,s:n,s:s,s:s,s:s,s:I,s:s}}", "action", "send_up_cmd", "data",
	    "uid", in->uid, "appId", (json_int_t)app->id, "appKey", "appName",
	    app->name, "userName", "", "userHeadImg", "", "time",
	    (json_int_t)clock_ms(), "content", in->content), queued, err);
}

int
ops_wx_callback_order_pay(struct store *s, const struct ops_wx_order_pay *in,
    int *queued, struct strbuf *err)
{
	const struct store_wx_app *app = in->app;

	return queue_body(s, app, json_pack("{s:s,s:{s:I,"
	    "s:i,s:I,s:I,s:I,s:s,s:i,s:s}}", "action", "order_pay", "data",
	    "addTime", (json_int_t)in->add_ms, "amount", in->amount_fen,
	    "appId", (json_int_t)app->id, "createTime",
	    (json_int_t)clock_ms(), "prodId", (json_int_t)in->prod_id,
	    "tradeNo", in->trade_no, "type", in->add_ms < 0 ? 2 : 1, "uid",
	    in->uid), queued, err);
}
