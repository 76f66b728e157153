/*
 * params.h: request parameters as an ordered list of key/value pairs,
 * filled from the query string, a form body, a JSON body or multipart
 * text fields.  Later sources override earlier ones through
 * params_set(); params_get() returns the value to use.
 *
 * Keys and values are owned copies (NUL-terminated, may contain NUL for
 * values, see len).  An empty value means "not set" for every API here,
 * so params_get() returns NULL for it.
 */
#ifndef FG_PARAMS_H
#define FG_PARAMS_H

#include <stddef.h>

struct param {
	char	*key;
	char	*val;
	size_t	 val_len;
};

struct params {
	struct param	*v;
	size_t		 n;
	size_t		 alloc;
	size_t		 max;	/* cap on n */
};

void	params_init(struct params *, size_t max);
void	params_release(struct params *);
/* Set (replace) key; val of length len is copied. FG_ETOOBIG past max. */
int	params_set(struct params *, const char *key, size_t klen,
	    const char *val, size_t vlen);
/* The value of key, or NULL when absent or empty. */
const char	*params_get(const struct params *, const char *key,
		    size_t *len);

/*
 * A decimal integer in [lo, hi] (every numeric request parameter goes
 * through here or a caller of it): optional surrounding spaces and one
 * sign, then digits only; no hex, no fraction or exponent, no value
 * strtoll would saturate.  0 with *out set, FG_ENOENT for NULL or "",
 * FG_EINVAL for anything else (the caller answers in its API's own
 * envelope).
 */
int	params_int(const char *v, long long lo, long long hi,
	    long long *out);

/*
 * Parse application/x-www-form-urlencoded text (also used for query
 * strings): '&'-separated, '+' is space, %XX decoded, malformed escapes
 * kept literally, keys without '=' ignored (they mean "not set").
 */
int	params_parse_form(struct params *, const char *s, size_t len);

/* Percent-decode into out (appends); '+' becomes space when plus != 0. */
struct strbuf;
int	url_decode(struct strbuf *out, const char *s, size_t len, int plus);

#endif
