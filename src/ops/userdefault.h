/*
 * userdefault.h: per-token default channel configs (pushplus open API
 * 1.10, setting/...UserDefault) as business operations.  A config says
 * what a /send without `channel` through one token uses: a channel, its
 * option (the webhook, cp or mail config's code) and a pre script code.
 * token_id 0 is the user token; a message token without a config falls
 * back to the user token's, and without either the send goes to wechat.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with a Chinese and English reason in err (may be
 * NULL).  FG_EINVAL: a value that cannot work (a channel this server
 * does not send on, a config or pre script or token that is not the
 * user's); FG_EEXIST: the token has a config already; FG_ENOENT: no
 * such config of the user.  After the commit the adapter drops the
 * user token from its send cache.
 */
#ifndef FG_OPS_USERDEFAULT_H
#define FG_OPS_USERDEFAULT_H

#include <stdint.h>

#include "util/errors.h"

struct store;
struct strbuf;

struct ops_udef {
	int64_t		 id;		/* 0: add */
	int64_t		 user_id;
	int64_t		 token_id;	/* 0: the user token */
	const char	*channel;	/* a driver name */
	const char	*option;	/* code, number or "" */
	const char	*pre;		/* a pre script code or "" */
};

/* Add (id 0) or change config id; *id (may be NULL) is its id. */
FG_MUST int ops_udef_put(struct store *, const struct ops_udef *, int64_t *id,
    struct strbuf *err);
/*
 * The user token's config, created or changed (setting/
 * changeDefaultChannel): channel and option set, its pre kept.
 */
FG_MUST int ops_udef_put_user(struct store *, int64_t user,
    const char *channel, const char *option, struct strbuf *err);
/* Remove the user's config id. */
FG_MUST int ops_udef_delete(struct store *, int64_t user, int64_t id,
    struct strbuf *err);

#endif
