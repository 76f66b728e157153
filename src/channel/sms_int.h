/*
 * sms_int.h: the SMS providers behind channel=sms and channel=voice, one
 * file per provider (sms_<name>.c), as the webhook types sit behind
 * channel=webhook.  The operator picks one with sms.provider; sms.c
 * turns a delivery into "this text to this phone number" and asks the
 * provider.  Adding a provider is one file with one const struct and
 * one line in sms.c's table.
 */
#ifndef FG_SMS_INT_H
#define FG_SMS_INT_H

#include <stdint.h>

#include "channel/channel_int.h"

enum sms_kind { SMS_TEXT, SMS_VOICE };

struct sms_provider {
	const char	*name;		/* the sms.provider value */
	/*
	 * 0 when the settings let the provider send kind, else -1 with
	 * the reason (Chinese, English in parentheses) in why.
	 */
	int		(*ready)(const struct channel_sms_settings *,
			    enum sms_kind, struct strbuf *why);
	/*
	 * The request that sends text (the message's title, UTF-8) to
	 * phone ("+<E.164>") as an SMS or a voice call (chan_req, the loop
	 * form of channel.h): 0, or -1 with res final.  judge() reads the
	 * reply: the provider's own error code and text in the detail,
	 * TEMPFAIL only where a retry can help.
	 */
	int		(*build)(const struct channel_sms_settings *,
			    enum sms_kind, const char *phone, const char *text,
			    struct chan_req *, struct delivery_result *res);
	void		(*judge)(enum sms_kind, const struct chan_req *,
			    struct delivery_result *res);
};

extern const struct sms_provider sms_none, sms_tencent;

/*
 * The provider named name ("none" included); NULL with the known names
 * in err (may be NULL) when there is none.
 */
const struct sms_provider	*sms_provider_lookup(const char *name,
				    struct strbuf *err);

/* Tencent Cloud API 3.0 signing (tc3.c). */
#define TC3_CTYPE	"application/json; charset=utf-8"
struct tc3_request {
	const char	*secret_id;
	const char	*secret_key;
	const char	*service;	/* "sms", "vms" */
	const char	*host;		/* the Host header as sent */
	const char	*action;	/* "SendSms" */
	const char	*payload;	/* the JSON body */
	int64_t		 timestamp;	/* seconds, X-TC-Timestamp */
};
/* The Authorization header's value into out; 0 or -1. */
int	tc3_authorization(struct strbuf *out, const struct tc3_request *);

#endif
