/*
 * store_push.h: the push outbox (migration 13), one row per (device,
 * message) push of issue 10 §3: the durable half of delivering what a
 * person receives to each of their devices.
 *
 * A row is written in the writer transaction that writes the person's
 * inbox item (queue/submit.c, queue/deliver.c), so a push exists
 * exactly when the inbox item does, and survives a crash like it.  The
 * push sender (channel/push.c) reads the due rows, runs them and
 * records each verdict through the writer.  A recall (ops/recall.c)
 * adds one recall row per device a push of the message went to; a new
 * e-mail device gets one confirmation row (ops/device.c), which has no
 * message.
 *
 * Statuses, as text so that a row reads the same in sqlite3 and in
 * the API:
 *
 *   pending   due at next_ms (new, or again after a transient failure)
 *   sent      the device's service took it
 *   failed    final failure; error says what the service answered
 *   waiting   the device cannot take pushes now (ROUTE_WAIT); due
 *             again when its driver wakes the device (push_wake)
 *   gone      the device no longer exists; its row was deleted
 */
#ifndef FG_STORE_PUSH_H
#define FG_STORE_PUSH_H

#include <stdint.h>

#include "store/store_device.h"

#define STORE_PUSH_ERROR_MAX 512
#define STORE_PUSH_UPSTREAM_MAX 64

enum store_push_kind {
	STORE_PUSH_MESSAGE = 0, /* a message the person received */
	STORE_PUSH_RECALL = 1,	/* that message was deleted */
	STORE_PUSH_VERIFY = 2,	/* confirm the address (message_id 0) */
	STORE_PUSH_TEST = 3,	/* a test push the person asked for (0) */
};

struct store_push {
	int64_t id;
	int64_t device_id;
	int64_t user_id;
	int64_t message_id;
	int64_t inbox_id;
	int kind; /* enum store_push_kind */
	char status[12];
	int attempts;
	int64_t next_ms;
	char error[STORE_PUSH_ERROR_MAX];
	char upstream_id[STORE_PUSH_UPSTREAM_MAX];
	int64_t created_ms;
	int64_t updated_ms;
	char type[16]; /* the device's, "" once it is gone */
};

/* A due push and what building it needs (push_due). */
struct store_push_job {
	struct store_push p;
	struct store_device d;
	char source[128]; /* app, topic or group name */
};

/* A verdict to record (push_done). */
struct store_push_done {
	int64_t id;
	const char *status;
	int attempts;
	int64_t next_ms;
	const char *error;
	const char *upstream_id;
	int gone; /* also delete the device */
	int64_t device_id;
	int64_t now_ms;
};

/*
 * One bounded step of the outbox retention (push_purge()): final rows
 * (sent, failed, gone) created before before_ms, walked by id from
 * after_id on.  The step reads at most limit rows, so it deletes at
 * most limit; after_id comes back advanced past what it looked at, and
 * more says whether old rows may remain beyond it.
 */
struct store_push_purge {
	int64_t before_ms;
	int64_t after_id; /* in/out: the walk's cursor, 0 at first */
	int limit;
	/* out */
	int deleted;
	int more;
};

typedef int (*store_push_cb)(void *, const struct store_push *);
typedef int (*store_push_job_cb)(void *, const struct store_push_job *);

#endif
