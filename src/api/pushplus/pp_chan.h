/*
 * pp_chan.h: the pushplus channels that need a config (webhook, cp,
 * mail): resolving `option` (formerly `webhook`) to one of the sender's
 * configs when a send is accepted, and recording it with the message
 * (pp_chan.c).
 */
#ifndef FG_PP_CHAN_H
#define FG_PP_CHAN_H

#include <stddef.h>

#include "api/ctx.h"
#include "store/store.h"

struct api_ctx;
struct channel_driver;
struct send_request;

/* 1 when the channel sends one delivery whatever topic and to say. */
int	pp_chan_single(const char *channel);

/*
 * Can a send on drv go out from this server, with this option, topic
 * and to (NULL: unset)?  0, or 999 with the reason in msg: the
 * channel's own answer (channel_ready(): app, extension, clawbot, qq,
 * cmcc, sms and voice without a provider), or qq's rule that a group
 * option does not combine with topic or to.
 */
int	pp_chan_ready(const struct channel_driver *drv, const char *option,
	    const char *topic, const char *to, char *msg, size_t size);

/*
 * Keep in users[0..*n) those the channel can reach: for channels that
 * deliver to a phone number, the users that have one.  0, 999 with
 * the reason in msg when nobody is left, or 500.
 */
int	pp_chan_reachable(const struct channel_driver *drv, struct store *,
	    int64_t *users, size_t *n, int to_self, char *msg, size_t size);

/*
 * Resolve the config a send on channel names by code (NULL: unset) into
 * out (chan_id 0 = the server's default mail sender).  Returns 0 when
 * the channel needs no config or it resolved (*needed set to 1 when a
 * config row must be recorded), or a pushplus code (999, 500) with the
 * reason in msg.  A custom webhook's request is built from m once, so a
 * message it cannot carry is refused here (channel_webhook_fits).
 */
int	pp_chan_resolve(struct api_ctx *, struct store *, int64_t owner,
	    const char *channel, const char *code, const char *to,
	    const struct message *m, struct store_msg_chan *out, int *needed,
	    char *msg, size_t size);

/*
 * The send_request insert hook that records the resolved config with
 * the message, in its transaction; req->arg is the store_msg_chan.
 */
int	pp_chan_insert(struct send_request *, struct store *,
	    int64_t *dids);

#endif
