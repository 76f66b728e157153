/*
 * pp_batch.c: pushplus's multi-channel send, `/batchSend`, `/batchSend/`
 * and `/batchSend/{token}` with any method (pushplus-today.md §1.7).
 *
 * `channel` is a comma list ("wechat,webhook,extension") and `option`
 * (or its old name `webhook`) a comma list paired with it by position
 * (",bark,"): one message per channel, built by the same steps as /send
 * (pp_send.h), each with its own shortCode, status and callback.
 * Entries are trimmed; a missing or empty option slot means none, extra
 * option slots are ignored.  Without `channel` the request is one
 * message on the token's default channel, as /send.
 *
 * Each channel counts as one request against the token's rate limit,
 * as upstream loops over its send API.  A bad channel entry (unknown
 * channel, missing or unknown option, rate limit) fails only its own
 * element of the reply; what the whole request shares (token, content,
 * title, template, callbackUrl, timestamp) fails the request with the
 * /send envelope.  The reply is
 *
 *   {"code":200,"msg":"执行成功","data":[
 *     {"shortCode":"…","message":"请求成功，请用流水号查询最终发送结果",
 *      "code":200,"channel":"wechat"},
 *     {"shortCode":null,"message":"<reason>","code":999,
 *      "channel":"webhook"}]}
 *
 * one element per requested channel, in request order.  Every accepted
 * message goes to the queue and the connection stays parked until the
 * last of them is committed (a countdown in the done callbacks), so a
 * 200 element means that message is on disk.
 */
#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/pushplus/pp_send.h"
#include "channel/channel.h"
#include "queue/queue.h"
#include "util/errors.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define PP_BATCH_MAX		16	/* channels per request */
#define PP_BATCH_CHANNEL	40	/* bytes of a requested channel kept */
#define PP_BATCH_MSG		"执行成功"
#define PP_BATCH_ITEM_MSG	"请求成功，请用流水号查询最终发送结果"

struct pp_batch_item {
	struct pp_item	 item;	/* first: the queue's handle */
	char		 channel[PP_BATCH_CHANNEL + 1];	/* as requested */
	char		*option;	/* heap; NULL: none */
	int		 code;		/* 0 accepted, else the refusal */
};

struct pp_batch {
	struct pp_req		 req;	/* first: items' owner */
	int			 by_default;	/* no channel parameter */
	size_t			 n;
	atomic_size_t		 pending;	/* accepted, not committed */
	struct pp_batch_item	 items[PP_BATCH_MAX];
};

static void
batch_free(void *arg)
{
	struct pp_batch *b = arg;
	size_t i;

	for (i = 0; i < b->n; i++) {
		pp_item_release(&b->items[i].item);
		free(b->items[i].option);
	}
	pp_req_release(&b->req);
	free(b);
}

/* The i-th entry of a comma list, trimmed; NULL past the end. */
static const char *
entry(const char *list, size_t i, size_t *len)
{
	const char *e;

	while (i-- > 0) {
		if ((list = strchr(list, ',')) == NULL)
			return NULL;
		list++;
	}
	e = strchr(list, ',');
	*len = e ? (size_t)(e - list) : strlen(list);
	while (*len && isspace((unsigned char)*list))
		list++, (*len)--;
	while (*len && isspace((unsigned char)list[*len - 1]))
		(*len)--;
	return list;
}

