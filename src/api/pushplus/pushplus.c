/*
 * pushplus.c: the pushplus send API, `/send`, `/send/`, `/send/{token}`
 * with any method (seed 000, compat.md §3).
 *
 * Parameters come from the query string and the body (body wins), the
 * token also from the path.  Empty means "not set".  With `template` in
 * the query string the raw body is the content (webhook senders such as
 * CloudMonitor and Jenkins cannot shape their body), unless the body is
 * itself a set of send parameters with a `content` key.
 *
 * The request is validated here (every failure a pushplus error code with
 * a clear msg), turned into a struct send_request and handed to the
 * queue; the connection is parked until the writer has committed the
 * message and its deliveries, and only then answered with the shortCode.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/pushplus/pp_chan.h"
#include "api/tokens.h"
#include "channel/channel.h"
#include "util/errors.h"
#include "http/http.h"
#include "queue/queue.h"
#include "render/render.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/jsonin.h"
#include "util/log.h"
#include "util/params.h"
#include "util/xmalloc.h"
#include "store/readers.h"

#define PP_OK_MSG	"请求成功"

struct pp_send {
	struct send_request	 req;	/* first: the queue's handle */
	struct http_req		*http;
	struct params		 p;
	int64_t			*users;
	size_t			 n_users;
	int64_t			 one_user;
	char			 error[256];
	char			 default_cb[LIM_PP_URL_BYTES + 1];
	struct store_msg_chan	 chan;	/* webhook, cp, mail config */
};

static void
pp_free(void *arg)
{
	struct pp_send *s = arg;

	params_release(&s->p);
	if (s->users != &s->one_user)
		free(s->users);
	free(s);
}

static void
pp_done(struct send_request *req, int rc)
{
	struct pp_send *s = (struct pp_send *)req;
	struct http_req *r = s->http;
	char data[64];

	if (rc == 0) {
		snprintf(data, sizeof(data), "\"%s\"", req->msg.short_code);
		api_pp_reply(r, 200, 200, PP_OK_MSG, data);
	} else {
		log_error("msg=\"send not stored\" rc=%d", rc);
		api_pp_reply(r, 200, 500, "系统异常，请稍后再试", NULL);
	}
	api_unpark(r);
}

/* Is the body a set of send parameters (it has a content key)? */
static int
body_has_content_key(struct http_req *r)
{
	struct params tmp;
	int has;

	params_init(&tmp, LIM_PARAMS);
	has = intake_body(r, &tmp, NULL) == 0 &&
	    params_get(&tmp, "content", NULL) != NULL;
	params_release(&tmp);
	return has;
}

/* Raw-body mode: content is the body; a JSON title key may be the title. */
static void
raw_body(struct pp_send *s, struct http_req *r)
{
	json_t *j, *t;

	(void)params_set(&s->p, "content", 7, r->body.buf, r->body.len);
	if (params_get(&s->p, "title", NULL) != NULL)
		return;
	if ((j = jsonin_parse(r->body.buf, r->body.len)) == NULL)
		return;
	if (json_is_object(j) && (t = json_object_get(j, "title")) != NULL &&
	    json_is_string(t))
		(void)params_set(&s->p, "title", 5, json_string_value(t),
		    json_string_length(t));
	json_decref(j);
}

static int
parse_ms(const char *s, int64_t *out)
{
	char *end;
	long long v;

	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || (*end && !isspace((unsigned char)*end)))
		return -1;
	*out = v;
	return 0;
}

static int
valid_url(const char *u)
{
	return (strncmp(u, "http://", 7) == 0 && u[7]) ||
	    (strncmp(u, "https://", 8) == 0 && u[8]);
}

