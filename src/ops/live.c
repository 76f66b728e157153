/*
 * live.c: the other nodes' live events into this node's hub (live.h).
 *
 * The store says what another node committed (store/cluster.h: new
 * inbox items, recalls; PostgreSQL only); the hub fans them out to the
 * streams open here exactly as this node's own writer does after its
 * commits (queue/submit.c, ops/recall.c).  This file only joins the
 * two, since store and stream are peers that may not include each
 * other.
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

	hub_publish(arg, &ev);
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

	memset(&cb, 0, sizeof(cb));
	cb.arg = h;
	cb.watching = live_watching;
	cb.item = live_item;
	cb.recall = live_recall;
	return store_live_start(&cb, out, err);
}
