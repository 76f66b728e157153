/*
 * callback.c: the outbox sender thread (callback.h) and the
 * message_complate body.
 *
 * One thread, one curl easy handle reused for connection keep-alive,
 * guarded by the channels' address check (http.c chan_guard_socket)
 * with callback.allow_private.  Each poll copies up to 64 due rows from
 * its own read connection (and ends that read before any network I/O:
 * a read snapshot held across a slow receiver would hold up
 * checkpoints), POSTs them one by one and records each outcome through
 * the writer, waiting for the commit so the next poll never sees a row
 * it just sent.  A failed row is due again on the retry schedule the
 * channel deliveries use (core/retry.h).
 * A receiver's reply body is ignored; any 2xx is success.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
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

struct callback_sender {
	struct callback_config		 cfg;
	struct retry_policy		 retry;
	struct chan_guard		 guard;
	struct store			*reader;
	CURL				*curl;
	pthread_t			 thread;
	pthread_mutex_t			 mu;
	pthread_cond_t			 cv;
	int				 kicked;
	int				 stopping;
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

static void
send_one(struct callback_sender *cs, const struct store_outbox *row)
{
	struct curl_slist *h = NULL;
	struct outcome_op o;
	char errbuf[CURL_ERROR_SIZE] = "";
	char lurl[LOG_VALUE_MAX], lerr[LOG_VALUE_MAX];
	long status = 0;
	CURLcode cc;

	h = curl_slist_append(h, "Content-Type: application/json");
	curl_easy_setopt(cs->curl, CURLOPT_URL, row->url);
	curl_easy_setopt(cs->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(cs->curl, CURLOPT_POSTFIELDS, row->body);
	curl_easy_setopt(cs->curl, CURLOPT_ERRORBUFFER, errbuf);
	cc = curl_easy_perform(cs->curl);
	curl_easy_getinfo(cs->curl, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);

	memset(&o, 0, sizeof(o));
	o.op.apply = outcome_apply;
	o.op.done = outcome_done;
	o.id = row->id;
	o.attempts = row->attempts + 1;
	if (cc == CURLE_OK && status >= 200 && status < 300) {
		o.state = 1;
		o.error = "";
	} else {
		o.error = cc != CURLE_OK ? (*errbuf ? errbuf :
		    curl_easy_strerror(cc)) : "non-2xx reply";
		o.state = retry_next(&cs->retry, o.attempts, clock_ms(),
		    &o.next_ms) ? 0 : 2;
	}
	metrics_add(&metric_callbacks, (const char *[]){ o.state == 1 ? "ok" :
	    o.state == 2 ? "failed" : "retry" }, 1);
	log_info("callback id=%lld url=\"%s\" status=%ld attempt=%d "
	    "outcome=%s%s%s%s", (long long)row->id,
	    log_url(lurl, sizeof(lurl), row->url), status, o.attempts,
	    o.state == 1 ? "sent" : o.state == 2 ? "gave_up" : "retry",
	    o.state == 1 ? "" : " error=\"", o.state == 1 ? "" :
	    log_quote(lerr, sizeof(lerr), o.error), o.state == 1 ? "" : "\"");
	(void)writer_submit_wait(cs->cfg.writer, &o.op);
}

static void
poll_once(struct callback_sender *cs)
{
	struct due d = { NULL, 0, 0 };
	size_t i;

	if (spool_outbox_due(cs->reader, clock_ms(), 64, collect, &d) < 0)
		log_warnx("msg=\"cannot read the callback outbox\"");
	for (i = 0; i < d.n; i++) {
		send_one(cs, &d.rows[i]);
		free(d.rows[i].url);
		free(d.rows[i].body);
	}
	free(d.rows);
}

static void *
sender_main(void *arg)
{
	struct callback_sender *cs = arg;

	pthread_mutex_lock(&cs->mu);
	while (!cs->stopping) {
		struct timespec ts;

		if (!cs->kicked) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 1;
			pthread_cond_timedwait(&cs->cv, &cs->mu, &ts);
		}
		cs->kicked = 0;
		if (cs->stopping)
			break;
		pthread_mutex_unlock(&cs->mu);
		poll_once(cs);
		pthread_mutex_lock(&cs->mu);
	}
	pthread_mutex_unlock(&cs->mu);
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
	cs->guard.on = !cfg->allow_private;
	if ((rc = store_open_dir(cfg->data_dir, cfg->sync_full, &cs->reader,
	    err)) != 0) {
		free(cs);
		return rc;
	}
	cs->curl = curl_easy_init();
	curl_easy_setopt(cs->curl, CURLOPT_TIMEOUT_MS, (long)cfg->timeout_ms);
	curl_easy_setopt(cs->curl, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)cfg->timeout_ms);
	curl_easy_setopt(cs->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(cs->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(cs->curl, CURLOPT_USERAGENT, "feige-callback/1");
	curl_easy_setopt(cs->curl, CURLOPT_WRITEFUNCTION, discard);
	chan_guard_socket(cs->curl, &cs->guard);
	pthread_mutex_init(&cs->mu, NULL);
	pthread_cond_init(&cs->cv, NULL);
	cs->kicked = 1;
	pthread_create(&cs->thread, NULL, sender_main, cs);
	*out = cs;
	return 0;
}

void
callback_kick(void *arg)
{
	struct callback_sender *cs = arg;

	pthread_mutex_lock(&cs->mu);
	cs->kicked = 1;
	pthread_cond_signal(&cs->cv);
	pthread_mutex_unlock(&cs->mu);
}

void
callback_stop(struct callback_sender *cs)
{
	if (cs == NULL)
		return;
	pthread_mutex_lock(&cs->mu);
	cs->stopping = 1;
	pthread_cond_signal(&cs->cv);
	pthread_mutex_unlock(&cs->mu);
	pthread_join(cs->thread, NULL);
	curl_easy_cleanup(cs->curl);
	store_close(cs->reader);
	pthread_mutex_destroy(&cs->mu);
	pthread_cond_destroy(&cs->cv);
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
