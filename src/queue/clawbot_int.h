/*
 * clawbot_int.h: what the ClawBot poller's files share (clawbot.c the
 * loop and the getupdates pollers, clawbot_qr.c the bind codes,
 * clawbot_xfer.c the calls both run on the multi handle).
 */
#ifndef FG_QUEUE_CLAWBOT_INT_H
#define FG_QUEUE_CLAWBOT_INT_H

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>

#include "channel/route.h"
#include "queue/clawbot.h"
#include "queue/clawbot_qr.h"
#include "store/store_clawbot.h"

#define CB_QR_MAX 64 /* bind codes being shown at once */
#define CB_QR_KEEP_MS (10 * 60 * 1000) /* a settled code is kept */

enum cb_kind { X_QRNEW, X_QRSTATUS, X_UPDATES };

/* One iLink call on the wire. */
struct cb_xfer {
	CURL *easy;
	struct curl_slist *hdrs;
	struct route_req req;
	struct strbuf reply;
	int kind;    /* enum cb_kind */
	void *owner; /* its struct cb_qr / cb_poll */
	char errbuf[CURL_ERROR_SIZE];
};

/* A bind code of a person; under the poller's mutex. */
struct cb_qr {
	int64_t user; /* 0: free slot */
	struct clawbot_qr q;
	char base[300]; /* redirect host, "" */
	int64_t created_ms;
	int64_t next_ms;
	int want_new;
	int changed; /* its state is to be shared (clawbot_qrshare.c) */
	struct cb_xfer *x;
	void (*done)(void *, int, const struct clawbot_qr *);
	void *arg;
};

/* A bound person's getupdates loop; the poller's thread only. */
struct cb_poll {
	struct store_clawbot *bot; /* heap copy: token, cursor */
	int64_t next_ms;
	int64_t started_ms; /* of the poll in flight */
	int fails;
	int seen; /* in the last reload */
	struct cb_xfer *x;
};

struct clawbot {
	struct clawbot_config cfg;
	pthread_mutex_t mu;
	struct cb_qr qr[CB_QR_MAX];
	struct cb_poll *polls;
	size_t npolls, apolls;
	struct store *reader;
	CURLM *multi;
	pthread_t thread;
	atomic_int kicked;
	atomic_int stopping;
};

/* clawbot_xfer.c */
struct cb_xfer *cb_xfer_new(int kind, void *owner);
/* Start x (its req built) on the multi handle. */
void cb_xfer_go(struct clawbot *, struct cb_xfer *, long timeout_ms);
void cb_xfer_free(struct clawbot *, struct cb_xfer *);
/* clawbot_qr.c: start due status polls; one finished QR call. */
void cb_qr_due(struct clawbot *, int64_t now);
void cb_qr_finish(struct clawbot *, struct cb_xfer *, CURLcode);
void cb_qr_stop(struct clawbot *);
/* clawbot_qrshare.c: share the changed codes; read user's shared one */
void cb_qr_publish(struct clawbot *);
int cb_qr_shared(int64_t user, const char *qrcode, struct clawbot_qr *q,
    int64_t *created);

#endif
