/*
 * console_settings.c: the console's settings page (issue 12): default
 * channel and its config, isSend, recevieLimit and the default callback
 * URL, the values of the open API's setting/... in one form.
 */
#include "render/console_sender.h"
#include "render/render_int.h"

int
console_settings_page(struct strbuf *out,
    const struct console_settings_view *v)
{
	const struct console_field fs[] = {
		{ .type = CF_SELECT,
		    .name = "channel",
		    .label = "set.channel",
		    .value = v->channel,
		    .opts = console_channels,
		    .n_opts = console_n_channels },
		{ .type = CF_TEXT,
		    .name = "webhook",
		    .label = "set.webhook",
		    .value = v->webhook,
		    .hint = "set.webhook.hint",
		    .maxlen = 64 },
		{ .type = CF_CHECK,
		    .name = "isSend",
		    .label = "set.is_send",
		    .value = v->is_send },
		{ .type = CF_CHECK,
		    .name = "recevieLimit",
		    .label = "set.receive",
		    .value = v->receive },
		{ .type = CF_URL,
		    .name = "callback",
		    .label = "set.callback",
		    .value = v->callback,
		    .error = v->err_callback,
		    .hint = "set.callback.hint" },
	};
	const struct console_form f = { .action = "/console/settings",
		.csrf = v->csrf,
		.submit = "app.save",
		.id = "set" };
	int rc;

	if ((rc = console_hint(out, v->lang, "set.hint")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}
