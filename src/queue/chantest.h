/*
 * chantest.h: a channel config's test send (the console's "send a
 * test" button), now and outside the queue: one request to the
 * upstream, and what it answered.
 *
 *   queue_chan_test_start(t)   run t on a thread of its own; t->done(t)
 *                              is called there when the upstream has
 *                              answered (or the driver's timeout,
 *                              channel.timeout_ms, ran out).  -1 with
 *                              the catalog key of the reason when the
 *                              person has a test running already or
 *                              the server has CHANTEST_MAX running.
 *                              Either way it sets up t->reply and
 *                              t->detail; the owner releases them.
 *
 * Nothing is stored: no message, no delivery, no inbox item, no
 * callback; a test is a look at the wire, not a send.
 */
#ifndef FG_QUEUE_CHANTEST_H
#define FG_QUEUE_CHANTEST_H

#include <stdint.h>

#include "store/store_chan.h"
#include "util/strbuf.h"

#define CHANTEST_MAX 8 /* tests running at once, server-wide */

struct queue_chan_test {
	int64_t user_id;
	struct store_chan cfg;		 /* the person's config, as stored */
	char email[STORE_EMAIL_MAX + 1]; /* mail */
	/*
	 * A channel without a config of the person's (the operator's SMS
	 * provider test): its name ("sms", "voice"), cfg unused, and the
	 * phone number it goes to.  "": the driver of cfg.kind.
	 */
	char channel[16];
	char phone[STORE_PHONE_MAX + 1];
	char title[128];
	char content[512];
	void (*done)(struct queue_chan_test *);
	void *arg; /* the caller's */
	/* the result, set before done() */
	int ok;		      /* the driver said delivered */
	int status;	      /* upstream HTTP status, 0 */
	struct strbuf reply;  /* upstream body, cut */
	struct strbuf detail; /* the driver's reason */
};

int queue_chan_test_start(struct queue_chan_test *, const char **why);

#endif
