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

#include "channel/settings.h"
#include "util/strbuf.h"

struct chan_req;
struct message;
struct store_chan;

enum delivery_outcome {
	DELIVERY_OK = 0,
	DELIVERY_TEMPFAIL,	/* retry with backoff */
	DELIVERY_PERMFAIL,	/* never retry */
	/*
	 * Not attempted: the upstream host already has as many of this
	 * server's requests as it may (hostlimit.c).  Back on the schedule
	 * shortly, not counted as an attempt.
	 */
	DELIVERY_DEFER,
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
	/*
	 * send() needs the recipient's phone number (job->phone); the
	 * send API keeps only recipients that have one (sms, voice).
	 */
	CHANNEL_CAP_NEEDS_PHONE = 1 << 4,
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
	const char			*phone;	/* NEEDS_PHONE: "" = none */
};

struct delivery_result {
	enum delivery_outcome	 outcome;
	int			 upstream_status;	/* HTTP status, 0 */
	struct strbuf		 detail;		/* error text */
	/*
	 * A test send's copy of the upstream's answer body (any status),
	 * cut to CHANNEL_TEST_REPLY_MAX bytes on a UTF-8 boundary; NULL
	 * (zeroed) for a delivery, which keeps only the error detail.
	 */
	struct strbuf *reply;
};
#define CHANNEL_TEST_REPLY_MAX 2048

struct channel_driver {
	const char	*name;
	unsigned int	 caps;
	/*
	 * Can this channel deliver on this server now?  0, or -1 with the
	 * reason (Chinese, then English in parentheses) in why.  Asked at
	 * send time, so a channel that cannot deliver is refused there
	 * (999) instead of accepted and failed.  NULL: always ready.
	 */
	int		(*ready)(const struct channel_driver *,
			    struct strbuf *why);
	void		(*send)(const struct channel_driver *,
			    const struct delivery_job *,
			    struct delivery_result *);
	/*
	 * Optional, the event-loop form (xloop.h) of send(): pure
	 * translation, no I/O.  build() fills req (chan_req_new) with the
	 * one request for this delivery and returns 0, or settles the
	 * delivery without one (-1, res final).  judge() turns the reply
	 * in req->rep into the outcome.  A driver with both runs on the
	 * outbound loop; send() is then the blocking fallback.
	 */
	int		(*build)(const struct channel_driver *,
			    const struct delivery_job *, struct chan_req *req,
			    struct delivery_result *);
	void		(*judge)(const struct channel_driver *,
			    const struct chan_req *req,
			    struct delivery_result *);
};

/*
 * The driver for a pushplus channel name (any case); NULL if the name
 * is unknown.  Every channel the pushplus docs name has a driver, the
 * ones feige cannot serve too (their ready() says why).
 */
const struct channel_driver	*channel_lookup(const char *name);

/*
 * Around drv->send() on a worker thread: every upstream request the
 * driver makes meanwhile carries X-Feige-Delivery: id (http.c), so a
 * repeated delivery is visible to the receiver.
 */
void channel_delivery_begin(int64_t id);
void channel_delivery_end(void);

/* drv->ready(), or 0 when the driver has none. */
int	channel_ready(const struct channel_driver *, struct strbuf *why);

/*
 * A mail of feige's own to a person (a sign-in link), from the server's
 * default sender, sent by a thread of its own (mail_notice.c): 0 when
 * queued; -1 when there is no default sender, to is no address, or the
 * queue is full.  Nothing is stored or retried.
 */
int	channel_mail_notice(const char *to, const char *subject,
	    const char *text);
/*
 * Check the settings (sms.provider must name a provider) and store them
 * (channel_settings_store); call before any send.  -1 with the reason in
 * err when sms.provider names no provider (channel.c).
 */
int	channel_configure(const struct channel_settings *,
	    struct strbuf *err);

/* "1 WeCom bot, 2 DingTalk, ..." for usage and error texts. */
const char	*channel_webhook_types(void);
/* 1 when feige can deliver to webhook type id (pushplus webhookType). */
int		 channel_webhook_type_ok(int id);

/*
 * How one upstream host has answered since the start (hosthealth.c):
 * the requests of the delivery drivers and the pushes to devices.
 * channel_host_health() copies at most max rows (out must hold
 * CHANNEL_HOSTS), newest failure first.
 */
#define CHANNEL_HOSTS 64
struct channel_host_health {
	char host[128];
	int64_t ok, failed;
	int64_t last_ok_ms, last_fail_ms; /* epoch ms, 0 never */
	int last_status;		  /* HTTP status, 0 none */
	char last_error[200];
};
size_t channel_host_health(struct channel_host_health *out, size_t max);

extern const struct channel_driver channel_inbox;
extern const struct channel_driver channel_webhook;
extern const struct channel_driver channel_cp;
extern const struct channel_driver channel_mail;
extern const struct channel_driver channel_sms, channel_voice;
/* WeChat ClawBot (ch_clawbot.c): ready when clawbot.enable is set. */
extern const struct channel_driver channel_clawbot;
struct writer;
/* The writer that counts ClawBot pushes (set once before the workers). */
void	channel_clawbot_writer(struct writer *);
/* The channels feige cannot serve yet (refused.c). */
extern const struct channel_driver channel_app, channel_extension,
    channel_qq, channel_cmcc;

#endif
