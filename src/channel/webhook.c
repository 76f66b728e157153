/*
 * webhook.c: the `webhook` channel (pushplus channel=webhook): POST the
 * message to the URL of one of the sender's webhook configs, shaped for
 * the config's type (webhook_int.h, one file per service), and turn the
 * reply into an outcome.
 *
 * The config is the one the send was accepted with (the worker loads it
 * by id, CHANNEL_CAP_NEEDS_CONFIG).  URLs are user-supplied, so requests
 * go through the address guard (http.c).  Type 5, the generic JSON
 * webhook, lives here: {"title","content","template","shortCode"} with
 * the content as sent; any 2xx is success.  Its body is shared with the
 * flow services that take any JSON (wh_qinglian.c, wh_jijyun.c).
 *
 * types[] is the one list of the pushplus webhookType enum: the name of
 * each type (webhookTypeName), its driver, and why a type without one
 * is refused.  channel_webhook_type_ok() reads it for webhook/add,
 * webhook/edit and `feige webhook add`, so a config of a type this file
 * cannot send is refused when it is made.
 *
 * The driver has the loop form (channel.h build/judge): the worker
 * builds the request, the outbound loop (xloop.c) runs it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/webhook.h"
#include "channel/webhook_int.h"
#include "util/errors.h"
#include "render/render.h"

/*
 * The pushplus webhookType enum (open API V1.17), with the name pushplus
 * gives each type (webhookTypeName) and the driver that delivers it;
 * NULL with a note for a type refused in favour of another road.  5 is
 * feige's own generic JSON webhook, not a pushplus number.  name_en is
 * the name the console's English view shows (the APIs keep pushplus's).
 */
static const struct webhook_row {
	int				 id;
	const char			*name;
	const char *name_en;
	const struct webhook_type	*wt;
	const char			*note;
} types[] = {
	{ 1, "企业微信机器人", "WeCom bot", &webhook_wecom, NULL },
	{ 2, "钉钉机器人", "DingTalk bot", &webhook_dingtalk, NULL },
	{ 3, "飞书机器人", "Feishu (Lark) bot", &webhook_feishu, NULL },
	{ 4, "Server酱", "ServerChan", &webhook_serverchan, NULL },
	{ 5, "通用JSON", "Generic JSON", &webhook_json, NULL },
	{ 6, "企业微信应用", "WeCom app", NULL,
	    "企业微信应用请使用channel=cp"
	    "发送，配置见cp/list (a WeCom application goes through "
	    "channel=cp with a cp config)" },
	{ 7, "腾讯轻联", "Tencent Qinglian", &webhook_qinglian, NULL },
	{ 8, "IFTTT", "IFTTT", &webhook_ifttt, NULL },
	{ 9, "集简云", "Jijyun", &webhook_jijyun, NULL },
	{ 10, "Gotify", "Gotify", &webhook_gotify, NULL },
	{ 11, "WxPusher", "WxPusher", &webhook_wxpusher, NULL },
	{ 12, "自定义", "Custom", &webhook_custom, NULL },
	{ 50, "bark", "Bark", &webhook_bark, NULL },
};
#define N_TYPES	(sizeof(types) / sizeof(types[0]))

/* The table's row for a webhookType, or NULL. */
static const struct webhook_row *
row(int id)
{
	size_t i;

	for (i = 0; i < N_TYPES; i++)
		if (types[i].id == id)
			return &types[i];
	return NULL;
}

const struct webhook_type *
webhook_type_lookup(int id)
{
	return row(id) ? row(id)->wt : NULL;
}

int
channel_webhook_type_ok(int id)
{
	return webhook_type_lookup(id) != NULL;
}

const char *
channel_webhook_type_name(int id)
{
	return row(id) ? row(id)->name : "";
}

const char *
channel_webhook_type_name_en(int id)
{
	return row(id) ? row(id)->name_en : "";
}

const char *
channel_webhook_type_note(int id)
{
	return row(id) ? row(id)->note : NULL;
}

static char type_list[512];

