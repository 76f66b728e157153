/*
 * inbox.c: the inbox channel, behind pushplus's `wechat`.  Delivery to a
 * recipient's inbox on this server cannot fail upstream: the worker
 * reports OK and the writer records the inbox item in the same
 * transaction as the delivery's final status (CHANNEL_CAP_INBOX), after
 * which the stream hub pushes it to the recipient's live connections.
 */
#include "channel/channel.h"

static void
inbox_send(const struct channel_driver *drv, const struct delivery_job *job,
    struct delivery_result *res)
{
	(void)drv;
	(void)job;
	res->outcome = DELIVERY_OK;
}

const struct channel_driver channel_inbox = {
	.name = "wechat",
	.caps = CHANNEL_CAP_INBOX,
	.send = inbox_send,
};
