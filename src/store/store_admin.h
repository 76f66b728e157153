/*
 * store_admin.h: what the operator reads and changes in the spool
 * (issue 12, "Operators"): failed deliveries listed by channel, their
 * counts and last errors, and a retry asked for by an operator.
 *
 * A retry is a request, not a delivery: the console or the CLI turns
 * a failed row (status 3) into a requested one (STORE_DLV_REQUESTED,
 * with a fresh attempt count and no error) in its own transaction, and
 * the server's queue claims requested rows (status 0) and pushes them
 * to its workers (queue/requeue.c).  So the CLI, which has no queue,
 * and the console, which has one, write the same thing, and a retry
 * asked for while the server is down is claimed at its start.
 *
 * Failed rows are found through the partial index deliveries_failed
 * (channel, id) WHERE status = 3 (migration 18): a row enters it only
 * when it fails, so the send path never touches it, and the operator's
 * list, counts and "retry all of a channel" never scan the table.
 */
#ifndef FG_STORE_ADMIN_H
#define FG_STORE_ADMIN_H

#include <stdint.h>

/*
 * A delivery status beside enum msg_status: a retry was asked for and
 * the queue has not claimed it yet.  It is below 2, so the message and
 * its WxPusher record read as in progress, and the start's recovery
 * (which reads status < 2) sees it.
 */
#define STORE_DLV_REQUESTED (-1)

/* One failed delivery, newest first (store_admin_failed). */
struct store_failed {
	int64_t id;
	int64_t message_id;
	char short_code[40];
	char uid[40]; /* the recipient */
	char channel[32];
	char title[128]; /* the message's, cut */
	int attempts;
	int64_t updated_ms; /* when it failed */
	char error[512];
};

/*
 * The deliveries of a channel in one state (status 1: a retry is
 * scheduled, 3: failed), how many, and the newest one's error.
 */
struct store_chan_state {
	char channel[32];
	int status;
	int64_t n;
	int64_t last_ms;
	char last_error[512];
};

typedef int (*store_failed_cb)(void *, const struct store_failed *);
typedef int (*store_chan_state_cb)(void *, const struct store_chan_state *);

#endif
