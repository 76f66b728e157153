/*
 * strbuf.c: the capped growable buffer described in strbuf.h.
 *
 * Growth doubles the allocation; the empty buffer points at a shared
 * one-byte slop buffer so that STRBUF_INIT needs no allocation and buf is
 * never NULL.  Escapers live here because every layer (HTTP replies,
 * renderers, the store's JSON columns) needs them and they are pure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

char strbuf_slopbuf[1];

void
strbuf_init(struct strbuf *sb, size_t cap)
{
	sb->buf = strbuf_slopbuf;
	sb->len = 0;
	sb->alloc = 0;
	sb->cap = cap;
}

void
strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb->buf = strbuf_slopbuf;
	sb->len = sb->alloc = 0;
}

void
strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

void
strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

char *
strbuf_detach(struct strbuf *sb, size_t *lenp)
{
	char *p;

	if (lenp)
		*lenp = sb->len;
	p = sb->alloc ? sb->buf : xstrdup("");
	sb->buf = strbuf_slopbuf;
	sb->len = sb->alloc = 0;
	return p;
}

static int
grow(struct strbuf *sb, size_t extra)
{
	size_t want;

	if (extra > (size_t)-1 / 2 - sb->len)
		return FG_ETOOBIG;
	want = sb->len + extra;
	if (sb->cap && want > sb->cap)
		return FG_ETOOBIG;
	if (want + 1 <= sb->alloc)
		return 0;
	size_t n = sb->alloc ? sb->alloc : 64;
	while (n < want + 1)
		n *= 2;
	if (sb->alloc) {
		sb->buf = xrealloc(sb->buf, n);
	} else {
		sb->buf = xmalloc(n);
		sb->buf[0] = '\0';
	}
	sb->alloc = n;
	return 0;
}

int
strbuf_add(struct strbuf *sb, const void *p, size_t n)
{
	int rc;

	if ((rc = grow(sb, n)) != 0)
		return rc;
	if (n)
		memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int
strbuf_addstr(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int
strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;

	return strbuf_add(sb, &ch, 1);
}

int
strbuf_add_int(struct strbuf *sb, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return strbuf_add(sb, p, (size_t)(tmp + sizeof(tmp) - p));
}

int
strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n, rc;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0,
	    fmt, cp);
	va_end(cp);
	if (n < 0)
		return FG_EINVAL;
	if (sb->alloc && (size_t)n < sb->alloc - sb->len) {
		if (sb->cap && sb->len + (size_t)n > sb->cap) {
			sb->buf[sb->len] = '\0';
			return FG_ETOOBIG;
		}
		sb->len += (size_t)n;
		return 0;
	}
	if ((rc = grow(sb, (size_t)n)) != 0) {
		if (sb->alloc)
			sb->buf[sb->len] = '\0';	/* undo the partial print */
		return rc;
	}
	va_copy(cp, ap);
	vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, cp);
	va_end(cp);
	sb->len += (size_t)n;
	return 0;
}

int
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

int
strbuf_setf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	strbuf_reset(sb);
	va_start(ap, fmt);
	rc = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

int
strbuf_add_html(struct strbuf *sb, const char *s, size_t n)
{
	size_t i, run = 0, start = sb->len;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const char *rep;

		switch (s[i]) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if ((rc = strbuf_add(sb, s + run, i - run)) == 0)
			rc = strbuf_addstr(sb, rep);
		run = i + 1;
	}
	if (rc == 0)
		rc = strbuf_add(sb, s + run, n - run);
	if (rc != 0)
		strbuf_setlen(sb, start);	/* all or nothing */
	return rc;
}

int
strbuf_add_json_str(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0, start = sb->len;
	int rc;

	if ((rc = strbuf_addch(sb, '"')) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
			esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
			elen = 6;
		}
		if ((rc = strbuf_add(sb, s + run, i - run)) == 0)
			rc = strbuf_add(sb, esc, elen);
		run = i + 1;
	}
	if (rc == 0)
		rc = strbuf_add(sb, s + run, n - run);
	if (rc == 0)
		rc = strbuf_addch(sb, '"');
	if (rc != 0)
		strbuf_setlen(sb, start);	/* all or nothing */
	return rc;
}

int
strbuf_add_url(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, start = sb->len;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~')
			rc = strbuf_addch(sb, c);
		else
			rc = strbuf_addf(sb, "%%%c%c", hex[c >> 4],
			    hex[c & 15]);
	}
	if (rc != 0)
		strbuf_setlen(sb, start);	/* all or nothing */
	return rc;
}
