/*
 * wx_spt.c: SPT sends (WxPusher's later "simple push"):
 *   GET  /api/send/message/{SPT}/{content}
 *   POST /api/send/message/simple-push {content, ..., spt | sptList (<= 10)}
 * Each SPT is its owner's personal token; the message goes to the
 * owners' inboxes, one record per SPT (uid = the owner's UID, or the SPT
 * itself with code 1001 when unknown), no app involved.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/wxpusher/wx_int.h"
#include "api/wxpusher/wx_send.h"
#include "channel/channel.h"
#include "util/errors.h"
#include "http/http.h"
#include "queue/queue.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/params.h"
#include "util/xmalloc.h"
#include "store/readers.h"

/*
 * SPT sends: each SPT is its owner's personal token; the message goes to
 * that person's inbox, one record per SPT, no app involved.  A bad
 * contentType is 1001 for simple-push, as for the app send; the GET
 * form (strict 0) keeps reading it as text.
 */
static void
spt_send(struct http_req *r, struct wx_send *s, json_t *list, int strict)
{
	struct store *db = store_reader();
	struct store_user u;
	json_t *it;
	size_t i, k;
	int tpl;

	if (wx_check_fields(r, s) != 0)
		return json_decref(list);
	tpl = wx_content_type(params_get(&s->p, "contentType", NULL));
	if (tpl < 0 && strict) {
		json_decref(list);
		return (void)wx_fail(r, s, 1001, WX_CT_MSG,
		    "contentType must be 1, 2 or 3");
	}
	if (tpl < 0)
		tpl = TPL_TXT;
	json_array_foreach(list, i, it) {
		struct wx_target *t;
		const char *spt = json_string_value(it);

		if (spt == NULL || strlen(spt) >= 40) {
			json_decref(list);
			return (void)wx_fail(r, s, 1001, "spt格式不正确",
			    "invalid spt");
		}
		for (k = 0; k < s->nt && strcmp(s->t[k].uid, spt) != 0; k++)
			;
		if (k < s->nt)
			continue;
		t = wx_add_target(s);
		snprintf(t->uid, sizeof(t->uid), "%s", spt);
		if (dir_wx_user_by_spt(db, spt, &u) != 0) {
			t->code = 1001;
			t->text = "spt不正确";
			continue;
		}
		t->user_id = u.id;
		snprintf(t->uid, sizeof(t->uid), "%s", u.uid);
		if (!wx_under_daily(api_ctx(r), db, &u, s->day)) {
			t->code = 1001;
			t->text = "用户今日接收消息已达上限";
		} else {
			wx_add_user(s, u.id, (size_t)(t - s->t));
		}
	}
	json_decref(list);
	if (s->nt == 0)
		return (void)wx_fail(r, s, 1001, "spt不能为空", "no spt");
	wx_submit(r, s, 0, tpl);
}

void
api_wx_spt_get(struct http_req *r, const char *spt, const char *content)
{
	struct wx_send *s = wx_send_new(r);
	json_t *list = json_array();

	if (wx_params(r, &s->p, 0) != 0) {
		json_decref(list);
		return wx_send_free(s);
	}
	(void)params_set(&s->p, "content", 7, content, strlen(content));
	json_array_append_new(list, json_string(spt));
	spt_send(r, s, list, 0);
}

void
api_wx_simple_push(struct http_req *r)
{
	struct wx_send *s = wx_send_new(r);
	const char *one, *many;
	json_t *list = NULL;

	if (wx_params(r, &s->p, 1) != 0)
		return wx_send_free(s);
	one = params_get(&s->p, "spt", NULL);
	many = params_get(&s->p, "sptList", NULL);
	if (many && ((list = json_loads(many, 0, NULL)) == NULL ||
	    !json_is_array(list))) {
		json_decref(list);
		return (void)wx_fail(r, s, 1001, "sptList须为字符串数组",
		    "sptList must be an array of strings");
	}
	if (list == NULL)
		list = json_array();
	if (one)
		json_array_insert_new(list, 0, json_string(one));
	if (json_array_size(list) > 10) {
		json_decref(list);
		return (void)wx_fail(r, s, 1001, "sptList最多10个",
		    "at most 10 spts");
	}
	spt_send(r, s, list, 1);
}
