/*
 * ctx.h: what a request handler may reach, and nothing more.
 *
 * The server's wiring (app.c) fills one struct api_ctx before the HTTP
 * layer starts and hands it to http_start() as the handlers' context;
 * a handler finds it with api_ctx(r).  It is the narrow message of the
 * OpenBSD rule: the configuration (read-only), the links the adapters
 * print, the group-commit writer, the delivery queue, the live hub and the stream loop, the
 * callback sender, the token cache, the script pool and the VAPID key.  Handlers
 * never see the server's own parts (the HTTP daemon, the purge thread,
 * shutdown state), and nothing here is changed while requests run,
 * except through the pointed-to parts' own thread-safe calls.
 *
 * Store reads go through store_reader() (store/readers.h), this
 * thread's connection; writes go through the writer (api_op_submit()).
 */
#ifndef FG_API_CTX_H
#define FG_API_CTX_H

#include <stdatomic.h>

#include "core/conf.h"
#include "http/http.h"

struct writer;
struct queue;
struct hub;
struct stream_loop;
struct callback_sender;
struct tokens;
struct pre_pool;
struct vapid_key;
struct clawbot;
struct push_sender;

struct api_ctx {
	const struct conf	*conf;
	const char		*base_url;	/* for printed links */
	struct writer		*writer;
	struct queue		*queue;
	struct hub		*hub;
	struct stream_loop	*streams;	/* live streams' sockets */
	struct callback_sender	*callbacks;	/* NULL: none */
	struct push_sender	*pushes;	/* NULL: none */
	struct tokens		*tokens;
	struct pre_pool		*pre;		/* script workers */
	atomic_int		*inflight;	/* requests awaiting a commit */
	const struct vapid_key *vapid;		/* Web Push identity */
	struct clawbot		*clawbot;	/* NULL: not configured */
};

static inline struct api_ctx *
api_ctx(struct http_req *r)
{
	return r->ctx;
}

#endif
