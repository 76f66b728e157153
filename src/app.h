/*
 * app.h: the running server's parts, wired together by app.c and handed
 * to the HTTP layer and the API adapters as one context pointer.
 *
 * Every field is set before the HTTP daemon starts and not changed while
 * it runs, except the counters, which are atomics.
 */
#ifndef FG_APP_H
#define FG_APP_H

#include <stdatomic.h>

#include "api/ctx.h"
#include "channel/webpush_crypto.h"
#include "core/conf.h"

struct writer;
struct queue;
struct hub;
struct stream_loop;
struct store_live;
struct callback_sender;
struct tokens;
struct wx_purge;
struct store;
struct http_server;
struct pre_pool;

struct app {
	struct conf		 conf;
	char			 base_url[256];	/* for printed links */
	struct writer		*writer;
	struct queue		*queue;
	struct hub		*hub;
	struct stream_loop	*streams;
	struct store_live	*live;		/* other nodes' events, or NULL */
	struct callback_sender	*callbacks;
	struct push_sender	*pushes;
	struct tokens		*tokens;
	struct wx_purge		*wx_purge;	/* NULL: purge off */
	struct clawbot		*clawbot;	/* NULL: not enabled */
	struct http_server	*http;
	struct http_server	*metrics_http;	/* metrics.listen, or NULL */
	struct pre_pool		*pre;		/* script workers */
	atomic_int		 inflight;	/* requests awaiting a commit */
	struct vapid_key vapid;			/* Web Push identity */
	struct api_ctx		 api;		/* what handlers may reach */
};

int	app_serve(struct app *);
/* channel_configure() from the configuration (also for CLI sends). */
int app_channels(const struct conf *, struct strbuf *err);

#endif
