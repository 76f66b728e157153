/*
 * open_reply.c: the open API's envelopes (open_int.h): success with data,
 * errors with pushplus's codes, the page envelope of the list calls,
 * and the replies of parked ops after their commit.  Every open API
 * answer is HTTP 200 with {"code":N,"msg":"...","data":...}; only the
 * code says what happened (compat.md §4).
 */
#include <jansson.h>
#include <stdlib.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/openapi/open_int.h"
#include "util/errors.h"
#include "util/strbuf.h"

void
open_ok(struct open_req *o, const char *msg, const char *data_json)
{
	api_pp_reply(o->http, 200, 200, msg, data_json);
}

void
open_ok_str(struct open_req *o, const char *msg, const char *data)
{
	api_pp_reply_str(o->http, 200, msg, data);
}

void
open_err(struct open_req *o, int code, const char *msg)
{
	api_pp_reply(o->http, 200, code, msg, NULL);
}

void
open_store_err(struct open_req *o)
{
	open_err(o, 500, "系统异常，请稍后再试");
}

/* The page envelope around list_json (a JSON array). */
static void
page_reply(struct open_req *o, const char *msg,
    const struct open_page *pg, int64_t total, const char *list_json)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "{\"pageNum\":%d,\"pageSize\":%d,\"total\":%lld,"
	    "\"pages\":%lld,\"list\":", pg->current, pg->size,
	    (long long)total, (long long)open_page_count(total, pg->size));
	strbuf_addstr(&sb, list_json);
	strbuf_addch(&sb, '}');
	open_ok(o, msg, sb.buf);
	strbuf_release(&sb);
}

void
open_list_reply(struct open_req *o, const char *msg, struct open_list *l,
    int rc)
{
	char *text = NULL;

	if (rc == 0)
		text = json_dumps(l->items, JSON_COMPACT |
		    JSON_PRESERVE_ORDER);
	json_decref(l->items);
	if (rc != 0)
		return open_store_err(o);
	page_reply(o, msg, &l->pg, l->total, text ? text : "[]");
	free(text);
}

void
open_json_reply(struct open_req *o, const char *msg, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(j);
	open_ok(o, msg, text ? text : "null");
	free(text);
}

int
open_list_add(void *list, json_t *item)
{
	json_array_append_new(((struct open_list *)list)->items, item);
	return 0;
}

int
open_found(struct open_req *o, int rc, const char *msg)
{
	if (rc == FG_ENOENT)
		open_err(o, 999, msg);
	else if (rc != 0)
		open_store_err(o);
	return rc == 0 ? 0 : -1;
}

void
open_op_ok(struct api_op *o, const char *msg, const char *data_json)
{
	api_pp_reply(o->http, 200, 200, msg, data_json);
}

void
open_op_err(struct api_op *o, int code, const char *msg)
{
	api_pp_reply(o->http, 200, code, msg, NULL);
}
