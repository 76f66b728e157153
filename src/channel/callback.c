/*
 * callback.c: the outbox sender thread (callback.h) and the
 * message_complate body.
 *
 * One thread drives a libcurl multi handle: every due callback is its
 * own transfer, all of them concurrent, so a receiver that never
 * answers costs its own callbacks their timeout and nobody else's (one
 * slow URL used to hold the single easy handle, and every callback
 * queued behind it, for callback.timeout_ms each).  Two limits keep one
 * host from taking the sender over: at most CB_PER_HOST transfers to one
 * host at a time and CB_MAX_FLIGHT in all; a due row over a limit stays
 * in the outbox, untouched and not counted as an attempt, until a slot
 * frees.  The multi handle keeps connections alive between callbacks.
 *
 * Each poll (once a second, and at once when kicked) copies up to 64 due
 * rows from the sender's own read connection, ending that read before
 * any network I/O (a read snapshot held across a slow receiver would
 * hold up checkpoints), and starts those that are not already in
 * flight.  Each finished transfer's outcome is recorded through the
 * writer before its row leaves the in-flight set, so no poll sees a
 * row that was just sent.  A failed row is due again on the retry
 * schedule the channel deliveries use (core/retry.h).  Every transfer
 * has the channels' address guard (http.c chan_guard_socket) with
 * callback.allow_private.  A receiver's reply body is ignored; any 2xx
 * is success.  Each callback carries X-Feige-Delivery: cb-<outbox id>,
 * the same on every attempt, so a receiver can tell a repeat (at least
 * once when several nodes share PostgreSQL, store/pg_lease.c).
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "channel/callback.h"
#include "channel/channel_int.h"
#include "core/retry.h"
#include "store/store.h"
#include "store/writer.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/metrics.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define CB_PER_HOST	2	/* transfers to one host at a time */
#define CB_MAX_FLIGHT	32	/* transfers at a time */
#define CB_POLL_MS	1000

/* One callback on the wire. */
struct xfer {
	CURL			*easy;
	struct curl_slist	*hdrs;
	struct chan_guard	 guard;
	int64_t			 id;
	int			 attempts;	/* before this one */
	char			*url;
	char			*body;
	char			 host[CHAN_HOST_MAX];
	char			 errbuf[CURL_ERROR_SIZE];
};

struct callback_sender {
	struct callback_config		 cfg;
	struct retry_policy		 retry;
	struct store			*reader;
	CURLM				*multi;
	pthread_t			 thread;
	atomic_int			 kicked;
	atomic_int			 stopping;
	struct xfer			*flight[CB_MAX_FLIGHT];
	int				 nflight;
};

struct outcome_op {
	struct writer_op	op;
	int64_t			id;
	int			state;	/* 0 again, 1 sent, 2 gave up */
	int			attempts;
	int64_t			next_ms;
	const char		*error;
};

static size_t
discard(char *p, size_t n, size_t m, void *arg)
{
	(void)p;
	(void)arg;
	return n * m;
}

static int
outcome_apply(struct writer_op *op, struct store *s)
{
	struct outcome_op *o = (struct outcome_op *)op;

	return spool_outbox_done(s, o->id, o->state, o->attempts, o->next_ms,
	    o->error);
}

static void
outcome_done(struct writer_op *op, int rc)
{
	(void)op;
	(void)rc;
}

struct due {
	struct store_outbox	*rows;
	size_t			 n, alloc;
};

static int
collect(void *arg, const struct store_outbox *row)
{
	struct due *d = arg;

	d->rows = xgrow(d->rows, d->n, &d->alloc, sizeof(*d->rows), 16);
	d->rows[d->n].id = row->id;
	d->rows[d->n].url = xstrdup(row->url);
	d->rows[d->n].body = xstrdup(row->body);
	d->rows[d->n].attempts = row->attempts;
	d->n++;
	return 0;
}

