/*
 * wechat_refresh.c: the official account's access token, fetched off
 * the caller's thread (wechat_token_nowait, wechat.h).
 *
 * The push sender is one thread running every push of every kind on
 * one multi handle; a blocking stable_token call there (up to
 * channel.timeout_ms when WeChat is slow) would hold up every Web Push,
 * Bark and e-mail push behind it.  So the WeChat route asks here from
 * its may_start(): with a token cached the push starts; without one a
 * short-lived thread runs wechat_token() (the same fetch and cache as
 * every other caller) and the push stays due, looked at again at the
 * sender's next poll, while the other pushes go on.
 *
 * One refresh at a time.  A refresh that fails leaves its answer here
 * for WECHAT_RETRY_GAP_MS: every push waiting meanwhile gets it (a
 * refusal fails them with WeChat's errcode, no answer sends them
 * without a token, which WeChat's 41001 turns into a retry, as before),
 * and the next ask after that starts a new refresh, so a failing token
 * endpoint is asked about once a second, not once per push.
 *
 * The thread is detached; wechat_refresh_wait() at shutdown waits for
 * one still running (bounded by channel.timeout_ms), so no fetch is cut
 * off by curl's global cleanup.
 */
#include <pthread.h>
#include <stdio.h>

#include "channel/wechat.h"
#include "util/ids.h"

#define WECHAT_RETRY_GAP_MS 1000

static pthread_mutex_t rf_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rf_done = PTHREAD_COND_INITIALIZER;
static int rf_running;
static int rf_rc;	 /* the last refresh's failure, 0 */
static char rf_why[512]; /* its reason */
static int64_t rf_at_ms; /* monotonic: when it ended */

static void *
refresh_main(void *arg)
{
	char tok[WECHAT_TOKEN_MAX];
	struct strbuf err = STRBUF_INIT;
	int rc;

	(void)arg;
	rc = wechat_token(tok, &err); /* route_wechat.c logs a failure */
	pthread_mutex_lock(&rf_mu);
	rf_rc = rc;
	snprintf(rf_why, sizeof(rf_why), "%s", err.buf);
	rf_at_ms = clock_mono_ms();
	rf_running = 0;
	pthread_cond_broadcast(&rf_done);
	pthread_mutex_unlock(&rf_mu);
	strbuf_release(&err);
	return NULL;
}

/* Under rf_mu: start a refresh; -1 when no thread could be made. */
static int
refresh_start(void)
{
	pthread_attr_t at;
	pthread_t t;
	int rc;

	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&t, &at, refresh_main, NULL);
	pthread_attr_destroy(&at);
	if (rc != 0)
		return -1;
	rf_running = 1;
	rf_rc = 0;
	return 0;
}

int
wechat_token_nowait(char out[WECHAT_TOKEN_MAX], struct strbuf *err)
{
	int rc = WECHAT_PENDING;

	if (!wechat_enabled())
		return wechat_token(out, err); /* says why, fetches nothing */
	if (wechat_token_cached(out) == 0)
		return 0;
	pthread_mutex_lock(&rf_mu);
	if (!rf_running && rf_rc != 0 &&
	    clock_mono_ms() - rf_at_ms < WECHAT_RETRY_GAP_MS) {
		rc = rf_rc;
		strbuf_setf(err, "%s", rf_why);
	} else if (!rf_running && refresh_start() != 0) {
		rc = -1;
		strbuf_setf(err, "WeChat stable_token: cannot start a thread");
	}
	pthread_mutex_unlock(&rf_mu);
	return rc;
}

void
wechat_refresh_wait(void)
{
	pthread_mutex_lock(&rf_mu);
	while (rf_running)
		pthread_cond_wait(&rf_done, &rf_mu);
	pthread_mutex_unlock(&rf_mu);
}
