/*
 * pages.c: the recipient side of feige: the message page (the landing
 * page WeChat would have linked to), the inbox list, its JSON twin, the
 * static files those pages load (the health check is health.c).
 *
 * Authentication: a shortCode opens only its own message page; the inbox
 * and its JSON need the person: signed in (the session cookie), or the
 * user's token (Authorization: Bearer, the X-Feige-Token header, or
 * ?token=).  Sender HTML is confined by the
 * message page's CSP sandbox (render.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/tokens.h"
#include "util/errors.h"
#include "core/limits.h"
#include "http/http.h"
#include "render/render.h"
#include "store/store.h"
#include "util/params.h"
#include "util/xmalloc.h"
#include "store/readers.h"

#define HTML_TYPE "text/html;charset=utf-8"

static void
html_error(struct http_req *r, unsigned int status, const char *title,
    const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "<!doctype html><html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width,initial-scale=1\"><title>");
	strbuf_add_html(&sb, title, strlen(title));
	strbuf_addstr(&sb, "</title><link rel=\"stylesheet\" "
	    "href=\"/static/feige.css\"></head><body><main class=\"error\">"
	    "<h1>");
	strbuf_add_html(&sb, title, strlen(title));
	strbuf_addstr(&sb, "</h1><p>");
	strbuf_add_html(&sb, text, strlen(text));
	strbuf_addstr(&sb, "</p></main></body></html>");
	http_reply(r, status, HTML_TYPE, sb.buf, sb.len);
	http_reply_header(r, "Content-Security-Policy", RENDER_PAGE_CSP);
	strbuf_release(&sb);
}

void
api_message_page(struct http_req *r, const char *code)
{
	struct store *db = store_reader();
	struct message m;
	struct store_user sender;
	struct store_wx_msg wm;
	struct render_message rm;
	struct strbuf page = STRBUF_INIT, err = STRBUF_INIT;

	memset(&wm, 0, sizeof(wm));
	if (db == NULL || spool_message_get(db, code, &m) != 0)
		return html_error(r, 404, "消息不存在", "这条消息不存在或已被删除。"
		    " (message not found)");
	if (spool_wx_message_from(db, m.id, &wm) == 0 && wm.deleted) {
		message_release(&m);
		return html_error(r, 404, "消息已删除", "发送者已删除这条消息。"
		    " (message deleted)");
	}
	memset(&rm, 0, sizeof(rm));
	rm.url = wm.url;
	rm.push_id = m.push_id;		/* form/doc/excel (card_push.c) */
	rm.push_base = api_ctx(r)->conf->pp_form_base;
	rm.title = m.title;
	rm.content = m.content;
	rm.content_len = m.content_len;
	rm.tpl = m.tpl;
	rm.short_code = m.short_code;
	/* a WxPusher send is from its app (and topic), not its developer */
	if (*wm.app_name)
		rm.sender = wm.app_name;
	else
		rm.sender = dir_user_get_id(db, m.sender_id, &sender) == 0 ?
		    sender.name : "";
	rm.topic = wm.topics;
	rm.channel = m.channel;
	rm.created_ms = m.created_ms;
	rm.status = m.status;
	rm.error = m.error;
	strbuf_init(&page, LIM_PAGE_BYTES);
	if (render_message_page(&page, &rm, &err) != 0) {
		html_error(r, 500, "无法显示", err.buf);
	} else {
		http_reply(r, 200, HTML_TYPE, page.buf, page.len);
		http_reply_header(r, "Content-Security-Policy",
		    RENDER_MESSAGE_CSP);
		http_reply_header(r, "X-Content-Type-Options", "nosniff");
		http_reply_header(r, "Referrer-Policy", "no-referrer");
	}
	message_release(&m);
	strbuf_release(&page);
	strbuf_release(&err);
}

/*
 * The person of a recipient request (api_person_who(): their session,
 * or a user token); replies 401 if none.  The page then says how to
 * sign in, and gets no token for its script (which follows the stream
 * with the session cookie) when it was reached by a session.
 */
