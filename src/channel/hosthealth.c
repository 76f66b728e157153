/*
 * hosthealth.c: how each upstream host has answered since this start,
 * for the operator's console (channel.h channel_host_health()).
 *
 * Every upstream request of the delivery drivers (http.c) and every
 * push to a device (push_record.c) notes its host and outcome here: a
 * count of good and bad answers, when each last happened, and the last
 * bad one's status and text.  A channel's failures are often one host's
 * (a WeCom outage, a Bark server gone), which the per-channel counts of
 * /metrics cannot show.
 *
 * The table is in memory and bounded (HH_HOSTS rows): a new host takes
 * a free row, else the row least recently heard of, so a flood of
 * one-off webhook hosts forgets old quiet hosts, never the busy ones.
 * One mutex; a note is a linear scan of a small table, next to a
 * network round trip.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/channel_int.h"
#include "util/ids.h"

#define HH_HOSTS 64

static struct channel_host_health rows[HH_HOSTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* When a row was last heard of. */
static int64_t
heard_ms(const struct channel_host_health *h)
{
	return h->last_ok_ms > h->last_fail_ms ? h->last_ok_ms :
						 h->last_fail_ms;
}

/* The row of host, or the one to reuse for it (cleared). */
static struct channel_host_health *
row_for(const char *host)
{
	struct channel_host_health *old = &rows[0];
	size_t i;

	for (i = 0; i < HH_HOSTS; i++) {
		if (strcasecmp(rows[i].host, host) == 0)
			return &rows[i];
		if (rows[i].host[0] == '\0' ||
		    (old->host[0] != '\0' &&
			heard_ms(&rows[i]) < heard_ms(old)))
			old = &rows[i];
	}
	memset(old, 0, sizeof(*old));
	snprintf(old->host, sizeof(old->host), "%s", host);
	return old;
}

void
chan_health_note(const char *host, int ok, long status, const char *error)
{
	struct channel_host_health *h;
	int64_t now = clock_ms();

	if (host == NULL || *host == '\0')
		return;
	pthread_mutex_lock(&mu);
	h = row_for(host);
	if (ok) {
		h->ok++;
		h->last_ok_ms = now;
	} else {
		h->failed++;
		h->last_fail_ms = now;
		h->last_status = (int)status;
		snprintf(h->last_error, sizeof(h->last_error), "%s",
		    error ? error : "");
	}
	pthread_mutex_unlock(&mu);
}

/* Newest failure first; hosts that never failed after, busiest first. */
static int
by_failure(const void *x, const void *y)
{
	const struct channel_host_health *a = x, *b = y;

	if (a->last_fail_ms != b->last_fail_ms)
		return a->last_fail_ms < b->last_fail_ms ? 1 : -1;
	return a->ok < b->ok ? 1 : a->ok > b->ok ? -1 : 0;
}

size_t
channel_host_health(struct channel_host_health *out, size_t max)
{
	size_t i, n = 0;

	pthread_mutex_lock(&mu);
	for (i = 0; i < HH_HOSTS; i++)
		if (rows[i].host[0] != '\0')
			out[n++] = rows[i];
	pthread_mutex_unlock(&mu);
	qsort(out, n, sizeof(*out), by_failure);
	return n < max ? n : max;
}
