/*
 * push_int.h: what the push sender's files share: push.c (the thread,
 * polls and builds), push_xfer.c (one push on the multi handle and its
 * answer) and push_record.c (verdicts through the writer, host
 * backoff).
 */
#ifndef FG_PUSH_INT_H
#define FG_PUSH_INT_H

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>

#include "channel/channel_int.h"
#include "channel/push.h"
#include "channel/route.h"
#include "core/message.h"
#include "core/retry.h"
#include "store/store.h"

#define PUSH_REPLY_MAX 4096 /* start of an answer kept */
#define PUSH_MAX_FLIGHT 128 /* pushes at a time */
#define PUSH_BACKOFF_HOSTS 64
#define PUSH_FLUSH_N 256 /* verdicts recorded together */
#define PUSH_FLUSH_MS 20 /* the oldest waits at most */

/* One push on the wire. */
struct pxfer {
	CURL *easy;
	struct curl_slist *hdrs;
	struct curl_slist *rcpt;
	struct chan_guard guard;
	struct store_push_job job;
	const struct route_driver *drv;
	struct route_req req;
	struct strbuf reply;
	size_t sent; /* SMTP upload */
	char retry_after[64];
	char host[CHAN_HOST_MAX];
	char errbuf[CURL_ERROR_SIZE];
};

/* Due rows read from the store, not started yet. */
struct due {
	struct store_push_job *rows;
	size_t n, alloc;
};

/* A verdict waiting for the writer. */
struct precord {
	struct store_push_job job;
	const struct route_driver *drv; /* NULL: none */
	struct route_verdict_out out;
	const char *status;
	int attempts;
	int64_t next_ms;
};

struct push_backoff {
	char host[CHAN_HOST_MAX];
	int64_t until_ms;
};

struct push_sender {
	struct push_config cfg;
	struct retry_policy retry;
	struct store *reader;
	CURLM *multi;
	pthread_t thread;
	atomic_int kicked;
	atomic_int stopping;
	atomic_int ready; /* base_url is set */
	struct pxfer *flight[PUSH_MAX_FLIGHT];
	int nflight;
	struct push_backoff backoff[PUSH_BACKOFF_HOSTS];
	int64_t msg_id; /* the cached message */
	char test_code[32]; /* a test push's id, "test-<push id>" */
	struct message msg;
	struct strbuf summary;
	struct due due;	      /* read, not started */
	int stalled;	      /* none of due could start */
	struct precord *rec;  /* verdicts to record */
	int64_t rec_first_ms; /* monotonic, when rec[0] was queued */
	size_t nrec, arec;
};

/* push_xfer.c */
void push_transfer_start(struct push_sender *, struct pxfer *);
void push_answer(struct push_sender *, struct pxfer *, CURLcode);
void push_xfer_free(struct push_sender *, struct pxfer *);

/* push_record.c */
/* Queue the verdict on x's push (detail NULL: the driver's). */
void push_settle(struct push_sender *, struct pxfer *, enum route_verdict,
    const char *detail);
/* Queue a judged verdict (taking its detail); status: the answer's. */
void push_settle_out(struct push_sender *, struct pxfer *,
    struct route_verdict_out *, long status);
/* Record the queued verdicts in one writer transaction. */
void push_flush(struct push_sender *);
/* The same when enough are queued or the oldest waited long enough. */
void push_flush_due(struct push_sender *);
int64_t push_backoff_until(const struct push_sender *, const char *host);
void push_backoff_set(struct push_sender *, const char *host,
    int64_t until_ms);

#endif
