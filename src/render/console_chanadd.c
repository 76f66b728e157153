/*
 * console_chanadd.c: the console's forms adding a WeCom app ("cp") and
 * a mail (SMTP) config (issue 12), the configs `feige cp add` and
 * `feige mail add` write; the channels page lists, tests and deletes
 * them.  The fields of each form are a table here, which the adapter
 * reads and checks by name (required, length, number range), so the
 * form and its checks cannot drift apart.  The secret and the SMTP
 * password are password fields: typed, never shown afterwards.
 */
#include <string.h>

#include "render/console_sender.h"
#include "render/render_int.h"

/* clang-format off */
static const struct console_field cp_fields[] = {
	{ .type = CF_TEXT, .name = "code", .label = "chan.code",
	  .required = 1, .maxlen = 64 },
	{ .type = CF_TEXT, .name = "name", .label = "chan.name",
	  .required = 1, .maxlen = 64 },
	{ .type = CF_TEXT, .name = "corpid", .label = "ca.corpid",
	  .required = 1, .maxlen = 255 },
	{ .type = CF_NUMBER, .name = "agentid", .label = "ca.agentid",
	  .required = 1, .maxlen = 16 },
	{ .type = CF_PASSWORD, .name = "secret", .label = "ca.secret",
	  .required = 1, .maxlen = 255 },
};
static const struct console_field mail_fields[] = {
	{ .type = CF_TEXT, .name = "code", .label = "chan.code",
	  .required = 1, .maxlen = 64 },
	{ .type = CF_TEXT, .name = "name", .label = "chan.name",
	  .required = 1, .maxlen = 64 },
	{ .type = CF_TEXT, .name = "host", .label = "ca.host",
	  .hint = "ca.host.hint", .required = 1, .maxlen = 255 },
	{ .type = CF_NUMBER, .name = "port", .label = "ca.port",
	  .required = 1, .maxlen = 5 },
	{ .type = CF_CHECK, .name = "ssl", .label = "ca.ssl" },
	{ .type = CF_EMAIL, .name = "account", .label = "ca.account",
	  .hint = "ca.account.hint", .required = 1, .maxlen = 255 },
	{ .type = CF_PASSWORD, .name = "password", .label = "ca.password",
	  .required = 1, .maxlen = 255 },
};
/* clang-format on */

const struct console_field *
console_chanadd_fields(const char *kind, size_t *n)
{
	if (strcmp(kind, "cp") == 0) {
		*n = NELEM(cp_fields);
		return cp_fields;
	}
	if (strcmp(kind, "mail") == 0) {
		*n = NELEM(mail_fields);
		return mail_fields;
	}
	return NULL;
}

static int
form(struct strbuf *out, const struct console_chanadd_view *v,
    const char *kind, const struct console_chanadd_form *typed)
{
	struct console_field fs[CONSOLE_CHANADD_MAX];
	char action[48], id[16];
	const struct console_field *t;
	struct console_form f = { .csrf = v->csrf, .submit = "chan.add" };
	size_t i, n;
	int rc;

	t = console_chanadd_fields(kind, &n);
	for (i = 0; i < n; i++) {
		fs[i] = t[i];
		fs[i].value = typed->val[i];
		fs[i].error = typed->err[i];
	}
	(void)snprintf(action, sizeof(action), "/console/chanadd/%s", kind);
	(void)snprintf(id, sizeof(id), "ca%s", kind);
	f.action = action;
	f.id = id;
	if ((rc = console_h2(out, v->lang,
		 *kind == 'c' ? "ca.cp.h" : "ca.mail.h")) != 0)
		return rc;
	return console_form(out, v->lang, &f, fs, n);
}

int
console_chanadd_page(struct strbuf *out, const struct console_chanadd_view *v)
{
	int rc;

	if ((rc = console_hint(out, v->lang, "ca.hint")) != 0 ||
	    (rc = strbuf_addstr(out, "<p><a href=\"/console/channels\">")) !=
		0 ||
	    (rc = console_text(out, v->lang, "ca.list")) != 0 ||
	    (rc = strbuf_addstr(out, "</a></p>")) != 0 ||
	    (rc = form(out, v, "cp", &v->cp)) != 0)
		return rc;
	return form(out, v, "mail", &v->mail);
}
