/*
 * app.h: setting up the WxPusher side: apps (a developer's appToken,
 * callback URL and texts), their topics, message products (what paid
 * time is sold on) and personal SPT tokens.  Today only the admin CLI
 * (cmd_app.c, cmd_follow.c) calls these; the web console will call the
 * same functions.
 *
 * Each runs inside the caller's transaction and returns 0 or a negative
 * enum fg_err with the reason in err: FG_EINVAL for a value the rules
 * refuse (a name of 1 to LIM_NAME_BYTES bytes; URLs are http(s); texts
 * at most WX_TEXT_BYTES), FG_ENOENT for a missing app or topic.  The
 * caller may check the same rules earlier in its own words.
 */
#ifndef FG_OPS_APP_H
#define FG_OPS_APP_H

#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"

struct strbuf;

struct ops_app_new {
	int64_t		 owner_id;
	const char	*name;
	const char	*callback_url;	/* NULL = none */
};

/* A new app with fresh appToken and appKey. */
FG_MUST int	ops_app_add(struct store *, const struct ops_app_new *,
		    struct store_wx_app *out, struct strbuf *err);
/* A new appToken for app id; the old one stops working at once. */
FG_MUST int	ops_app_reset_token(struct store *, int64_t id,
		    struct store_wx_app *out, struct strbuf *err);

/*
 * One text field of an app: name, description, contact, callback_url,
 * settings_url (http(s) or "" for none) or follow_tip ("" = the default
 * tip).  An unknown field is FG_EINVAL.
 */
struct ops_app_field {
	int64_t		 app_id;
	const char	*field;
	const char	*value;
};

FG_MUST int	ops_app_set(struct store *, const struct ops_app_field *,
		    struct strbuf *err);

/*
 * Rename a topic (t: id, name, description) or delete one with its
 * follows and the products over it (its send records stay): FG_ENOENT
 * for no such topic.
 */
FG_MUST int	ops_wx_topic_edit(struct store *, const struct store_wx_topic *t,
		    struct strbuf *err);
FG_MUST int	ops_wx_topic_delete(struct store *, int64_t id,
		    struct strbuf *err);
/*
 * A product's name and price (p: id, name, price_fen), or delete one
 * (payments granted stay on their follows).  FG_ENOENT, FG_EINVAL.
 */
FG_MUST int	ops_product_edit(struct store *,
		    const struct store_wx_product *p, struct strbuf *err);
FG_MUST int	ops_product_delete(struct store *, int64_t id,
		    struct strbuf *err);

/* A topic of app_id. */
FG_MUST int	ops_wx_topic_add(struct store *, int64_t app_id,
		    const char *name, struct store_wx_topic *out,
		    struct strbuf *err);

struct ops_product_new {
	int64_t		 app_id;
	int64_t		 topic_id;	/* 0 = the app's own follows */
	const char	*name;
	long		 price_fen;	/* per 30 days, 0 to 100000000 */
};

/* A message product over the app's follows or one of its topics'. */
FG_MUST int	ops_product_add(struct store *, const struct ops_product_new *,
		    struct store_wx_product *out, struct strbuf *err);

/* The person's SPT, made on first use. */
FG_MUST int	ops_wx_spt(struct store *, int64_t user_id, char out[48],
		    struct strbuf *err);

#endif
