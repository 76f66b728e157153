/*
 * user_limits.h: a user's own limits, set by the operator (feige user
 * limits, the console's users page).
 *
 * Two limits exist server-wide: pushplus.rate_limit (sends per minute
 * of one token) and wxpusher.daily_max (messages one person receives
 * per day, UTC+8).  A user may carry an override of each; -1 is "no
 * override, the server setting", 0 is unlimited as for the settings.
 * The send paths read them from the user row they load anyway (the
 * token cache of api/tokens.c, the uid lookup of a WxPusher send), so
 * an override costs a send no query.
 *
 * Same contract as user.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).
 */
#ifndef FG_OPS_USER_LIMITS_H
#define FG_OPS_USER_LIMITS_H

#include <stdint.h>

#include "util/errors.h"

struct store;
struct strbuf;

#define OPS_LIMIT_DEFAULT	(-1)
#define OPS_LIMIT_MAX		1000000

struct ops_user_limits {
	int	daily;	/* OPS_LIMIT_DEFAULT or 0..OPS_LIMIT_MAX */
	int	rate;	/* per minute, the same range */
};

/*
 * One limit as a person types it: "" or "default" is OPS_LIMIT_DEFAULT,
 * else a decimal 0..OPS_LIMIT_MAX; FG_EINVAL with the reason in err.
 */
FG_MUST int	ops_user_limit_parse(const char *text, int *out,
		    struct strbuf *err);

/*
 * Store both limits of user (FG_EINVAL out of range, FG_ENOENT no such
 * user).  Sends see them within the send cache's TTL (api/tokens.h).
 */
FG_MUST int	ops_user_set_limits(struct store *, int64_t user,
		    const struct ops_user_limits *, struct strbuf *err);

/* The effective value of an override o over the server setting dflt. */
static inline int
ops_user_limit(int o, int dflt)
{
	return o == OPS_LIMIT_DEFAULT ? dflt : o;
}

#endif
