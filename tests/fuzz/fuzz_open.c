/*
 * fuzz_open.c: libFuzzer target for the open API's bodies (pushplus
 * /api/open/..., AccessKey scripts): a JSON body merged into the
 * request's parameters as open_req_init() merges it (jsonin_parse, then
 * jsonin_to_params), then the readers every handler uses on what came
 * in: integer arguments (open_arg_int), the page arguments and their
 * clamps (open_arg_page), the nested `params` object of the message
 * list (open_arg_param_int), dates (open_date_parse) and callback URLs
 * (open_url_ok).
 *
 * Besides the sanitizers it checks the promises the handlers rely on: a
 * page is always 1-based with a size within 1..OPEN_PAGE_MAX and an
 * offset that is not negative, and a parsed date lies between 1970 and
 * the end of year 9999 (what the parser accepts).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/openapi/open_int.h"
#include "core/limits.h"
#include "util/jsonin.h"
#include "util/params.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"id", "topicId", "current", "pageSize", "msgType", "userId",
	"isSend", "openMessage", "content", "callbackUrl", "sendDate",
	"expireTime", "shortCode", "name", NULL,
};

/* Every reader over every parameter name a handler may ask for. */
static void
read_all(struct open_req *o)
{
	struct open_page pg;
	long long v;
	int64_t ms;
	const char *s;
	size_t i;

	open_arg_page(o, &pg);
	if (pg.current < 1 || pg.size < 1 || pg.size > OPEN_PAGE_MAX ||
	    open_page_offset(&pg) < 0)
		abort();
	for (i = 0; names[i] != NULL; i++) {
		(void)open_arg_int(o, names[i], &v);
		(void)open_arg_param_int(o, names[i], &v);
		if ((s = params_get(&o->q, names[i], NULL)) == NULL)
			continue;
		(void)open_url_ok(s);
		/* 1970-01-01 00:00:00 .. 9999-12-31 23:59:59, UTC+8 */
		if (open_date_parse(s, &ms) == 0 &&
		    (ms < -28800000LL || ms > 253402271999000LL))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct open_req o;
	json_t *j;

	if ((j = jsonin_parse((const char *)data, size)) == NULL)
		return 0;
	memset(&o, 0, sizeof(o));
	params_init(&o.q, LIM_PARAMS);
	if (json_is_object(j) && jsonin_to_params(&o.q, j) == 0)
		read_all(&o);
	params_release(&o.q);
	json_decref(j);
	return 0;
}