static int
auth(struct http_req *r, struct store_user *u, struct api_who *who, int json)
{
	if (api_person_who(r, u, who) == 0)
		return 0;
	if (json)
		api_pp_reply(r, 401, 401, "请求未授权 (sign in, or a valid user "
		    "token is required)", NULL);
	else
		html_error(r, 401, "需要登录", "请先登录：打开 /login，或你的登录"
		    "链接。(sign in at /login; API clients send their user "
		    "token)");
	return -1;
}

struct inbox_list {
	struct render_inbox_item	*items;
	size_t				 n, alloc;
	struct strbuf			 json;
};

/* Who item it is from, as the inbox shows it; "" for one's own sends. */
static int
pages_inbox_from(struct strbuf *out, const struct store_inbox_item *it)
{
	struct render_from f = { it->app_name, it->topic_name, it->group_name,
		it->sender_name };

	return render_inbox_from(out, &f);
}

/* Who item it is from (heap), or NULL when nobody else. */
static char *
inbox_from(const struct store_inbox_item *it)
{
	struct strbuf sb = STRBUF_INIT;

	if (pages_inbox_from(&sb, it) != 0 || sb.len == 0) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

static int
collect(void *arg, const struct store_inbox_item *it)
{
	struct inbox_list *l = arg;
	struct render_inbox_item *ri;

	l->items = xgrow(l->items, l->n, &l->alloc, sizeof(*l->items), 32);
	ri = &l->items[l->n++];
	memset(ri, 0, sizeof(*ri));
	ri->id = it->id;
	ri->short_code = xstrdup(it->msg.short_code);
	ri->title = xstrdup(it->msg.title);
	ri->content = xstrndup(it->msg.content, it->msg.content_len);
	ri->content_len = it->msg.content_len;
	ri->tpl = it->msg.tpl;
	ri->created_ms = it->msg.created_ms;
	ri->from = inbox_from(it);
	return 0;
}

static void
inbox_release(struct inbox_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free((char *)l->items[i].short_code);
		free((char *)l->items[i].title);
		free((char *)l->items[i].content);
		free((char *)l->items[i].from);
	}
	free(l->items);
}

void
api_inbox_page(struct http_req *r)
{
	struct store_user u;
	struct inbox_list l;
	struct render_inbox in;
	struct strbuf page = STRBUF_INIT, err = STRBUF_INIT;
	struct api_who who;

	if (auth(r, &u, &who, 0) != 0)
		return;
	memset(&l, 0, sizeof(l));
	if (spool_inbox_list(store_reader(), u.id, 0, 100, 1, collect,
	    &l) < 0) {
		api_pp_reply(r, 500, 500, "服务器错误 (store error)", NULL);
		return;
	}
	in.user_name = u.name;
	in.uid = u.uid;
	in.token = who.how == API_WHO_SESSION ? "" : u.token;
	in.items = l.items;
	in.n_items = l.n;
	strbuf_init(&page, LIM_PAGE_BYTES);
	if (render_inbox_page(&page, &in, &err) != 0) {
		html_error(r, 500, "无法显示", err.buf);
	} else {
		http_reply(r, 200, HTML_TYPE, page.buf, page.len);
		http_reply_header(r, "Content-Security-Policy",
		    RENDER_PAGE_CSP);
		http_reply_header(r, "Referrer-Policy", "no-referrer");
		http_reply_header(r, "Cache-Control", "no-store");
	}
	inbox_release(&l);
	strbuf_release(&page);
	strbuf_release(&err);
}

