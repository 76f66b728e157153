/*
 * submit.c: queue_submit(), the durable half of accepting a message.
 *
 * The writer runs send_apply() inside a group-commit transaction: the
 * count against the sender's rate limit, on either store (a refused
 * send stops there, FG_EBUSY to the submitter), then the message row, one delivery row per recipient and, for a message that is
 * already final at acceptance (an expired pushplus timestamp, nobody to
 * deliver to, or inbox deliveries completed inline), its callback row.
 * Inline inbox delivery (queue_config.inline_inbox) writes the inbox
 * items in the same transaction and publishes them to live streams after
 * the commit, as hub events (stream/hub.h); it halves the writes per
 * message, since an inbox delivery is a local write with nothing to wait
 * for.  After the commit send_done() queues the pending deliveries for
 * the workers (sched.c) and tells the submitter, which replies to the
 * client.  Nothing reaches the workers before it is on
 * disk, and nothing is acknowledged before that either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/callback.h"
#include "channel/channel.h"
#include "queue/queue_int.h"
#include "store/spool.h"
#include "stream/hub.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/metrics.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

/*
 * Count r against its rate limit, first in its transaction: a refused
 * send writes nothing (r->rate_refused); the count commits or rolls
 * back with the message.
 */
static int
rate_take(struct send_request *r, struct store *s)
{
	int taken = 1, rc;

	r->rate_refused = 0;
	if (r->rate_limit <= 0)
		return 0;
	rc = spool_rate_take(s, r->rate_key, clock_ms() / 60000, r->rate_limit,
	    &taken);
	r->rate_refused = rc == 0 && !taken;
	return rc;
}

static int
send_apply(struct writer_op *op, struct store *s)
{
	struct send_request *r = (struct send_request *)op;
	struct message *m = &r->msg;
	int rc;

	r->cb_added = r->push_added = 0;
	if ((rc = rate_take(r, s)) != 0 || r->rate_refused)
		return rc;
	r->local = r->q->cfg.inline_inbox && m->status == MSG_PENDING &&
	    (r->drv->caps & CHANNEL_CAP_INBOX) && r->n_users > 0;
	if (r->local)
		m->status = MSG_SENT;
	if (r->insert)
		rc = r->insert(r, s, r->dids);
	else
		rc = spool_message_insert(s, m, r->users, r->n_users,
		    r->drv->name, r->dids, NULL);
	if (rc != 0)
		return rc;
	if (r->local && r->n_users == 1)
		rc = spool_inbox_add(s, r->users[0], m->id, r->dids[0],
		    &r->inbox_ids[0]);
	else if (r->local)
		rc = spool_inbox_add_many(s, m->id, r->users, r->dids,
		    r->n_users, r->inbox_ids);
	if (rc == 0 && r->local)	/* and to each of their devices */
		rc = spool_push_add(s, m->id, r->users, r->inbox_ids,
		    r->n_users, m->created_ms, &r->push_added);
	if (rc != 0)
		return rc;
	if (m->status != MSG_PENDING && m->callback_url && *m->callback_url) {
		struct strbuf body = STRBUF_INIT;

		callback_message_body(&body, m->short_code, m->status,
		    m->error);
		rc = spool_outbox_add(s, m->callback_url, body.buf,
		    clock_ms());
		strbuf_release(&body);
		r->cb_added = rc == 0;
	}
	return rc;
}

/*
 * After an inline inbox commit: push the new items to live streams.  The
 * hub formats only for users with a stream open, so a fan-out costs one
 * bucket lookup per recipient.
 */
static void
publish(struct send_request *r)
{
	struct hub *hub = r->q->cfg.hub;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 0, 0, &r->msg };
	size_t i;

	if (hub == NULL || hub_count(hub) == 0)
		return;
	for (i = 0; i < r->n_users; i++) {
		ev.id = r->inbox_ids[i];
		ev.user = r->users[i];
		hub_publish(hub, &ev);
	}
}

static void
send_done(struct writer_op *op, int rc)
{
	struct send_request *r = (struct send_request *)op;
	struct queue *q = r->q;
	struct qjob *jobs = NULL, **tail = &jobs;
	size_t i;

	if (rc == 0 && r->rate_refused)
		rc = FG_EBUSY; /* nothing was written */
	if (rc == 0) {
		/* inline inbox deliveries are done with the accept */
		metrics_add(&metric_accepted, (const char *[]){ r->drv->name },
		    1);
		if (r->local)
			metrics_add(&metric_deliveries, (const char *[]){
			    r->drv->name, "ok" }, (int64_t)r->n_users);
	}
	if (rc == 0 && r->local)
		publish(r);
	if (rc == 0 && r->msg.status == MSG_PENDING) {
		for (i = 0; i < r->n_users; i++) {
			struct qjob *j = xcalloc(1, sizeof(*j));

			j->delivery_id = r->dids[i];
			j->message_id = r->msg.id;
			j->user_id = r->users[i];
			snprintf(j->channel, sizeof(j->channel), "%s",
			    r->drv->name);
			memcpy(j->short_code, r->msg.short_code,
			    sizeof(j->short_code));
			j->single = r->n_users == 1;
			j->has_cb = r->msg.callback_url &&
			    *r->msg.callback_url;
			*tail = j;
			tail = &j->next;
		}
		queue_push_list(q, jobs);
	}
	if (rc == 0 && r->cb_added && q->cfg.callback_kick)
		q->cfg.callback_kick(q->cfg.callback_arg);
	if (rc == 0 && r->push_added && q->cfg.push_kick)
		q->cfg.push_kick(q->cfg.push_arg);
	if (r->dids != r->dids_small)
		free(r->dids);
	if (r->inbox_ids != r->inbox_small)
		free(r->inbox_ids);
	r->dids = r->inbox_ids = NULL;
	r->on_done(r, rc);
}

void
queue_submit(struct queue *q, struct send_request *r)
{
	r->q = q;
	r->op.apply = send_apply;
	r->op.done = send_done;
	r->dids = r->n_users <= 4 ? r->dids_small :
	    xcalloc(r->n_users, sizeof(*r->dids));
	r->inbox_ids = r->n_users <= 4 ? r->inbox_small :
	    xcalloc(r->n_users, sizeof(*r->inbox_ids));
	r->msg.created_ms = clock_ms();
	writer_submit(q->cfg.writer, &r->op);
}