static void
list_types(void)
{
	size_t i, n = 0;

	for (i = 0; i < N_TYPES; i++)
		if (types[i].wt && n < sizeof(type_list))
			n += (size_t)snprintf(type_list + n,
			    sizeof(type_list) - n, "%s%d %s", n ? ", " : "",
			    types[i].id, types[i].wt->name);
}

const char *
channel_webhook_types(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, list_types);
	return type_list;
}

int
webhook_dump(struct strbuf *out, json_t *j)
{
	char *s;
	int rc;

	if (j == NULL)
		return FG_ENOMEM;
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (s == NULL)
		return FG_ENOMEM;
	rc = strbuf_addstr(out, s);
	free(s);
	return rc;
}

int
webhook_md_body(struct strbuf *out, const struct message *m,
    const char *heading, size_t max)
{
	int rc = 0;

	if (m->title && *m->title)
		rc = strbuf_addf(out, "%s%s\n\n", heading, m->title);
	rc = rc ? rc : chan_markdown(out, m->tpl, m->content, m->content_len);
	chan_truncate(out, max);
	return rc == FG_ETOOBIG ? 0 : rc;
}

int
webhook_text_body(struct strbuf *out, const struct message *m,
    size_t max)
{
	int rc = 0;

	if (m->title && *m->title)
		rc = strbuf_addf(out, "%s\n\n", m->title);
	rc = rc ? rc : chan_text(out, m->tpl, m->content, m->content_len);
	chan_truncate(out, max);
	return rc == FG_ETOOBIG ? 0 : rc;
}

json_t *
webhook_title_text(const struct message *m, const char *title_key,
    const char *text_key, enum webhook_shape shape, size_t max, int *rc)
{
	struct strbuf t = STRBUF_INIT;
	json_t *j = NULL;

	*rc = shape == WH_RAW ? strbuf_add(&t, m->content, m->content_len) :
	    shape == WH_MARKDOWN ? chan_markdown(&t, m->tpl, m->content,
	    m->content_len) : chan_text(&t, m->tpl, m->content,
	    m->content_len);
	chan_truncate(&t, max);
	if (*rc == 0 || *rc == FG_ETOOBIG) {
		*rc = 0;
		j = json_object();
		if (m->title && *m->title)
			json_object_set_new(j, title_key,
			    json_string(m->title));
		json_object_set_new(j, text_key, json_stringn(t.buf, t.len));
	}
	strbuf_release(&t);
	return j;
}

/*
 * The reply's code (or alt_code) against ok; temp[] codes are TEMPFAIL.
 */
static void
check_code(const char *body, size_t len, const char *what, long status,
    const char *code, const char *msg, const char *alt_code,
    const char *alt_msg, long long ok, const int *temp,
    struct delivery_result *res)
{
	json_t *j = json_loadb(body, len, 0, NULL), *c = NULL, *t = NULL;
	json_int_t n;

	if (j && json_is_object(j)) {
		c = json_object_get(j, code);
		t = json_object_get(j, msg);
		if (!json_is_integer(c) && alt_code) {
			c = json_object_get(j, alt_code);
			t = json_object_get(j, alt_msg);
		}
	}
	if (!json_is_integer(c)) {
		int cut = len > 200 ? 200 : (int)len;	/* no NUL needed */

		while (cut > 0 && (size_t)cut < len &&
		    (body[cut] & 0xc0) == 0x80)
			cut--;
		chan_fail(res, DELIVERY_PERMFAIL, what, status, "unexpected "
		    "reply: %.*s", len ? cut : 7, len ? body : "(empty)");
	} else if ((n = json_integer_value(c)) == ok) {
		res->outcome = DELIVERY_OK;
	} else {
		enum delivery_outcome o = DELIVERY_PERMFAIL;

		for (; temp && *temp; temp++)
			if (*temp == n)
				o = DELIVERY_TEMPFAIL;
		chan_fail(res, o, what, status, "%s %lld: %s", code,
		    (long long)n, json_is_string(t) ? json_string_value(t) :
		    "");
	}
	json_decref(j);
}