/* May row start now: not in flight, its host and the sender not full? */
static int
may_start(const struct callback_sender *cs, int64_t id, const char *host)
{
	int i, same = 0;

	if (cs->nflight >= CB_MAX_FLIGHT)
		return 0;
	for (i = 0; i < cs->nflight; i++) {
		if (cs->flight[i]->id == id)
			return 0;
		if (strcasecmp(cs->flight[i]->host, host) == 0)
			same++;
	}
	return same < CB_PER_HOST;
}

static void
start(struct callback_sender *cs, struct store_outbox *row,
    const char *host)
{
	struct xfer *x = xcalloc(1, sizeof(*x));
	char did[48];

	x->id = row->id;
	x->attempts = row->attempts;
	x->url = row->url;		/* taken over */
	x->body = row->body;
	row->url = row->body = NULL;
	snprintf(x->host, sizeof(x->host), "%s", host);
	x->guard.on = !cs->cfg.allow_private;
	x->easy = curl_easy_init();
	x->hdrs = curl_slist_append(NULL, "Content-Type: application/json");
	snprintf(did, sizeof(did), "X-Feige-Delivery: cb-%lld",
	    (long long)x->id);
	x->hdrs = curl_slist_append(x->hdrs, did);
	curl_easy_setopt(x->easy, CURLOPT_URL, x->url);
	curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->hdrs);
	curl_easy_setopt(x->easy, CURLOPT_POSTFIELDS, x->body);
	curl_easy_setopt(x->easy, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(x->easy, CURLOPT_TIMEOUT_MS, (long)cs->cfg.timeout_ms);
	curl_easy_setopt(x->easy, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)cs->cfg.timeout_ms);
	curl_easy_setopt(x->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(x->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(x->easy, CURLOPT_USERAGENT, "feige-callback/1");
	curl_easy_setopt(x->easy, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(x->easy, CURLOPT_PRIVATE, x);
	chan_guard_socket(x->easy, x->url, &x->guard);
	curl_multi_add_handle(cs->multi, x->easy);
	cs->flight[cs->nflight++] = x;
}

static void
xfer_free(struct callback_sender *cs, struct xfer *x)
{
	int i;

	for (i = 0; i < cs->nflight; i++)
		if (cs->flight[i] == x) {
			cs->flight[i] = cs->flight[--cs->nflight];
			break;
		}
	curl_multi_remove_handle(cs->multi, x->easy);
	curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->hdrs);
	free(x->url);
	free(x->body);
	free(x);
}

/* A transfer ended: record its outcome, then let its row go. */
static void
finish(struct callback_sender *cs, struct xfer *x, CURLcode cc)
{
	char lurl[LOG_VALUE_MAX], lerr[LOG_VALUE_MAX];
	struct outcome_op o;
	long status = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	memset(&o, 0, sizeof(o));
	o.op.apply = outcome_apply;
	o.op.done = outcome_done;
	o.id = x->id;
	o.attempts = x->attempts + 1;
	if (cc == CURLE_OK && status >= 200 && status < 300) {
		o.state = 1;
		o.error = "";
	} else {
		o.error = cc != CURLE_OK ? (*x->errbuf ? x->errbuf :
		    curl_easy_strerror(cc)) : "non-2xx reply";
		o.state = retry_next(&cs->retry, o.attempts, clock_ms(),
		    &o.next_ms) ? 0 : 2;
	}
	metrics_add(&metric_callbacks, (const char *[]){ o.state == 1 ? "ok" :
	    o.state == 2 ? "failed" : "retry" }, 1);
	log_info("callback id=%lld url=\"%s\" status=%ld attempt=%d "
	    "outcome=%s%s%s%s", (long long)x->id,
	    log_url(lurl, sizeof(lurl), x->url), status, o.attempts,
	    o.state == 1 ? "sent" : o.state == 2 ? "gave_up" : "retry",
	    o.state == 1 ? "" : " error=\"", o.state == 1 ? "" :
	    log_quote(lerr, sizeof(lerr), o.error), o.state == 1 ? "" : "\"");
	(void)writer_submit_wait(cs->cfg.writer, &o.op);
	xfer_free(cs, x);
}

static void
poll_due(struct callback_sender *cs)
{
	struct due d = { NULL, 0, 0 };
	char host[CHAN_HOST_MAX];
	size_t i;

	if (spool_outbox_due(cs->reader, clock_ms(), 64, collect, &d) < 0)
		log_warnx("msg=\"cannot read the callback outbox\"");
	for (i = 0; i < d.n; i++) {
		chan_url_host(d.rows[i].url, host);
		if (may_start(cs, d.rows[i].id, host))
			start(cs, &d.rows[i], host);
		free(d.rows[i].url);
		free(d.rows[i].body);
	}
	free(d.rows);
}

static void
reap(struct callback_sender *cs)
{
	struct CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(cs->multi, &left)) != NULL) {
		struct xfer *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x != NULL)
			finish(cs, x, m->data.result);
	}
}