/* Resolve the recipients; 0, or a pushplus error with msg in s->error. */
static int
recipients(struct pp_send *s, struct api_ctx *app, struct store *db,
    const struct store_user *u, const char *topic, const char *to,
    const char *channel)
{

	s->users = &s->one_user;
	s->one_user = u->id;
	s->n_users = 1;
	if (topic && !pp_chan_single(channel)) {
		struct store_group t;

		if (dir_topic_by_code(db, topic, &t) != 0 ||
		    t.owner_id != u->id) {
			snprintf(s->error, sizeof(s->error), "群组不存在: %.64s "
			    "(topic not found)", topic);
			return 999;
		}
		s->req.msg.topic_id = t.id;
		if (dir_topic_members(db, t.id, &s->users, &s->n_users) != 0)
			return 500;
		return 0;
	}
	if (to && !pp_chan_single(channel)) {
		const char *p = to;
		size_t n = 0, alloc = 0;
		int64_t *ids = NULL;

		while (*p) {
			const char *e = strchr(p, ',');
			size_t len = e ? (size_t)(e - p) : strlen(p), k;
			char tok[64];
			struct store_friend f;

			while (len && isspace((unsigned char)*p))
				p++, len--;
			while (len && isspace((unsigned char)p[len - 1]))
				len--;
			if (len) {
				if (n >= (size_t)app->conf->pp_to_max) {
					free(ids);
					snprintf(s->error, sizeof(s->error),
					    "好友令牌最多%d个 (too many friend "
					    "tokens in to)", app->conf->pp_to_max);
					return 999;
				}
				snprintf(tok, sizeof(tok), "%.*s",
				    (int)(len < 63 ? len : 63), p);
				if (len >= 63 || dir_friend_by_token(db, u->id,
				    tok, &f) != 0) {
					free(ids);
					snprintf(s->error, sizeof(s->error),
					    "好友令牌无效: %.40s (unknown friend "
					    "token)", tok);
					return 999;
				}
				for (k = 0; k < n && ids[k] != f.friend_id; k++)
					;
				if (k == n) {
					ids = xgrow(ids, n, &alloc,
					    sizeof(*ids), 8);
					ids[n++] = f.friend_id;
				}
			}
			p = e ? e + 1 : p + strlen(p);
		}
		if (n) {
			s->users = ids;
			s->n_users = n;
		}
	}
	return 0;
}

static int
fail(struct http_req *r, struct pp_send *s, int code, const char *msg)
{
	api_pp_reply(r, 200, code, msg, NULL);
	pp_free(s);
	return code;
}

