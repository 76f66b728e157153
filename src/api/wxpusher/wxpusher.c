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
 * commit through send_request.insert (ops/wx_message.c); inbox
 * deliveries complete inline.
 * The reply (one record per target, uids first, then topics, in request
 * order, duplicates collapsed) is sent after the commit.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/wxpusher/wx_int.h"
#include "api/wxpusher/wx_send.h"
#include "channel/channel.h"
#include "util/errors.h"
#include "http/http.h"
#include "queue/queue.h"
#include "ops/wx_message.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/params.h"
#include "util/xmalloc.h"
#include "store/readers.h"

void
wx_send_free(void *arg)
{
	struct wx_send *s = arg;

	params_release(&s->p);
	free(s->t);
	free(s->users);
	free(s->user_t);
	free(s->seen);
	strbuf_release(&s->summary);
	free(s);
}

int
wx_fail(struct http_req *r, struct wx_send *s, int code, const char *msg,
    const char *why)
{
	wx_refuse(r, code, msg, why);
	wx_send_free(s);
	return -1;
}

/*
 * In the writer's transaction: the send's rows (ops_wx_send_rows), with
 * one record per target in request order.
 */
static int
send_insert(struct send_request *req, struct store *db,
    int64_t *dids)
{
	struct wx_send *s = (struct wx_send *)req;
	struct ops_wx_send in;
	size_t i;
	int rc;

	memset(&in, 0, sizeof(in));
	in.msg = &req->msg;
	in.channel = req->drv->name;
	in.app_id = s->app_id;
	in.summary = s->summary.buf;
	in.url = s->url;
	in.rec = xcalloc(s->nt, sizeof(*in.rec));
	in.n_rec = s->nt;
	in.users = s->users;
	in.user_rec = s->user_t;
	in.n_users = s->n_users;
	in.day = s->day;
	for (i = 0; i < s->nt; i++) {
		in.rec[i].user_id = s->t[i].topic_id ? 0 : s->t[i].user_id;
		in.rec[i].topic_id = s->t[i].topic_id;
		in.rec[i].code = s->t[i].code;
		snprintf(in.rec[i].text, sizeof(in.rec[i].text), "%s",
		    s->t[i].text);
	}
	rc = ops_wx_send_rows(db, &in, dids, NULL);
	for (i = 0; rc == 0 && i < s->nt; i++)
		s->t[i].rid = in.rec[i].id;
	free(in.rec);
	return rc;
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
		wx_refuse(r, 1005, "系统异常，请稍后再试", "store error");
	} else {
		strbuf_addch(&d, '[');
		for (i = 0; i < s->nt; i++) {
			const struct wx_target *t = &s->t[i];

			strbuf_addstr(&d, i ? ",{\"uid\":" : "{\"uid\":");
			if (t->topic_id) {
				strbuf_addstr(&d, "null,\"topicId\":");
				strbuf_add_int(&d, t->topic_id);
			} else {
				strbuf_add_json_str(&d, t->uid, strlen(t->uid));
				strbuf_addstr(&d, ",\"topicId\":null");
			}
			strbuf_addstr(&d, ",\"messageId\":");
			strbuf_add_int(&d, t->rid);
			strbuf_addstr(&d, ",\"messageContentId\":");
			strbuf_add_int(&d, req->msg.id);
			strbuf_addstr(&d, ",\"sendRecordId\":");
			strbuf_add_int(&d, t->rid);
			strbuf_addstr(&d, ",\"code\":");
			strbuf_add_int(&d, t->code);
			strbuf_addstr(&d, ",\"status\":");
			strbuf_add_json_str(&d, t->text, strlen(t->text));
			strbuf_addch(&d, '}');
		}
		strbuf_addch(&d, ']');
		api_wx_reply(r, 1000, WX_OK_MSG, d.buf);
	}
	strbuf_release(&d);
	api_unpark(r);
}

int
wx_content_type(const char *v)
{
	if (v == NULL || strcmp(v, "1") == 0)
		return TPL_TXT;
	if (strcmp(v, "2") == 0)
		return TPL_HTML;
	return strcmp(v, "3") == 0 ? TPL_MARKDOWN : -1;
}

/*
 * Common checks and the submit: content, summary, url, content type.
 * Targets (s->t, s->users) are already resolved.
 */
void
wx_submit(struct http_req *r, struct wx_send *s, int64_t sender, int tpl)
{
	struct api_ctx *app = api_ctx(r);
	struct message *m = &s->req.msg;
	const char *content, *summary;
	size_t clen = 0, slen = 0;

	content = params_get(&s->p, "content", &clen);
	summary = params_get(&s->p, "summary", &slen);
	if (summary)
		strbuf_add(&s->summary, summary, slen);
	else
		render_preview(&s->summary, tpl, content, clen,
		    (size_t)app->conf->wx_summary_max - 1);
	m->sender_id = sender;
	m->title = (char *)(summary ? summary : "");
	m->content = (char *)content;
	m->content_len = clen;
	m->tpl = tpl;
	snprintf(m->channel, sizeof(m->channel), "wechat");
	m->webhook = m->callback_url = m->error = (char *)"";
	m->status = s->n_users ? MSG_PENDING : MSG_SENT;
	s->req.drv = channel_lookup("wechat");
	s->req.users = s->users;
	s->req.n_users = s->n_users;
	s->req.insert = send_insert;
	s->req.on_done = send_done;
	api_park(r, s, wx_send_free);
	queue_submit(app->queue, &s->req);
}