static void *
sender_main(void *arg)
{
	struct callback_sender *cs = arg;
	int64_t last = 0;
	int running;

	while (!atomic_load(&cs->stopping)) {
		int64_t now = clock_ms();

		if (atomic_exchange(&cs->kicked, 0) || now - last >= CB_POLL_MS) {
			poll_due(cs);
			last = now;
		}
		curl_multi_perform(cs->multi, &running);
		reap(cs);
		now = clock_ms();
		curl_multi_poll(cs->multi, NULL, 0, (int)(last + CB_POLL_MS >
		    now ? last + CB_POLL_MS - now : 1), NULL);
	}
	while (cs->nflight > 0)	/* unsent rows stay due in the outbox */
		xfer_free(cs, cs->flight[0]);
	return NULL;
}

int
callback_start(struct callback_sender **out, const struct callback_config *cfg,
    struct strbuf *err)
{
	struct callback_sender *cs = xcalloc(1, sizeof(*cs));
	int rc;

	cs->cfg = *cfg;
	cs->retry.tries = cfg->tries;
	cs->retry.first_ms = RETRY_CALLBACK_FIRST_MS;
	cs->retry.max_doublings = RETRY_CALLBACK_DOUBLINGS;
	if ((rc = store_open_dir(cfg->data_dir, cfg->sync_full, &cs->reader,
	    err)) != 0) {
		free(cs);
		return rc;
	}
	if ((cs->multi = curl_multi_init()) == NULL) {
		store_close(cs->reader);
		free(cs);
		strbuf_setf(err, "curl_multi_init failed");
		return FG_ENOMEM;
	}
	curl_multi_setopt(cs->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)CB_PER_HOST);
	atomic_store(&cs->kicked, 1);
	pthread_create(&cs->thread, NULL, sender_main, cs);
	*out = cs;
	return 0;
}

void
callback_kick(void *arg)
{
	struct callback_sender *cs = arg;

	atomic_store(&cs->kicked, 1);
	curl_multi_wakeup(cs->multi);
}

void
callback_stop(struct callback_sender *cs)
{
	if (cs == NULL)
		return;
	atomic_store(&cs->stopping, 1);
	curl_multi_wakeup(cs->multi);
	pthread_join(cs->thread, NULL);
	curl_multi_cleanup(cs->multi);
	store_close(cs->reader);
	free(cs);
}

int
callback_message_body(struct strbuf *sb, const char *short_code,
    int status, const char *error)
{
	int rc = strbuf_addstr(sb, "{\"event\":\"message_complate\","
	    "\"messageInfo\":{\"message\":");

	if (rc == 0)
		rc = strbuf_add_json_str(sb, error ? error : "",
		    error ? strlen(error) : 0);
	if (rc == 0)
		rc = strbuf_addstr(sb, ",\"shortCode\":");
	if (rc == 0)
		rc = strbuf_add_json_str(sb, short_code, strlen(short_code));
	if (rc == 0)
		rc = strbuf_addf(sb, ",\"sendStatus\":%d}}", status);
	return rc;
}
