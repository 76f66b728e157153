/*
 * push.c: the push sender (push.h): every due row of the push outbox,
 * built by its device's route driver (route.h), run on one libcurl
 * multi handle, judged by the driver and recorded through the writer.
 *
 * One thread and one multi handle run every push of every kind at
 * once, so a push service that never answers costs its own pushes
 * their timeout (channel.timeout_ms) and nobody else's.  The multi
 * handle keeps connections alive and multiplexes HTTP/2 where a
 * service offers it (CURLOPT_PIPEWAIT: a new push waits for the
 * connection being set up rather than open a second one), so ten
 * thousand pushes to one service are a few TLS handshakes, not ten
 * thousand.
 *
 * Limits, as in the callback sender: at most PUSH_PER_HOST pushes to
 * one host and PUSH_MAX_FLIGHT in all; a due row over a limit stays
 * pending, untouched and not counted as an attempt, until a slot
 * frees.  A host that answered 429 is in backoff until its Retry-After
 * (or the retry schedule's next step) has passed: no row for it starts
 * before then, while other hosts go on.
 *
 * Each poll (once a second, at once when kicked, and after every batch
 * of answers) copies up to PUSH_DUE_BATCH due rows from the sender's
 * own read connection, ending that read before any network I/O, then
 * builds and starts those that may start.  Answers are judged as they
 * come and recorded in one writer transaction per batch (with each
 * driver's record() hook), before their rows leave the in-flight set,
 * so no poll sees a row that was just sent.  RETRY is due again on the
 * deliveries' retry schedule (core/retry.h), or after Retry-After if
 * that is later; GONE deletes the device.  A push cut off by a stop or
 * a crash is still pending and is sent after the restart: at least
 * once.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/push.h"
#include "channel/push_int.h"
#include "core/retry.h"
#include "render/render.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define PUSH_PER_HOST 16  /* pushes to one host at a time */
#define PUSH_HOST_CONNS 4 /* connections to one host */
#define PUSH_POLL_MS 1000
#define PUSH_DUE_BATCH 512
#define PUSH_SUMMARY_CHARS 200
#define PUSH_TEST_TITLE "feige 测试推送 (test push)"
#define PUSH_TEST_TEXT \
	"这台设备能收到 feige 的推送。(this device gets feige's pushes)"
#define PUSH_VERIFY_TITLE "确认邮箱地址 (confirm your e-mail address)"
#define PUSH_VERIFY_TEXT \
	"有人（应该是您）把这个地址添加为feige的通知邮箱，打开下面的链接" \
	"确认后，您的消息会发到这里；不是您本人操作请忽略此邮件。" \
	" Someone, probably you, added this address to receive feige " \
	"notifications. Open the link below to confirm; if it was not " \
	"you, ignore this mail."

static int
due_collect(void *arg, const struct store_push_job *j)
{
	struct due *d = arg;

	d->rows = xgrow(d->rows, d->n, &d->alloc, sizeof(*d->rows), 64);
	d->rows[d->n++] = *j;
	return 0;
}

