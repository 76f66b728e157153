/*
 * ch_clawbot.c: pushplus's `clawbot` channel (pushplus-today.md §1.3,
 * §1.4): the message goes to the recipient's own WeChat ClawBot, the
 * bot they bound by QR scan (for a plain /send, the sender themself;
 * for a topic, each member that bound one).
 *
 * ready() refuses only when clawbot.enable is off: then the send API
 * answers 999 at once, as every channel this server cannot serve.  A
 * recipient without a bot fails their delivery with the reason
 * ("ClawBot未绑定"): whether a person bound a bot is a fact about the
 * recipient, not about the channel.
 *
 * The decision: this driver calls route_clawbot's build() and judge()
 * itself, on the delivery worker, rather than handing the message to
 * the person's routes.  channel=clawbot is pushplus's per-message
 * choice with the queue's own delivery row, status and message_complate
 * callback; routing it through the person's routes would give the same
 * push a second status that the sender never sees.  So the wire bytes
 * and the budget rules are the route driver's (one copy), the status is
 * the delivery's:
 *   build FG_EBUSY (window or budget used up, session paused) and a
 *   judged ROUTE_WAIT become TEMPFAIL with the reason "请回复机器人以
 *   继续接收": the delivery retries on the queue's schedule and goes out
 *   as soon as the person has replied, or fails with that reason when
 *   the retries run out, never silently;
 *   ROUTE_RETRY is TEMPFAIL, ROUTE_FAIL/GONE PERMFAIL.
 * The verdict is counted against the window (route_clawbot_count)
 * through the writer before the worker reports.
 *
 * Pacing: pushes to one bot go one at a time, CLAWBOT_PACE_MS apart,
 * through the same slots as the person's route (route_clawbot.c says
 * why): a worker that finds the person's slot taken answers
 * DELIVERY_DEFER (not an attempt; the queue tries again shortly).
 *
 * Text (pushplus): template txt sends the content in full (cut to
 * CH_CLAWBOT_TEXT_MAX bytes), other templates its first 50 characters;
 * every push ends with the message page's URL ("查询详情").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel_int.h"
#include "channel/ilink.h"
#include "channel/route_clawbot.h"
#include "channel/webhook.h"
#include "core/message.h"
#include "render/render.h"
#include "store/dir.h"
#include "store/readers.h"
#include "store/writer.h"
#include "util/errors.h"
#include "util/ids.h"

#define CH_CLAWBOT_TEXT_MAX 1800 /* bytes of a txt push */
#define CH_CLAWBOT_SUMMARY 50	 /* characters of other templates */

static struct writer *clawbot_writer;

void
channel_clawbot_writer(struct writer *w)
{
	clawbot_writer = w;
}

static int
clawbot_ready(const struct channel_driver *drv, struct strbuf *why)
{
	(void)drv;
	if (ilink_enabled())
		return 0;
	strbuf_setf(why,
	    "ClawBot 未配置：此服务器尚未接入微信ClawBot "
	    "(channel 'clawbot': no WeChat ClawBot is configured on this "
	    "server)");
	return -1;
}

/* The summary of m: pushplus's cut by template. */
static void
summary(struct strbuf *sb, const struct message *m)
{
	(void)chan_text(sb, m->tpl, m->content, m->content_len);
	if (m->tpl == TPL_TXT)
		chan_truncate(sb, CH_CLAWBOT_TEXT_MAX);
	else
		strbuf_setlen(sb,
		    utf8_prefix(sb->buf, sb->len, CH_CLAWBOT_SUMMARY));
}

struct count_op {
	struct writer_op op;
	int64_t user;
	const struct route_verdict_out *v;
};

static int
count_apply(struct writer_op *op, struct store *s)
{
	struct count_op *c = (struct count_op *)op;

	return route_clawbot_count(s, c->user, c->v, clock_ms());
}

static void
count_done(struct writer_op *op, int rc)
{
	(void)op;
	(void)rc;
}

static void
verdict(const struct delivery_job *job, struct route_verdict_out *v,
    struct delivery_result *res)
{
	struct count_op c = { { count_apply, count_done, 0, NULL },
		job->user_id, v };

