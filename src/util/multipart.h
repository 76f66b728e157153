/*
 * multipart.h: the text fields of a multipart/form-data body (RFC 7578).
 * Parts with a filename are skipped (feige takes no uploads); each other
 * part becomes a parameter named by its Content-Disposition name.
 */
#ifndef FG_MULTIPART_H
#define FG_MULTIPART_H

#include <stddef.h>

struct params;

/* boundary: the value of the boundary= parameter, unquoted. */
int	multipart_parse(struct params *, const char *body, size_t len,
	    const char *boundary, size_t blen);

#endif
