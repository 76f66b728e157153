/*
 * fmt.c: shaping a pushplus message for services that take text or
 * Markdown (channel_int.h).  Pure string-in/string-out, any thread.
 *
 * The mapping every webhook and the cp driver share:
 *   txt       -> the text as sent
 *   markdown  -> Markdown as sent (text services get it as sent, too:
 *                Markdown is readable as plain text)
 *   html      -> text: tags dropped, block ends (<br>, </p>, </div>,
 *                </li>, </tr>, </h1-6>) become line breaks, <script>
 *                and <style> dropped whole, the common entities decoded
 *   json and the cards (cloudMonitor, jenkins, route, pay) -> the JSON
 *                pretty-printed when it parses, else as sent; in a
 *                ```json fence for Markdown services
 * It is a converter for chat services, not an HTML parser: odd input
 * gives odd text, never a fault.  Output is capped by the strbuf.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel/channel_int.h"
#include "render/render.h"
#include "store/store.h"

static const struct {
	const char	*name;
	const char	*text;
} entities[] = {
	{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
	{ "#39;", "'" }, { "apos;", "'" }, { "nbsp;", " " },
};

/* Does the tag at p (after '<') start with name, then a delimiter? */
static int
tag_is(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	return (size_t)(end - p) > n && strncasecmp(p, name, n) == 0 &&
	    (p[n] == '>' || p[n] == ' ' || p[n] == '/' || p[n] == '\t' ||
	    p[n] == '\n');
}

static int
block_end(const char *p, const char *end)
{
	static const char *tags[] = { "br", "/p", "/div", "/li", "/tr",
	    "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "p", "hr" };
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (tag_is(p, end, tags[i]))
			return 1;
	return 0;
}

/* Skip <script>…</script> or <style>…</style>; returns the new position. */
static const char *
skip_raw(const char *p, const char *end, const char *close)
{
	size_t n = strlen(close);

	for (; p + n <= end; p++)
		if (strncasecmp(p, close, n) == 0)
			return p + n;
	return end;
}

static int
html_text(struct strbuf *out, const char *s, size_t len)
{
	const char *p = s, *end = s + len, *gt;
	size_t i;
	int rc = 0;

	while (p < end && rc == 0) {
		if (*p == '<') {
			if (tag_is(p + 1, end, "script") ||
			    tag_is(p + 1, end, "style")) {
				p = skip_raw(p, end, tag_is(p + 1, end,
				    "script") ? "</script>" : "</style>");
				continue;
			}
			if ((gt = memchr(p, '>', (size_t)(end - p))) == NULL)
				break;
			if (block_end(p + 1, end) && out->len &&
			    out->buf[out->len - 1] != '\n')
				rc = strbuf_addch(out, '\n');
			p = gt + 1;
		} else if (*p == '&') {
			for (i = 0; i < sizeof(entities) / sizeof(entities[0]);
			    i++) {
				size_t n = strlen(entities[i].name);

				if ((size_t)(end - p - 1) >= n &&
				    strncmp(p + 1, entities[i].name, n) == 0)
					break;
			}
			if (i < sizeof(entities) / sizeof(entities[0])) {
				rc = strbuf_addstr(out, entities[i].text);
				p += 1 + strlen(entities[i].name);
			} else {
				rc = strbuf_addch(out, *p++);
			}
		} else if (*p == '\r') {
			p++;
		} else {
			rc = strbuf_addch(out, *p++);
		}
	}
	/* no trailing blank lines */
	while (out->len && (out->buf[out->len - 1] == '\n' ||
	    out->buf[out->len - 1] == ' '))
		strbuf_setlen(out, out->len - 1);
	return rc;
}

static int
is_jsonish(int tpl)
{
	return tpl == TPL_JSON || tpl == TPL_CLOUDMONITOR ||
	    tpl == TPL_JENKINS || tpl == TPL_ROUTE || tpl == TPL_PAY;
}

/* Pretty JSON when it parses, else the text as sent. */
static int
json_pretty(struct strbuf *out, const char *s, size_t len)
{
	json_t *j = json_loadb(s, len, JSON_DECODE_ANY, NULL);
	char *t;
	int rc;

	if (j == NULL)
		return strbuf_add(out, s, len);
	t = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_ENCODE_ANY);
	json_decref(j);
	if (t == NULL)
		return strbuf_add(out, s, len);
	rc = strbuf_addstr(out, t);
	free(t);
	return rc;
}

int
chan_text(struct strbuf *out, int tpl, const char *content, size_t len)
{
	if (render_template_html(tpl))	/* html, form, doc, excel */
		return html_text(out, content, len);
	if (is_jsonish(tpl))
		return json_pretty(out, content, len);
	return strbuf_add(out, content, len);
}

int
chan_markdown(struct strbuf *out, int tpl, const char *content, size_t len)
{
	int rc;

	if (render_template_html(tpl))	/* html, form, doc, excel */
		return html_text(out, content, len);
	if (!is_jsonish(tpl))
		return strbuf_add(out, content, len);
	rc = strbuf_addstr(out, "```json\n");
	rc = rc ? rc : json_pretty(out, content, len);
	return rc ? rc : strbuf_addstr(out, "\n```");
}

void
chan_truncate(struct strbuf *sb, size_t max)
{
	static const char ell[] = "\xe2\x80\xa6";	/* … */
	size_t n;

	if (sb->len <= max || max < sizeof(ell))
		return;
	n = max - (sizeof(ell) - 1);
	while (n > 0 && (sb->buf[n] & 0xc0) == 0x80)
		n--;
	strbuf_setlen(sb, n);
	(void)strbuf_addstr(sb, ell);
}

int
chan_title(struct strbuf *out, const struct message *m, size_t max)
{
	if (m->title && *m->title)
		return strbuf_addstr(out, m->title);
	return render_preview(out, m->tpl, m->content, m->content_len, max);
}
