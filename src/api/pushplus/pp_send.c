/*
 * pp_send.c: the rules of a pushplus send (pp_send.h), for /send and
 * /batchSend alike (seed 000, compat.md §3, pushplus-today.md §1).
 *
 * Parameters come from the query string and the body (body wins), the
 * token also from the path.  Empty means "not set".  With `template` in
 * the query string the raw body is the content (webhook senders such as
 * CloudMonitor and Jenkins cannot shape their body), unless the body is
 * itself a set of send parameters with a `content` key.
 *
 * `option` is the current name of the parameter pushplus first called
 * `webhook`: the code of the config a webhook, cp or mail send goes
 * through.  The official SDKs send only `option`, older scripts only
 * `webhook`; both are read, and `option` wins when both are set.
 *
 * Everything is checked before anything is stored, every failure a
 * pushplus code with a clear reason, so an accepted message can only
 * fail later for reasons that lie upstream.  That includes a
 * callbackUrl on a loopback or private address literal, which the
 * callback sender would refuse (netguard.h); host names are not
 * resolved here and are left to its connect-time check.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/pushplus/pp_push.h"
#include "api/pushplus/pp_chan.h"
#include "api/pushplus/pp_send.h"
#include "channel/channel.h"
#include "ops/group.h"
#include "ops/receive.h"
#include "ops/user_limits.h"
#include "render/render.h"
#include "store/readers.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/jsonin.h"
#include "util/netguard.h"
#include "util/xmalloc.h"

static int
req_say(struct pp_req *q, int code, const char *msg)
{
	snprintf(q->msg, sizeof(q->msg), "%s", msg);
	return code;
}

static int
item_say(struct pp_item *it, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
item_say(struct pp_item *it, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(it->error, sizeof(it->error), fmt, ap);
	va_end(ap);
	return code;
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
raw_body(struct params *p, struct http_req *r)
{
	json_t *j, *t;

	(void)params_set(p, "content", 7, r->body.buf, r->body.len);
	if (params_get(p, "title", NULL) != NULL)
		return;
	if ((j = jsonin_parse(r->body.buf, r->body.len)) == NULL)
		return;
	if (json_is_object(j) && (t = json_object_get(j, "title")) != NULL &&
	    json_is_string(t))
		(void)params_set(p, "title", 5, json_string_value(t),
		    json_string_length(t));
	json_decref(j);
}

int
pp_req_open(struct pp_req *q, struct http_req *r, const char *path_token)
{
	int raw, rc;

	q->http = r;
	q->app = api_ctx(r);
	params_init(&q->p, LIM_PARAMS);
	if (intake_query(r, &q->p) != 0)
		return req_say(q, 999, "参数过多 (too many parameters)");
	if (r->body_too_big)
		return req_say(q, 999, "请求体过大 (request body too large)");
	raw = params_get(&q->p, "template", NULL) != NULL && r->body.len;
	if (raw && !body_has_content_key(r))
		raw_body(&q->p, r);
	else if ((rc = intake_body(r, &q->p, NULL)) != 0)
		return req_say(q, 999, rc == FG_ETOOBIG ?
		    "参数过多 (too many parameters)" :
		    "请求体不是合法的JSON (malformed JSON body)");

	if ((q->token = params_get(&q->p, "token", NULL)) == NULL)
		q->token = path_token && *path_token ? path_token : NULL;
	if (q->token == NULL || (rc = tokens_lookup_send(q->app->tokens,
	    store_reader(), q->token, &q->u, &q->prefs)) == FG_ENOENT)
		return req_say(q, 903, "无效的用户token");
	if (rc != 0)
		return req_say(q, 500, PP_ERR_500);
	if (!q->prefs.is_send)		/* open API setting/changeIsSend */
		return req_say(q, 999, "消息发送功能已关闭 (sending is turned "
		    "off: setting/changeIsSend)");
	return pp_req_defaults(q);
}

void
pp_item_count(struct pp_req *q, struct pp_item *it)
{
	int limit = ops_user_limit(q->u.rate_limit,
	    q->app->conf->pp_rate_limit);

	it->owner = q;
	it->users = &it->one_user;
	if (limit <= 0)
		return;
	tokens_rate_key(q->token, it->req.rate_key, sizeof(it->req.rate_key));
	it->req.rate_limit = limit; /* the writer counts it */
}

