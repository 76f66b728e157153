/*
 * test_console.c: the console's frame (render/console*.c): the catalog
 * (every row has both texts, no key twice, unknown keys shown as
 * themselves), the layout (escaping, aria-current, the language switch)
 * and forms (typed values kept and escaped, errors tied to their field).
 */
#include <string.h>

#include "harness.h"
#include "render/console.h"

TEST(catalog_rows)
{
	const struct console_msg *m, *o;
	size_t i, j;

	CHECK(console_msg_at(0) != NULL);
	for (i = 0; (m = console_msg_at(i)) != NULL; i++) {
		CHECK(m->key && *m->key && m->zh && *m->zh && m->en && *m->en);
		for (j = i + 1; (o = console_msg_at(j)) != NULL; j++)
			if (strcmp(m->key, o->key) == 0) {
				fprintf(stderr, "  twice: %s\n", m->key);
				CHECK(0);
			}
	}
	CHECK_STR(console_t(CON_ZH, "app.save"), "保存");
	CHECK_STR(console_t(CON_EN, "app.save"), "Save");
	CHECK_STR(console_t(CON_EN, "a sentence <b>"), "a sentence <b>");
	CHECK(console_has("app.save") && !console_has("nope"));
}

TEST(frame)
{
	struct console_nav nav[] = {
		{ "/console/token", "token.title", CON_NAV_SEND },
		{ "/console/x", "x<y", CON_NAV_OPERATOR },
	};
	struct console_frame f = { .lang = CON_ZH, .title = "token.title",
		.here = "/console/token", .uid = "UID_<a>", .csrf = "c0ffee",
		.nav = nav, .n_nav = 2, .flash = "app.saved",
		.error = "bad <thing>" };
	struct strbuf sb = STRBUF_INIT;

	CHECK(console_head(&sb, &f) == 0 && console_tail(&sb, &f) == 0);
	CHECK_CONTAINS(sb.buf, "<html lang=\"zh-CN\">");
	CHECK_CONTAINS(sb.buf, "<code>UID_&lt;a&gt;</code>");
	CHECK_CONTAINS(sb.buf, "href=\"/console/token\" aria-current=\"page\"");
	CHECK_CONTAINS(sb.buf, ">x&lt;y</a>");
	CHECK_CONTAINS(sb.buf, "href=\"/console/token?lang=en\"");
	CHECK_CONTAINS(sb.buf, "role=\"status\">已保存。");
	CHECK_CONTAINS(sb.buf, "role=\"alert\">bad &lt;thing&gt;");
	CHECK_CONTAINS(sb.buf, "name=\"csrf\" value=\"c0ffee\"");
	CHECK(strstr(sb.buf, "<script>") == NULL);
	strbuf_reset(&sb);
	f.flash = "<script>";		/* not a key: no notice */
	f.error = NULL;
	CHECK(console_head(&sb, &f) == 0);
	CHECK(strstr(sb.buf, "role=\"status\"") == NULL);
	strbuf_release(&sb);
}

TEST(form_keeps_input)
{
	const struct console_opt opts[] = { { "a", "app.save" },
		{ "b\"", "app.delete" } };
	const struct console_field fs[] = {
		{ .type = CF_TEXT, .name = "n", .label = "token.name",
		  .value = "\"><script>", .error = "app.err.required",
		  .required = 1 },
		{ .type = CF_SELECT, .name = "s", .label = "token.name",
		  .value = "b\"", .opts = opts, .n_opts = 2 },
		{ .type = CF_CHECK, .name = "c", .label = "token.name",
		  .value = "1" },
		{ .type = CF_TEXTAREA, .name = "t", .label = "token.name",
		  .value = "</textarea>", .hint = "token.expire.hint" },
	};
	const struct console_form f = { .action = "/console/x", .csrf = "k",
		.submit = "app.save", .id = "f1" };
	struct strbuf sb = STRBUF_INIT;

	CHECK(console_form(&sb, CON_EN, &f, fs, 4) == 0);
	CHECK_CONTAINS(sb.buf, "value=\"&quot;&gt;&lt;script&gt;\"");
	CHECK_CONTAINS(sb.buf, "aria-describedby=\"f-f1-n-err \"");
	CHECK_CONTAINS(sb.buf, "aria-invalid=\"true\"");
	CHECK_CONTAINS(sb.buf, "id=\"f-f1-n-err\">Please fill this in.");
	CHECK_CONTAINS(sb.buf, "<option value=\"b&quot;\" selected>Delete");
	CHECK_CONTAINS(sb.buf, "value=\"1\" checked>");
	CHECK_CONTAINS(sb.buf, "&lt;/textarea&gt;</textarea>");
	CHECK_CONTAINS(sb.buf, "aria-describedby=\"f-f1-t-hint\"");
	strbuf_release(&sb);
}

TEST(landing)
{
	struct strbuf sb = STRBUF_INIT;

	CHECK(console_landing(&sb, CON_ZH, NULL, NULL) == 0);
	CHECK_CONTAINS(sb.buf, "/login?next=/console");
	strbuf_reset(&sb);
	CHECK(console_landing(&sb, CON_EN, "UID_1", "k") == 0);
	CHECK_CONTAINS(sb.buf, "href=\"/console\"");
	CHECK_CONTAINS(sb.buf, "Sign out");
	strbuf_release(&sb);
}

int
main(void)
{
	RUN(catalog_rows);
	RUN(frame);
	RUN(form_keeps_input);
	RUN(landing);
	DONE();
}
