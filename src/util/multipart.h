/*
 * multipart.h: the text fields of a multipart/form-data body (RFC 7578).
 * multipart_parse(): parts with a filename are skipped; each other part
 * becomes a parameter named by its Content-Disposition name.
 * multipart_file(): the one file part of a name (the image service's
 * upload), in place.
 */
#ifndef FG_MULTIPART_H
#define FG_MULTIPART_H

#include <stddef.h>

struct params;

/* boundary: the value of the boundary= parameter, unquoted. */
int	multipart_parse(struct params *, const char *body, size_t len,
	    const char *boundary, size_t blen);

/*
 * A file part: set name before the call; data points into the body
 * (len bytes), filename and type (its Content-Type) are cut to fit.
 */
struct multipart_file {
	const char	*name;
	const char	*data;
	size_t		 len;
	char		 filename[128];
	char		 type[64];
};

/* The first file part named f->name: 0, FG_ENOENT or FG_EINVAL. */
int	multipart_file(const char *body, size_t len, const char *boundary,
	    size_t blen, struct multipart_file *f);

#endif
