/*
 * retry.c: the backoff arithmetic of retry.h.  The shift is capped
 * before it is applied, so a large attempt count never overflows:
 * first_ms is at most an hour (conf.c), and an hour << 20 still fits an
 * int64_t many times over.
 */
#include "core/retry.h"

int
retry_next(const struct retry_policy *p, int n, int64_t now,
    int64_t *next_ms)
{
	int shift = n - 1;

	if (shift < 0)
		shift = 0;
	if (shift > p->max_doublings)
		shift = p->max_doublings;
	*next_ms = now + ((int64_t)p->first_ms << shift);
	return n < p->tries;
}
