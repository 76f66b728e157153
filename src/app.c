/*
 * app.c: `feige serve`: start the parts in dependency order (the
 * pre-processing script pool, forked first while no thread exists; store
 * readers and writer, callback sender, the ClawBot poller when
 * clawbot.enable is set, WxPusher retention purge, stream hub, delivery
 * queue with recovery of pending deliveries, HTTP), wait for
 * SIGTERM/SIGINT, and stop them in reverse so nothing accepted is lost:
 *
 *   1. HTTP stops accepting and finishes requests waiting on a commit;
 *   2. streams are closed, the script pool stops, workers stop (queued
 *      deliveries stay pending in the store and resume at the next
 *      start), the callback sender, the ClawBot poller and the purge
 *      stop;
 *   3. the writer drains every op already submitted, checkpoints, closes.
 *
 * Signals are blocked in every thread and taken with sigwait() here, so
 * no handler runs inside library code.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/tokens.h"
#include "app.h"
#include "channel/webhook.h"
#include "channel/callback.h"
#include "channel/push.h"
#include "channel/channel.h"
#include "channel/wechat.h"
#include "channel/webpush.h"
#include "core/limits.h"
#include "http/http.h"
#include "ops/live.h"
#include "pre/pre.h"
#include "queue/clawbot.h"
#include "queue/queue.h"
#include "routes.h"
#include "store/cluster.h"
#include "store/readers.h"
#include "store/spool.h"
#include "store/store.h"
#include "store/writer.h"
#include "store/wx_purge.h"
#include "stream/hub.h"
#include "stream/loop.h"
#include "util/errors.h"
#include "util/log.h"
#include "util/strbuf.h"

/* On an empty store: create the admin user and print how to use it. */
static int
first_run(struct app *app, int port, struct strbuf *err)
{
	struct store *s;
	struct store_user u;
	int rc, empty = 1;

	if ((rc = store_open_dir(app->conf.data_dir, app->conf.store_sync_full,
	    &s, err)) != 0)
		return rc;
	if (dir_user_get_id(s, 1, &u) == 0)
		empty = 0;
	if (empty && (rc = dir_user_add(s, "admin", 1, &u, err)) == 0) {
		/* the inbox through a sign-in link, never a token URL */
		printf("feige: first run, created admin user\n"
		    "  uid:   %s\n  token: %s\n  inbox: %s/inbox (sign in: "
		    "feige user login-link %s)\n"
		    "  send:  curl '%s/send?token=%s&title=hello&content=world'\n",
		    u.uid, u.token, app->base_url, u.uid, app->base_url,
		    u.token);
		fflush(stdout);
		log_info("msg=\"first run: admin user created\" uid=%s", u.uid);
	}
	(void)port;
	store_close(s);
	return rc;
}

/*
 * At a clean stop, what this node still holds on a shared PostgreSQL
 * (open deliveries, callbacks and pushes) is let go, so the next node
 * to look, or this one restarted, takes it at once instead of after
 * the lease (store/pg_lease.c).  Nothing on SQLite.
 */
static void
app_release_claims(struct app *app)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s;

	if (store_open_dir(app->conf.data_dir, app->conf.store_sync_full, &s,
		&err) == 0) {
		if (spool_lease_release(s) != 0)
			log_warnx("msg=\"cannot release this node's claims\"");
		store_close(s);
	}
	strbuf_release(&err);
}

/* The VAPID key, made at the first start (vapid_keep.c). */
static int
app_vapid(struct app *app, struct strbuf *err)
{
	struct store *s;
	int rc;

	if ((rc = store_open_dir(app->conf.data_dir, app->conf.store_sync_full,
		 &s, err)) != 0)
		return rc;
	rc = vapid_load(s, &app->vapid, err);
	store_close(s);
	return rc;
}

/*
 * The heartbeats: a ping to the inbox SSE streams every 15 s and a
 * keepalive to the ntfy streams every ntfy.keepalive_s, each on its own
 * clock, ticking once a second.
 */
static void *
heartbeat_main(void *arg)
{
	struct app *app = arg;
	struct timespec ts = { 1, 0 };
	long tick = 0;

	for (;;) {
		nanosleep(&ts, NULL);
		tick++;
		if (tick % 15 == 0)
			hub_ping(app->hub, HUB_PING_SSE);
		if (tick % app->conf.ntfy_keepalive_s == 0)
			hub_ping(app->hub, HUB_PING_NTFY);
	}
	return NULL;
}

