/*
 * multipart.c: a small multipart/form-data reader (multipart.h).
 *
 * The body is scanned for "--boundary" delimiters; each part's headers
 * end at the first blank line, and its content runs to the CRLF before
 * the next delimiter.  Malformed bodies yield whatever complete parts
 * were found; the caller then reports the missing fields.  One walker
 * (each_part) serves both readers: the text fields as parameters, and
 * one file part by name (the image upload), which is pointed at in
 * the body, never copied; its file name and type are capped copies.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util/errors.h"
#include "util/multipart.h"
#include "util/params.h"

static const char *
find(const char *h, size_t hl, const char *n, size_t nl)
{
	return nl ? memmem(h, hl, n, nl) : NULL;
}

/* The name="..." of a part's headers (hl bytes), or NULL. */
static const char *
part_name(const char *h, size_t hl, size_t *nl, int *is_file)
{
	const char *cd = NULL, *p, *e;
	size_t i;

	for (i = 0; i + 20 <= hl; i++)
		if (strncasecmp(h + i, "content-disposition:", 20) == 0) {
			cd = h + i;
			break;
		}
	if (cd == NULL)
		return NULL;
	e = memchr(cd, '\n', hl - (size_t)(cd - h));
	if (e == NULL)
		e = h + hl;
	*is_file = find(cd, (size_t)(e - cd), "filename=", 9) != NULL;
	/* name=" not preceded by a letter (so not filename=") */
	for (p = cd; (p = find(p, (size_t)(e - p), "name=\"", 6)) != NULL;
	    p += 6)
		if (p == cd || !isalpha((unsigned char)p[-1]))
			break;
	if (p == NULL)
		return NULL;
	p += 6;
	{
		const char *q = memchr(p, '"', (size_t)(e - p));

		if (q == NULL)
			return NULL;
		*nl = (size_t)(q - p);
	}
	return p;
}

/*
 * The part's filename="..." (hl header bytes) into f, "" when it has
 * none, and its Content-Type value, "" when none.
 */
static void
part_file_meta(const char *h, size_t hl, struct multipart_file *f)
{
	const char *p, *e, *q;
	size_t i, n;

	*f->filename = *f->type = '\0';
	if ((p = find(h, hl, "filename=\"", 10)) != NULL) {
		p += 10;
		if ((q = memchr(p, '"', hl - (size_t)(p - h))) != NULL) {
			n = (size_t)(q - p);
			if (n >= sizeof(f->filename))
				n = sizeof(f->filename) - 1;
			memcpy(f->filename, p, n);
			f->filename[n] = '\0';
		}
	}
	for (i = 0; i + 13 <= hl; i++)
		if (strncasecmp(h + i, "content-type:", 13) == 0)
			break;
	if (i + 13 > hl)
		return;
	for (p = h + i + 13; p < h + hl && (*p == ' ' || *p == '\t'); p++)
		;
	e = p;
	while (e < h + hl && *e != '\r' && *e != '\n' && *e != ';')
		e++;
	n = (size_t)(e - p);
	if (n >= sizeof(f->type))
		n = sizeof(f->type) - 1;
	memcpy(f->type, p, n);
	f->type[n] = '\0';
}

/*
 * Walk the parts: cb(arg, headers, hlen, name, nlen, is_file, content,
 * clen) for each complete named part, until it returns non-zero.
 */
typedef int (*part_cb)(void *, const char *, size_t, const char *, size_t,
    int, const char *, size_t);

static int
each_part(const char *body, size_t len, const char *boundary, size_t blen,
    part_cb cb, void *arg)
{
	char delim[256];
	const char *p, *end = body + len;
	size_t dl;
	int rc = 0;

	if (blen == 0 || blen + 4 > sizeof(delim))
		return FG_EINVAL;
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	dl = blen + 4;
	/* the first delimiter may lack the leading CRLF */
	if ((p = find(body, len, delim + 2, dl - 2)) == NULL)
		return FG_EINVAL;
	p += dl - 2;
	while (rc == 0 && p < end) {
		const char *hdr_end, *next, *name, *content;
		size_t nl = 0;
		int is_file = 0;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;				/* closing delimiter */
		if ((hdr_end = find(p, (size_t)(end - p), "\r\n\r\n", 4)) ==
		    NULL)
			break;
		content = hdr_end + 4;
		if ((next = find(content, (size_t)(end - content), delim,
		    dl)) == NULL)
			break;
		name = part_name(p, (size_t)(hdr_end - p), &nl, &is_file);
		if (name)
			rc = cb(arg, p, (size_t)(hdr_end - p), name, nl,
			    is_file, content, (size_t)(next - content));
		p = next + dl;
	}
	return rc;
}

static int
text_part(void *arg, const char *h, size_t hl, const char *name, size_t nl,
    int is_file, const char *content, size_t clen)
{
	(void)h;
	(void)hl;
	return is_file ? 0 : params_set(arg, name, nl, content, clen);
}

int
multipart_parse(struct params *pp, const char *body, size_t len,
    const char *boundary, size_t blen)
{
	return each_part(body, len, boundary, blen, text_part, pp);
}

static int
file_part(void *arg, const char *h, size_t hl, const char *name, size_t nl,
    int is_file, const char *content, size_t clen)
{
	struct multipart_file *f = arg;

	if (!is_file || nl != strlen(f->name) || memcmp(name, f->name, nl))
		return 0;
	part_file_meta(h, hl, f);
	f->data = content;
	f->len = clen;
	return 1;
}

int
multipart_file(const char *body, size_t len, const char *boundary,
    size_t blen, struct multipart_file *f)
{
	int rc;

	f->data = NULL;
	f->len = 0;
	rc = each_part(body, len, boundary, blen, file_part, f);
	return rc == 1 ? 0 : rc == 0 ? FG_ENOENT : rc;
}