/*
 * A scheme is case-insensitive (RFC 3986 3.1): "HTTPS://" is https, so
 * the url is kept with its scheme in lower case and gets the message
 * page's "查看原文" link like any http(s) url.
 */
static void
url_scheme_lower(struct wx_send *s)
{
	size_t len = 0, i;
	const char *u = params_get(&s->p, "url", &len);
	char *c;

	if (u == NULL || (strncasecmp(u, "http://", 7) != 0 &&
	    strncasecmp(u, "https://", 8) != 0))
		return;
	c = xmalloc(len + 1);
	memcpy(c, u, len + 1);
	for (i = 0; c[i] != ':'; i++)
		c[i] = (char)tolower((unsigned char)c[i]);
	(void)params_set(&s->p, "url", 3, c, len);	/* a replace */
	free(c);
	s->url = params_get(&s->p, "url", NULL);
}

/* Limits on content, summary and url; 0 or a reply already sent. */
int
wx_check_fields(struct http_req *r, struct wx_send *s)
{
	const struct conf *c = api_ctx(r)->conf;
	const char *v;
	size_t len = 0;

	if ((v = params_get(&s->p, "content", &len)) == NULL)
		return wx_fail(r, s, 1001, "内容不能为空", "content is empty");
	if (utf8_chars(v, len) >= (size_t)c->wx_content_max) {
		snprintf(s->msg, sizeof(s->msg), "content长度须少于%d个字符",
		    c->wx_content_max);
		return wx_fail(r, s, 1001, s->msg, "content too long");
	}
	if ((v = params_get(&s->p, "summary", &len)) != NULL &&
	    utf8_chars(v, len) >= (size_t)c->wx_summary_max) {
		snprintf(s->msg, sizeof(s->msg), "summary长度须少于%d个字符",
		    c->wx_summary_max);
		return wx_fail(r, s, 1001, s->msg, "summary too long");
	}
	if ((s->url = params_get(&s->p, "url", &len)) != NULL &&
	    utf8_chars(s->url, len) > (size_t)c->wx_url_max) {
		snprintf(s->msg, sizeof(s->msg), "url长度不能超过%d个字符",
		    c->wx_url_max);
		return wx_fail(r, s, 1001, s->msg, "url too long");
	}
	url_scheme_lower(s);
	return 0;
}

struct wx_send *
wx_send_new(struct http_req *r)
{
	struct wx_send *s = xcalloc(1, sizeof(*s));

	s->http = r;
	params_init(&s->p, LIM_PARAMS);
	strbuf_init(&s->summary, 4096);
	s->day = ops_wx_day(clock_ms());
	s->app_pay = -1;
	return s;
}

void
api_wx_send(struct http_req *r)
{
	struct api_ctx *app = api_ctx(r);
	struct wx_send *s = wx_send_new(r);
	struct store_wx_app wa;
	struct store *db = store_reader();
	const char *v;
	int64_t now = clock_ms();
	long long vpt = 0;
	int tpl, is_get = strcmp(r->method, "GET") == 0;
	size_t i, nu;

	if (wx_params(r, &s->p, !is_get) != 0 ||
	    wx_app_auth(r, &s->p, &wa) != 0)
		return wx_send_free(s);
	s->app_id = wa.id;
	if (wx_check_fields(r, s) != 0)
		return;
	if ((tpl = is_get ? TPL_TXT :
	    wx_content_type(params_get(&s->p, "contentType", NULL))) < 0)
		return (void)wx_fail(r, s, 1001, WX_CT_MSG,
		    "contentType must be 1, 2 or 3");
	if (params_get(&s->p, "verifyPayType", NULL) != NULL) {
		(void)wx_param_num(&s->p, "verifyPayType", 0, 2, &vpt);
		s->pay = vpt == 1 ? WXPAY_PAID : vpt == 2 ? WXPAY_UNPAID :
		    WXPAY_ANY;
	} else if ((v = params_get(&s->p, "verifyPay", NULL)) != NULL &&
	    strcmp(v, "true") == 0)
		s->pay = WXPAY_PAID;
	if (wx_parse_targets(s, app) != 0)
		return (void)wx_fail(r, s, 1001, s->msg, "bad targets");
	for (nu = 0; nu < s->nt && s->t[nu].topic_id == 0; nu++)
		;
	wx_resolve_uids(s, app, db, nu, now);
	for (i = nu; i < s->nt; i++)
		wx_resolve_topic(s, app, db, &s->t[i], now);
	wx_submit(r, s, wa.owner_id, tpl);
}
