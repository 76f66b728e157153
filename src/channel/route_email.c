/*
 * route_email.c: the e-mail route: a plain text mail to the person's
 * confirmed address, through the operator's SMTP server (feige.conf
 * mail.host, mail.port, mail.ssl, mail.account, mail.password,
 * mail.from: the `mail` channel's default sender).  A QQ Mail address
 * gives a WeChat reminder in China (issue 10 §3).
 *
 * The mail is mail_build()'s (the mail channel's RFC 5322 + MIME
 * bytes: RFC 2047 subject, base64 UTF-8 text): the title (or the start
 * of the text) as the subject, and as the body the summary and, on a
 * line of its own, the message page, where the whole message is.  The
 * login goes in the URL's userinfo (percent-encoded), which libcurl's
 * SMTP uses for AUTH; STARTTLS when the server offers it, implicit TLS
 * with mail.ssl.  The operator's own server is not a user-supplied
 * address, so the address guard is off, as for the mail channel.
 *
 * Addresses are confirmed before anything is sent to them: a new
 * e-mail device gets a confirmation push whose url is the link that
 * activates it (ops/device.c, push.c), mailed by this same route.  A
 * sent mail cannot be taken back, so there is no ROUTE_F_RECALL.
 *
 * Verdicts: the transaction went through, taken; an SMTP 5xx reply or
 * a refused login final; a 4xx, a timeout or a lost connection again
 * later.  No mail.host: final, with that reason.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "channel/route_int.h"
#include "core/message.h"
#include "render/render.h"
#include "util/errors.h"
#include "util/ids.h"

/* smtp[s]://[user:password@]host:port into url; 0 or FG_EINVAL. */
static int
email_url(const struct channel_settings *cs, char *url, size_t size)
{
	char *user = NULL, *pass = NULL;
	int n;

	if (*cs->mail_account && *cs->mail_password) {
		user = curl_easy_escape(NULL, cs->mail_account, 0);
		pass = curl_easy_escape(NULL, cs->mail_password, 0);
	}
	n = snprintf(url, size, "%s://%s%s%s%s%s:%d",
	    cs->mail_ssl ? "smtps" : "smtp", user ? user : "", user ? ":" : "",
	    pass ? pass : "", user ? "@" : "", cs->mail_host, cs->mail_port);
	curl_free(user);
	curl_free(pass);
	return n < 0 || (size_t)n >= size ? FG_EINVAL : 0;
}

static int
email_build(const struct route_driver *drv, struct store *rd,
    const struct store_device *d, const struct route_msg *m,
    struct route_req *req, struct strbuf *err)
{
	const struct channel_settings *cs = channel_settings();
	const char *from = *cs->mail_from ? cs->mail_from : cs->mail_account;
	struct strbuf text = STRBUF_INIT;
	struct message msg;
	int rc;

	(void)drv;
	(void)rd;
	if (*cs->mail_host == '\0' || *from == '\0') {
		strbuf_setf(err,
		    "no SMTP server configured (feige.conf "
		    "mail.host, mail.from)");
		return FG_EINVAL;
	}
	if (email_url(cs, req->url, sizeof(req->url)) != 0) {
		strbuf_setf(err, "mail.host and login are too long");
		return FG_EINVAL;
	}
	snprintf(req->mail_from, sizeof(req->mail_from), "%s", from);
	snprintf(req->mail_rcpt, sizeof(req->mail_rcpt), "%s", d->endpoint);
	strbuf_addf(&text, "%s\r\n\r\n%s\r\n", m->summary, m->url);
	memset(&msg, 0, sizeof(msg));
	snprintf(msg.short_code, sizeof(msg.short_code), "%s",
	    *m->short_code ? m->short_code : "verify");
	msg.title = (char *)(*m->title ? m->title : m->source);
	msg.content = text.buf;
	msg.content_len = text.len;
	msg.tpl = TPL_TXT;
	rc = mail_build(&req->body, from, d->endpoint, &msg, m->message_id,
	    clock_ms());
	strbuf_release(&text);
	return rc;
}

static void
email_judge(const struct route_driver *drv, const struct store_device *d,
    const struct route_answer *a, struct route_verdict_out *v)
{
	(void)drv;
	(void)d;
	if (a->transport == 0)
		v->verdict = ROUTE_OK;
	else if (a->status >= 500 || a->transport == CURLE_LOGIN_DENIED)
		v->verdict = ROUTE_FAIL;
	else
		v->verdict = ROUTE_RETRY;
	strbuf_reset(&v->detail);
	if (a->transport != 0)
		strbuf_addf(&v->detail, "smtp %ld: %s", a->status,
		    a->transport_msg ? a->transport_msg : "");
}

const struct route_driver route_email = {
	.type = "email",
	.flags = ROUTE_F_SMTP,
	.build = email_build,
	.judge = email_judge,
};
