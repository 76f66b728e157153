/*
 * json.c: turning sender text into a jansson value for the json view and
 * the cards, accepting what senders really post.
 *
 * render_json_parse() tries, in order:
 *  1. strict JSON (any top-level value; a leading UTF-8 BOM is skipped);
 *  2. "lenient" JSON: single-quoted strings (the pushplus docs' own
 *     sample is {'name':'名称','size':'大小'}), raw control characters
 *     inside strings and trailing commas are rewritten into strict JSON
 *     and parsed again.
 * It returns NULL when neither works; callers then show the text as is.
 *
 * Depth: before any parse the text is scanned once, and nesting deeper
 * than RENDER_JSON_DEPTH is refused, so every recursive walk of a value
 * (the table view, json_dumps) is bounded by a small constant.
 *
 * render_json_form() reads application/x-www-form-urlencoded text (how Aliyun
 * CloudMonitor posts its alarms) into an object of strings.
 */
#include <stdio.h>
#include <string.h>

#include "render/render_int.h"
#include "util/jsonin.h"
#include "util/params.h"

static int
too_deep(const char *s, size_t n)
{
	int depth = 0;
	char q = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
			continue;
		}
		switch (s[i]) {
		case '"': case '\'':
			q = s[i];
			break;
		case '[': case '{':
			if (++depth > RENDER_JSON_DEPTH)
				return 1;
			break;
		case ']': case '}':
			depth--;
			break;
		}
	}
	return 0;
}

static int
closes_next(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'))
		i++;
	return i < n && (s[i] == '}' || s[i] == ']');
}

/* Rewrites the lenient forms listed above into strict JSON. */
static int
requote(struct strbuf *sb, const char *s, size_t n)
{
	char q = 0, esc[8];
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];

		if (q == 0) {
			if (c == '\'' || c == '"') {
				q = (char)c;
				rc = strbuf_addch(sb, '"');
			} else if (c == ',' && closes_next(s, i + 1, n))
				continue;
			else
				rc = strbuf_addch(sb, c);
		} else if (c == '\\' && i + 1 < n) {
			if (s[++i] == '\'')
				rc = strbuf_addch(sb, '\'');
			else if ((rc = strbuf_addch(sb, '\\')) == 0)
				rc = strbuf_addch(sb, s[i]);
		} else if (c == (unsigned char)q) {
			q = 0;
			rc = strbuf_addch(sb, '"');
		} else if (c == '"')
			rc = strbuf_addstr(sb, "\\\"");
		else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			rc = strbuf_addstr(sb, esc);
		} else
			rc = strbuf_addch(sb, c);
	}
	return rc;
}

json_t *
render_json_parse(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	json_error_t e;
	json_t *v;
	size_t bom;

	bom = jsonin_bom(s, n);
	s += bom;
	n -= bom;
	if (too_deep(s, n))
		return NULL;
	v = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
	if (v != NULL)
		return v;
	if (requote(&sb, s, n) == 0)
		v = json_loadb(sb.buf, sb.len, JSON_DECODE_ANY |
		    JSON_ALLOW_NUL, &e);
	strbuf_release(&sb);
	return v;
}

/* Percent-decodes s into sb ('+' is a space), then repairs UTF-8. */
static void
form_decode(struct strbuf *sb, const char *s, size_t n)
{
	struct strbuf raw = STRBUF_INIT;

	strbuf_reset(sb);
	(void)url_decode(&raw, s, n, 1);
	(void)render_utf8(sb, raw.buf, raw.len);
	strbuf_release(&raw);
}

static int
looks_like_form(const char *s, size_t n)
{
	size_t i, eq;

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	eq = n;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == '{' || c == '[' || c == '"' || c == '<')
			return 0;
		if (c == '=' && eq == n)
			eq = i;
	}
	return eq > 0 && eq < n;
}

/* A form-encoded body as an object of strings, or NULL if it is not one. */
json_t *
render_json_form(const char *s, size_t n)
{
	struct strbuf key = STRBUF_INIT, val = STRBUF_INIT;
	const char *p, *end, *amp, *eq;
	json_t *obj;

	if (!looks_like_form(s, n))
		return NULL;
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	obj = json_object();
	for (p = s, end = s + n; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		form_decode(&key, p, (size_t)(eq - p));
		form_decode(&val, eq < amp ? eq + 1 : amp,
		    eq < amp ? (size_t)(amp - eq - 1) : 0);
		if (key.len > 0)
			json_object_setn_new(obj, key.buf, key.len,
			    json_stringn(val.buf, val.len));
	}
	strbuf_release(&key);
	strbuf_release(&val);
	return obj;
}
