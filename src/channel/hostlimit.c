/*
 * hostlimit.c: how many of this server's deliveries talk to one host at
 * a time (channel_int.h chan_host_enter/leave).
 *
 * The delivery workers are a fixed pool of threads that each block on
 * one upstream request.  Without a limit, eight deliveries to a host
 * that never answers took every worker for the whole timeout, and
 * another user's webhook to a healthy host waited behind them.  With at
 * most per_host requests in flight to one host (channel_settings; the
 * application sets half the workers), a slow host holds at most that
 * many workers; a delivery to a host at its limit is not attempted but
 * deferred (DELIVERY_DEFER: back on the schedule shortly, not counted
 * as an attempt), so the free workers go on with other hosts.
 *
 * Hosts are keyed as libcurl parses the URL, case-insensitively.  The
 * table is small and fixed: at most one entry per worker is in use at a
 * time, so a linear scan under one mutex is all it needs.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "channel/channel_int.h"

#define HOSTS	256

static struct {
	char	host[CHAN_HOST_MAX];
	int	n;
} slot[HOSTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

void
chan_url_host(const char *url, char host[CHAN_HOST_MAX])
{
	CURLU *u = curl_url();
	char *h = NULL;

	*host = '\0';
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK)
		snprintf(host, CHAN_HOST_MAX, "%s", h);
	curl_free(h);
	curl_url_cleanup(u);
}

int
chan_host_enter(const char *url, char host[CHAN_HOST_MAX])
{
	int limit = channel_settings()->per_host, i, free_slot = -1, rc = 0;

	chan_url_host(url, host);
	if (limit <= 0 || *host == '\0')
		return 0;
	pthread_mutex_lock(&mu);
	for (i = 0; i < HOSTS; i++) {
		if (slot[i].n > 0 && strcasecmp(slot[i].host, host) == 0)
			break;
		if (slot[i].n == 0 && free_slot < 0)
			free_slot = i;
	}
	if (i < HOSTS)
		rc = slot[i].n < limit ? (slot[i].n++, 0) : -1;
	else if (free_slot >= 0) {
		snprintf(slot[free_slot].host, CHAN_HOST_MAX, "%s", host);
		slot[free_slot].n = 1;
	}
	pthread_mutex_unlock(&mu);
	return rc;
}

void
chan_host_leave(const char *host)
{
	int i;

	if (*host == '\0' || channel_settings()->per_host <= 0)
		return;
	pthread_mutex_lock(&mu);
	for (i = 0; i < HOSTS; i++)
		if (slot[i].n > 0 && strcasecmp(slot[i].host, host) == 0) {
			slot[i].n--;
			break;
		}
	pthread_mutex_unlock(&mu);
}
