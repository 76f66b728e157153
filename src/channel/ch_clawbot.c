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
 * itself (build on the delivery worker, judge on the outbound loop),
 * rather than handing the message to the person's routes.
 * channel=clawbot is pushplus's per-message
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
 * through the writer, queued ahead of the delivery's own outcome.
 *
 * The driver has the loop form (channel.h build/judge): the worker
 * reads the bot and builds sendmessage, the outbound loop (xloop.c)
 * runs it, so an iLink host that holds its requests costs only its own
 * deliveries, not a worker each.  (The long-poll receiver is the
 * ClawBot poller's, queue/clawbot.c, on its own loop.)
 *
 * Pacing: pushes to one bot go one at a time, CLAWBOT_PACE_MS apart,
 * through the same slots as the person's route (route_clawbot.c says
 * why): a worker that finds the person's slot taken answers
 * DELIVERY_DEFER (not an attempt; the queue tries again shortly).  The
 * slot taken in build() belongs to the request (chan_req on_free): it
 * is given back when the request is over, however it ends (judged,
 * refused by a full loop, cut off by a stop).
 *
 * Text (pushplus): template txt sends the content in full (cut to
 * CH_CLAWBOT_TEXT_MAX bytes), other templates its first 50 characters;
 * every push ends with the message page's URL ("查询详情").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The verdict's count against the window, through the writer. */
struct count_op {
	struct writer_op		op;
	int64_t				user;
	struct route_verdict_out	v;	/* verdict, upstream_id */
};

static int
count_apply(struct writer_op *op, struct store *s)
{
	struct count_op *c = (struct count_op *)op;

	return route_clawbot_count(s, c->user, &c->v, clock_ms());
}

static void
count_done(struct writer_op *op, int rc)
{
	(void)rc;
	free(op);
}

/*
 * v into res, counted first: the count op is queued on the writer ahead
 * of the delivery's finish op (one writer, in order), so it never waits
 * here, on the outbound loop's thread.
 */
static void
verdict(int64_t user, const struct route_verdict_out *v,
    struct delivery_result *res)
{
	struct count_op *c;

	if (clawbot_writer != NULL && (c = calloc(1, sizeof(*c))) != NULL) {
		c->op.apply = count_apply;
		c->op.done = count_done;
		c->user = user;
		c->v.verdict = v->verdict;
		memcpy(c->v.upstream_id, v->upstream_id,
		    sizeof(c->v.upstream_id));
		writer_submit(clawbot_writer, &c->op);
	}
	res->outcome = v->verdict == ROUTE_OK ? DELIVERY_OK :
	    v->verdict == ROUTE_RETRY || v->verdict == ROUTE_WAIT ?
						DELIVERY_TEMPFAIL :
						DELIVERY_PERMFAIL;
	if (v->verdict != ROUTE_OK)
		strbuf_setf(&res->detail, "%s", v->detail.buf);
}

/* The pace slot is held for as long as the request lives. */
static void
pace_free(struct chan_req *creq)
{
	route_clawbot_pace_release(creq->tag);
}

/* route_clawbot's request as the outbound loop's; 0 or FG_ENOMEM. */
static int
to_chan_req(const struct route_req *req, struct chan_req *creq)
{
	const char *const *h;

	snprintf(creq->method, sizeof(creq->method), "%s",
	    req->method ? req->method : "");
	creq->has_body = req->body.len > 0;
	for (h = req->headers; *h; h++)
		if ((creq->has_body ||
			strncasecmp(*h, "Content-Type:", 13) != 0) &&
		    chan_req_header(creq, *h) != 0)
			return FG_ENOMEM;
	if (strbuf_addstr(&creq->url, req->url) != 0 ||
	    (creq->has_body &&
		strbuf_add(&creq->body, req->body.buf, req->body.len) != 0))
		return FG_ENOMEM;
	return 0;
}

/* The bot of job's recipient into d; 0, FG_ENOENT or FG_ESTORE. */
static int
bot_of(const struct delivery_job *job, struct store *rd,
    struct store_device *d)
{
	struct store_clawbot *b;
	int rc = FG_ESTORE;

	memset(d, 0, sizeof(*d));
	d->user_id = job->user_id;
	snprintf(d->type, sizeof(d->type), "clawbot");
	if (rd != NULL && (b = calloc(1, sizeof(*b))) != NULL) {
		if ((rc = dir_clawbot_get(rd, job->user_id, b)) == 0)
			snprintf(d->dkey, sizeof(d->dkey), "%s", b->bot_id);
		free(b);
	}
	return rc;
}

/*
 * The sendmessage request of one delivery (the loop form, channel.h):
 * the pace slot, the bot, route_clawbot's build.  -1 with res final or
 * DEFER (the person's slot is taken).
 */
static int
clawbot_build(const struct channel_driver *drv, const struct delivery_job *job,
    struct chan_req *creq, struct delivery_result *res)
{
	struct store *rd = store_reader();
	struct store_device d;
	struct strbuf sum = STRBUF_INIT;
	struct route_verdict_out v;
	struct route_msg m;
	struct route_req req;
	char url[512];
	int rc;

	(void)drv;
	if (route_clawbot_pace_take(job->user_id) != 0) {
		res->outcome = DELIVERY_DEFER;
		strbuf_setf(&res->detail,
		    "clawbot: a push to this bot is under way");
		return -1;
	}
	creq->tag = job->user_id;
	creq->on_free = pace_free;
	memset(&v, 0, sizeof(v));
	strbuf_init(&v.detail, 512);
	rc = bot_of(job, rd, &d);
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
	if (rc == 0 && (rc = to_chan_req(&req, creq)) != 0)
		strbuf_setf(&v.detail, "ClawBot: no memory");
	if (rc != 0) {
		v.verdict = rc == FG_EBUSY	       ? ROUTE_WAIT :
		    rc == FG_ESTORE || rc == FG_ENOMEM ? ROUTE_RETRY :
							 ROUTE_FAIL;
		if (v.verdict != ROUTE_WAIT)
			verdict(job->user_id, &v, res);
		else {
			res->outcome = DELIVERY_TEMPFAIL;
			strbuf_setf(&res->detail, "%s", v.detail.buf);
		}
	}
	route_req_free(&req);
	strbuf_release(&sum);
	strbuf_release(&v.detail);
	return rc == 0 ? 0 : -1;
}

/* iLink's answer, judged by route_clawbot and counted. */
static void
clawbot_judge(const struct channel_driver *drv, const struct chan_req *creq,
    struct delivery_result *res)
{
	struct store_device d;
	struct route_verdict_out v;
	struct route_answer a;

	(void)drv;
	memset(&d, 0, sizeof(d));
	d.user_id = creq->tag;
	memset(&v, 0, sizeof(v));
	strbuf_init(&v.detail, 512);
	memset(&a, 0, sizeof(a));
	a.status = creq->rep.status;
	a.body = creq->rep.body.buf;
	a.len = creq->rep.body.len;
	a.transport = creq->rep.curl_rc;
	a.transport_msg = creq->rep.error;
	res->upstream_status = (int)creq->rep.status;
	route_clawbot.judge(&route_clawbot, &d, &a, &v);
	verdict(creq->tag, &v, res);
	strbuf_release(&v.detail);
}

const struct channel_driver channel_clawbot = {
	.name = "clawbot",
	.caps = CHANNEL_CAP_NEEDS_MESSAGE,
	.ready = clawbot_ready,
	.send = chan_send_blocking,
	.build = clawbot_build,
	.judge = clawbot_judge,
};
