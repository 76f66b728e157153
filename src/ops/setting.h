/*
 * setting.h: a user's pushplus settings as business operations: the
 * open API's setting/change* fields (open_settings row) and the
 * default callback URL (users row) that receives message_complate,
 * add_topic_user and add_friend.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).  The
 * adapter checks the shape of values (a channel name, 0/1 flags, an
 * http(s) URL); whether a default channel can send is checked here
 * (setting.c).  After the commit the adapter drops the user's token
 * from its send cache, which holds the settings /send applies.
 */
#ifndef FG_OPS_SETTING_H
#define FG_OPS_SETTING_H

#include <stdint.h>

#include "util/errors.h"

struct store;
struct strbuf;

enum ops_setting_field {
	OPS_SET_CHANNEL,	/* defaultChannel + defaultWebhook */
	OPS_SET_RECEVIE,	/* recevieLimit (upstream's spelling) */
	OPS_SET_IS_SEND,
	OPS_SET_MSG_TYPE,	/* openMessageType */
	OPS_SET_EXTENSION,	/* forward */
};

struct ops_setting {
	int64_t		 user_id;
	int		 field;		/* enum ops_setting_field */
	int		 value;		/* the flag fields */
	const char	*channel;	/* OPS_SET_CHANNEL: a driver name */
	const char	*webhook;	/* OPS_SET_CHANNEL: code, id or "" */
};

/*
 * Change one field of the user's settings, the others kept.  A default
 * channel that cannot send (one this server does not deliver, webhook
 * or cp without a config, a config that is not the user's) is
 * FG_EINVAL with a Chinese and English reason in err, nothing written.
 */
FG_MUST int	ops_setting_put(struct store *, const struct ops_setting *,
		    struct strbuf *err);

/*
 * upstream's emailStatus (0 unverified, 1 pending, 2 verified) of a
 * user with (has != 0) or without an e-mail address: the operator set
 * the address (`feige user email`), so there is nothing to confirm.
 * The one rule of user/myInfo, the member and friend lists and the
 * add_topic_user and add_friend callbacks.
 */
#define OPS_EMAIL_STATUS(has)	((has) ? 2 : 0)

/*
 * pushplus's send limit of a user, from what stops its /send: isSend
 * off (until the user turns it on: permanent) and the user token's
 * pushplus.rate_limit minute when it is spent (short-term, until
 * rate_until_ms, 0 when not).  account is user/userLimitTime's
 * sendLimit (1 none, 2 short-term, 3 permanent) with until_ms its
 * unblock time (0: none given); setting is getUserSettings' sendLimit
 * (0 none, 1 every channel refused).
 */
struct ops_send_limit {
	int	account;
	int64_t	until_ms;
	int	setting;
};
void	ops_send_limit(int is_send, int64_t rate_until_ms,
	    struct ops_send_limit *out);

/* OPS_EMAIL_STATUS() of the user id, read from the store. */
FG_MUST int	ops_email_status(struct store *, int64_t user, int *status,
		    struct strbuf *err);

/* Set the user's default callback URL ("" removes it). */
FG_MUST int	ops_setting_callback(struct store *, int64_t user,
		    const char *url, struct strbuf *err);

#endif
