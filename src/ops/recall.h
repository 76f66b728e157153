/*
 * recall.h: a sender recalling one of its messages, the rule shared by
 * WxPusher's DELETE /api/send/message (ops/wx_message.h) and the
 * pushplus open API's message/deleteMessage (api/openapi/open_msg.c).
 *
 * A recalled message is marked deleted: its page answers 404 and it
 * leaves every recipient's inbox list, /inbox/messages and stream
 * replay.  Each device a push of it went to gets a recall push (the
 * service worker closes the notification, Bark replaces it), queued in
 * the same transaction; pushes not sent yet never will be.  What a
 * channel already pushed (a WeChat card, a mail, a
 * webhook call) stays with the recipient, and the send records keep
 * their status, as WxPusher documents.  Recipients with an open
 * /inbox/stream get a HUB_EVENT_DELETE after the commit.
 *
 * ops_recall() runs inside the writer's transaction and notes who to
 * tell; ops_recall_publish() runs from the op's reply, after the commit.
 */
#ifndef FG_OPS_RECALL_H
#define FG_OPS_RECALL_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"

struct hub;
struct strbuf;

struct ops_recall {
	char	 short_code[40];	/* out */
	int64_t	*users;			/* out: the recipients */
	size_t	 n_users, alloc;
	int pushes; /* out: recall pushes queued */
};

/*
 * Mark message id deleted and fill out (zeroed by the caller).  Whose
 * message it is, is the caller's check.  FG_ENOENT for no message.
 */
FG_MUST int	ops_recall(struct store *, int64_t id, struct ops_recall *out,
		    struct strbuf *err);

/* Queue the delete event on each recipient's streams (hub may be NULL). */
void		ops_recall_publish(struct hub *, const struct ops_recall *);

void		ops_recall_release(struct ops_recall *);

#endif
