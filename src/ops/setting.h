/*
 * setting.h: a user's pushplus settings as business operations: the
 * open API's setting/change* fields (open_settings row) and the
 * default callback URL (users row) that receives message_complate,
 * add_topic_user and add_friend.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).  Values
 * are checked by the adapter (a known channel, 0/1 flags, an http(s)
 * URL); after the commit it drops the user's token from its send
 * cache, which holds the settings /send applies.
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
	const char	*webhook;	/* OPS_SET_CHANNEL: a code or "" */
};

/* Change one field of the user's settings, the others kept. */
FG_MUST int	ops_setting_put(struct store *, const struct ops_setting *,
		    struct strbuf *err);

/* Set the user's default callback URL ("" removes it). */
FG_MUST int	ops_setting_callback(struct store *, int64_t user,
		    const char *url, struct strbuf *err);

#endif