static int
add_json_item(void *arg, const struct store_inbox_item *it)
{
	struct strbuf *sb = arg, tmp = STRBUF_INIT;
	const struct message *m = &it->msg;

	if (sb->buf[sb->len - 1] != '[')
		strbuf_addch(sb, ',');
	strbuf_addf(sb, "{\"id\":%lld,\"shortCode\":\"%s\",\"title\":",
	    (long long)it->id, m->short_code);
	strbuf_add_json_str(sb, m->title, strlen(m->title));
	strbuf_addstr(sb, ",\"content\":");
	strbuf_add_json_str(sb, m->content, m->content_len);
	strbuf_addf(sb, ",\"template\":\"%s\",\"channel\":\"%s\","
	    "\"createdAt\":%lld", render_template_name(m->tpl), m->channel,
	    (long long)m->created_ms);
	/* WxPusher sends: the app and the topic it came through */
	strbuf_addstr(sb, ",\"appName\":");
	strbuf_add_json_str(sb, it->app_name, strlen(it->app_name));
	strbuf_addstr(sb, ",\"topicName\":");
	strbuf_add_json_str(sb, it->topic_name, strlen(it->topic_name));
	/* pushplus sends: the group, or the friend who sent it */
	strbuf_addstr(sb, ",\"groupName\":");
	strbuf_add_json_str(sb, it->group_name, strlen(it->group_name));
	strbuf_addstr(sb, ",\"senderName\":");
	strbuf_add_json_str(sb, it->sender_name, strlen(it->sender_name));
	/* what the list shows: the sender line and a preview */
	strbuf_addstr(sb, ",\"from\":");
	(void)pages_inbox_from(&tmp, it);
	strbuf_add_json_str(sb, tmp.len ? tmp.buf : "", tmp.len);
	strbuf_reset(&tmp);
	(void)render_preview(&tmp, m->tpl, m->content, m->content_len,
	    RENDER_PREVIEW_CHARS);
	strbuf_addstr(sb, ",\"preview\":");
	strbuf_add_json_str(sb, tmp.len ? tmp.buf : "", tmp.len);
	strbuf_release(&tmp);
	strbuf_addch(sb, '}');
	return 0;
}

void
api_inbox_json(struct http_req *r)
{
	struct store_user u;
	struct params p;
	struct strbuf sb = STRBUF_INIT;
	struct api_who who;
	long long since = 0, limit = 50;
	int bad;

	if (auth(r, &u, &who, 1) != 0)
		return;
	params_init(&p, LIM_PARAMS);
	(void)params_parse_form(&p, r->query, r->query_len);
	/* an id, and a count clamped to 1..500; not numbers: refused */
	bad = params_int(params_get(&p, "since", NULL), LLONG_MIN, LLONG_MAX,
	    &since) == FG_EINVAL || params_int(params_get(&p, "limit", NULL),
	    LLONG_MIN, LLONG_MAX, &limit) == FG_EINVAL;
	params_release(&p);
	if (bad)
		return api_pp_reply(r, 400, 400, "参数错误 (since and limit "
		    "are integers)", NULL);
	if (limit <= 0 || limit > 500)
		limit = limit <= 0 ? 50 : 500;
	if (since < 0)
		since = 0;
	strbuf_addstr(&sb, "{\"list\":[");
	if (spool_inbox_list(store_reader(), u.id, since, limit, 1,
	    add_json_item, &sb) < 0) {
		strbuf_release(&sb);
		api_pp_reply(r, 500, 500, "服务器错误 (store error)", NULL);
		return;
	}
	strbuf_addstr(&sb, "]}");
	api_pp_reply(r, 200, 200, "请求成功", sb.buf);
	strbuf_release(&sb);
}

void
api_static(struct http_req *r, const char *name)
{
	const char *ctype, *body;
	size_t len;

	if ((body = render_static(name, &len, &ctype)) == NULL) {
		if (api_webapp_icon(r, name) != 0)
			api_pp_reply(r, 404, 404, "文件不存在 (not found)",
			    NULL);
		return;
	}
	http_reply(r, 200, ctype, body, len);
	http_reply_header(r, "Cache-Control", "public, max-age=300");
	http_reply_header(r, "X-Content-Type-Options", "nosniff");
}
