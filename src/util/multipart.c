/*
 * multipart.c: a small multipart/form-data reader (multipart.h).
 *
 * The body is scanned for "--boundary" delimiters; each part's headers
 * end at the first blank line, and its content runs to the CRLF before
 * the next delimiter.  Malformed bodies yield whatever complete parts
 * were found; the caller then reports the missing fields.
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

int
multipart_parse(struct params *pp, const char *body, size_t len,
    const char *boundary, size_t blen)
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
		if (name && !is_file)
			rc = params_set(pp, name, nl, content,
			    (size_t)(next - content));
		p = next + dl;
	}
	return rc;
}
