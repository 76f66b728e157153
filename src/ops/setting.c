/*
 * setting.c: a user's settings (setting.h).  The open_settings row is
 * read and written whole, inside the transaction, so two changes of
 * different fields in one group commit both land.
 *
 * The default channel is no longer in that row: since per-token
 * configs (open API 1.10) it is the user token's config, which
 * ops/userdefault.c checks and writes (the rules of what may be a
 * default live there once).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/setting.h"
#include "ops/userdefault.h"
#include "store/store.h"
#include "util/strbuf.h"

/* The 0/1 settings: where each lives in the row (0: not an int). */
static const size_t int_fields[] = {
	[OPS_SET_RECEVIE] = offsetof(struct store_open_settings, recevie_limit),
	[OPS_SET_IS_SEND] = offsetof(struct store_open_settings, is_send),
	[OPS_SET_MSG_TYPE] = offsetof(struct store_open_settings,
	    open_message_type),
	[OPS_SET_EXTENSION] = offsetof(struct store_open_settings, extension),
};
#define N_INT_FIELDS	(sizeof(int_fields) / sizeof(int_fields[0]))

int
ops_setting_put(struct store *s, const struct ops_setting *in,
    struct strbuf *err)
{
	struct store_open_settings st;
	int rc;

	if (in->field == OPS_SET_CHANNEL)
		return ops_udef_put_user(s, in->user_id, in->channel,
		    in->webhook, err);
	if ((rc = dir_settings_get(s, in->user_id, &st)) != 0)
		goto fail;
	if ((size_t)in->field < N_INT_FIELDS && int_fields[in->field] != 0) {
		*(int *)(void *)((char *)&st + int_fields[in->field]) =
		    in->value;
	} else {
		rc = FG_EINVAL;
		goto fail;
	}
	rc = dir_settings_put(s, &st);
fail:
	return fg_err(rc, err, "settings of user %lld",
	    (long long)in->user_id);
}

void
ops_send_limit(int is_send, int64_t rate_until_ms,
    struct ops_send_limit *out)
{
	out->until_ms = 0;
	out->account = !is_send ? 3 : rate_until_ms > 0 ? 2 : 1;
	if (out->account == 2)
		out->until_ms = rate_until_ms;
	out->setting = out->account != 1;
}

int
ops_email_status(struct store *s, int64_t user, int *status,
    struct strbuf *err)
{
	char email[STORE_EMAIL_MAX + 1];
	int rc;

	*status = 0;
	if ((rc = dir_user_email_get(s, user, email)) == 0)
		*status = OPS_EMAIL_STATUS(*email != '\0');
	return fg_err(rc, err, "e-mail address of user %lld",
	    (long long)user);
}

int
ops_setting_callback(struct store *s, int64_t user, const char *url,
    struct strbuf *err)
{
	return fg_err(dir_user_set_callback(s, user, url), err,
	    "callback URL of user %lld", (long long)user);
}
