/*
 * live.c: the other nodes' live events into this node's hub (live.h).
 *
 * The store says what was committed (store/cluster.h: new inbox items
 * of every node, this one's included, in commit order; other nodes'
 * recalls; PostgreSQL only); the hub fans them out to the streams open
 * here.  Once the listener runs it is the only source of new items
 * (hub_listened_only()): this node's writer publishing its own after
 * its commits (queue/submit.c) could overtake an older item of another
 * node.  This file only joins the two, since store and stream are
 * peers that may not include each other.
 */
#include <string.h>

#include "ops/live.h"
#include "store/cluster.h"
#include "stream/hub.h"

static int
live_watching(void *arg, int64_t user)
{
	return hub_watching(arg, user);
}

static void
live_item(void *arg, int64_t user, const struct store_inbox_item *it)
{
	struct hub_event ev = { HUB_EVENT_MESSAGE, it->id, user, &it->msg };

	hub_publish_listened(arg, &ev);
}

static void
live_recall(void *arg, int64_t user, const struct message *m)
{
	struct hub_event ev = { HUB_EVENT_DELETE, 0, user, m };

	hub_publish(arg, &ev);
}

int
ops_live_start(struct hub *h, struct store_live **out, struct strbuf *err)
{
	struct store_live_cb cb;
	int rc;

	memset(&cb, 0, sizeof(cb));
	cb.arg = h;
	cb.watching = live_watching;
	cb.item = live_item;
	cb.recall = live_recall;
	if ((rc = store_live_start(&cb, out, err)) == 0 && *out != NULL)
		hub_listened_only(h);
	return rc;
}
