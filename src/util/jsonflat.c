/*
 * jsonflat.c: jsonin_params(), the request-path JSON reader.
 *
 * A send request is a flat JSON object of a dozen members whose values
 * become parameters.  Building a jansson DOM (a hash table per object, a
 * heap string per value) only to flatten it again cost ~19k instructions
 * per request under callgrind, about a sixth of a /send; this reader
 * validates the whole body by RFC 8259 and copies member values straight
 * into the parameter list, at a small fraction of that (see
 * docs/performance.md).  jansson stays the parser everywhere else.
 *
 * Leniency is the one compat.md asks for: a UTF-8 BOM is skipped, lone
 * UTF-16 surrogate escapes and invalid UTF-8 bytes become U+FFFD, null
 * members are skipped, and duplicate keys keep the last value.  Nested
 * objects and arrays are validated and kept as their raw JSON text.
 * Nesting is capped at JSONFLAT_DEPTH.
 */
#include <string.h>

#include "util/errors.h"
#include "util/jsonin.h"
#include "util/params.h"
#include "util/strbuf.h"

#define JSONFLAT_DEPTH 64

struct scan {
	const char	*p, *end;
	struct strbuf	 sb;	/* decoded string scratch */
};

static void
ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

int
jsonin_hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static int
put_utf8(struct strbuf *sb, unsigned cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return strbuf_add(sb, b, n);
}

/* Length of a valid UTF-8 sequence at p (RFC 3629), or 0. */
static size_t
utf8_valid(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	size_t n, i;
	unsigned cp;

	if (c < 0xc2 || c > 0xf4)
		return 0;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if ((size_t)(end - p) < n)
		return 0;
	cp = c & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/* A string at s->p (after the quote); decoded into s->sb when decode. */
static int
string(struct scan *s, int decode)
{
	int rc = 0;

	if (decode)
		strbuf_reset(&s->sb);
	while (rc == 0) {
		const char *run = s->p;
		unsigned char c;

		while (s->p < s->end && (unsigned char)*s->p >= 0x20 &&
		    (unsigned char)*s->p < 0x80 && *s->p != '"' &&
		    *s->p != '\\')
			s->p++;
		if (decode && s->p > run)
			rc = strbuf_add(&s->sb, run, (size_t)(s->p - run));
		if (s->p >= s->end || rc)
			return rc ? rc : FG_EINVAL;
		c = (unsigned char)*s->p;
		if (c == '"') {
			s->p++;
			return 0;
		}
		if (c < 0x20)
			return FG_EINVAL;
		if (c >= 0x80) {
			size_t n = utf8_valid((const unsigned char *)s->p,
			    (const unsigned char *)s->end);

			if (decode)
				rc = n ? strbuf_add(&s->sb, s->p, n) :
				    put_utf8(&s->sb, 0xfffd);
			s->p += n ? n : 1;
			continue;
		}
		/* backslash */
		if (++s->p >= s->end)
			return FG_EINVAL;
		c = (unsigned char)*s->p++;
		switch (c) {
		case '"': case '\\': case '/':
			break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u': {
			unsigned u, lo;

			if (s->end - s->p < 4 || jsonin_hex4(s->p, &u) != 0)
				return FG_EINVAL;
			s->p += 4;
			if (u >= 0xd800 && u <= 0xdbff && s->end - s->p >= 6 &&
			    s->p[0] == '\\' && s->p[1] == 'u' &&
			    jsonin_hex4(s->p + 2, &lo) == 0 && lo >= 0xdc00 &&
			    lo <= 0xdfff) {
				s->p += 6;
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
			} else if (u >= 0xd800 && u <= 0xdfff) {
				u = 0xfffd;	/* lone surrogate */
			}
			if (decode)
				rc = put_utf8(&s->sb, u);
			continue;
		}
		default:
			return FG_EINVAL;
		}
		if (decode)
			rc = strbuf_addch(&s->sb, c);
	}
	return rc;
}

