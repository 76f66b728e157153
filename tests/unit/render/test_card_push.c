/*
 * test_card_push.c: unit tests for the form, doc and excel templates
 * (src/render/card_push.c, template.c): names and kinds, the note with
 * and without a share link, escaping of the code, and the message page
 * placing the note in the header before the sender's HTML.
 */
#include <string.h>

#include "harness.h"

#include "render/render.h"
#include "render/render_int.h"
#include "util/strbuf.h"

static const char *
note(int tpl, const char *id, const char *base)
{
	static struct strbuf sb = STRBUF_INIT;
	struct render_message m;

	memset(&m, 0, sizeof(m));
	m.tpl = tpl;
	m.push_id = id;
	m.push_base = base;
	strbuf_reset(&sb);
	return render_push_note(&sb, &m) == 0 ? sb.buf : NULL;
}

TEST(names_and_kinds)
{
	CHECK(render_template_lookup("FORM", 4) == TPL_FORM);
	CHECK(render_template_lookup("doc", 3) == TPL_DOC);
	CHECK(render_template_lookup("Excel", 5) == TPL_EXCEL);
	CHECK_STR(render_template_name(TPL_EXCEL), "excel");
	CHECK_STR(render_push_kind(TPL_FORM), "form");
	CHECK_STR(render_push_kind(TPL_DOC), "doc");
	CHECK(render_push_kind(TPL_HTML) == NULL);
	CHECK(render_template_html(TPL_HTML) && render_template_html(TPL_DOC));
	CHECK(!render_template_html(TPL_MARKDOWN));
}

TEST(note_and_link)
{
	const char *s = note(TPL_FORM, "F1", "https://www.pushplus.plus//");

	CHECK_CONTAINS(s, "<div class=\"fg-push\"><p>这条消息关联一份 pushplus "
	    "推送表单，编码 <code>F1</code>");
	CHECK_CONTAINS(s, "href=\"https://www.pushplus.plus/push/form/F1\"");
	CHECK_CONTAINS(note(TPL_EXCEL, "x", "http://h"),
	    "href=\"http://h/push/excel/x\"");
	/* no base, or not a web address: no link */
	CHECK(strstr(note(TPL_DOC, "D", ""), "href") == NULL);
	CHECK(strstr(note(TPL_DOC, "D", NULL), "href") == NULL);
	CHECK(strstr(note(TPL_DOC, "D", "javascript:x"), "href") == NULL);
	CHECK_CONTAINS(note(TPL_DOC, "D", ""), "推送文档");
	/* other templates, or no code: nothing */
	CHECK_STR(note(TPL_HTML, "F1", "https://h"), "");
	CHECK_STR(note(TPL_FORM, "", "https://h"), "");
	CHECK_STR(note(TPL_FORM, NULL, "https://h"), "");
}

TEST(code_escaped)
{
	const char *s = note(TPL_FORM, "a\"<b> c", "https://h");

	CHECK_CONTAINS(s, "<code>a&quot;&lt;b&gt; c</code>");
	CHECK_CONTAINS(s, "href=\"https://h/push/form/a%22%3Cb%3E%20c\"");
	CHECK(strstr(s, "<b>") == NULL);
}

TEST(page_places_note_first)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct render_message m;
	const char *n, *c;

	memset(&m, 0, sizeof(m));
	m.title = "周报";
	m.content = "<p>填写</p>";
	m.content_len = strlen(m.content);
	m.tpl = TPL_FORM;
	m.short_code = "abc";
	m.push_id = "F9";
	m.push_base = "";
	strbuf_init(&out, 1 << 20);
	CHECK(render_message_page(&out, &m, &err) == 0);
	n = strstr(out.buf, "<div class=\"fg-push\">");
	c = strstr(out.buf, "<div class=\"fg-body fg-tpl-form\"><p>填写</p>");
	CHECK(n != NULL && c != NULL && n < c);
	strbuf_release(&out);
	strbuf_release(&err);
}

int
main(void)
{
	RUN(names_and_kinds);
	RUN(note_and_link);
	RUN(code_escaped);
	RUN(page_places_note_first);
	DONE();
}
