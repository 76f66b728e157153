/*
 * console_admin_sms.c: the operator page "SMS provider" (issue 12):
 * whether the sms and voice channels can send (or the provider's
 * reason why not), the sms.* settings in effect (secrets as set or not
 * set), and a form sending a test text or call, whose result (the
 * provider's status and answer) is drawn as a channel config's test.
 */
#include <stdio.h>

#include "render/console_admin.h"
#include "render/console_sender.h"
#include "render/render_int.h"

static int
ready(struct strbuf *out, int lang, const char *label, const char *why)
{
	int rc;

	if ((rc = strbuf_addstr(out, why ? "<p class=\"con-err\">" : "<p>")) !=
		0 ||
	    (rc = console_text(out, lang, label)) != 0 ||
	    (rc = strbuf_addstr(out, " ")) != 0 ||
	    (rc = why ? render_esc_str(out, why) :
			console_text(out, lang, "adm.sms.ready")) != 0)
		return rc;
	return strbuf_addstr(out, "</p>");
}

int
console_adm_sms_page(struct strbuf *out, const struct con_adm_sms_view *v)
{
	static const char *const cols[] = { "adm.sms.option",
		"adm.sms.value" };
	static const struct console_opt kinds[] = { { "sms", "adm.sms.sms" },
		{ "voice", "adm.sms.voice" } };
	const struct console_field fs[] = {
		{ .type = CF_TEXT,
		    .name = "phone",
		    .label = "adm.sms.phone",
		    .value = v->phone,
		    .error = v->err_phone,
		    .hint = "adm.sms.phone.hint",
		    .required = 1,
		    .maxlen = 24 },
		{ .type = CF_SELECT,
		    .name = "kind",
		    .label = "adm.sms.kind",
		    .value = v->kind,
		    .error = v->err_kind,
		    .opts = kinds,
		    .n_opts = NELEM(kinds) },
	};
	const struct console_form f = { .action = "/console/admin/sms/test",
		.csrf = v->csrf,
		.submit = "adm.sms.send",
		.id = "smstest" };
	size_t i;
	int rc;

	if ((v->test && (rc = console_chantest_result(out, v->test)) != 0) ||
	    (rc = console_hint(out, v->lang, "adm.sms.hint")) != 0 ||
	    (rc = ready(out, v->lang, "adm.sms.sms", v->why_sms)) != 0 ||
	    (rc = ready(out, v->lang, "adm.sms.voice", v->why_voice)) != 0 ||
	    (rc = console_h2(out, v->lang, "adm.sms.settings")) != 0 ||
	    (rc = console_thead(out, v->lang, cols, NELEM(cols))) != 0)
		return rc;
	for (i = 0; i < v->n_rows; i++)
		if ((rc = strbuf_addstr(out, "<tr>")) != 0 ||
		    (rc = console_adm_td(out, v->rows[i].name)) != 0 ||
		    (rc = console_adm_td(out, v->rows[i].value)) != 0 ||
		    (rc = strbuf_addstr(out, "</tr>\n")) != 0)
			return rc;
	if ((rc = console_adm_tend(out)) != 0 ||
	    (rc = console_h2(out, v->lang, "adm.sms.test")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, NELEM(fs));
}
