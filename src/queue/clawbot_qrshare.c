/*
 * clawbot_qrshare.c: a ClawBot bind code's state for every node of a
 * cluster (store/cluster.h; nothing on SQLite).
 *
 * The node a person asked for a code keeps asking iLink about it
 * (clawbot_qr.c): the code, its poll and its redirect host live in that
 * node's slot.  But the person's next request (getQrcodeStatus, the
 * page, the QR image) may reach any node behind the balancer.  So every
 * change of a slot's state is also written to the shared values, under
 * "clawbot_qr:<user>" (one code per person, as in the slots) until the
 * slot would be freed: "<state> <created ms> <qrcode>\t<url>\t<why>".
 * The poller's thread writes it (on its own connection, outside the
 * mutex) after each round of due calls and before a new code is handed
 * to its requester, so the code is in the store before the client can
 * ask another node about it.  A reader takes the newer of its own slot
 * and the shared value (by the time the code was asked for): its own
 * when equal, which is at least as fresh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue/clawbot_int.h"
#include "store/cluster.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/log.h"

#define CB_QR_VALUE 1600

static void
qr_key(char *k, size_t size, int64_t user)
{
	snprintf(k, size, "clawbot_qr:%lld", (long long)user);
}

/* Write one slot's copy; on the poller's thread. */
static void
qr_put(struct clawbot *c, const struct cluster_ops *k, int64_t user,
    int64_t created, const struct clawbot_qr *q)
{
	char key[40], v[CB_QR_VALUE];

	qr_key(key, sizeof(key), user);
	snprintf(v, sizeof(v), "%d %lld %s\t%s\t%s", q->state,
	    (long long)created, q->qrcode, q->url, q->why);
	if (k->shared_put(c->reader, key, v, created + CB_QR_KEEP_MS) != 0)
		log_warnx("msg=\"clawbot: cannot share a bind code\" "
			  "user=%lld",
		    (long long)user);
}

void
cb_qr_publish(struct clawbot *c)
{
	const struct cluster_ops *k = store_cluster(c->reader);
	struct clawbot_qr q;
	int64_t user, created;
	int i;

	for (i = 0; k != NULL && i < CB_QR_MAX; i++) {
		pthread_mutex_lock(&c->mu);
		user = c->qr[i].changed ? c->qr[i].user : 0;
		c->qr[i].changed = 0;
		q = c->qr[i].q;
		created = c->qr[i].created_ms;
		pthread_mutex_unlock(&c->mu);
		if (user != 0)
			qr_put(c, k, user, created, &q);
	}
}

/* Split v into q and *created: 0, or -1 when it is not one of ours. */
static int
qr_parse(char *v, struct clawbot_qr *q, int64_t *created)
{
	char *code, *url, *why;
	long long at;
	int state, used = 0;

	if (sscanf(v, "%d %lld %n", &state, &at, &used) != 2 || used == 0)
		return -1;
	code = v + used;
	if ((url = strchr(code, '\t')) == NULL ||
	    (why = strchr(url + 1, '\t')) == NULL)
		return -1;
	*url++ = '\0';
	*why++ = '\0';
	q->state = state;
	snprintf(q->qrcode, sizeof(q->qrcode), "%s", code);
	snprintf(q->url, sizeof(q->url), "%s", url);
	snprintf(q->why, sizeof(q->why), "%s", why);
	*created = at;
	return 0;
}

int
cb_qr_shared(int64_t user, const char *qrcode, struct clawbot_qr *q,
    int64_t *created)
{
	struct store *s = store_reader();
	const struct cluster_ops *k = store_cluster(s);
	char key[40], *v;
	int64_t until = 0;
	int rc = -1;

	if (k == NULL)
		return -1;
	v = malloc(CB_QR_VALUE);
	qr_key(key, sizeof(key), user);
	memset(q, 0, sizeof(*q));
	if (v != NULL && k->shared_get(s, key, v, CB_QR_VALUE, &until) == 0 &&
	    until > clock_ms() && qr_parse(v, q, created) == 0 &&
	    (*qrcode == '\0' || strcmp(q->qrcode, qrcode) == 0))
		rc = 0;
	free(v);
	if (rc != 0)
		memset(q, 0, sizeof(*q));
	return rc;
}
