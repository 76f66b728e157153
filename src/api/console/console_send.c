/*
 * console_send.c: the console page "send a test message" (issue 12).
 *
 *   GET  /console/send           the form, the preview frame, the
 *                                person's channel configs
 *   POST /console/send           the send: api_pushplus_send_as() with
 *                                the person's token, i.e. /send itself
 *                                (every check, pre script, channel
 *                                rule and the queue), answered as a
 *                                page: 303 to ?sent=CODE, or the form
 *                                again with pushplus's reason
 *   POST /console/send/preview   the message page of the form's
 *                                template, title and content, for the
 *                                preview frame, under the message
 *                                page's sandbox CSP
 *
 * Nothing of /send is written again here: the console hands the
 * request to the pushplus adapter, which reads the same form fields a
 * client posts (channel, webhook, template, title, content, topic).
 * The answer may come on another thread (after the commit, or after a
 * pre script): it opens the request again (console_open()) to draw the
 * page.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "http/http.h"
#include "render/console_sender.h"
#include "render/render.h"
#include "store/dir.h"
#include "store/readers.h"
#include "store/store_chan.h"
#include "util/xmalloc.h"

static int
one_cfg(void *arg, const struct store_chan *ch)
{
	struct console_cfgs *l = arg;
	struct console_chancfg *v = &l->view[l->n];

	if (l->n == CONSOLE_CFGS)
		return 1;
	l->rows[l->n] = *ch;
	v->kind = l->kind;
	v->code = l->rows[l->n].code;
	v->name = l->rows[l->n].name;
	v->id = ch->id;
	v->type = ch->type;
	v->url = ch->kind == STORE_CHAN_WEBHOOK ? l->rows[l->n].url :
	    ch->kind == STORE_CHAN_MAIL		? l->rows[l->n].host :
						  l->rows[l->n].corpid;
	l->n++;
	return 0;
}

void
console_cfgs_load(int64_t user, struct console_cfgs *l)
{
	static const struct {
		int kind;
		const char *name;
	} kinds[] = { { STORE_CHAN_WEBHOOK, "webhook" },
		{ STORE_CHAN_CP, "cp" }, { STORE_CHAN_MAIL, "mail" } };
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		l->kind = kinds[i].name;
		if (dir_chan_list(store_reader(), user, kinds[i].kind, one_cfg,
			l) < 0)
			break; /* shown as far as it could be read */
	}
}

static void
show(struct console_req *c, struct console_send_view *v, unsigned int status)
{
	struct console_cfgs *l = xcalloc(1, sizeof(*l));
	struct strbuf body = STRBUF_INIT;

	console_cfgs_load(c->u.id, l);
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->cfgs = l->view;
	v->n_cfgs = l->n;
	console_answer(c, status, &body, NULL, console_send_page(&body, v));
	strbuf_release(&body);
	free(l);
}

void
console_send_get(struct console_req *c)
{
	struct console_send_view v = { 0 };
	const char *sent = console_in(c, "sent");

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	if (*sent && strlen(sent) < 64)
		v.sent = sent;
	show(c, &v, 200);
}

static const char *
pget(const struct params *p, const char *k)
{
	return params_get(p, k, NULL);
}

/* The send's answer (any thread): 303 to ?sent=, or the form again. */
static void
answer(struct http_req *r, void *arg, const struct params *p, int code,
    const char *msg, const char *short_code)
{
	struct console_send_view v = { 0 };
	struct console_req *c;
	char to[128];

	(void)arg;
	if (code == 200) {
		snprintf(to, sizeof(to), "/console/send?sent=%s", short_code);
		return api_see_other(r, to);
	}
	c = xcalloc(1, sizeof(*c));
	if (console_open(r, c) != 0)
		api_notice_page(r, 401, "需要登录",
		    "请先登录。(sign in first)");
	else {
		c->page = console_find("/console/send");
		v.channel = pget(p, "channel");
		v.webhook = pget(p, "webhook");
		v.tpl = pget(p, "template");
		v.title = pget(p, "title");
		v.content = pget(p, "content");
		v.topic = pget(p, "topic");
		v.error = msg;
		show(c, &v, 422);
	}
	console_close(c);
	free(c);
}

/* The preview frame: the message page as the recipient gets it. */
static void
preview(struct console_req *c)
{
	const char *tpl = console_in(c, "template");
	const char *content = console_in(c, "content");
	struct render_message m = { .title = console_in(c, "title"),
		.content = content,
		.content_len = strlen(content),
		.short_code = "",
		.sender = c->u.name,
		.channel = console_in(c, "channel"),
		.status = 2,
		.error = "",
		.created_ms = 0 };
	struct strbuf page = STRBUF_INIT, err = STRBUF_INIT;
	int t = render_template_lookup(tpl, strlen(tpl));

	m.tpl = t < 0 ? TPL_HTML : t;
	if (render_message_page(&page, &m, &err) != 0) {
		strbuf_reset(&page);
		(void)strbuf_addstr(&page, err.buf);
	}
	http_reply(c->r, 200, "text/html;charset=utf-8", page.buf, page.len);
	http_reply_header(c->r, "Content-Security-Policy", RENDER_MESSAGE_CSP);
	http_reply_header(c->r, "Cache-Control", "no-store");
	http_reply_header(c->r, "Referrer-Policy", "no-referrer");
	strbuf_release(&page);
	strbuf_release(&err);
}

void
console_send_post(struct console_req *c)
{
	if (strcmp(c->rest, "/preview") == 0)
		return preview(c);
	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	api_pushplus_send_as(c->r, c->u.token, answer, NULL);
}