	if (clawbot_writer != NULL)
		(void)writer_submit_wait(clawbot_writer, &c.op);
	res->outcome = v->verdict == ROUTE_OK ? DELIVERY_OK :
	    v->verdict == ROUTE_RETRY || v->verdict == ROUTE_WAIT ?
						DELIVERY_TEMPFAIL :
						DELIVERY_PERMFAIL;
	if (v->verdict != ROUTE_OK)
		strbuf_setf(&res->detail, "%s", v->detail.buf);
}

/* Run req and judge the answer into v. */
static void
exchange(const struct store_device *d, const struct route_req *req,
    struct route_verdict_out *v, struct delivery_result *res)
{
	struct chan_http_req hr = { req->method, req->url, req->body.buf,
		req->headers, 0, req->body.len };
	struct chan_http_reply rep;
	struct route_answer a;

	chan_http_reply_init(&rep);
	(void)chan_http_send(&hr, &rep);
	memset(&a, 0, sizeof(a));
	a.status = rep.status;
	a.body = rep.body.buf;
	a.len = rep.body.len;
	a.transport = rep.curl_rc;
	a.transport_msg = rep.error;
	res->upstream_status = (int)rep.status;
	route_clawbot.judge(&route_clawbot, d, &a, v);
	chan_http_reply_release(&rep);
}

static void
clawbot_push(const struct delivery_job *job, struct delivery_result *res)
{
	struct store *rd = store_reader();
	struct store_clawbot *b = NULL;
	struct store_device d;
	struct strbuf sum = STRBUF_INIT;
	struct route_verdict_out v;
	struct route_msg m;
	struct route_req req;
	char url[512];
	int rc;

	memset(&v, 0, sizeof(v));
	strbuf_init(&v.detail, 512);
	memset(&d, 0, sizeof(d));
	d.user_id = job->user_id;
	snprintf(d.type, sizeof(d.type), "clawbot");
	rc = FG_ESTORE;
	if (rd != NULL && (b = calloc(1, sizeof(*b))) != NULL &&
	    (rc = dir_clawbot_get(rd, job->user_id, b)) == 0)
		snprintf(d.dkey, sizeof(d.dkey), "%s", b->bot_id);
	free(b);
	summary(&sum, job->msg);
	channel_page_url(url, sizeof(url), job->msg->short_code);
	m = (struct route_msg){ 0, job->msg->short_code, job->msg->title,
		sum.buf, url, "", 0 };
	route_req_init(&req);
	if (rc == 0)
		rc = route_clawbot.build(&route_clawbot, rd, &d, &m, &req,
		    &v.detail);
	else
		strbuf_setf(&v.detail,
		    "ClawBot未绑定：请先在个人页面或通过"
		    "clawBot/getBotQrcode扫码绑定 (no ClawBot is bound)");
	if (rc == 0)
		exchange(&d, &req, &v, res);
	else
		v.verdict = rc == FG_EBUSY ? ROUTE_WAIT :
		    rc == FG_ESTORE	   ? ROUTE_RETRY :
					     ROUTE_FAIL;
	if (rc == 0 || v.verdict != ROUTE_WAIT)
		verdict(job, &v, res);
	else {
		res->outcome = DELIVERY_TEMPFAIL;
		strbuf_setf(&res->detail, "%s", v.detail.buf);
	}
	route_req_free(&req);
	strbuf_release(&sum);
	strbuf_release(&v.detail);
}

static void
clawbot_send(const struct channel_driver *drv, const struct delivery_job *job,
    struct delivery_result *res)
{
	(void)drv;
	if (route_clawbot_pace_take(job->user_id) != 0) {
		res->outcome = DELIVERY_DEFER;
		return;
	}
	clawbot_push(job, res);
	route_clawbot_pace_release(job->user_id);
}

const struct channel_driver channel_clawbot = {
	.name = "clawbot",
	.caps = CHANNEL_CAP_NEEDS_MESSAGE,
	.ready = clawbot_ready,
	.send = clawbot_send,
};
