/*
 * channel_int.h: what the network drivers share (curl's *_int.h idea):
 * the settings, the HTTP client with its outcome rules, and the text
 * shaping every payload builder uses.  Not for use outside src/channel/.
 */
#ifndef FG_CHANNEL_INT_H
#define FG_CHANNEL_INT_H

#include <stddef.h>
#include <stdint.h>

#include "channel/channel.h"
#include "util/strbuf.h"

struct curl_slist;

#define CHAN_REPLY_MAX		(64 * 1024)	/* upstream reply kept */
#define CHAN_PAYLOAD_MAX	(256 * 1024)	/* one request body */

/*
 * The address guard on a curl easy handle (http.c).  chan_guard_socket:
 * with on set, connecting to a loopback, private or link-local address
 * fails and sets refused; no redirects.  chan_guard_apply: the same for
 * the drivers, off when channel.allow_private is set, and
 * channel.ca_file as the TLS trust.  g must outlive the transfers.
 *
 * With channel.proxy set, the socket goes to the proxy, so the check
 * moves to the target: chan_guard_target resolves url's host (blocking,
 * once per guard) and refuses the transfer when any of its addresses is
 * not public (refused), or when it does not resolve (unresolved: the
 * transfer fails as a DNS error, retried).  chan_guard_socket calls it
 * when the caller has not; a caller on an event loop calls it first on
 * a thread that may block (xloop_submit).
 */
struct chan_guard {
	int	on;
	int	refused;
	int	checked;	/* chan_guard_target ran */
	int	unresolved;	/* with a proxy: the name did not resolve */
};
void	chan_guard_socket(void *curl, const char *url, struct chan_guard *g);
void	chan_guard_apply(void *curl, const char *url, struct chan_guard *g);
void	chan_guard_target(const char *url, struct chan_guard *g);

/*
 * The per-host limit of upstream requests (hostlimit.c): enter names
 * the URL's host into host and returns 0, or -1 when that host already
 * has channel_settings()->per_host requests of ours in flight (then
 * nothing is taken); leave gives back what a 0 from enter took.
 */
#define CHAN_HOST_MAX	256
/* The host a URL names, as libcurl parses it ("" when it cannot). */
void	chan_url_host(const char *url, char host[CHAN_HOST_MAX]);
int	chan_host_enter(const char *url, char host[CHAN_HOST_MAX]);
void	chan_host_leave(const char *host);

/*
 * Note an answer of host (hosthealth.c): ok, else the HTTP status (0
 * for none) and the text of what went wrong.
 */
void chan_health_note(const char *host, int ok, long status,
    const char *error);

/* One upstream HTTP exchange (http.c). */
struct chan_http_reply {
	long		 status;	/* HTTP status, 0 if none */
	int		 curl_rc;	/* CURLcode */
	int		 refused;	/* the address guard said no */
	int		 busy;		/* host at its limit: not sent */
	struct strbuf	 body;		/* capped at CHAN_REPLY_MAX */
	char		 error[256];	/* curl's text when curl_rc != 0 */
};

void	chan_http_reply_init(struct chan_http_reply *);
void	chan_http_reply_release(struct chan_http_reply *);

/*
 * POST body (ctype, e.g. "application/json") or GET when body is NULL.
 * guard: refuse loopback, private and link-local peers unless the
 * settings allow them (user-supplied URLs).  Returns 0 when an HTTP
 * reply arrived (any status), or -1 with rep->curl_rc/error set.
 */
int	chan_http_request(const char *url, const char *body,
	    const char *ctype, int guard, struct chan_http_reply *rep);
/*
 * The general form: method NULL is POST with a body, GET without;
 * otherwise sent as given (CURLOPT_CUSTOMREQUEST, "PUT", "DELETE"...).
 * headers: "Name: value" lines, NULL-terminated (may be NULL); without
 * a body a Content-Type line is left out.  Same return as above.
 */
struct chan_http_req {
	const char		*method;
	const char		*url;
	const char		*body;		/* NULL: none */
	const char *const	*headers;
	int			 guard;
	size_t body_len; /* 0: strlen(body) */
};
int	chan_http_send(const struct chan_http_req *,
	    struct chan_http_reply *rep);

/*
 * A request in the event-loop form (xloop.h): what a driver's build()
 * fills and its judge() reads back with the reply.  method "" is POST
 * with a body, GET without; hdrs are "Name: value" lines (chan_req_header);
 * ctx and what are the driver's own (the webhook type, the upstream's
 * name for details).  Everything after rep belongs to the loop.
 */