static int
digits(struct scan *s)
{
	const char *b = s->p;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > b ? 0 : FG_EINVAL;
}

static int
number(struct scan *s)
{
	if (s->p < s->end && *s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (digits(s) != 0)
		return FG_EINVAL;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (digits(s) != 0)
			return FG_EINVAL;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (digits(s) != 0)
			return FG_EINVAL;
	}
	return 0;
}

static int
literal(struct scan *s, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return FG_EINVAL;
	s->p += n;
	return 0;
}

/* Validate any value at s->p (nested values are not decoded). */
static int
value(struct scan *s, int depth)
{
	int rc;

	ws(s);
	if (s->p >= s->end)
		return FG_EINVAL;
	switch (*s->p) {
	case '"':
		s->p++;
		return string(s, 0);
	case '{': case '[': {
		char close = *s->p == '{' ? '}' : ']';
		int first = 1;

		if (depth >= JSONFLAT_DEPTH)
			return FG_EINVAL;
		s->p++;
		for (;;) {
			ws(s);
			if (s->p < s->end && *s->p == close && first) {
				s->p++;
				return 0;
			}
			if (close == '}') {
				if (s->p >= s->end || *s->p != '"')
					return FG_EINVAL;
				s->p++;
				if ((rc = string(s, 0)) != 0)
					return rc;
				ws(s);
				if (s->p >= s->end || *s->p++ != ':')
					return FG_EINVAL;
			}
			if ((rc = value(s, depth + 1)) != 0)
				return rc;
			ws(s);
			if (s->p < s->end && *s->p == ',') {
				s->p++;
				first = 0;
				continue;
			}
			if (s->p < s->end && *s->p == close) {
				s->p++;
				return 0;
			}
			return FG_EINVAL;
		}
	}
	case 't':
		return literal(s, "true");
	case 'f':
		return literal(s, "false");
	case 'n':
		return literal(s, "null");
	default:
		return number(s);
	}
}

int
jsonin_params(struct params *p, const char *body, size_t len)
{
	struct scan s;
	struct strbuf key = STRBUF_INIT;
	int rc = FG_EINVAL, first = 1;

	s.p = body;
	s.end = body + len;
	strbuf_init(&s.sb, 0);
	if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0)
		s.p += 3;
	ws(&s);
	if (s.p >= s.end || *s.p++ != '{')
		goto out;
	for (;;) {
		const char *v;

		ws(&s);
		if (first && s.p < s.end && *s.p == '}') {
			s.p++;
			break;
		}
		if (s.p >= s.end || *s.p++ != '"' || string(&s, 1) != 0)
			goto fail;
		strbuf_reset(&key);
		if (strbuf_add(&key, s.sb.buf, s.sb.len) != 0)
			goto fail;
		ws(&s);
		if (s.p >= s.end || *s.p++ != ':')
			goto fail;
		ws(&s);
		v = s.p;
		if (s.p < s.end && *s.p == '"') {
			s.p++;
			if (string(&s, 1) != 0)
				goto fail;
			rc = params_set(p, key.buf, key.len, s.sb.buf, s.sb.len);
		} else {
			if (value(&s, 1) != 0)
				goto fail;
			rc = (s.p - v == 4 && memcmp(v, "null", 4) == 0) ? 0 :
			    params_set(p, key.buf, key.len, v, (size_t)(s.p - v));
		}
		if (rc != 0)
			goto out;
		ws(&s);
		if (s.p < s.end && *s.p == ',') {
			s.p++;
			first = 0;
			continue;
		}
		if (s.p < s.end && *s.p == '}') {
			s.p++;
			break;
		}
		goto fail;
	}
	ws(&s);
	rc = s.p == s.end ? 0 : FG_EINVAL;
	goto out;
fail:
	rc = FG_EINVAL;
out:
	strbuf_release(&key);
	strbuf_release(&s.sb);
	return rc;
}