int
pp_item_limited(struct pp_item *it, int limit)
{
	return item_say(it, 999, "请求过于频繁，每分钟最多%d次，请稍后再试 "
	    "(rate limit)", limit);
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

/*
 * Check callbackUrl u as the callback sender will use it: an http(s)
 * URL libcurl can parse, whose host, unless callback.allow_private is
 * set, is not a loopback, private or link-local literal or localhost
 * (netguard_host_private(); names are checked when connecting).
 */
static int
check_callback(struct pp_req *q, const char *u)
{
	CURLU *h;
	char *host = NULL;
	int bad;

	if (strlen(u) > LIM_PP_URL_BYTES || !valid_url(u) ||
	    (h = curl_url()) == NULL)
		return req_say(q, 999, "callbackUrl格式不正确，须为http(s)地址 "
		    "(invalid callbackUrl)");
	bad = curl_url_set(h, CURLUPART_URL, u, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK;
	curl_url_cleanup(h);
	if (bad)
		return req_say(q, 999, "callbackUrl格式不正确，须为http(s)地址 "
		    "(invalid callbackUrl)");
	bad = !q->app->conf->cb_allow_private && netguard_host_private(host);
	curl_free(host);
	if (bad)
		return req_say(q, 999, "callbackUrl指向本机、内网或链路本地地址，"
		    "不会回调；如需允许请设置 callback.allow_private = yes "
		    "(callbackUrl is a loopback, private or link-local "
		    "address; set callback.allow_private = yes to allow it)");
	return 0;
}

int
pp_req_fields(struct pp_req *q)
{
	const struct conf *conf = q->app->conf;
	const char *tpl, *cb, *ts;
	size_t tlen = 0;
	int rc;

	if ((q->content = params_get(&q->p, "content", &q->content_len)) ==
	    NULL)
		return req_say(q, 999, "发送内容不能为空");
	if (utf8_chars(q->content, q->content_len) >
	    (size_t)conf->pp_content_max) {
		snprintf(q->msg, sizeof(q->msg), "内容长度不能超过%d个字符 "
		    "(content too long)", conf->pp_content_max);
		return 999;
	}
	if ((q->title = params_get(&q->p, "title", &tlen)) != NULL &&
	    utf8_chars(q->title, tlen) > (size_t)conf->pp_title_max) {
		snprintf(q->msg, sizeof(q->msg), "标题长度不能超过%d个字符 "
		    "(title too long)", conf->pp_title_max);
		return 999;
	}
	tpl = params_get(&q->p, "template", NULL);
	if ((q->tpl = tpl ? render_template_lookup(tpl, strlen(tpl)) :
	    TPL_HTML) < 0) {
		snprintf(q->msg, sizeof(q->msg), "不支持的模板: %.40s (unknown "
		    "template)", tpl);
		return 999;
	}
	if ((rc = pp_push_id(&q->p, q->tpl, q->push_id, sizeof(q->push_id),
	    q->msg, sizeof(q->msg))) != 0)
		return rc;
	if ((cb = params_get(&q->p, "callbackUrl", NULL)) != NULL &&
	    (rc = check_callback(q, cb)) != 0)
		return rc;
	memcpy(q->default_cb, q->u.callback_url, sizeof(q->default_cb));
	q->callback_url = cb ? cb : q->default_cb;
	if ((ts = params_get(&q->p, "timestamp", NULL)) != NULL &&
	    parse_ms(ts, &q->not_after_ms) != 0)
		return req_say(q, 999, "timestamp格式不正确，须为毫秒时间戳 "
		    "(invalid timestamp)");
	return 0;
}

/* Split `to` into the sender's friends (deduplicated) for it. */
static int
friends(struct pp_item *it, struct pp_req *q, struct store *db,
    const char *to)
{
	const char *p = to;
	size_t n = 0, alloc = 0;
	int64_t *ids = NULL;
	int max = q->app->conf->pp_to_max;

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
			if (n >= (size_t)max) {
				free(ids);
				return item_say(it, 999, "好友令牌最多%d个 "
				    "(too many friend tokens in to)", max);
			}
			snprintf(tok, sizeof(tok), "%.*s",
			    (int)(len < 63 ? len : 63), p);
			if (len >= 63 || dir_friend_by_token(db, q->u.id, tok,
			    &f) != 0) {
				free(ids);
				return item_say(it, 999, "好友令牌无效: %.40s "
				    "(unknown friend token)", tok);
			}
			for (k = 0; k < n && ids[k] != f.friend_id; k++)
				;
			if (k == n) {
				ids = xgrow(ids, n, &alloc, sizeof(*ids), 8);
				ids[n++] = f.friend_id;
			}
		}
		p = e ? e + 1 : p + strlen(p);
	}
	if (n) {
		it->users = ids;
		it->n_users = n;
	}
	return 0;
}

/*
 * Resolve the recipients: the sender, a topic's members or friends,
 * without those who turned off receiving others' messages.
 */
