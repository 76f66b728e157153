/*
 * sms.c: the `sms` and `voice` channels (pushplus-today.md §1.3, §1.4):
 * the message's title, and only the title, as a text message or a
 * voice call to the recipient's phone number, through the SMS provider
 * the operator configured (sms.provider, sms_int.h).
 *
 * Who gets one: the send API keeps only recipients that have a phone
 * number (CHANNEL_CAP_NEEDS_PHONE; `feige user phone`), as pushplus
 * skips topic members without a bound phone, and refuses the send (999)
 * when nobody is left.  Each remaining recipient is one delivery, one
 * provider request, so each has its own outcome and retry.
 *
 * ready() is the provider's: without a provider ("none") or with its
 * settings incomplete, the send API refuses sms and voice at once.
 *
 * A message without a title sends the start of its content as text
 * (chan_title), so the SMS is never empty.  The text is cut to
 * SMS_TEXT_MAX characters: providers fill it into a template variable,
 * whose length they limit.
 */
#include <string.h>

#include "channel/sms_int.h"
#include "core/message.h"
#include "render/render.h"

#define SMS_TEXT_MAX	35	/* characters of the title sent */

static const struct sms_provider *const providers[] = {
	&sms_none,
	&sms_tencent,
};

const struct sms_provider *
sms_provider_lookup(const char *name, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < sizeof(providers) / sizeof(providers[0]); i++)
		if (strcmp(providers[i]->name, name) == 0)
			return providers[i];
	if (err) {
		strbuf_setf(err, "sms.provider: unknown provider '%s' (one "
		    "of:", name);
		for (i = 0; i < sizeof(providers) / sizeof(providers[0]); i++)
			strbuf_addf(err, " %s", providers[i]->name);
		strbuf_addch(err, ')');
	}
	return NULL;
}

static enum sms_kind
kind_of(const struct channel_driver *drv)
{
	return drv == &channel_voice ? SMS_VOICE : SMS_TEXT;
}

/* The configured provider (channel_configure() checked the name). */
static const struct sms_provider *
provider(void)
{
	const struct sms_provider *p;

	p = sms_provider_lookup(channel_settings()->sms.provider, NULL);
	return p ? p : &sms_none;
}

/* The title (else the content's start) as one line of plain text. */
static int
sms_text(struct strbuf *out, const struct message *m)
{
	if (m->title && *m->title)
		return render_preview(out, TPL_TXT, m->title,
		    strlen(m->title), SMS_TEXT_MAX);
	return chan_title(out, m, SMS_TEXT_MAX);
}

static int
sms_ready(const struct channel_driver *drv, struct strbuf *why)
{
	return provider()->ready(&channel_settings()->sms, kind_of(drv),
	    why);
}

static int
sms_build(const struct channel_driver *drv, const struct delivery_job *job,
    struct chan_req *req, struct delivery_result *res)
{
	const struct channel_sms_settings *ss = &channel_settings()->sms;
	struct strbuf text = STRBUF_INIT;
	int rc = -1;

	if (job->msg == NULL || job->phone == NULL || *job->phone == '\0') {
		res->outcome = DELIVERY_PERMFAIL;
		strbuf_setf(&res->detail, "%s: 接收人未绑定手机号 (the "
		    "recipient has no phone number)", drv->name);
		return -1;
	}
	if (provider()->ready(ss, kind_of(drv), &res->detail) != 0) {
		res->outcome = DELIVERY_PERMFAIL;	/* config changed */
		return -1;
	}
	if (sms_text(&text, job->msg) != 0 || text.len == 0)
		chan_fail(res, DELIVERY_PERMFAIL, drv->name, 0, "no text to "
		    "send (empty title and content)");
	else
		rc = provider()->build(ss, kind_of(drv), job->phone, text.buf,
		    req, res);
	strbuf_release(&text);
	return rc;
}

static void
sms_judge(const struct channel_driver *drv, const struct chan_req *req,
    struct delivery_result *res)
{
	provider()->judge(kind_of(drv), req, res);
}

const struct channel_driver channel_sms = {
	.name = "sms",
	.caps = CHANNEL_CAP_NEEDS_MESSAGE | CHANNEL_CAP_NEEDS_PHONE,
	.ready = sms_ready,
	.send = chan_send_blocking,
	.build = sms_build,
	.judge = sms_judge,
};

const struct channel_driver channel_voice = {
	.name = "voice",
	.caps = CHANNEL_CAP_NEEDS_MESSAGE | CHANNEL_CAP_NEEDS_PHONE,
	.ready = sms_ready,
	.send = chan_send_blocking,
	.build = sms_build,
	.judge = sms_judge,
};

/* sms.provider = none: sms and voice are refused at send time. */
static int
none_ready(const struct channel_sms_settings *ss, enum sms_kind kind,
    struct strbuf *why)
{
	(void)ss;
	strbuf_setf(why, "未配置短信服务商，无法发送%s (no SMS provider is "
	    "configured on this server: sms.provider)", kind == SMS_VOICE ?
	    "语音通知" : "短信");
	return -1;
}

static int
none_build(const struct channel_sms_settings *ss, enum sms_kind kind,
    const char *phone, const char *text, struct chan_req *req,
    struct delivery_result *res)
{
	(void)phone;
	(void)text;
	(void)req;
	res->outcome = DELIVERY_PERMFAIL;
	(void)none_ready(ss, kind, &res->detail);
	return -1;
}

static void
none_judge(enum sms_kind kind, const struct chan_req *req,
    struct delivery_result *res)
{
	(void)kind;
	(void)req;
	res->outcome = DELIVERY_PERMFAIL;	/* never asked: no request */
}

const struct sms_provider sms_none = {
	.name = "none",
	.ready = none_ready,
	.build = none_build,
	.judge = none_judge,
};
