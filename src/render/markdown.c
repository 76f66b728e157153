/*
 * markdown.c: the "markdown" template, CommonMark through md4c-html.
 *
 * Dialect: GitHub's extensions that senders expect from pushplus (tables,
 * strikethrough, task lists, bare URL/www/e-mail autolinks).  Raw HTML
 * stays allowed, because pushplus markdown allows it and the message page
 * is CSP-sandboxed: the sender's HTML can shape the page but never run a
 * script on feige's origin.
 *
 * Line breaks: senders write "a\nb" and expect two lines (pushplus 1.2,
 * "改进换行问题"), while CommonMark joins them.  md4c-html emits a soft
 * break as "\n", and the stylesheet gives paragraphs white-space:pre-line,
 * so single newlines show as breaks without changing the parse.
 *
 * The input is first repaired to valid UTF-8 (text.c), so the output is
 * valid UTF-8 too.  md4c parses with explicit stacks, not recursion, so
 * deeply nested quotes or lists cannot exhaust the thread's stack.
 */
#include <stdint.h>

#include <md4c-html.h>

#include "render/render_int.h"

#define MD_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | \
	MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS)

struct md_sink {
	struct strbuf	*out;
	int		 rc;	/* first append error; the rest is dropped */
};

static void
md_output(const MD_CHAR *text, MD_SIZE size, void *arg)
{
	struct md_sink *sink = arg;

	if (sink->rc == 0)
		sink->rc = strbuf_add(sink->out, text, size);
}

int
render_markdown(struct strbuf *out, const char *s, size_t n)
{
	struct strbuf clean = STRBUF_INIT;
	struct md_sink sink = { out, 0 };
	size_t start = out->len;
	int rc;

	if (n > UINT32_MAX / 2)
		return render_raw(out, s, n);
	if ((rc = render_utf8(&clean, s, n)) != 0)
		goto done;
	if ((rc = strbuf_addstr(out, "<div class=\"fg-md\">")) != 0)
		goto done;
	if (md_html(clean.buf, (MD_SIZE)clean.len, md_output, &sink,
	    MD_FLAGS, MD_HTML_FLAG_SKIP_UTF8_BOM) != 0 && sink.rc == 0) {
		/* md4c gave up (it only does when out of memory). */
		strbuf_setlen(out, start);
		rc = render_raw(out, s, n);
		goto done;
	}
	if ((rc = sink.rc) == 0)
		rc = strbuf_addstr(out, "</div>");
done:
	strbuf_release(&clean);
	return rc;
}