static int
recipients(struct pp_item *it, struct pp_req *q, struct store *db,
    const char *channel)
{
	const char *topic = params_get(&q->p, "topic", NULL);
	const char *to = params_get(&q->p, "to", NULL);
	struct store_group t;
	size_t refused;
	int rc;

	it->users = &it->one_user;
	it->one_user = q->u.id;
	it->n_users = 1;
	if (pp_chan_single(channel))
		return 0;
	if (topic == NULL) {
		if (to == NULL)
			return 0;
		if ((rc = friends(it, q, db, to)) != 0)
			return rc;
	} else {
		/* codes are per owner: own group first, then a joined one */
		rc = ops_group_resolve(db, q->u.id, topic, &t, NULL);
		if (rc == FG_EEXIST)
			return item_say(it, 999, "群组编码不唯一: %.64s (several "
			    "groups you joined have this code)", topic);
		if (rc != 0)
			return item_say(it, 999, "群组不存在: %.64s (topic not "
			    "found)", topic);
		if (t.owner_id != q->u.id)
			return item_say(it, 999, "只有群组创建者可以发送群组消息: "
			    "%.64s (only the group's owner sends to it)", topic);
		it->req.msg.topic_id = t.id;
		if (dir_topic_members(db, t.id, &it->users,
		    &it->n_users) != 0)
			return item_say(it, 500, PP_ERR_500);
	}
	/* recevieLimit: others' messages stop, the sender's own arrive */
	if (ops_receive_filter(db, q->u.id, it->users, &it->n_users,
	    &refused, NULL) != 0)
		return item_say(it, 500, PP_ERR_500);
	it->refused = refused != 0;
	return 0;
}

int
pp_item_build(struct pp_req *q, struct pp_item *it, const char *channel,
    const char *option)
{
	struct message *m = &it->req.msg;
	struct store *db = store_reader();
	int needed, rc;

	if (channel == NULL) {		/* the token's default */
		channel = q->prefs.channel[0] ? q->prefs.channel : "wechat";
		if (option == NULL && q->prefs.webhook[0])
			option = q->prefs.webhook;
	}
	if ((it->req.drv = channel_lookup(channel)) == NULL)
		return item_say(it, 999, "不支持的渠道: %.40s (unknown "
		    "channel)", channel);
	if (option && strlen(option) > LIM_PP_FIELD_BYTES)
		return item_say(it, 999, "option编码过长 (option too long)");
	if ((rc = pp_chan_ready(it->req.drv, option, params_get(&q->p,
	    "topic", NULL), params_get(&q->p, "to", NULL), it->error,
	    sizeof(it->error))) != 0)
		return rc;
	if ((rc = recipients(it, q, db, it->req.drv->name)) != 0)
		return rc;
	if ((rc = pp_chan_reachable(it->req.drv, db, it->users,
	    &it->n_users, it->users == &it->one_user && !it->req.msg.topic_id,
	    it->error, sizeof(it->error))) != 0)
		return rc == 500 ? item_say(it, 500, PP_ERR_500) : rc;
	m->sender_id = q->u.id;
	m->title = (char *)(q->title ? q->title : "");
	m->content = (char *)q->content;
	m->content_len = q->content_len;
	m->tpl = q->tpl;
	memcpy(m->push_id, q->push_id, sizeof(m->push_id));
	snprintf(m->channel, sizeof(m->channel), "%s", it->req.drv->name);
	m->webhook = (char *)(option ? option : "");
	m->callback_url = (char *)q->callback_url;
	m->not_after_ms = q->not_after_ms;
	m->status = MSG_PENDING;
	m->error = (char *)"";
	if (m->not_after_ms && m->not_after_ms < clock_ms()) {
		snprintf(it->error, sizeof(it->error), "消息已过期: timestamp %"
		    PRId64 " 早于服务器时间 (message expired, not sent)",
		    m->not_after_ms);
		m->status = MSG_FAILED;
		m->error = it->error;
	} else if (it->n_users == 0 && it->refused) {
		snprintf(it->error, sizeof(it->error), "接收人均已设置不接收消息 "
		    "(every recipient turned off receiving: recevieLimit)");
		m->status = MSG_FAILED;
		m->error = it->error;
	} else if (it->n_users == 0) {
		snprintf(it->error, sizeof(it->error), "群组中没有成员 (the "
		    "topic has no members)");
		m->status = MSG_FAILED;
		m->error = it->error;
	}
	/* the config last: a custom webhook's request is built from m */
	if ((rc = pp_chan_resolve(q->app, db, q->u.id, it->req.drv->name,
	    option, params_get(&q->p, "to", NULL), m, &it->chan, &needed,
	    it->error, sizeof(it->error))) != 0)
		return rc == 500 ? item_say(it, 500, PP_ERR_500) : rc;
	if (needed) {	/* record the config with the message */
		it->req.insert = pp_chan_insert;
		it->req.arg = &it->chan;
	}
	it->req.users = it->users;
	it->req.n_users = it->n_users;
	return 0;
}

void
pp_req_release(struct pp_req *q)
{
	params_release(&q->p);
}

void
pp_item_release(struct pp_item *it)
{
	if (it->users != &it->one_user)
		free(it->users);
}