/* Copy s (len bytes) into a channel buffer, cut on a UTF-8 boundary. */
static void
copy_channel(char *dst, const char *s, size_t len)
{
	if (len > PP_BATCH_CHANNEL) {
		len = PP_BATCH_CHANNEL;
		while (len && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* Pair the channel and option lists into items; 0 or a pushplus code. */
static int
split(struct pp_batch *b)
{
	struct pp_req *q = &b->req;
	const char *chans = params_get(&q->p, "channel", NULL);
	const char *opts = pp_req_option(q);
	const char *s;
	size_t i, len;

	b->n = 1;
	for (s = chans; s && (s = strchr(s, ',')) != NULL; s++)
		b->n++;
	if (b->n > PP_BATCH_MAX) {
		b->n = 0;
		snprintf(q->msg, sizeof(q->msg), "渠道最多%d个 (too many "
		    "channels)", PP_BATCH_MAX);
		return 999;
	}
	b->by_default = chans == NULL;
	if (chans == NULL)
		snprintf(b->items[0].channel, sizeof(b->items[0].channel),
		    "%s", q->prefs.channel[0] ? q->prefs.channel : "wechat");
	for (i = 0; i < b->n; i++) {
		if (chans && (s = entry(chans, i, &len)) != NULL)
			copy_channel(b->items[i].channel, s, len);
		if (opts && (s = entry(opts, i, &len)) != NULL && len)
			b->items[i].option = xstrndup(s, len);
	}
	return 0;
}

static void
reply(struct pp_batch *b)
{
	struct strbuf sb = STRBUF_INIT;
	const struct pp_batch_item *bi;
	const char *name;
	size_t i;

	strbuf_addch(&sb, '[');
	for (i = 0; i < b->n; i++) {
		bi = &b->items[i];
		if (i)
			strbuf_addch(&sb, ',');
		if (bi->code == 0)
			strbuf_addf(&sb, "{\"shortCode\":\"%s\",\"message\":"
			    "\"%s\",\"code\":200", bi->item.req.msg.short_code,
			    PP_BATCH_ITEM_MSG);
		else {
			strbuf_addstr(&sb, "{\"shortCode\":null,\"message\":");
			strbuf_add_json_str(&sb, bi->item.error,
			    strlen(bi->item.error));
			strbuf_addf(&sb, ",\"code\":%d", bi->code);
		}
		name = bi->item.req.drv ? bi->item.req.drv->name :
		    bi->channel;
		strbuf_addstr(&sb, ",\"channel\":");
		strbuf_add_json_str(&sb, name, strlen(name));
		strbuf_addch(&sb, '}');
	}
	strbuf_addch(&sb, ']');
	api_pp_reply(b->req.http, 200, 200, PP_BATCH_MSG, sb.buf);
	strbuf_release(&sb);
}

static void
item_done(struct send_request *req, int rc)
{
	struct pp_batch_item *bi = (struct pp_batch_item *)req;
	struct pp_batch *b = (struct pp_batch *)bi->item.owner;

	if (rc == FG_EBUSY) /* over the rate limit (the writer's count) */
		bi->code = pp_item_limited(&bi->item, req->rate_limit);
	else if (rc != 0) {
		log_error("msg=\"batch send not stored\" channel=%s rc=%d",
		    req->drv->name, rc);
		bi->code = 500;
		snprintf(bi->item.error, sizeof(bi->item.error), "%s",
		    PP_ERR_500);
	}
	if (atomic_fetch_sub(&b->pending, 1) == 1) {
		reply(b);
		api_unpark(b->req.http);
	}
}

/* Answer, then free b, or unpark r (whose end frees b) when parked. */
static void
finish(struct http_req *r, struct pp_batch *b, int parked)
{
	if (parked)
		api_unpark(r);
	else
		batch_free(b);
}

static void
fail(struct http_req *r, struct pp_batch *b, int parked, int code,
    const char *reason)
{
	api_pp_reply(r, 200, code, reason, NULL);
	finish(r, b, parked);
}

/* After `pre` (if any): the shared fields, the items, the queue. */
static void
batch_rest(struct http_req *r, struct pp_batch *b, int parked)
{
	struct pp_req *q = &b->req;
	struct queue *queue = api_ctx(r)->queue;
	struct pp_batch_item *bi;
	size_t i, k, accepted = 0;
	int rc;

	if ((rc = pp_req_fields(q)) != 0)
		return fail(r, b, parked, rc, q->msg);
	for (i = 0; i < b->n; i++) {
		bi = &b->items[i];
		if (bi->code == 0)
			bi->code = pp_item_build(q, &bi->item,
			    b->by_default ? NULL : bi->channel, bi->option);
		if (bi->code == 0) {
			bi->item.req.on_done = item_done;
			accepted++;
		}
	}
	if (accepted == 0) {
		reply(b);
		return finish(r, b, parked);
	}
	/*
	 * The last commit answers and may free b at once, so after the last
	 * submit only locals are read.
	 */
	atomic_store(&b->pending, accepted);
	if (!parked)
		api_park(r, b, batch_free);
	for (i = k = 0; k < accepted; i++)
		if (b->items[i].code == 0) {
			k++;
			queue_submit(queue, &b->items[i].item.req);
		}
}

/* The pre script has run (pp_req_pre()); on the pool's thread. */
static void
batch_pre_next(struct pp_req *q, int code)
{
	struct pp_batch *b = q->pre_state;

	if (code != 0)
		return fail(q->http, b, 1, code, q->msg);
	batch_rest(q->http, b, 1);
}

void
api_pushplus_batch_send(struct http_req *r, const char *path_token)
{
	struct pp_batch *b = xcalloc(1, sizeof(*b));
	struct pp_req *q = &b->req;
	size_t i;
	int rc;

	if ((rc = pp_req_open(q, r, path_token)) != 0 ||
	    (rc = split(b)) != 0)
		return fail(r, b, 0, rc, q->msg);
	for (i = 0; i < b->n; i++)
		pp_item_count(q, &b->items[i].item);
	if ((rc = pp_req_pre(q, b, batch_free, batch_pre_next)) == PP_PARKED)
		return;
	if (rc != 0)
		return fail(r, b, 0, rc, q->msg);
	batch_rest(r, b, 0);
}