void
webhook_check_code(const char *body, size_t len, const char *what,
    long status, const char *code, const char *msg, const char *alt_code,
    const char *alt_msg, const int *temp, struct delivery_result *res)
{
	check_code(body, len, what, status, code, msg, alt_code, alt_msg, 0,
	    temp, res);
}

void
webhook_check_ok(const char *body, size_t len, const char *what,
    long status, const char *code, const char *msg, long long ok,
    struct delivery_result *res)
{
	check_code(body, len, what, status, code, msg, NULL, NULL, ok, NULL,
	    res);
}

void
webhook_type_check(const struct webhook_type *wt, const char *body,
    size_t len, const char *what, long status, struct delivery_result *res)
{
	if (wt->check)
		wt->check(body, len, what, status, res);
	else if (wt->ok_key)
		webhook_check_ok(body, len, what, status, wt->ok_key,
		    wt->ok_msg_key, wt->ok_code, res);
	else
		res->outcome = DELIVERY_OK;
}

int
webhook_json_build(struct strbuf *out, const struct message *m,
    const char *url)
{
	(void)url;
	return webhook_dump(out, json_pack("{s:s,s:s%,s:s,s:s}", "title",
	    m->title ? m->title : "", "content", m->content, m->content_len,
	    "template", render_template_name(m->tpl), "shortCode",
	    m->short_code));
}

const struct webhook_type webhook_json = {
	.id = 5, .name = "JSON webhook", .build = webhook_json_build,
	.check = NULL,
};

/*
 * The request for one delivery (the loop form, channel.h): the config's
 * type shapes the body, or builds the whole request (custom).
 */
static int
webhook_build(const struct channel_driver *drv,
    const struct delivery_job *job, struct chan_req *req,
    struct delivery_result *res)
{
	const struct store_chan *cfg = job->cfg;
	const struct webhook_type *wt;

	(void)drv;
	if (cfg == NULL || job->msg == NULL) {
		res->outcome = DELIVERY_PERMFAIL;
		strbuf_setf(&res->detail, "webhook: no webhook config");
		return -1;
	}
	if ((wt = webhook_type_lookup(cfg->type)) == NULL) {
		res->outcome = DELIVERY_PERMFAIL;
		strbuf_setf(&res->detail, "webhook '%s': type %d is not "
		    "supported by this server (%s)", cfg->code, cfg->type,
		    channel_webhook_types());
		return -1;
	}
	snprintf(req->what, sizeof(req->what), "webhook '%s' (%s)", cfg->code,
	    wt->name);
	req->ctx = wt;
	req->guard = 1;
	if (wt->make)		/* the custom type builds its own request */
		return wt->make(cfg, job->msg, req, res);
	if (wt->build(&req->body, job->msg, cfg->url) != 0) {
		chan_fail(res, DELIVERY_PERMFAIL, req->what, 0, "the message "
		    "cannot be encoded (too large, or not UTF-8)");
		return -1;
	}
	req->has_body = 1;
	if (strbuf_addstr(&req->url, cfg->url) != 0 || chan_req_header(req,
	    "Content-Type: application/json;charset=UTF-8") != 0) {
		chan_fail(res, DELIVERY_PERMFAIL, req->what, 0, "no memory");
		return -1;
	}
	return 0;
}

static void
webhook_judge(const struct channel_driver *drv, const struct chan_req *req,
    struct delivery_result *res)
{
	(void)drv;
	if (chan_http_outcome(&req->rep, req->what, res) == 0)
		webhook_type_check(req->ctx, req->rep.body.buf,
		    req->rep.body.len, req->what, req->rep.status, res);
}

const struct channel_driver channel_webhook = {
	.name = "webhook",
	.caps = CHANNEL_CAP_NEEDS_MESSAGE | CHANNEL_CAP_NEEDS_CONFIG,
	.send = chan_send_blocking,
	.build = webhook_build,
	.judge = webhook_judge,
};
