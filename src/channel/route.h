/*
 * route.h: the routes of a person (issue 10 §3, issue 11): the kinds of
 * device a message to a person is pushed to besides their inbox, as a
 * const vtable, one file per kind (route_webpush.c, route_bark.c,
 * route_email.c, route_wechat.c, route_clawbot.c, ...).
 *
 * A route driver is pure translation, like a webhook type: build()
 * turns (device, message) into one request, judge() turns the answer
 * into a verdict.  It never runs the request, never sleeps and never
 * writes the store: the push sender (one thread, one libcurl multi
 * handle, per-host limits and backoff) runs every request of every
 * kind concurrently, records the verdict through the writer, and
 * removes a device that is gone.  So a slow push service costs its
 * own pushes their timeout and nobody else's, and adding a kind of
 * device is one file and one line in the driver table.
 *
 * What a person's device row means per type is in store/store_device.h.
 */
#ifndef FG_CHANNEL_ROUTE_H
#define FG_CHANNEL_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store_device.h"
#include "util/strbuf.h"

struct conf;
struct store;
struct vapid_key;

/*
 * What drivers may need from the server's setup, handed to each
 * driver's configure() once when the push sender starts.
 */
struct route_env {
	const struct conf	*conf;		/* feige.conf */
	const struct vapid_key	*vapid;		/* the server's VAPID key */
	/* public base of links: set before the first build(), maybe
	 * after configure() (the port is known late); keep the pointer */
	const char		*base_url;
};

/* What one push says.  Strings are never NULL ("" = none). */
struct route_msg {
	int64_t		 message_id;
	const char	*short_code;
	const char	*title;		/* "" when the message has none */
	const char	*summary;	/* plain text, already cut (UTF-8) */
	const char	*url;		/* the message page, absolute */
	const char	*source;	/* app, topic, group or friend name */
	int		 recall;	/* 1: the message was deleted */
};

#define ROUTE_NHEADERS	8

/*
 * The request build() fills.  HTTP: method, url, header lines
 * ("Name: value") pointing into hbuf, body (binary, body.len bytes).
 * SMTP (ROUTE_F_SMTP): url is smtp:// or smtps://, mail_from and
 * mail_rcpt are the envelope, body the whole RFC 5322 message.
 * guard: pass the address guard (channel.allow_private) before
 * connecting; every user-supplied endpoint sets it.
 */
struct route_req {
	const char	*method;
	char		 url[STORE_DEVICE_URL_MAX + 512];
	const char	*headers[ROUTE_NHEADERS + 1];
	struct strbuf	 hbuf;
	struct strbuf	 body;
	char		 mail_from[256];
	char		 mail_rcpt[STORE_DEVICE_URL_MAX + 1];
	int		 guard;
};

/* What came back: HTTP status (SMTP: the last reply code), or none. */
struct route_answer {
	long		 status;	/* 0: no answer (see transport) */
	const char	*body;		/* not NUL-terminated */
	size_t		 len;
	const char	*retry_after;	/* the header's value, NULL */
	int		 transport;	/* 0, or a CURLcode: never answered */
	const char	*transport_msg;	/* curl's text for it */
};

enum route_verdict {
	ROUTE_OK = 0,	/* the service took it */
	ROUTE_RETRY,	/* transient: again on the retry schedule */
	ROUTE_FAIL,	/* final failure of this push, device kept */
	ROUTE_GONE,	/* the device no longer exists: remove it */
	/*
	 * The device cannot take pushes now but will without the retry
	 * clock (ClawBot's budget or window used up): the push waits in
	 * that state, with the reason as its detail, until route_wake().
	 */
	ROUTE_WAIT,
};

enum route_flags {
	ROUTE_F_SMTP = 1 << 0,	/* req is an SMTP transaction */
	ROUTE_F_RECALL = 1 << 1,	/* build() can tell a device of a delete */
};

struct route_verdict_out {
	enum route_verdict	 verdict;
	int64_t			 retry_after_ms; /* RETRY: at least this, 0 */
	char			 upstream_id[64]; /* e.g. WeChat's msgid */
	struct strbuf		 detail;	/* what the service said */
};

struct route_driver {
	const char	*type;		/* devices.type */
	unsigned int	 flags;
	/*
	 * The request for this push.  rd is the sender's read connection
	 * (a driver that keeps state of its own reads it there).  0, or
	 * FG_EBUSY with the reason (ROUTE_WAIT), or another enum fg_err
	 * (ROUTE_FAIL) with err.  req is initialised by the caller
	 * (route_req_init) and freed by it (route_req_free) either way.
	 */
	int		(*build)(const struct route_driver *, struct store *rd,
			    const struct store_device *, const struct route_msg *,
			    struct route_req *, struct strbuf *err);
	/* The verdict on the answer to that request. */
	void		(*judge)(const struct route_driver *,
			    const struct store_device *,
			    const struct route_answer *,
			    struct route_verdict_out *);
	/*
	 * Optional: runs inside the writer's transaction that records the
	 * verdict, for a driver that counts (ClawBot's budget).  0, or an
	 * enum fg_err.
	 */
	int		(*record)(const struct route_driver *, struct store *,
			    const struct store_device *,
			    const struct route_verdict_out *);
	/*
	 * Optional: called once when the push sender starts, before any
	 * build(), to keep what build() needs from the configuration
	 * (credentials, the VAPID key).  0, or an enum fg_err with err:
	 * the server does not start.
	 */
	int		(*configure)(const struct route_driver *,
			    const struct route_env *, struct strbuf *err);
	/*
	 * Optional: may a push to this device start now?  0 yes (the
	 * driver may count it as started until its record()), else it
	 * stays due, untouched, and is looked at again at the next poll.
	 * For a device that takes one push at a time and paces them
	 * (ClawBot: iLink blocks a bot after a burst).
	 */
	int		(*may_start)(const struct route_driver *,
			    const struct store_device *);
};

/* The driver for a devices.type, NULL when none. */
const struct route_driver	*route_lookup(const char *type);
/* d's driver's may_start(), or 0 (also for an unknown type). */
int	route_may_start(const struct store_device *d);
/* configure() every driver that has one (push.c at its start). */
int	route_configure(const struct route_env *, struct strbuf *err);
/*
 * A device's waiting pushes (ROUTE_WAIT) are due again: for a driver's
 * record() or anything else in a writer transaction on wr.  The sender
 * reads them at its next poll (within a second of the commit; a caller
 * in a hurry calls push_kick() from its op's done).
 */
int	route_wake(struct store *wr, int64_t device_id);

void	route_req_init(struct route_req *);
void	route_req_free(struct route_req *);
/* Append a header line "name: value" to req (at most ROUTE_NHEADERS). */
int	route_req_header(struct route_req *, const char *name,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
