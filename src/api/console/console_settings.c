/*
 * console_settings.c: the console's settings (issue 12): one form over
 * the open API's setting/changeDefaultChannel, changeIsSend,
 * changeRecevieLimit and the default callback URL.
 *
 *   GET  /console/settings   the stored values
 *   POST /console/settings   each field through ops_setting_put() (and
 *                            ops_setting_callback()) in one commit, so a
 *                            refused one (a default channel that cannot
 *                            send) writes none; then the person's token
 *                            leaves the send cache, which holds the
 *                            settings /send applies
 *
 * An unchecked box is not posted, so a missing isSend or recevieLimit
 * is 0.  The callback URL is checked here (empty, or http(s) as the
 * open API checks it) so the form comes back with what was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "api/tokens.h"
#include "ops/setting.h"
#include "store/dir.h"
#include "store/readers.h"

static void
show(struct console_req *c, struct console_settings_view *v, unsigned int st)
{
	struct strbuf body = STRBUF_INIT;

	v->lang = c->lang;
	v->csrf = c->csrf;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_settings_page(&body, v));
	strbuf_release(&body);
}

void
console_settings_get(struct console_req *c)
{
	struct console_settings_view v = { 0 };
	struct store_open_settings st;
	struct store_udef d;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	memset(&st, 0, sizeof(st));
	memset(&d, 0, sizeof(d));
	if (dir_settings_get(store_reader(), c->u.id, &st) != 0)
		st.is_send = 1;
	if (dir_udef_for_token(store_reader(), c->u.id, NULL, &d) != 0)
		snprintf(d.channel, sizeof(d.channel), "wechat");
	v.channel = d.channel;
	v.webhook = d.option;
	v.is_send = st.is_send ? "1" : "";
	v.receive = st.recevie_limit ? "1" : "";
	v.callback = c->u.callback_url;
	show(c, &v, 200);
}

struct set_op {
	struct console_op k; /* first */
	int64_t user;
	char token[40];
	char channel[32];
	char webhook[128];
	char callback[LIM_PP_URL_BYTES + 1];
	int is_send, receive;
};

static int
set_apply(struct api_op *o, struct store *s)
{
	struct set_op *k = (struct set_op *)o;
	struct ops_setting in = { .user_id = k->user,
		.field = OPS_SET_CHANNEL,
		.channel = k->channel,
		.webhook = k->webhook };
	int rc;

	if ((rc = ops_setting_put(s, &in, &k->k.err)) != 0)
		return rc;
	in.field = OPS_SET_IS_SEND;
	in.value = k->is_send;
	if ((rc = ops_setting_put(s, &in, &k->k.err)) != 0)
		return rc;
	in.field = OPS_SET_RECEVIE;
	in.value = k->receive;
	if ((rc = ops_setting_put(s, &in, &k->k.err)) != 0)
		return rc;
	return ops_setting_callback(s, k->user, k->callback, &k->k.err);
}

static void
set_done(struct console_op *o)
{
	tokens_forget(api_ctx(o->o.http)->tokens, ((struct set_op *)o)->token);
}

void
console_settings_post(struct console_req *c)
{
	struct console_settings_view v = { 0 };
	struct set_op *k;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	v.channel = console_in(c, "channel");
	v.webhook = console_in(c, "webhook");
	v.is_send = console_in(c, "isSend");
	v.receive = console_in(c, "recevieLimit");
	v.callback = console_in(c, "callback");
	if (*v.callback &&
	    (!open_url_ok(v.callback) ||
		strlen(v.callback) > LIM_PP_URL_BYTES))
		v.err_callback = "app.err.url";
	if (strlen(v.webhook) >= sizeof(k->webhook) ||
	    strlen(v.channel) >= sizeof(k->channel))
		v.err_callback = "app.err.long";
	if (v.err_callback)
		return show(c, &v, 422);
	k = console_op_new(c, sizeof(*k), set_apply, "app.saved");
	k->user = c->u.id;
	memcpy(k->token, c->u.token, sizeof(k->token));
	snprintf(k->channel, sizeof(k->channel), "%s", v.channel);
	snprintf(k->webhook, sizeof(k->webhook), "%s", v.webhook);
	snprintf(k->callback, sizeof(k->callback), "%s", v.callback);
	k->is_send = strcmp(v.is_send, "1") == 0;
	k->receive = strcmp(v.receive, "1") == 0;
	k->k.done = set_done;
	console_op_submit(c, &k->k);
}
