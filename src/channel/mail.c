/*
 * mail.c: the `mail` channel: one e-mail per recipient, sent over SMTP
 * with libcurl, to the recipient's e-mail address (`feige user email`).
 *
 * The sender is the mail config the send named (`webhook` = a mail code:
 * that account's SMTP server, port, login, and the account as From), or
 * the server's default sender from feige.conf (mail.host, mail.port,
 * mail.ssl, mail.account, mail.password, mail.from).  ssl = 1 is implicit
 * TLS (smtps://, usually port 465); ssl = 0 upgrades with STARTTLS when
 * the server offers it (usually port 25 or 587).  No login is attempted
 * without an account and password.  A user's SMTP server is as much a
 * user-supplied address as a webhook URL, so it goes through the address
 * guard; the operator's default sender does not.
 *
 * Outcome: an SMTP 5xx reply or a refused login is final (PERMFAIL); a
 * 4xx reply, a timeout or a lost connection is retried (TEMPFAIL).  A
 * recipient with no e-mail address fails at once with that reason.
 *
 * Runs on a worker thread; blocks at most channel.timeout_ms.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "channel/channel_int.h"
#include "store/store.h"
#include "util/ids.h"

struct mail_src {
	const char	*data;
	size_t		 len, off;
};

static size_t
mail_read(char *buf, size_t size, size_t n, void *arg)
{
	struct mail_src *src = arg;
	size_t room = size * n, left = src->len - src->off;

	if (left < room)
		room = left;
	memcpy(buf, src->data + src->off, room);
	src->off += room;
	return room;
}

int
mail_addr_ok(const char *a)
{
	return *a && strchr(a, '@') && strpbrk(a, " \t\r\n<>,;\"()") == NULL;
}

static void
classify(CURLcode rc, long smtp, const char *err, const char *what,
    struct delivery_result *res, int refused)
{
	enum delivery_outcome o = DELIVERY_TEMPFAIL;

	if (refused) {
		chan_fail(res, DELIVERY_PERMFAIL, what, 0, "address not "
		    "allowed (loopback or private network; see "
		    "channel.allow_private)");
		return;
	}
	if (smtp >= 500 || chan_curl_final(rc))
		o = DELIVERY_PERMFAIL;
	if (smtp >= 400)
		chan_fail(res, o, what, 0, "smtp %ld: %s", smtp, err);
	else
		chan_fail(res, o, what, 0, "%s%s", rc ==
		    CURLE_OPERATION_TIMEDOUT ? "timeout: " : "", err);
	res->upstream_status = (int)smtp;
}

void
mail_sender(const struct store_chan *c, struct mail_sender *ms,
    struct strbuf *what)
{
	const struct channel_settings *cs = channel_settings();

	if (c) {
		ms->host = c->host, ms->port = c->port, ms->ssl = c->ssl;
		ms->account = c->account, ms->password = c->password;
		ms->from = c->account;
		ms->guard = 1;		/* user-supplied server */
		strbuf_addf(what, "mail '%s'", c->code);
	} else {
		ms->host = cs->mail_host, ms->port = cs->mail_port;
		ms->ssl = cs->mail_ssl;
		ms->account = cs->mail_account;
		ms->password = cs->mail_password;
		ms->from = *cs->mail_from ? cs->mail_from : cs->mail_account;
		ms->guard = 0;		/* the operator's own */
		strbuf_addstr(what, "mail (server default)");
	}
}

void
mail_transfer(const struct mail_sender *ms, const char *rcpt_addr,
    const struct strbuf *msg, const char *what, struct delivery_result *res)
{
	struct chan_guard g = { ms->guard, 0, 0, 0 };
	struct curl_slist *rcpt = NULL;
	struct strbuf url = STRBUF_INIT, to = STRBUF_INIT, from = STRBUF_INIT;
	struct mail_src src = { msg->buf, msg->len, 0 };
	char errbuf[CURL_ERROR_SIZE] = "", host[CHAN_HOST_MAX];
	long smtp = 0;
	CURL *curl;
	CURLcode rc;

	strbuf_addf(&url, "%s://%s:%d", ms->ssl ? "smtps" : "smtp", ms->host,
	    ms->port);
	/* one SMTP server gets its share of the workers, like a web host */
	if (chan_host_enter(url.buf, host) != 0) {
		res->outcome = DELIVERY_DEFER;
		strbuf_setf(&res->detail, "%s: SMTP server %s busy", what, host);
		strbuf_release(&url);
		return;
	}
	if ((curl = curl_easy_init()) == NULL) {
		chan_host_leave(host);
		strbuf_release(&url);
		chan_fail(res, DELIVERY_TEMPFAIL, what, 0, "curl init");
		return;
	}
	strbuf_addf(&to, "<%s>", rcpt_addr);
	strbuf_addf(&from, "<%s>", ms->from);
	rcpt = curl_slist_append(rcpt, to.buf);
	curl_easy_setopt(curl, CURLOPT_URL, url.buf);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
	    (long)channel_settings()->timeout_ms);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.buf);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, mail_read);
	curl_easy_setopt(curl, CURLOPT_READDATA, &src);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE, (long)msg->len);
	if (!ms->ssl)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (*ms->account && *ms->password) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, ms->account);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, ms->password);
	}
	chan_guard_apply(curl, url.buf, &g);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtp);
	if (rc == CURLE_OK)
		res->outcome = DELIVERY_OK;
	else
		classify(rc, smtp, *errbuf ? errbuf : curl_easy_strerror(rc),
		    what, res, g.refused);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	chan_host_leave(host);
	strbuf_release(&url);
	strbuf_release(&to);
	strbuf_release(&from);
}

static void
mail_send(const struct channel_driver *drv, const struct delivery_job *job,
    struct delivery_result *res)
{
	struct mail_sender ms;
	struct strbuf msg, what = STRBUF_INIT;

	(void)drv;
	mail_sender(job->cfg, &ms, &what);
	strbuf_init(&msg, 4 * CHAN_PAYLOAD_MAX);
	if (job->msg == NULL || *ms.host == '\0')
		chan_fail(res, DELIVERY_PERMFAIL, what.buf, 0, "no SMTP server "
		    "configured");
	else if (job->email == NULL || *job->email == '\0')
		chan_fail(res, DELIVERY_PERMFAIL, what.buf, 0, "recipient has "
		    "no e-mail address (feige user email UID ADDR)");
	else if (!mail_addr_ok(job->email) || !mail_addr_ok(ms.from))
		chan_fail(res, DELIVERY_PERMFAIL, what.buf, 0, "bad address "
		    "'%s'", mail_addr_ok(ms.from) ? job->email : ms.from);
	else if (mail_build(&msg, ms.from, job->email, job->msg,
	    job->delivery_id, clock_ms()) != 0)
		chan_fail(res, DELIVERY_PERMFAIL, what.buf, 0, "the message "
		    "cannot be encoded (too large)");
	else
		mail_transfer(&ms, job->email, &msg, what.buf, res);
	strbuf_release(&msg);
	strbuf_release(&what);
}

const struct channel_driver channel_mail = {
	.name = "mail",
	.caps = CHANNEL_CAP_NEEDS_MESSAGE | CHANNEL_CAP_NEEDS_CONFIG |
	    CHANNEL_CAP_NEEDS_EMAIL,
	.send = mail_send,
};
