/*
 * retry.h: the one retry schedule of feige's outbound sends: channel
 * deliveries that end in DELIVERY_TEMPFAIL (queue/deliver.c) and
 * callbacks whose receiver gave no 2xx (channel/callback.c).
 *
 * Exponential backoff: after the n-th failed attempt (n >= 1) the next
 * one is due first_ms << (n - 1) later, the doubling capped at
 * max_doublings, and there is no next attempt once n reaches tries.
 * The two callers differ only in their numbers:
 *
 *   delivery   tries queue.retry_max, first queue.retry_base_ms,
 *              20 doublings (1 s, 2 s, 4 s ... with the defaults)
 *   callback   tries callback.tries, first 2 s, 9 doublings
 *              (2 s, 4 s ... 1024 s at most)
 *
 * Pure arithmetic; any thread.
 */
#ifndef FG_RETRY_H
#define FG_RETRY_H

#include <stdint.h>

/* The fixed numbers of the two schedules above. */
#define RETRY_DELIVERY_DOUBLINGS	20
#define RETRY_CALLBACK_FIRST_MS		2000
#define RETRY_CALLBACK_DOUBLINGS	9

struct retry_policy {
	int	tries;		/* attempts in all, >= 1 */
	int	first_ms;	/* wait after the first failure */
	int	max_doublings;
};

/*
 * After the n-th attempt failed at wall time now: *next_ms is when the
 * next attempt is due; returns 1 if there is one, 0 if the caller gives
 * up (*next_ms is still set, for the record).
 */
int	retry_next(const struct retry_policy *, int n, int64_t now,
	    int64_t *next_ms);

#endif
