/*
 * setting.c: a user's settings (setting.h).  The open_settings row is
 * read and written whole, inside the transaction, so two changes of
 * different fields in one group commit both land.
 */
#include <stdio.h>

#include "ops/setting.h"
#include "store/store.h"
#include "util/strbuf.h"

int
ops_setting_put(struct store *s, const struct ops_setting *in,
    struct strbuf *err)
{
	struct store_open_settings st;
	int rc;

	if ((rc = dir_settings_get(s, in->user_id, &st)) != 0)
		goto fail;
	switch (in->field) {
	case OPS_SET_CHANNEL:
		snprintf(st.default_channel, sizeof(st.default_channel), "%s",
		    in->channel);
		snprintf(st.default_webhook, sizeof(st.default_webhook), "%s",
		    in->webhook ? in->webhook : "");
		break;
	case OPS_SET_RECEVIE:
		st.recevie_limit = in->value;
		break;
	case OPS_SET_IS_SEND:
		st.is_send = in->value;
		break;
	case OPS_SET_MSG_TYPE:
		st.open_message_type = in->value;
		break;
	case OPS_SET_EXTENSION:
		st.extension = in->value;
		break;
	default:
		rc = FG_EINVAL;
		goto fail;
	}
	rc = dir_settings_put(s, &st);
fail:
	return fg_err(rc, err, "settings of user %lld",
	    (long long)in->user_id);
}

int
ops_setting_callback(struct store *s, int64_t user, const char *url,
    struct strbuf *err)
{
	return fg_err(dir_user_set_callback(s, user, url), err,
	    "callback URL of user %lld", (long long)user);
}