void
api_pushplus_send(struct http_req *r, const char *path_token)
{
	struct api_ctx *app = api_ctx(r);
	struct pp_send *s = xcalloc(1, sizeof(*s));
	struct message *m = &s->req.msg;
	struct store_user u;
	struct tokens_prefs prefs;
	struct store *db;
	const char *token, *content, *title, *tpl_name, *channel, *topic, *to;
	const char *cb, *ts, *webhook, *pre;
	size_t clen = 0, tlen = 0;
	int raw, rc, tpl;
	char msg[320];

	s->http = r;
	params_init(&s->p, LIM_PARAMS);
	if (intake_query(r, &s->p) != 0)
		return (void)fail(r, s, 999, "参数过多 (too many parameters)");
	if (r->body_too_big)
		return (void)fail(r, s, 999, "请求体过大 (request body too "
		    "large)");
	raw = params_get(&s->p, "template", NULL) != NULL && r->body.len;
	if (raw && !body_has_content_key(r)) {
		raw_body(s, r);
	} else if ((rc = intake_body(r, &s->p, NULL)) != 0) {
		return (void)fail(r, s, 999, rc == FG_ETOOBIG ?
		    "参数过多 (too many parameters)" :
		    "请求体不是合法的JSON (malformed JSON body)");
	}

	if ((token = params_get(&s->p, "token", NULL)) == NULL)
		token = path_token && *path_token ? path_token : NULL;
	db = store_reader();
	if (token == NULL || (rc = tokens_lookup_send(app->tokens, db, token,
	    &u, &prefs)) == FG_ENOENT)
		return (void)fail(r, s, 903, "无效的用户token");
	if (rc != 0)
		return (void)fail(r, s, 500, "系统异常，请稍后再试");
	if (!prefs.is_send)		/* open API setting/changeIsSend */
		return (void)fail(r, s, 999, "消息发送功能已关闭 (sending is "
		    "turned off: setting/changeIsSend)");
	if (tokens_rate_check(app->tokens, token, app->conf->pp_rate_limit)) {
		snprintf(msg, sizeof(msg), "请求过于频繁，每分钟最多%d次，请稍后"
		    "再试 (rate limit)", app->conf->pp_rate_limit);
		return (void)fail(r, s, 999, msg);
	}

	if ((content = params_get(&s->p, "content", &clen)) == NULL)
		return (void)fail(r, s, 999, "发送内容不能为空");
	if ((pre = params_get(&s->p, "pre", NULL)) != NULL) {	/* open API */
		if ((rc = api_open_pre_apply(db, u.id, pre, &s->p, msg,
		    sizeof(msg))) != 0)
			return (void)fail(r, s, rc, msg);
		if ((content = params_get(&s->p, "content", &clen)) == NULL)
			return (void)fail(r, s, 999, "预处理后内容为空 (the pre "
			    "script left no content)");
	}
	if (utf8_chars(content, clen) > (size_t)app->conf->pp_content_max) {
		snprintf(msg, sizeof(msg), "内容长度不能超过%d个字符 (content "
		    "too long)", app->conf->pp_content_max);
		return (void)fail(r, s, 999, msg);
	}
	if ((title = params_get(&s->p, "title", &tlen)) != NULL &&
	    utf8_chars(title, tlen) > (size_t)app->conf->pp_title_max) {
		snprintf(msg, sizeof(msg), "标题长度不能超过%d个字符 (title too "
		    "long)", app->conf->pp_title_max);
		return (void)fail(r, s, 999, msg);
	}
	tpl_name = params_get(&s->p, "template", NULL);
	if ((tpl = tpl_name ? render_template_lookup(tpl_name,
	    strlen(tpl_name)) : TPL_HTML) < 0) {
		snprintf(msg, sizeof(msg), "不支持的模板: %.40s (unknown "
		    "template)", tpl_name);
		return (void)fail(r, s, 999, msg);
	}
	if ((channel = params_get(&s->p, "channel", NULL)) == NULL) {
		channel = prefs.channel[0] ? prefs.channel : "wechat";
		if (prefs.webhook[0] && !params_get(&s->p, "webhook", NULL))
			(void)params_set(&s->p, "webhook", 7, prefs.webhook,
			    strlen(prefs.webhook));	/* the user's default */
	}
	if ((s->req.drv = channel_lookup(channel)) == NULL) {
		snprintf(msg, sizeof(msg), "不支持的渠道: %.40s (unknown "
		    "channel)", channel);
		return (void)fail(r, s, 999, msg);
	}
	if ((webhook = params_get(&s->p, "webhook", NULL)) != NULL &&
	    strlen(webhook) > LIM_PP_FIELD_BYTES)
		return (void)fail(r, s, 999, "webhook编码过长 (webhook too long)");
	if ((cb = params_get(&s->p, "callbackUrl", NULL)) != NULL &&
	    (strlen(cb) > LIM_PP_URL_BYTES || !valid_url(cb)))
		return (void)fail(r, s, 999, "callbackUrl格式不正确，须为http(s) "
		    "地址 (invalid callbackUrl)");
	if ((ts = params_get(&s->p, "timestamp", NULL)) != NULL &&
	    parse_ms(ts, &m->not_after_ms) != 0)
		return (void)fail(r, s, 999, "timestamp格式不正确，须为毫秒时间戳 "
		    "(invalid timestamp)");
	topic = params_get(&s->p, "topic", NULL);
	to = params_get(&s->p, "to", NULL);
	if ((rc = recipients(s, app, db, &u, topic, to,
	    s->req.drv->name)) != 0)
		return (void)fail(r, s, rc, rc == 500 ? "系统异常，请稍后再试" :
		    s->error);
	if ((rc = pp_chan_resolve(app, db, u.id, s->req.drv->name, webhook,
	    to, &s->chan, &raw, s->error, sizeof(s->error))) != 0)
		return (void)fail(r, s, rc, rc == 500 ? "系统异常，请稍后再试" :
		    s->error);
	if (raw) {	/* record the config with the message */
		s->req.insert = pp_chan_insert;
		s->req.arg = &s->chan;
	}

	m->sender_id = u.id;
	m->title = (char *)(title ? title : "");
	m->content = (char *)content;
	m->content_len = clen;
	m->tpl = tpl;
	snprintf(m->channel, sizeof(m->channel), "%s", s->req.drv->name);
	m->webhook = (char *)(webhook ? webhook : "");
	memcpy(s->default_cb, u.callback_url, sizeof(s->default_cb));
	m->callback_url = (char *)(cb ? cb : s->default_cb);
	m->status = MSG_PENDING;
	m->error = (char *)"";
	if (m->not_after_ms && m->not_after_ms < clock_ms()) {
		snprintf(s->error, sizeof(s->error), "消息已过期: timestamp %"
		    PRId64 " 早于服务器时间 (message expired, not sent)",
		    m->not_after_ms);
		m->status = MSG_FAILED;
		m->error = s->error;
	} else if (s->n_users == 0) {
		snprintf(s->error, sizeof(s->error), "群组中没有成员 (the topic "
		    "has no members)");
		m->status = MSG_FAILED;
		m->error = s->error;
	}
	s->req.users = s->users;
	s->req.n_users = s->n_users;
	s->req.on_done = pp_done;
	api_park(r, s, pp_free);
	queue_submit(app->queue, &s->req);
}
