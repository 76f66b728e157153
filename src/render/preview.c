/*
 * preview.c: render_preview(), one line of plain text for inbox lists,
 * page titles and notifications.
 *
 * The content goes through a rough filter for its template, then a
 * collector that collapses whitespace and counts code points:
 *  - html: tags are dropped (block tags such as <p>, <br>, <li> leave a
 *    space, inline ones leave nothing, so "<b>重要</b>通知" stays
 *    "重要通知"); <script>, <style> and comments are dropped whole; the
 *    common entities and numeric references are decoded;
 *  - markdown: the same, plus heading, quote and list markers at line
 *    starts, emphasis and code marks, and link targets "](…)";
 *  - json and the cards: a summary, "name: 名称; size: 大小" or the
 *    card's headline "【报警 · 严重】CPU 高 web-01 95%", because raw
 *    JSON makes a poor preview; the text as sent when it is not JSON;
 *  - txt: the text as sent.
 * It is a preview, not a parser: odd input gives odd text, never a fault.
 *
 * Length: at most max_chars code points including the "…" that marks a
 * cut, so a caller's column never overflows.  The collector holds back
 * the last allowed code point until it knows whether more follows, so a
 * text of exactly max_chars is not cut.  Bytes that are not UTF-8 become
 * U+FFFD and control characters become spaces: the output is always
 * valid UTF-8 and never ends inside a character.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/render.h"
#include "render/render_int.h"
#include "util/ids.h"

struct pv {
	struct strbuf	*out;
	size_t		 max, count;
	int		 space, cut, rc;
	char		 held[4];
	size_t		 held_len;
};

static void
pv_emit(struct pv *pv, const char *cp, size_t k)
{
	if (pv->cut || pv->rc)
		return;
	if (pv->count + 1 < pv->max)
		pv->rc = strbuf_add(pv->out, cp, k);
	else if (pv->count + 1 == pv->max) {
		memcpy(pv->held, cp, k);
		pv->held_len = k;
	} else {
		pv->cut = 1;
		return;
	}
	pv->count++;
}

/* Feeds text: repairs UTF-8, folds whitespace and controls. */
static void
pv_put(struct pv *pv, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;

	for (i = 0; i < n && !pv->cut; i += k) {
		if (u[i] < 0x80) {
			k = 1;
			if (u[i] <= ' ' || u[i] == 0x7f) {
				pv->space = pv->count > 0;
				continue;
			}
		} else if ((k = utf8_seq(u, i, n)) == 0)
			k = 1;
		if (pv->space)
			pv_emit(pv, " ", 1);
		pv->space = 0;
		if (u[i] >= 0x80 && utf8_seq(u, i, n) == 0)
			pv_emit(pv, "\xef\xbf\xbd", 3);
		else
			pv_emit(pv, s + i, k);
	}
}

static void
pv_put_cp(struct pv *pv, unsigned long c)
{
	char b[4];
	size_t n;

	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		b[0] = (char)c, n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | c >> 6), n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | c >> 12), n = 3;
	} else {
		b[0] = (char)(0xf0 | c >> 18), n = 4;
	}
	if (n >= 4)
		b[n - 3] = (char)(0x80 | (c >> 12 & 0x3f));
	if (n >= 3)
		b[n - 2] = (char)(0x80 | (c >> 6 & 0x3f));
	if (n >= 2)
		b[n - 1] = (char)(0x80 | (c & 0x3f));
	pv_put(pv, b, n);
}

/* Decodes the entity at s[0] == '&'; returns bytes used, 0 if none. */
static size_t
entity(struct pv *pv, const char *s, size_t n)
{
	static const struct { const char *name; unsigned long c; } ents[] = {
		{ "lt", '<' }, { "gt", '>' }, { "amp", '&' },
		{ "quot", '"' }, { "apos", '\'' }, { "nbsp", ' ' },
		{ "hellip", 0x2026 }, { "mdash", 0x2014 }, { "middot", 0xb7 },
	};
	const char *semi = memchr(s, ';', n < 12 ? n : 12);
	size_t len, i;

	if (semi == NULL || (len = (size_t)(semi - s)) < 2)
		return 0;
	if (s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		if (len < 3 + (size_t)hex ||
		    strspn(s + 2 + hex, hex ? "0123456789abcdefABCDEF" :
		    "0123456789") != len - 2 - (size_t)hex)
			return 0;
		pv_put_cp(pv, strtoul(s + 2 + hex, NULL, hex ? 16 : 10));
		return len + 1;
	}
	for (i = 0; i < NELEM(ents); i++)
		if (strlen(ents[i].name) == len - 1 &&
		    memcmp(ents[i].name, s + 1, len - 1) == 0) {
			pv_put_cp(pv, ents[i].c);
			return len + 1;
		}
	return 0;
}

static const char *
find_ci(const char *s, const char *end, const char *needle)
{
	size_t k = strlen(needle);

	for (; (size_t)(end - s) >= k; s++)
		if (strncasecmp(s, needle, k) == 0)
			return s;
	return NULL;
}

