/*
 * fuzz_render.c: libFuzzer target for the template renderers, which turn
 * sender-supplied content into HTML: html, txt, json (table/tree, also
 * for invalid JSON), markdown (md4c), and the cloudMonitor, jenkins,
 * route and pay cards; plus the preview line.  The first byte picks the
 * template.  Besides the sanitizers it checks what the pages rely on:
 * outside the templates whose content is HTML (html, and form, doc and
 * excel, which show their content as html does, under the message
 * page's sandbox CSP) and markdown (raw HTML passes as in CommonMark),
 * no '<script' from the content reaches the output unescaped, and a preview is valid, NUL-terminated UTF-8 text of
 * at most the asked number of code points.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/ids.h"
#include "util/strbuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *content;
	size_t len;
	int tpl;

	if (size < 1)
		return 0;
	tpl = data[0] % TPL__COUNT;
	content = (const char *)data + 1;
	len = size - 1;
	if (render_content(&out, tpl, content, len, &err) == 0 &&
	    !render_template_html(tpl) && tpl != TPL_MARKDOWN && out.len &&
	    memmem(out.buf, out.len, "<script", 7) != NULL)
		abort();
	strbuf_reset(&out);
	if (render_preview(&out, tpl, content, len, 40) == 0 &&
	    (out.buf[out.len] != '\0' || utf8_chars(out.buf, out.len) > 40))
		abort();
	strbuf_release(&out);
	strbuf_release(&err);
	return 0;
}
