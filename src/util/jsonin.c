/*
 * jsonin.c: lenient JSON intake (jsonin.h).
 *
 * The surrogate repair is a single pass over the text that only rewrites
 * when it finds a lone surrogate, so well-formed bodies are parsed in
 * place with no copy.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonin.h"
#include "util/params.h"
#include "util/strbuf.h"

/* Offset of the first lone surrogate escape at or after i, or len. */
static size_t
next_lone(const char *s, size_t len, size_t i, size_t *esc_len)
{
	for (; i + 6 <= len; i++) {
		unsigned u, lo;

		if (s[i] != '\\')
			continue;
		if (s[i + 1] != 'u') {
			i++;	/* skip the escaped char */
			continue;
		}
		if (jsonin_hex4(s + i + 2, &u) != 0)
			continue;
		if (u >= 0xd800 && u <= 0xdbff) {
			if (i + 12 <= len && s[i + 6] == '\\' &&
			    s[i + 7] == 'u' && jsonin_hex4(s + i + 8, &lo) == 0 &&
			    lo >= 0xdc00 && lo <= 0xdfff) {
				i += 11;
				continue;
			}
			*esc_len = 6;
			return i;
		}
		if (u >= 0xdc00 && u <= 0xdfff) {
			*esc_len = 6;
			return i;
		}
		i += 5;
	}
	return len;
}

size_t
jsonin_bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

json_t *
jsonin_parse(const char *body, size_t len)
{
	struct strbuf fixed = STRBUF_INIT;
	json_error_t jerr;
	json_t *j;
	size_t bom = jsonin_bom(body, len), at, esc = 0, run = 0;

	body += bom;
	len -= bom;
	at = next_lone(body, len, 0, &esc);
	if (at == len)
		return json_loadb(body, len, JSON_DECODE_ANY, &jerr);
	while (at < len) {
		if (strbuf_add(&fixed, body + run, at - run) != 0 ||
		    strbuf_addstr(&fixed, "\\ufffd") != 0)
			break;
		run = at + esc;
		at = next_lone(body, len, run, &esc);
	}
	if (strbuf_add(&fixed, body + run, len - run) != 0) {
		strbuf_release(&fixed);
		return NULL;
	}
	j = json_loadb(fixed.buf, fixed.len, JSON_DECODE_ANY, &jerr);
	strbuf_release(&fixed);
	return j;
}

int
jsonin_to_params(struct params *p, json_t *obj)
{
	const char *key;
	json_t *v;
	int rc = 0;

	json_object_foreach(obj, key, v) {
		char num[64];
		const char *s = NULL;
		size_t n = 0;
		char *dump = NULL;

		switch (json_typeof(v)) {
		case JSON_STRING:
			s = json_string_value(v);
			n = json_string_length(v);
			break;
		case JSON_INTEGER:
			n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
			s = num;
			break;
		case JSON_REAL:
			n = (size_t)snprintf(num, sizeof(num), "%.15g",
			    json_real_value(v));
			s = num;
			break;
		case JSON_TRUE:
			s = "true", n = 4;
			break;
		case JSON_FALSE:
			s = "false", n = 5;
			break;
		case JSON_NULL:
			continue;
		default:
			dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
			s = dump ? dump : "";
			n = strlen(s);
		}
		rc = params_set(p, key, strlen(key), s, n);
		free(dump);
		if (rc != 0)
			break;
	}
	return rc;
}
