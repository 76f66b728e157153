/*
 * jsonstr.h: a JSON string of text feige stored (jsonstr.c).
 */
#ifndef FG_UTIL_JSONSTR_H
#define FG_UTIL_JSONSTR_H

#include <jansson.h>

/*
 * A new JSON string of s (NULL: ""); invalid UTF-8, which /send stores
 * as sent, is repaired with U+FFFD instead of failing the reply or the
 * callback body.  NULL only when out of memory.
 */
json_t	*jsonstr_new(const char *s);

#endif