/* The official account's settings (channel/wechat.h). */
static void
app_wechat(const struct conf *c)
{
	struct wechat_settings w = { c->wechat_appid, c->wechat_secret,
		c->wechat_template_id, c->wechat_template_keys, c->wechat_token,
		c->wechat_api_base,
		c->wechat_qr_base, c->wechat_follower_limit,
		c->wechat_bind_ttl_s };

	wechat_configure(&w);
}

/* The network channels' settings, before any worker runs. */
int
app_channels(const struct conf *c, struct strbuf *err)
{
	struct channel_settings cs;

	memset(&cs, 0, sizeof(cs));
	cs.timeout_ms = c->ch_timeout_ms;
	/* a slow host may hold half the workers, never all (hostlimit.c) */
	cs.per_host = c->workers > 1 ? c->workers / 2 : 0;
	cs.allow_private = c->ch_allow_private;
	cs.wecom_base = c->ch_wecom_base;
	cs.ca_file = c->ch_ca_file;
	cs.proxy = c->ch_proxy;
	cs.loop_per_host = c->ch_per_host;
	cs.loop_max = c->ch_max_inflight;
	cs.mail_host = c->mail_host;
	cs.mail_port = c->mail_port;
	cs.mail_ssl = c->mail_ssl;
	cs.mail_account = c->mail_account;
	cs.mail_password = c->mail_password;
	cs.mail_from = c->mail_from;
	cs.sms.provider = c->sms_provider;
	cs.sms.secret_id = c->sms_secret_id;
	cs.sms.secret_key = c->sms_secret_key;
	cs.sms.region = c->sms_region;
	cs.sms.sdk_app_id = c->sms_sdk_app_id;
	cs.sms.sign_name = c->sms_sign_name;
	cs.sms.template_id = c->sms_template_id;
	cs.sms.voice_app_id = c->sms_voice_app_id;
	cs.sms.voice_template_id = c->sms_voice_template_id;
	cs.sms.endpoint = c->sms_endpoint;
	cs.clawbot.enable = c->clawbot_enable;
	cs.clawbot.api_base = c->clawbot_api_base;
	cs.clawbot.app_id = c->clawbot_app_id;
	cs.clawbot.version = c->clawbot_version;
	cs.clawbot.bot_agent = c->clawbot_bot_agent;
	app_wechat(c);
	return channel_configure(&cs, err);
}

/*
 * metrics.listen: a second small HTTP server (one thread, the main
 * one's limits) whose route table has only /metrics and /healthz
 * (routes_metrics_dispatch()), with the handlers' same context.
 */
static int
app_metrics_listener(struct app *app, const struct http_config *main_hc,
    struct strbuf *err)
{
	struct http_config hc = *main_hc;

	if (*app->conf.metrics_listen == '\0')
		return 0;
	hc.listen = app->conf.metrics_listen;
	hc.threads = 1;
	hc.route = routes_metrics_dispatch;
	if (http_start(&app->metrics_http, &hc, err) != 0)
		return -1;
	log_info("msg=\"metrics listening\" metrics=%.*s:%d",
	    (int)(strrchr(hc.listen, ':') - hc.listen), hc.listen,
	    http_port(app->metrics_http));
	return 0;
}

/*
 * The ClawBot poller (clawbot.enable): after the writer and the push
 * sender (a message from a person wakes their waiting pushes and kicks
 * it), before HTTP; the clawbot channel counts its pushes through the
 * same writer.
 */
static int
app_clawbot(struct app *app, struct strbuf *err)
{
	struct clawbot_config cc;

	channel_clawbot_writer(app->writer);
	if (!app->conf.clawbot_enable)
		return 0;
	memset(&cc, 0, sizeof(cc));
	cc.data_dir = app->conf.data_dir;
	cc.sync_full = app->conf.store_sync_full;
	cc.writer = app->writer;
	cc.kick = push_kick; /* a reply woke the person's pushes */
	cc.kick_arg = app->pushes;
	return clawbot_start(&app->clawbot, &cc, err);
}

