/*
 * mail_notice.c: feige's own mails to a person (a sign-in link, issue
 * 10 §1), sent from the operator's default sender (mail.* in
 * feige.conf) by one thread.
 *
 * These are not messages: nothing is stored (a sign-in link must not
 * sit in the messages table in clear) and nothing is retried beyond the
 * one SMTP transaction; a person who gets no mail asks again.  The
 * request that asked for the mail answers at once, whatever happens
 * here, so the answer cannot tell whether the address belongs to
 * anyone, and a slow SMTP server holds no request thread.
 *
 * The queue is bounded (NOTICE_QUEUE_MAX); beyond it a notice is
 * dropped with a log line (the page's rate limits keep it far away).
 * The thread starts with the first notice.  The mail is built by
 * mail_build() as a plain-text message and sent by mail_transfer(),
 * the channel's own SMTP code; the outcome is logged, the recipient
 * quoted.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "channel/channel.h"
#include "channel/channel_int.h"
#include "core/message.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define NOTICE_QUEUE_MAX	64

struct notice {
	struct notice	*next;
	char		*to, *subject, *text;
};

static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 cv = PTHREAD_COND_INITIALIZER;
static struct notice	*head, **tailp = &head;
static int		 queued, started;

static void
send_one(const struct notice *n)
{
	struct mail_sender ms;
	struct delivery_result res;
	struct message m;
	struct strbuf msg = STRBUF_INIT, what = STRBUF_INIT;
	char q[300], err[600];
	int tries;

	memset(&res, 0, sizeof(res));
	strbuf_init(&res.detail, 1024);
	memset(&m, 0, sizeof(m));
	mail_sender(NULL, &ms, &what);
	m.title = n->subject;
	m.content = n->text;
	m.content_len = strlen(n->text);
	m.tpl = TPL_TXT;
	ids_token(m.short_code);	/* a unique Message-ID */
	if (mail_build(&msg, ms.from, n->to, &m, 0, clock_ms()) != 0)
		chan_fail(&res, DELIVERY_PERMFAIL, what.buf, 0, "too large");
	else	/* the server busy with deliveries: wait for a turn */
		for (tries = 0; tries < 40 && (tries == 0 ||
		    res.outcome == DELIVERY_DEFER); tries++) {
			if (tries > 0)
				nanosleep(&(struct timespec){ 0, 250000000 },
				    NULL);
			mail_transfer(&ms, n->to, &msg, what.buf, &res);
		}
	log_quote(q, sizeof(q), n->to);
	if (res.outcome == DELIVERY_OK)
		log_info("msg=notice_mail to=%s outcome=ok", q);
	else
		log_warnx("msg=notice_mail to=%s outcome=failed error=%s", q,
		    log_quote(err, sizeof(err), res.detail.buf));
	strbuf_release(&res.detail);
	strbuf_release(&msg);
	strbuf_release(&what);
}

static void *
run(void *arg)
{
	struct notice *n;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&mu);
		while (head == NULL)
			pthread_cond_wait(&cv, &mu);
		n = head;
		if ((head = n->next) == NULL)
			tailp = &head;
		queued--;
		pthread_mutex_unlock(&mu);
		send_one(n);
		free(n->to);
		free(n->subject);
		free(n->text);
		free(n);
	}
	return NULL;
}

int
channel_mail_notice(const char *to, const char *subject, const char *text)
{
	const struct channel_settings *cs = channel_settings();
	struct notice *n;
	pthread_t t;
	int rc = 0;

	if (*cs->mail_host == '\0' || !mail_addr_ok(to))
		return -1;
	n = xcalloc(1, sizeof(*n));
	n->to = xstrdup(to);
	n->subject = xstrdup(subject);
	n->text = xstrdup(text);
	pthread_mutex_lock(&mu);
	if (!started && pthread_create(&t, NULL, run, NULL) == 0) {
		pthread_detach(t);
		started = 1;
	}
	if (!started || queued >= NOTICE_QUEUE_MAX)
		rc = -1;
	else {
		*tailp = n;
		tailp = &n->next;
		queued++;
		pthread_cond_signal(&cv);
	}
	pthread_mutex_unlock(&mu);
	if (rc != 0) {
		log_warnx("msg=notice_mail outcome=dropped reason=queue_full");
		free(n->to);
		free(n->subject);
		free(n->text);
		free(n);
	}
	return rc;
}
