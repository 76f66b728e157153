/*
 * recall.c: recalling a message (recall.h).  The recipients are read
 * from the message's deliveries (every inbox item comes from one, for
 * pushplus and WxPusher sends alike), so a recall costs one update and
 * one read of the deliveries however many inboxes hold the message.
 * A recipient reached over two channels is told twice; removing an
 * item that is already gone is a no-op for a client.
 */
#include <stdlib.h>
#include <string.h>

#include "core/message.h"
#include "ops/recall.h"
#include "store/spool.h"
#include "stream/hub.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

_Static_assert(sizeof(((struct ops_recall *)0)->short_code) ==
    sizeof(((struct message *)0)->short_code), "short_code sizes");

static int
note_user(void *arg, const struct store_delivery *d)
{
	struct ops_recall *out = arg;

	out->users = xgrow(out->users, out->n_users, &out->alloc,
	    sizeof(*out->users), 16);
	out->users[out->n_users++] = d->user_id;
	return 0;
}

int
ops_recall(struct store *s, int64_t id, struct ops_recall *out,
    struct strbuf *err)
{
	struct message m;
	int rc;

	if ((rc = spool_message_get_id(s, id, &m)) == 0) {
		memcpy(out->short_code, m.short_code,
		    sizeof(out->short_code));
		message_release(&m);
		rc = spool_wx_message_delete(s, id);
	}
	if (rc == 0)
		rc = spool_delivery_list(s, id, note_user, out);
	if (rc == 0)
		rc = spool_push_recall(s, id, clock_ms(), &out->pushes);
	if (rc != 0 && err)
		strbuf_setf(err, "recall message %lld: %s", (long long)id,
		    fg_strerror(rc));
	return rc;
}

void
ops_recall_publish(struct hub *h, const struct ops_recall *r)
{
	struct message m;
	struct hub_event ev = { HUB_EVENT_DELETE, 0, 0, &m };
	size_t i;

	if (h == NULL || hub_count(h) == 0)
		return;
	memset(&m, 0, sizeof(m));
	memcpy(m.short_code, r->short_code, sizeof(m.short_code));
	for (i = 0; i < r->n_users; i++) {
		ev.user = r->users[i];
		hub_publish(h, &ev);
	}
}

void
ops_recall_release(struct ops_recall *r)
{
	free(r->users);
	r->users = NULL;
	r->n_users = r->alloc = 0;
}
