/*
 * chantest.c: test sends of channel configs (chantest.h).
 *
 * The driver is the one a delivery runs (webhook, cp, mail), given a
 * message made here and the config as stored, so the request on the
 * wire is the one a real send would make, through the same address
 * guard and the same timeout.  What differs is what is kept: the
 * delivery_result asks for the upstream's body (res.reply), which a
 * delivery never keeps.
 *
 * Why a thread per test and not the queue's workers: a test must not
 * wait behind a backlog of deliveries, nor hold a worker a delivery is
 * due on.  A thread is cheap against a request that may take the
 * driver's whole timeout, and the caps keep it bounded: one test per
 * person at a time (a second press is refused, not queued) and
 * CHANTEST_MAX for the server.  The caller parks its HTTP request and
 * answers from done(), so no HTTP thread waits for the upstream.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "channel/channel.h"
#include "core/message.h"
#include "queue/chantest.h"
#include "render/render.h"
#include "util/ids.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int64_t running[CHANTEST_MAX]; /* user ids, 0 = free */

/* Take a slot for user: 0, or -1 with the reason's catalog key. */
static int
slot_take(int64_t user, const char **why)
{
	int i, free_at = -1, rc = 0;

	pthread_mutex_lock(&mu);
	for (i = 0; i < CHANTEST_MAX; i++) {
		if (running[i] == user) {
			*why = "chan.test.busy";
			rc = -1;
			break;
		}
		if (running[i] == 0 && free_at < 0)
			free_at = i;
	}
	if (rc == 0 && free_at < 0) {
		*why = "chan.test.full";
		rc = -1;
	}
	if (rc == 0)
		running[free_at] = user;
	pthread_mutex_unlock(&mu);
	return rc;
}

static void
slot_give(int64_t user)
{
	int i;

	pthread_mutex_lock(&mu);
	for (i = 0; i < CHANTEST_MAX; i++)
		if (running[i] == user)
			running[i] = 0;
	pthread_mutex_unlock(&mu);
}

static const struct channel_driver *
driver_of(int kind)
{
	return kind == STORE_CHAN_WEBHOOK ? &channel_webhook :
	    kind == STORE_CHAN_CP	  ? &channel_cp :
	    kind == STORE_CHAN_MAIL	  ? &channel_mail :
					    NULL;
}

static void
run(struct queue_chan_test *t)
{
	const struct channel_driver *drv = t->channel[0] ?
	    channel_lookup(t->channel) :
	    driver_of(t->cfg.kind);
	struct delivery_result res;
	struct delivery_job dj;
	struct message m;

	memset(&res, 0, sizeof(res));
	memset(&dj, 0, sizeof(dj));
	memset(&m, 0, sizeof(m));
	res.detail = t->detail;
	res.reply = &t->reply;
	if (drv == NULL)
		strbuf_setf(&res.detail, "no driver for config kind %d (%s)",
		    t->cfg.kind, t->channel);
	else if (channel_ready(drv, &res.detail) == 0) {
		m.title = t->title;
		m.content = t->content;
		m.content_len = strlen(t->content);
		m.tpl = TPL_TXT;
		snprintf(m.channel, sizeof(m.channel), "%s", drv->name);
		ids_token(m.short_code);
		dj.user_id = t->user_id;
		dj.msg = &m;
		dj.cfg = t->channel[0] ? NULL : &t->cfg;
		dj.to = "";
		dj.email = t->email;
		dj.phone = t->phone;
		drv->send(drv, &dj, &res);
		t->ok = res.outcome == DELIVERY_OK;
	}
	t->status = res.upstream_status;
	t->detail = res.detail;
}

static void *
test_main(void *arg)
{
	struct queue_chan_test *t = arg;
	int64_t user = t->user_id;

	run(t);
	slot_give(user); /* before done(): the page may be pressed again */
	t->done(t);	 /* may free t */
	return NULL;
}

int
queue_chan_test_start(struct queue_chan_test *t, const char **why)
{
	pthread_attr_t a;
	pthread_t th;
	int rc;

	strbuf_init(&t->reply, CHANNEL_TEST_REPLY_MAX + 8);
	strbuf_init(&t->detail, 4096);
	if (slot_take(t->user_id, why) != 0)
		return -1;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&th, &a, test_main, t);
	pthread_attr_destroy(&a);
	if (rc != 0) {
		slot_give(t->user_id);
		*why = "chan.test.full";
		return -1;
	}
	return 0;
}
