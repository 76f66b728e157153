/*
 * channel.h: delivery channels as a const vtable, one driver per file
 * (curl's vtls, smtpd's table_backend).  A driver gets one message and
 * one recipient and reports an outcome; it never sees the HTTP server or
 * the store (design.md: "A channel driver never sees the HTTP server").
 *
 * Runs on a worker thread; may block up to its timeout.
 */
#ifndef FG_CHANNEL_H
#define FG_CHANNEL_H

#include <stdint.h>

#include "util/strbuf.h"

struct store_message;

enum delivery_outcome {
	DELIVERY_OK = 0,
	DELIVERY_TEMPFAIL,	/* retry with backoff */
	DELIVERY_PERMFAIL,	/* never retry */
};

enum channel_caps {
	/* On DELIVERY_OK the item lands in the recipient's inbox. */
	CHANNEL_CAP_INBOX = 1 << 0,
	/* send() reads the message (workers load it first). */
	CHANNEL_CAP_NEEDS_MESSAGE = 1 << 1,
};

struct delivery_job {
	int64_t				 delivery_id;
	int64_t				 message_id;
	int64_t				 user_id;
	int				 attempts;	/* before this one */
	const struct store_message	*msg;	/* NULL unless NEEDS_MESSAGE */
};

struct delivery_result {
	enum delivery_outcome	 outcome;
	int			 upstream_status;	/* HTTP status, 0 */
	struct strbuf		 detail;		/* error text */
};

struct channel_driver {
	const char	*name;
	unsigned int	 caps;
	void		(*send)(const struct channel_driver *,
			    const struct delivery_job *,
			    struct delivery_result *);
};

/* The driver for a pushplus channel name; NULL if the name is unknown. */
const struct channel_driver	*channel_lookup(const char *name);

extern const struct channel_driver channel_inbox;

#endif