/*
 * The script pool first: its zygote must be forked while this is the
 * only thread and before the store and HTTP layer allocate (pre.h).
 */
static int
app_pre(struct app *app, struct strbuf *err)
{
	struct pre_pool_config pc;

	memset(&pc, 0, sizeof(pc));
	pc.workers = app->conf.pre_workers;
	pc.per_user = app->conf.pre_per_user;
	pc.timeout_ms = app->conf.pre_timeout_ms;
	pc.mem_bytes = (size_t)app->conf.pre_memory_kb * 1024;
	return pre_pool_start(&app->pre, &pc, err);
}

/*
 * The push sender: after the writer (it records through it), before
 * the queue (which kicks it); links use base_url, filled once the
 * port is known: push_ready() then.
 */
static int
app_pushes(struct app *app, struct strbuf *err)
{
	struct push_config pc;

	memset(&pc, 0, sizeof(pc));
	pc.data_dir = app->conf.data_dir;
	pc.sync_full = app->conf.store_sync_full;
	pc.writer = app->writer;
	pc.tries = app->conf.retry_max;
	pc.retry_base_ms = app->conf.retry_base_ms;
	pc.conf = &app->conf;
	pc.vapid = &app->vapid;
	pc.base_url = app->base_url;
	pc.hub = app->hub;
	return push_start(&app->pushes, &pc, err);
}

