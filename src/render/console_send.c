/*
 * console_send.c: the console page "send a test message" (issue 12):
 * the fields of /send (channel, channel config, template, title,
 * content, group), a live preview of the message page, and the
 * person's channel configs as a reminder of their codes.
 *
 * The preview is a frame of its own (name "preview"), filled by the
 * form's second button posting to /console/send/preview: the server
 * renders the real message page (render_message_page()) under the
 * message page's sandbox CSP, so what is previewed is what recipients
 * get, "html" content included, and none of it runs in the console.
 * console.js presses the button as the person types; without script
 * the button works by hand.
 *
 * After a refused send the page comes back with pushplus's reason
 * (the same words /send answers) and the form as it was typed.
 */
#include <stdio.h>
#include <string.h>

#include "render/console_sender.h"
#include "render/render.h"
#include "render/render_int.h"

const struct console_opt console_channels[] = {
	{ "wechat", "ch.wechat" },
	{ "webhook", "ch.webhook" },
	{ "cp", "ch.cp" },
	{ "mail", "ch.mail" },
	{ "sms", "ch.sms" },
	{ "extension", "ch.extension" },
};
const size_t console_n_channels = NELEM(console_channels);

static int
configs(struct strbuf *out, const struct console_send_view *v)
{
	const struct console_chancfg *c;
	size_t i;
	int rc;

	if ((rc = console_h2(out, v->lang, "send.configs")) != 0)
		return rc;
	if (v->n_cfgs == 0)
		return console_hint(out, v->lang, "app.none");
	if ((rc = strbuf_addstr(out,
		 "<div class=\"con-table\"><table><thead>"
		 "<tr><th scope=\"col\">")) != 0 ||
	    (rc = console_text(out, v->lang, "app.kind")) != 0 ||
	    (rc = strbuf_addstr(out, "</th><th scope=\"col\">")) != 0 ||
	    (rc = console_text(out, v->lang, "app.code")) != 0 ||
	    (rc = strbuf_addstr(out, "</th><th scope=\"col\">")) != 0 ||
	    (rc = console_text(out, v->lang, "token.name")) != 0 ||
	    (rc = strbuf_addstr(out, "</th></tr></thead><tbody>")) != 0)
		return rc;
	for (i = 0; i < v->n_cfgs; i++) {
		c = &v->cfgs[i];
		if ((rc = strbuf_addstr(out, "<tr><td>")) != 0 ||
		    (rc = render_esc_str(out, c->kind)) != 0 ||
		    (rc = strbuf_addstr(out, "</td><td><code>")) != 0 ||
		    (rc = render_esc_str(out, c->code)) != 0 ||
		    (rc = strbuf_addstr(out, "</code></td><td>")) != 0 ||
		    (rc = render_esc_str(out, c->name)) != 0 ||
		    (rc = strbuf_addstr(out, "</td></tr>")) != 0)
			return rc;
	}
	return strbuf_addstr(out, "</tbody></table></div>");
}

static int
sent_note(struct strbuf *out, const struct console_send_view *v)
{
	int rc;

	if (v->error)
		return 0;
	if ((rc = strbuf_addstr(out,
		 "<p class=\"con-ok\" role=\"status\">")) != 0 ||
	    (rc = console_text(out, v->lang, "send.sent")) != 0 ||
	    (rc = strbuf_addstr(out, "<a href=\"/console/history/")) != 0 ||
	    (rc = render_esc_str(out, v->sent)) != 0 ||
	    (rc = strbuf_addstr(out, "\"><code>")) != 0 ||
	    (rc = render_esc_str(out, v->sent)) != 0)
		return rc;
	return strbuf_addstr(out, "</code></a></p>");
}

int
console_send_page(struct strbuf *out, const struct console_send_view *v)
{
	struct console_opt tpls[TPL__COUNT];
	struct console_field fs[] = {
		{ .type = CF_SELECT,
		    .name = "channel",
		    .label = "send.channel",
		    .value = v->channel ? v->channel : "wechat",
		    .opts = console_channels,
		    .n_opts = console_n_channels },
		{ .type = CF_TEXT,
		    .name = "webhook",
		    .label = "send.webhook",
		    .value = v->webhook,
		    .hint = "send.webhook.hint",
		    .maxlen = 64 },
		{ .type = CF_SELECT,
		    .name = "template",
		    .label = "send.template",
		    .value = v->tpl ? v->tpl : "html",
		    .opts = tpls,
		    .n_opts = TPL__COUNT },
		{ .type = CF_TEXT,
		    .name = "title",
		    .label = "send.msgtitle",
		    .value = v->title,
		    .maxlen = 100 },
		{ .type = CF_TEXTAREA,
		    .name = "content",
		    .label = "send.content",
		    .value = v->content,
		    .required = 1,
		    .error = v->error },
		{ .type = CF_TEXT,
		    .name = "topic",
		    .label = "send.topic",
		    .value = v->topic,
		    .hint = "send.topic.hint",
		    .maxlen = 64 },
	};
	const struct console_form f = { .action = "/console/send",
		.csrf = v->csrf,
		.submit = "send.go",
		.id = "send",
		.preview = "/console/send/preview" };
	int i, rc;

	for (i = 0; i < TPL__COUNT; i++) {
		tpls[i].value = render_template_name(i);
		tpls[i].label = render_template_name(i);
	}
	if (v->sent && (rc = sent_note(out, v)) != 0)
		return rc;
	if ((rc = console_hint(out, v->lang, "send.hint")) != 0 ||
	    (rc = strbuf_addstr(out, "<div class=\"con-cards\"><div>")) != 0 ||
	    (rc = console_form(out, v->lang, &f, fs, NELEM(fs))) != 0 ||
	    (rc = strbuf_addstr(out, "</div><div><h2>")) != 0 ||
	    (rc = console_text(out, v->lang, "send.preview")) != 0 ||
	    (rc = strbuf_addstr(out,
		 "</h2><iframe name=\"preview\" "
		 "class=\"con-preview\" sandbox=\"allow-popups\" title=\"")) !=
		0 ||
	    (rc = console_text(out, v->lang, "send.preview")) != 0 ||
	    (rc = strbuf_addstr(out, "\"></iframe></div></div>")) != 0)
		return rc;
	return configs(out, v);
}