struct chan_req {
	char			 method[16];
	struct strbuf		 url;
	struct strbuf		 body;
	int			 has_body;
	int			 guard;
	struct curl_slist	*hdrs;
	const void		*ctx;
	int64_t			 tag;	/* the driver's own (cp: config id) */
	/* the driver's, run by chan_req_free (ClawBot: its pace slot) */
	void			(*on_free)(struct chan_req *);
	char			 what[160];
	struct chan_http_reply	 rep;
	/* the loop's (xloop.c) */
	void			*easy;
	struct chan_guard	 g;
	char			 host[CHAN_HOST_MAX];
	char			 errbuf[256];
	struct chan_req		*next;
	int			 slot;	/* in the loop's flight table */
	int			 host_left;	/* its host's held, once over */
	void			(*done)(struct chan_req *, int aborted, void *);
	void			*arg;
};
/* Add a header line to req; 0 or FG_ENOMEM. */
int	chan_req_header(struct chan_req *, const char *line);
/*
 * Run req on the calling thread (blocking, with the per-host limit of
 * the blocking drivers): 0 when a reply arrived, else -1 (rep says why).
 * chan_send_blocking: a loop-form driver's send(): build, run, judge.
 */
int	chan_req_perform(struct chan_req *);
void	chan_send_blocking(const struct channel_driver *,
	    const struct delivery_job *, struct delivery_result *);

/*
 * The one easy-handle setup of every upstream HTTP request (http.c), for
 * the blocking client and the loop alike: URL, method, body (body_len
 * bytes, or none when body is NULL), header lines (hdrs is completed
 * with "Expect:"), timeout, user agent, the address guard g, the proxy,
 * and the reply collected into rep.  chan_easy_finish reads the result
 * of a finished transfer into rep.
 */
void	chan_easy_setup(void *curl, const char *method, const char *url,
	    const char *body, size_t body_len, struct curl_slist **hdrs,
	    struct chan_guard *g, struct chan_http_reply *rep, char *errbuf);
void	chan_easy_finish(void *curl, int curl_rc, const struct chan_guard *g,
	    const char *errbuf, struct chan_http_reply *rep);

/*
 * The transport half of the outcome: no reply (timeout, connection
 * refused or dropped), 429 and 5xx are TEMPFAIL; other non-2xx are
 * PERMFAIL; a refused address is PERMFAIL.  Sets res and returns 0 when
 * the reply is 2xx (the caller then reads the service's own code), or
 * -1 when res is final.  what names the upstream in the detail.
 */
int	chan_http_outcome(const struct chan_http_reply *, const char *what,
	    struct delivery_result *res);

/*
 * 1 when a curl error will not go away by retrying: a malformed URL or
 * unsupported scheme, a certificate that does not verify, a refused
 * login.  Other errors (DNS, timeouts, refused or dropped connections)
 * are worth a retry.
 */
int	chan_curl_final(int curl_rc);

/* The detail of a service error: "<what>: upstream <status>, <text>". */
void	chan_fail(struct delivery_result *, enum delivery_outcome,
	    const char *what, long status, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

/*
 * Text shaping (fmt.c).  chan_text: content as plain text (html tags
 * stripped with line breaks kept, json pretty-printed when it parses).
 * chan_markdown: content as Markdown (markdown as is, json in a fenced
 * block, html as text).  chan_truncate: cut to at most max bytes on a
 * UTF-8 boundary, ending in "…" when cut.
 */
int	chan_text(struct strbuf *, int tpl, const char *content, size_t len);
int	chan_markdown(struct strbuf *, int tpl, const char *content,
	    size_t len);
void	chan_truncate(struct strbuf *, size_t max);
/* Payload builders the unit tests call directly (cp.c, mail_mime.c). */
struct store_chan;
int	cp_build(struct strbuf *, const struct message *,
	    const struct store_chan *, const char *to);
int	mail_build(struct strbuf *, const char *from, const char *to,
	    const struct message *, int64_t delivery_id, int64_t now_ms);
/*
 * mail.c's parts, shared with mail_notice.c: the sending account (a
 * user's mail config c, or the server default when c is NULL; what
 * names it for errors), one SMTP transaction of msg to rcpt, and
 * whether an address is one feige sends to.
 */
struct mail_sender {
	const char	*host, *account, *password, *from;
	int		 port, ssl, guard;
};
void	mail_sender(const struct store_chan *c, struct mail_sender *,
	    struct strbuf *what);
void	mail_transfer(const struct mail_sender *, const char *rcpt,
	    const struct strbuf *msg, const char *what,
	    struct delivery_result *res);
int	mail_addr_ok(const char *);
/* An RFC 2047 encoded header value (B encoding, folded); s as UTF-8. */
int	mail_encode_header(struct strbuf *, const char *s);

/* The title, or the start of the content as plain text (<= max chars). */
int	chan_title(struct strbuf *, const struct message *, size_t max);

#endif