int
app_serve(struct app *app)
{
	struct strbuf err = STRBUF_INIT;
	struct queue_config qc;
	struct callback_config cc;
	struct http_config hc;
	sigset_t set;
	pthread_t hb;
	int sig = 0, rc;

	store_node_start(app->conf.store_lease_s, app->conf.data_dir);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	if ((rc = app_pre(app, &err)) != 0)
		goto fail;
	if ((rc = app_channels(&app->conf, &err)) != 0)
		goto fail;
	if ((rc = app_vapid(app, &err)) != 0)
		goto fail;
	store_readers_init(app->conf.data_dir, app->conf.store_sync_full);
	if ((rc = writer_start(&app->writer, app->conf.data_dir,
	    app->conf.store_sync_full, app->conf.writer_batch, &err)) != 0)
		goto fail;
	memset(&cc, 0, sizeof(cc));
	cc.data_dir = app->conf.data_dir;
	cc.sync_full = app->conf.store_sync_full;
	cc.writer = app->writer;
	cc.timeout_ms = app->conf.cb_timeout_ms;
	cc.tries = app->conf.cb_tries;
	cc.allow_private = app->conf.cb_allow_private;
	if ((rc = callback_start(&app->callbacks, &cc, &err)) != 0)
		goto fail;
	/* before the push sender, which publishes its verdicts */
	app->hub = hub_new((size_t)app->conf.stream_buffer_kb * 1024);
	if ((rc = app_pushes(app, &err)) != 0 ||
	    (rc = app_clawbot(app, &err)) != 0)
		goto fail;
	if (app->conf.wx_purge_interval_s > 0) {
		struct wx_purge_config pc;

		memset(&pc, 0, sizeof(pc));
		pc.writer = app->writer;
		pc.retention_days = app->conf.wx_retention_days;
		pc.interval_s = app->conf.wx_purge_interval_s;
		pc.batch = LIM_WX_PURGE_BATCH;
		pc.push_retention_ms = (int64_t)app->conf.push_retention_days *
		    86400000LL;
		if ((rc = wx_purge_start(&app->wx_purge, &pc, &err)) != 0)
			goto fail;
	}
	if ((rc = stream_loop_start(&app->streams, app->hub,
	    (size_t)app->conf.http_conn_limit, &err)) != 0)
		goto fail;
	if ((rc = ops_live_start(app->hub, &app->live, &err)) != 0)
		goto fail;
	app->tokens = tokens_new();
	memset(&qc, 0, sizeof(qc));
	qc.workers = app->conf.workers;
	qc.retry_max = app->conf.retry_max;
	qc.retry_base_ms = app->conf.retry_base_ms;
	qc.data_dir = app->conf.data_dir;
	qc.sync_full = app->conf.store_sync_full;
	qc.writer = app->writer;
	qc.hub = app->hub;
	qc.inline_inbox = app->conf.inline_inbox;
	qc.callback_kick = callback_kick;
	qc.callback_arg = app->callbacks;
	qc.push_kick = push_kick;
	qc.push_arg = app->pushes;
	qc.loop_per_host = app->conf.ch_per_host;
	qc.loop_max = app->conf.ch_max_inflight;
	if ((rc = queue_start(&app->queue, &qc, &err)) != 0)
		goto fail;
	app->api.conf = &app->conf;
	api_person_setup(&app->conf);
	app->api.base_url = app->base_url;
	app->api.writer = app->writer;
	app->api.queue = app->queue;
	app->api.hub = app->hub;
	app->api.streams = app->streams;
	app->api.callbacks = app->callbacks;
	app->api.pushes = app->pushes;
	app->api.tokens = app->tokens;
	app->api.pre = app->pre;
	app->api.inflight = &app->inflight;
	app->api.vapid = &app->vapid;
	app->api.clawbot = app->clawbot;
	memset(&hc, 0, sizeof(hc));
	hc.listen = app->conf.listen;
	hc.threads = app->conf.http_threads;
	hc.header_kb = app->conf.http_header_kb;
	hc.trusted_proxies = app->conf.http_trusted_proxies;
	hc.conn_limit = app->conf.http_conn_limit;
	hc.timeout_s = app->conf.http_timeout_s;
	hc.per_ip = app->conf.http_per_ip;
	hc.head_timeout_s = app->conf.http_head_timeout_s;
	hc.route = routes_dispatch;
	hc.body_max = routes_body_max;
	hc.ctx = &app->api;
	hc.inflight = &app->inflight;
	hc.access_log = app->conf.log_access;
	if ((rc = http_start(&app->http, &hc, &err)) != 0)
		goto fail;
	if (*app->conf.public_url)
		snprintf(app->base_url, sizeof(app->base_url), "%s",
		    app->conf.public_url);
	else {
		char host[128];
		const char *colon = strrchr(app->conf.listen, ':');
		size_t hl = colon ? (size_t)(colon - app->conf.listen) : 0;

		snprintf(host, sizeof(host), "%.*s", (int)hl,
		    app->conf.listen);
		if (*host == '\0' || strcmp(host, "0.0.0.0") == 0 ||
		    strcmp(host, "*") == 0)
			snprintf(host, sizeof(host), "127.0.0.1");
		snprintf(app->base_url, sizeof(app->base_url),
		    "http://%s:%d", host, http_port(app->http));
	}
	channel_webhook_page_base(app->base_url);	/* custom {url} */
	push_ready(app->pushes);
	log_info("msg=listening addr=%.*s:%d data=%s", (int)(strrchr(
	    app->conf.listen, ':') - app->conf.listen), app->conf.listen,
	    http_port(app->http), app->conf.data_dir);
	if ((rc = first_run(app, http_port(app->http), &err)) != 0 ||
	    (rc = app_metrics_listener(app, &hc, &err)) != 0)
		goto fail;
	pthread_create(&hb, NULL, heartbeat_main, app);
	pthread_detach(hb);

	while (sig != SIGTERM && sig != SIGINT)
		if (sigwait(&set, &sig) != 0)
			break;
	log_info("msg=\"shutting down\" signal=%d", sig);
	store_live_stop(app->live);
	app->live = NULL;
	hub_close_all(app->hub);
	stream_loop_stop(app->streams);	/* before http_stop: holds */
	http_stop(app->metrics_http, 1000);
	app->metrics_http = NULL;
	http_stop(app->http, 10000);
	app->http = NULL;
	stream_loop_free(app->streams);
	app->streams = NULL;
	pre_pool_stop(app->pre);	/* may still submit to the queue */
	queue_stop(app->queue);
	callback_stop(app->callbacks);
	clawbot_stop(app->clawbot);
	push_stop(app->pushes);
	wechat_refresh_wait(); /* a token fetch it started */
	wx_purge_stop(app->wx_purge);
	store_readers_close();
	writer_stop(app->writer);
	app_release_claims(app);
	tokens_free(app->tokens);
	log_info("msg=stopped");
	strbuf_release(&err);
	return 0;
fail:
	log_error("msg=\"cannot start\" detail=\"%s\"", err.buf);
	strbuf_release(&err);
	return 1;
}
