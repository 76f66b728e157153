/*
 * pp_form.c: everything under /push/api, the open APIs of pushplus's push form, push
 * doc and push sheet products (pushplus ecosystem docs, pushplus-today.md §2.13),
 * which the official SDKs call (open/form/list, open/doc/content, ...).
 *
 * feige has no form, doc or sheet product, and pushplus says a
 * compatible server may leave it out as long as it answers in the JSON
 * envelope, never with an HTML 404 page: every path and method under
 * /push/api answers HTTP 200 {"code":999,"msg":"…不支持…","data":null},
 * so an SDK reports a clear error instead of a parse failure.  Messages
 * with the form, doc and excel templates are still accepted on /send
 * (pp_push.c) and shown with a note (render/card_push.c).
 */
#include "api/api.h"
#include "http/http.h"

void
api_pp_push_api(struct http_req *r, const char *rest)
{
	(void)rest;
	api_pp_reply(r, 200, 999, "本服务器不支持推送表单、推送文档和推送表格的"
	    "开放接口 (the push form/doc/sheet open API is not supported: "
	    "this server has no form, doc or sheet product)", NULL);
}
