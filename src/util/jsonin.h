/*
 * jsonin.h: JSON intake for request bodies, on top of jansson.
 *
 * jansson is strict where clients are sloppy, so the body is first
 * normalised: a UTF-8 BOM is skipped and a lone UTF-16 surrogate escape
 * (\ud83d without its partner) becomes \ufffd, as compat.md asks, instead
 * of failing the whole request.  Duplicate keys: last wins (jansson's
 * default).
 */
#ifndef FG_JSONIN_H
#define FG_JSONIN_H

#include <jansson.h>
#include <stddef.h>

struct params;

/* 3 if s starts with a UTF-8 byte order mark, else 0: bytes to skip. */
size_t	jsonin_bom(const char *s, size_t len);

/* Parse body; NULL on malformed JSON. Caller json_decref()s. */
json_t	*jsonin_parse(const char *body, size_t len);

/*
 * Copy the members of a JSON object into params: strings as is, numbers
 * as their decimal text, booleans as "true"/"false", null skipped,
 * arrays/objects as compact JSON text.
 */
int	jsonin_to_params(struct params *, json_t *obj);

/*
 * The request path's reader (jsonflat.c): parse body, which must be one
 * JSON object, straight into params without building a DOM.  Member
 * values: strings decoded, numbers/true/false as their text, null
 * skipped, nested objects and arrays as their raw JSON text.  Returns 0,
 * FG_EINVAL for malformed JSON or a non-object, FG_ETOOBIG past the
 * parameter cap.  Same leniency as jsonin_parse().
 */
int	jsonin_params(struct params *, const char *body, size_t len);

/* Four hex digits at p (no NUL needed) -> *out; -1 if not hex. */
int	jsonin_hex4(const char *p, unsigned *out);

#endif