/* FNV-1a: an endpoint of up to 1024 bytes as a short key. */
static uint64_t
push_fnv(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/*
 * The key its limits and backoff count a device's pushes under: the
 * endpoint's host and port (a push service), the endpoint itself for
 * UnifiedPush (which rate-limits per endpoint), else the type (e-mail
 * goes to the one SMTP server of feige.conf).
 */
static void
push_host(const struct store_device *d, char key[CHAN_HOST_MAX])
{
	CURLU *u = curl_url();
	char *host = NULL, *port = NULL;

	*key = '\0';
	if (strcmp(d->type, "unifiedpush") == 0) /* per endpoint */
		snprintf(key, CHAN_HOST_MAX, "up:%016llx",
		    (unsigned long long)push_fnv(d->endpoint));
	else if (u != NULL && strstr(d->endpoint, "://") != NULL &&
	    curl_url_set(u, CURLUPART_URL, d->endpoint, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
		CURLUE_OK)
		snprintf(key, CHAN_HOST_MAX, "%s:%s", host, port);
	else
		snprintf(key, CHAN_HOST_MAX, "%s:", d->type);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
}

/* May a push to host start now: the limits, no backoff? */
static int
may_start(const struct push_sender *ps, const char *host, int64_t now)
{
	int i, same = 0;

	if (ps->nflight >= PUSH_MAX_FLIGHT)
		return 0;
	for (i = 0; i < ps->nflight; i++)
		if (strcasecmp(ps->flight[i]->host, host) == 0)
			same++;
	return same < PUSH_PER_HOST && push_backoff_until(ps, host) <= now;
}

/*
 * The message of an address confirmation (a new e-mail device): the
 * link that makes the device active, as the message's url.
 */
static int
push_verify_msg(struct push_sender *ps, const struct store_push_job *j,
    struct route_msg *m, struct strbuf *url)
{
	strbuf_reset(url);
	strbuf_addf(url, "%s/api/devices/verify?secret=", ps->cfg.base_url);
	strbuf_add_url(url, j->d.verify, strlen(j->d.verify));
	memset(m, 0, sizeof(*m));
	m->short_code = "";
	m->title = PUSH_VERIFY_TITLE;
	m->summary = PUSH_VERIFY_TEXT;
	m->url = url->buf;
	m->source = "feige";
	return *j->d.verify ? 0 : FG_EINVAL; /* confirmed meanwhile */
}

/*
 * The message of a test push (the console's, like `feige device
 * test-push`): fixed words and a link to /me, no message behind it.
 */
static int
push_test_msg(struct push_sender *ps, const struct store_push_job *j,
    struct route_msg *m, struct strbuf *url)
{
	strbuf_reset(url);
	strbuf_addf(url, "%s/me", ps->cfg.base_url);
	/* an id of its own: Bark's id, Web Push's Topic */
	snprintf(ps->test_code, sizeof(ps->test_code), "test-%lld",
	    (long long)j->p.id);
	memset(m, 0, sizeof(*m));
	m->short_code = ps->test_code;
	m->title = PUSH_TEST_TITLE;
	m->summary = PUSH_TEST_TEXT;
	m->url = url->buf;
	m->source = "feige";
	return 0;
}

/* The message of a push, cached: a fan-out builds from one read. */
static int
push_msg(struct push_sender *ps, const struct store_push_job *j,
    struct route_msg *m, struct strbuf *url)
{
	int rc;

	if (j->p.kind == STORE_PUSH_VERIFY)
		return push_verify_msg(ps, j, m, url);
	if (j->p.kind == STORE_PUSH_TEST)
		return push_test_msg(ps, j, m, url);
	if (ps->msg_id != j->p.message_id) {
		message_release(&ps->msg);
		ps->msg_id = 0;
		strbuf_reset(&ps->summary);
		if ((rc = spool_message_get_id(ps->reader, j->p.message_id,
			 &ps->msg)) != 0)
			return rc;
		ps->msg_id = j->p.message_id;
		(void)render_preview(&ps->summary, ps->msg.tpl,
		    ps->msg.content, ps->msg.content_len, PUSH_SUMMARY_CHARS);
	}
	strbuf_reset(url);
	strbuf_addf(url, "%s/message/", ps->cfg.base_url);
	strbuf_add_url(url, ps->msg.short_code, strlen(ps->msg.short_code));
	memset(m, 0, sizeof(*m));
	m->message_id = j->p.message_id;
	m->short_code = ps->msg.short_code;
	m->title = ps->msg.title;
	m->summary = ps->summary.buf;
	m->url = url->buf;
	m->source = j->source;
	m->recall = j->p.kind == STORE_PUSH_RECALL;
	return 0;
}

/*
 * Build one due push.  0: x is ready to start; otherwise the push was
 * settled without a request (a verdict was queued).
 */
static int
push_build(struct push_sender *ps, struct pxfer *x)
{
	struct strbuf err = STRBUF_INIT, url = STRBUF_INIT;
	struct route_msg m;
	int rc;

	x->drv = route_lookup(x->job.d.type);
	if (x->drv == NULL) {
		strbuf_setf(&err, "no route for devices of type %s",
		    x->job.d.type);
		rc = FG_EINVAL;
	} else if (x->job.p.kind == STORE_PUSH_RECALL &&
	    !(x->drv->flags & ROUTE_F_RECALL)) {
		strbuf_setf(&err, "a %s device cannot take a message back",
		    x->drv->type);
		rc = FG_EINVAL;
	} else if ((rc = push_msg(ps, &x->job, &m, &url)) != 0)
		strbuf_setf(&err, "message %lld: %s",
		    (long long)x->job.p.message_id, fg_strerror(rc));
	else
		rc = x->drv->build(x->drv, ps->reader, &x->job.d, &m, &x->req,
		    &err);
	if (rc != 0)
		push_settle(ps, x, rc == FG_EBUSY ? ROUTE_WAIT : ROUTE_FAIL,
		    err.buf);
	strbuf_release(&err);
	strbuf_release(&url);
	return rc;
}

/* Is a push of this id on the wire? */
static int
in_flight(const struct push_sender *ps, int64_t id)
{
	int i;

	for (i = 0; i < ps->nflight; i++)
		if (ps->flight[i]->job.p.id == id)
			return 1;
	return 0;
}

/*
 * Start what may start from the queue of due rows, after refilling it
 * from the store when asked (the timer), when it ran dry, or when
 * nothing in it could start last time.  Rows that may not start yet
 * (their host is full or in backoff) stay queued; rows already on the
 * wire are dropped from it.
 */
static void
push_poll(struct push_sender *ps, int reload)
{
	struct due *q = &ps->due;
	char host[CHAN_HOST_MAX];
	int64_t now = clock_ms();
	size_t i, keep = 0, started = 0;

	if (reload || q->n == 0 || ps->stalled) {
		push_flush(ps); /* no recorded row is read as due */
		q->n = 0;
		if (spool_push_due(ps->reader, now, PUSH_DUE_BATCH,
			due_collect, q) < 0)
			log_warnx("msg=\"cannot read the push outbox\"");
	}
	for (i = 0; i < q->n; i++) {
		struct pxfer *x;

		if (in_flight(ps, q->rows[i].p.id))
			continue;
		push_host(&q->rows[i].d, host);
		if (!may_start(ps, host, now) ||
		    route_may_start(&q->rows[i].d) != 0) {
			q->rows[keep++] = q->rows[i];
			continue;
		}
		x = xcalloc(1, sizeof(*x));
		x->job = q->rows[i];
		snprintf(x->host, sizeof(x->host), "%s", host);
		route_req_init(&x->req);
		strbuf_init(&x->reply, PUSH_REPLY_MAX);
		if (push_build(ps, x) == 0)
			push_transfer_start(ps, x);
		else
			push_xfer_free(ps, x);
		started++;
	}
	q->n = keep;
	ps->stalled = started == 0 && keep > 0;
	push_flush_due(ps);
}

static void
push_reap(struct push_sender *ps)
{
	struct CURLMsg *m;
	int left, any = 0;

	while ((m = curl_multi_info_read(ps->multi, &left)) != NULL) {
		struct pxfer *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
		    (char **)&x);
		if (x != NULL) {
			push_answer(ps, x, m->data.result);
			any = 1;
		}
	}
	if (any) {
		push_flush_due(ps);
		atomic_store(&ps->kicked, 1); /* slots are free */
	}
}

static void *
push_main(void *arg)
{
	struct push_sender *ps = arg;
	int64_t last = 0, now, wait;
	int running;

	while (!atomic_load(&ps->stopping)) {
		now = clock_ms();
		if (atomic_load(&ps->ready) && now - last >= PUSH_POLL_MS) {
			atomic_store(&ps->kicked, 0);
			push_poll(ps, 1);
			last = now;
		} else if (atomic_load(&ps->ready) &&
		    atomic_exchange(&ps->kicked, 0))
			push_poll(ps, 0);
		curl_multi_perform(ps->multi, &running);
		push_reap(ps);
		if (atomic_load(&ps->ready) && atomic_load(&ps->kicked))
			continue;
		now = clock_ms();
		wait = last + PUSH_POLL_MS > now ? last + PUSH_POLL_MS - now :
						   1;
		if (ps->nrec > 0 && wait > PUSH_FLUSH_MS)
			wait = PUSH_FLUSH_MS; /* verdicts wait for a flush */
		curl_multi_poll(ps->multi, NULL, 0, (int)wait, NULL);
		push_flush_due(ps);
	}
	while (ps->nflight > 0) /* unsent rows stay pending */
		push_xfer_free(ps, ps->flight[0]);
	return NULL;
}

int
push_start(struct push_sender **out, const struct push_config *cfg,
    struct strbuf *err)
{
	struct push_sender *ps = xcalloc(1, sizeof(*ps));
	struct route_env env = { cfg->conf, cfg->vapid, cfg->base_url };
	int rc;

	ps->cfg = *cfg;
	ps->retry.tries = cfg->tries;
	ps->retry.first_ms = cfg->retry_base_ms;
	ps->retry.max_doublings = RETRY_DELIVERY_DOUBLINGS;
	strbuf_init(&ps->summary, 0);
	if ((rc = route_configure(&env, err)) != 0 ||
	    (rc = store_open_dir(cfg->data_dir, cfg->sync_full, &ps->reader,
		 err)) != 0) {
		free(ps);
		return rc;
	}
	if ((ps->multi = curl_multi_init()) == NULL) {
		store_close(ps->reader);
		free(ps);
		strbuf_setf(err, "curl_multi_init failed");
		return FG_ENOMEM;
	}
	curl_multi_setopt(ps->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)PUSH_HOST_CONNS);
	curl_multi_setopt(ps->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	atomic_store(&ps->kicked, 1);
	pthread_create(&ps->thread, NULL, push_main, ps);
	*out = ps;
	return 0;
}

void
push_kick(void *arg)
{
	struct push_sender *ps = arg;

	if (ps == NULL)
		return;
	atomic_store(&ps->kicked, 1);
	curl_multi_wakeup(ps->multi);
}

void
push_ready(struct push_sender *ps)
{
	if (ps == NULL)
		return;
	atomic_store(&ps->ready, 1);
	push_kick(ps);
}

void
push_stop(struct push_sender *ps)
{
	if (ps == NULL)
		return;
	atomic_store(&ps->stopping, 1);
	curl_multi_wakeup(ps->multi);
	pthread_join(ps->thread, NULL);
	push_flush(ps);
	curl_multi_cleanup(ps->multi);
	store_close(ps->reader);
	message_release(&ps->msg);
	strbuf_release(&ps->summary);
	free(ps->rec);
	free(ps->due.rows);
	free(ps);
}
