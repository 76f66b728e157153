/*
 * console_admin_sms.c: the operator page "SMS provider" (issue 12,
 * "channel configurations: ... SMS provider").
 *
 *   GET  /console/admin/sms        the provider in effect (sms.* of the
 *                                  configuration, the secrets only as
 *                                  set or not set) and whether the sms
 *                                  and voice channels can send with it,
 *                                  with the provider's reason when not;
 *                                  the test form
 *   POST /console/admin/sms/test   phone, kind (sms, voice): one text or
 *                                  call through the provider now, the
 *                                  provider's status and answer shown
 *                                  (console_test_run(), as a channel
 *                                  config's test)
 *
 * Why the settings are shown, not edited here: the SMS provider is the
 * server's, not a person's (pushplus sells its SMS; feige sends through
 * the operator's provider account), its settings hold the provider's
 * secret key, which stays in feige.conf or the environment and out of
 * the database and its backups, and the drivers read them without a
 * lock because they never change while the server runs.  A change is
 * an edit of the configuration and a restart; this page then shows
 * whether it took, and the test proves it.
 */
#include <stdio.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_admin.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "channel/channel.h"
#include "core/conf.h"
#include "ops/chan.h"
#include "queue/chantest.h"
#include "util/xmalloc.h"

#define SMS_ROWS 10

struct sms_page {
	struct con_adm_opt rows[SMS_ROWS];
	struct strbuf why_sms, why_voice;
	struct console_channels_view test;
};

static const char *
set_or_not(int lang, const char *v)
{
	return console_t(lang, *v ? "adm.s.secret_set" : "adm.s.secret_unset");
}

static void
rows_load(const struct conf *f, int lang, struct con_adm_opt *r)
{
	const struct con_adm_opt rows[SMS_ROWS] = {
		{ "sms.provider", f->sms_provider, NULL, 0 },
		{ "sms.secret_id", set_or_not(lang, f->sms_secret_id), NULL,
		    1 },
		{ "sms.secret_key", set_or_not(lang, f->sms_secret_key), NULL,
		    1 },
		{ "sms.region", f->sms_region, NULL, 0 },
		{ "sms.sdk_app_id", f->sms_sdk_app_id, NULL, 0 },
		{ "sms.sign_name", f->sms_sign_name, NULL, 0 },
		{ "sms.template_id", f->sms_template_id, NULL, 0 },
		{ "sms.voice_app_id", f->sms_voice_app_id, NULL, 0 },
		{ "sms.voice_template_id", f->sms_voice_template_id, NULL, 0 },
		{ "sms.endpoint", f->sms_endpoint, NULL, 0 },
	};

	memcpy(r, rows, sizeof(rows));
}

static void
show(struct console_req *c, struct con_adm_sms_view *v,
    const struct queue_chan_test *t, unsigned int status)
{
	struct sms_page *p = xcalloc(1, sizeof(*p));
	struct strbuf body = STRBUF_INIT;

	strbuf_init(&p->why_sms, 512);
	strbuf_init(&p->why_voice, 512);
	rows_load(api_ctx(c->r)->conf, c->lang, p->rows);
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->rows = p->rows;
	v->n_rows = SMS_ROWS;
	if (channel_ready(&channel_sms, &p->why_sms) != 0)
		v->why_sms = p->why_sms.buf;
	if (channel_ready(&channel_voice, &p->why_voice) != 0)
		v->why_voice = p->why_voice.buf;
	if (t != NULL) {
		p->test.lang = c->lang;
		console_test_result(t, t->phone, &p->test);
		v->test = &p->test;
	}
	console_adm_answer(c, console_adm_sms_page(&body, v), &body, status);
	strbuf_release(&p->why_sms);
	strbuf_release(&p->why_voice);
	free(p);
}

void
console_adm_sms_get(struct console_req *c)
{
	struct con_adm_sms_view v = { 0 };

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	show(c, &v, NULL, 200);
}

/* The test's page (any thread): its form as typed, then its result. */
static void
test_show(struct console_req *c, const struct queue_chan_test *t,
    unsigned int status, const char *error)
{
	struct con_adm_sms_view v = { 0 };

	v.phone = t->phone;
	v.kind = t->channel;
	v.err_phone = error;
	show(c, &v, error ? NULL : t, status);
}

void
console_adm_sms_post(struct console_req *c)
{
	struct con_adm_sms_view v = { 0 };
	struct queue_chan_test *t;
	const char *kind = console_in(c, "kind");

	if (strcmp(c->rest, "/test") != 0)
		return console_fail(c, 404, "app.notfound");
	v.phone = console_in(c, "phone");
	v.kind = kind;
	if (strcmp(kind, "sms") != 0 && strcmp(kind, "voice") != 0)
		v.err_kind = "adm.sms.err.kind";
	t = xcalloc(1, sizeof(*t));
	if (ops_phone_normalize(v.phone, t->phone) != 0)
		v.err_phone = "adm.sms.err.phone";
	if (v.err_kind || v.err_phone) {
		free(t);
		return show(c, &v, NULL, 422);
	}
	snprintf(t->channel, sizeof(t->channel), "%s", kind);
	t->user_id = c->u.id;
	snprintf(t->title, sizeof(t->title), "%s",
	    console_t(c->lang, "adm.sms.text"));
	snprintf(t->content, sizeof(t->content), "%s", t->title);
	console_test_run(c, t, "/console/admin/sms", test_show);
	free(t);
}