/* Skips the tag at s[0] == '<'; returns bytes used, 0 if not a tag. */
static size_t
tag(struct pv *pv, const char *s, const char *end)
{
	static const char *const blocks[] = { "br", "p", "div", "li", "tr",
	    "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ul", "ol",
	    "table", "blockquote", "pre", "section", "article", "header",
	    "footer", "img", NULL };
	const char *gt, *name = s + 1, *p;
	size_t i, nlen;

	if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
		p = find_ci(s + 4, end, "-->");
		return p ? (size_t)(p + 3 - s) : (size_t)(end - s);
	}
	if (name < end && *name == '/')
		name++;
	if (name >= end || !(((*name | 0x20) >= 'a' && (*name | 0x20) <= 'z')
	    || *name == '!' || *name == '?'))
		return 0;
	if ((gt = memchr(s, '>', (size_t)(end - s))) == NULL)
		return 0;
	for (nlen = 0; name + nlen < gt && !strchr(" \t\r\n/", name[nlen]);
	    nlen++)
		;
	if (name == s + 1 && ((nlen == 6 && !strncasecmp(name, "script", 6)) ||
	    (nlen == 5 && !strncasecmp(name, "style", 5)))) {
		p = find_ci(gt, end, nlen == 6 ? "</script" : "</style");
		if (p == NULL || (gt = memchr(p, '>', (size_t)(end - p))) ==
		    NULL)
			return (size_t)(end - s);
	}
	for (i = 0; blocks[i]; i++)
		if (strlen(blocks[i]) == nlen &&
		    strncasecmp(blocks[i], name, nlen) == 0)
			pv->space = pv->count > 0;
	return (size_t)(gt + 1 - s);
}

/* Markdown marks at a line start: indentation, #, >, -, *, +, "1.". */
static size_t
line_marks(const char *s, const char *end)
{
	const char *p = s;

	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && (*p == '#' || *p == '>')) {
			while (p < end && (*p == '#' || *p == '>'))
				p++;
			continue;
		}
		if (end - p >= 2 && (*p == '-' || *p == '*' || *p == '+') &&
		    p[1] == ' ') {
			p += 2;
			continue;
		}
		return (size_t)(p - s);
	}
}

static int
special(char c, int md)
{
	if (c == '<' || c == '&' || c == '\n')
		return 1;
	return md && (c == '*' || c == '`' || c == '[' || c == ']' ||
	    c == '|' || c == '!');
}

static void
filter(struct pv *pv, const char *s, size_t n, int md)
{
	const char *p = s, *end = s + n, *close;
	size_t k;
	int bol = 1;

	while (p < end && !pv->cut && pv->rc == 0) {
		if (md && bol) {
			p += line_marks(p, end);
			bol = 0;
			continue;
		}
		k = 0;
		if (*p == '<')
			k = tag(pv, p, end);
		else if (*p == '&')
			k = entity(pv, p, (size_t)(end - p));
		else if (*p == '\n') {
			pv_put(pv, p, 1);
			bol = k = 1;
		}
		else if (md && *p == ']' && p + 1 < end && p[1] == '(' &&
		    (close = memchr(p, ')', (size_t)(end - p))) != NULL)
			k = (size_t)(close + 1 - p);
		else if (md && *p == '|') {
			pv->space = pv->count > 0;
			k = 1;
		} else if (md && (*p == '*' || *p == '`' || *p == '[' ||
		    *p == ']'))
			k = 1;
		else if (md && *p == '!' && p + 1 < end && p[1] == '[')
			k = 1;	/* the ! of an image */
		if (k == 0) {
			/* A run of ordinary bytes (ASCII specials end it,
			 * so a UTF-8 sequence is never split). */
			for (k = 1; p + k < end && !special(p[k], md); k++)
				;
			pv_put(pv, p, k);
		}
		p += k;
	}
}

/*
 * JSON and cards: a summary ("【报警】CPU 高 web-01 95%", "name: 名称")
 * reads better than raw JSON.  Returns -1 when the content is not JSON.
 */
static int
summary(struct pv *pv, int tpl, const char *s, size_t n)
{
	struct strbuf sum;
	int rc;

	/* Enough bytes for max code points, and a bound on the work. */
	strbuf_init(&sum, pv->max < 4096 ? pv->max * 4 + 64 : 16448);
	rc = tpl == TPL_JSON ? render_json_summary(&sum, s, n) :
	    card_summary(&sum, tpl, s, n);
	if (sum.len == 0) {
		strbuf_release(&sum);
		return -1;
	}
	pv_put(pv, sum.buf, sum.len);
	if (rc != 0 && pv->rc == 0)
		pv->cut = 1;	/* the summary itself was cut short */
	strbuf_release(&sum);
	return 0;
}

int
render_preview(struct strbuf *out, int tpl, const char *content, size_t len,
    size_t max_chars)
{
	struct pv pv = { out, max_chars, 0, 0, 0, 0, { 0 }, 0 };
	size_t start = out->len;
	int rc;

	if (content == NULL || max_chars == 0)
		return 0;
	if (render_template_html(tpl) || tpl == TPL_MARKDOWN)
		filter(&pv, content, len, tpl == TPL_MARKDOWN);
	else if (tpl == TPL_TXT || (rc = summary(&pv, tpl, content, len)) < 0)
		pv_put(&pv, content, len);
	if (pv.rc)
		return pv.rc;
	if (pv.cut) {
		if (out->len > start && out->buf[out->len - 1] == ' ')
			strbuf_setlen(out, out->len - 1);
		return strbuf_addstr(out, "…");
	}
	return strbuf_add(out, pv.held, pv.held_len);
}
