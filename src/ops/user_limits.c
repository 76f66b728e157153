/*
 * user_limits.c: a user's own daily and per-minute limits
 * (user_limits.h).
 *
 * The parse lives here, not in each adapter, so the CLI and the
 * console accept exactly the same text and say the same thing about
 * what they refuse; the range is checked again when storing, since an
 * adapter may build the struct some other way.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ops/user_limits.h"
#include "store/store.h"
#include "util/strbuf.h"

static int
in_range(int v)
{
	return v == OPS_LIMIT_DEFAULT || (v >= 0 && v <= OPS_LIMIT_MAX);
}

int
ops_user_limit_parse(const char *text, int *out, struct strbuf *err)
{
	const char *p;
	long v;

	if (text[0] == '\0' || strcmp(text, "default") == 0) {
		*out = OPS_LIMIT_DEFAULT;
		return 0;
	}
	for (p = text; *p; p++)
		if (!isdigit((unsigned char)*p) || p - text > 8)
			break;
	errno = 0;
	v = *p == '\0' ? strtol(text, NULL, 10) : -1;
	if (errno || v < 0 || v > OPS_LIMIT_MAX)
		return fg_err(FG_EINVAL, err, "a limit is empty (the server "
		    "setting) or a whole number 0..%d", OPS_LIMIT_MAX);
	*out = (int)v;
	return 0;
}

int
ops_user_set_limits(struct store *s, int64_t user,
    const struct ops_user_limits *l, struct strbuf *err)
{
	if (!in_range(l->daily) || !in_range(l->rate))
		return fg_err(FG_EINVAL, err, "a limit is -1 (the server "
		    "setting) or 0..%d", OPS_LIMIT_MAX);
	return fg_err(dir_user_set_limits(s, user, l->daily, l->rate), err,
	    "set the limits of user %lld", (long long)user);
}
