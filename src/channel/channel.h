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

struct message;
struct store_chan;

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
	/*
	 * send() needs the channel config the message was accepted with
	 * (job->cfg, NULL for a server default) and cp's `to`; the worker
	 * loads them by the message id (store msg_chan_get, chan_get).
	 */
	CHANNEL_CAP_NEEDS_CONFIG = 1 << 2,
	/* send() needs the recipient's e-mail address (job->email). */
	CHANNEL_CAP_NEEDS_EMAIL = 1 << 3,
};

struct delivery_job {
	int64_t				 delivery_id;
	int64_t				 message_id;
	int64_t				 user_id;
	int				 attempts;	/* before this one */
	const struct message	*msg;	/* NULL unless NEEDS_MESSAGE */
	const struct store_chan		*cfg;	/* NEEDS_CONFIG; NULL: default */
	const char			*to;	/* NEEDS_CONFIG: cp's `to`, "" */
	const char			*email;	/* NEEDS_EMAIL: "" = none */
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

/*
 * Process-wide settings of the network drivers, from feige.conf.  Set
 * once by channel_configure() before the workers start, read-only after.
 */
struct channel_settings {
	int		 timeout_ms;		/* one upstream request */
	int		 allow_private;		/* webhooks to private nets */
	const char	*wecom_base;		/* cp API base URL */
	const char	*ca_file;		/* TLS trust, "" = system */
	const char	*mail_host;		/* default SMTP sender, "" */
	int		 mail_port;
	int		 mail_ssl;		/* 1 implicit TLS (smtps) */
	const char	*mail_account;		/* login, "" = none */
	const char	*mail_password;
	const char	*mail_from;		/* "" = mail_account */
};

/* Copy the settings (strings too); call before any send. */
void	channel_configure(const struct channel_settings *);

/* "1 WeCom bot, 2 DingTalk, ..." for usage and error texts. */
const char	*channel_webhook_types(void);
/* 1 when feige can deliver to webhook type id (pushplus webhookType). */
int		 channel_webhook_type_ok(int id);

extern const struct channel_driver channel_inbox;
extern const struct channel_driver channel_webhook;
extern const struct channel_driver channel_cp;
extern const struct channel_driver channel_mail;

#endif
