/*
 * fuzz_json.c: libFuzzer target for the JSON request readers: the fast
 * flat reader on the request path (jsonin_params) and the jansson path
 * with feige's surrogate repair (jsonin_parse + jsonin_to_params).  The
 * two must agree on whether a body is an object they accept: when the
 * fast reader takes a body, jansson must parse it too and yield the same
 * "content" (the differential unit test checks the common cases; this
 * looks for the uncommon ones).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "util/jsonin.h"
#include "util/params.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct params fast, slow;
	const char *body = (const char *)data;
	const char *a, *b;
	size_t alen = 0, blen = 0;
	json_t *j;
	int rf;

	params_init(&fast, LIM_PARAMS);
	params_init(&slow, LIM_PARAMS);
	rf = jsonin_params(&fast, body, size);
	j = jsonin_parse(body, size);
	if (j != NULL && json_is_object(j) &&
	    jsonin_to_params(&slow, j) == 0 && rf == 0) {
		a = params_get(&fast, "content", &alen);
		b = params_get(&slow, "content", &blen);
		if ((a == NULL) != (b == NULL) ||
		    (a && (alen != blen || memcmp(a, b, alen) != 0)))
			abort();
	}
	json_decref(j);
	params_release(&fast);
	params_release(&slow);
	return 0;
}
