/*
 * wc_mp.c: the server URL of the operator's official account,
 * <public_url>/wechat/mp (issue 11 §1, phones.md §1.5 to §1.7).
 *
 *   GET  /wechat/mp?signature=&timestamp=&nonce=&echostr=
 *        WeChat's check when the operator saves URL and Token: the
 *        echostr, as sent, when the signature is right; else 403
 *   POST /wechat/mp?signature=&timestamp=&nonce=   an event or message
 *        as XML: handled (ops_wechat_event) when the signature is
 *        right, and answered with the passive text reply or "success"
 *
 * Nothing that is not signed with wechat.token is read beyond the
 * query: a forged or unsigned POST gets 403 and an empty body, and no
 * row changes.  A body over WC_XML_MAX, or XML that wc_xml_parse
 * refuses, gets 400.  Without wechat.* configured the path is 404.
 *
 * WeChat waits 5 s and then sends the event again (three tries): the
 * handler does no upstream request at all, only one writer op (the
 * group commit's usual milliseconds), and a retry of an event already
 * handled gets the reply stored with it (ops_wechat_event's de-dup).
 * A failed op gets a 500 and commits nothing, so WeChat's retry is a
 * real second attempt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/wechat/wc_int.h"
#include "channel/wechat.h"
#include "core/limits.h"
#include "http/http.h"
#include "stream/hub.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/params.h"
#include "util/xmalloc.h"

struct mp_op {
	struct api_op o; /* first */
	struct ops_wechat_event ev;
	struct ops_wechat_out out;
	int limit;
};

static int
mp_apply(struct api_op *o, struct store *s)
{
	struct mp_op *m = (struct mp_op *)o;
	struct ops_wechat_in in = { &m->ev, clock_ms(), m->limit };
	int rc;

	rc = ops_wechat_event(s, &in, &m->out, NULL);
	o->cb_added = m->out.cb_added;
	return rc;
}

static void
mp_reply(struct api_op *o, int rc)
{
	struct mp_op *m = (struct mp_op *)o;
	struct strbuf sb = STRBUF_INIT;

	if (rc != 0) {
		char q[96];

		log_warnx("wechat: event from %s not handled: %s",
		    log_quote(q, sizeof(q), m->ev.from), fg_strerror(rc));
		http_reply(o->http, 500, "text/plain", "", 0);
		return;
	}
	if (m->out.follow.tip_inbox_id && api_ctx(o->http)->hub &&
	    hub_count(api_ctx(o->http)->hub) > 0) {
		/* the follow tip, live in the person's open inbox pages */
		struct hub_event ev = { HUB_EVENT_MESSAGE,
			m->out.follow.tip_inbox_id, m->out.follow.user.id,
			&m->out.follow.tip };

		hub_publish(api_ctx(o->http)->hub, &ev);
	}
	if (m->out.reply[0] == '\0') {
		http_reply(o->http, 200, "text/plain", "success", 7);
		return;
	}
	wc_xml_reply(&sb, m->ev.from, m->ev.to, clock_ms() / 1000,
	    m->out.reply);
	http_reply(o->http, 200, "application/xml;charset=UTF-8", sb.buf,
	    sb.len);
	strbuf_release(&sb);
}

/* 1 when the query's signature verifies (p filled from the query). */
static int
mp_signed(struct http_req *r, struct params *p)
{
	if (intake_query(r, p) != 0)
		return 0;
	return wc_sig_ok(wechat_settings()->token,
	    params_get(p, "timestamp", NULL), params_get(p, "nonce", NULL),
	    params_get(p, "signature", NULL));
}

static void
mp_post(struct http_req *r)
{
	struct mp_op *m;

	if (r->body_too_big || r->body.len > WC_XML_MAX) {
		http_reply(r, 413, "text/plain", "", 0);
		return;
	}
	m = xcalloc(1, sizeof(*m));
	if (wc_xml_parse(r->body.buf, r->body.len, &m->ev) != 0 ||
	    m->ev.from[0] == '\0' || m->ev.msg_type[0] == '\0') {
		free(m);
		http_reply(r, 400, "text/plain", "", 0);
		return;
	}
	m->limit = wechat_settings()->follower_limit;
	m->o.apply = mp_apply;
	m->o.reply = mp_reply;
	api_op_submit(r, &m->o);
}

void
api_wechat_mp(struct http_req *r)
{
	struct params p;
	const char *echo;

	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0) {
		http_reply(r, 405, "text/plain", "", 0);
		return;
	}
	if (!wechat_enabled()) {
		http_reply(r, 404, "text/plain", "", 0);
		return;
	}
	params_init(&p, LIM_PARAMS);
	if (!mp_signed(r, &p)) {
		params_release(&p);
		http_reply(r, 403, "text/plain", "", 0);
		return;
	}
	if (strcmp(r->method, "POST") == 0)
		mp_post(r);
	else if ((echo = params_get(&p, "echostr", NULL)) != NULL)
		http_reply(r, 200, "text/plain", echo, strlen(echo));
	else
		http_reply(r, 400, "text/plain", "", 0);
	params_release(&p);
}
