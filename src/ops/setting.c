/*
 * setting.c: a user's settings (setting.h).  The open_settings row is
 * read and written whole, inside the transaction, so two changes of
 * different fields in one group commit both land.
 *
 * The default channel is what every /send without `channel` uses, so
 * a value that cannot send is refused here rather than failing those
 * sends later: only wechat, webhook, cp and mail (the channels this
 * server delivers), and for webhook and cp a config of the user's
 * named by its code or, as pushplus's document allows, its number
 * (webhook编号); mail may name one or none (the default sender).  The
 * code is what is stored, so /send and a later webhook/edit of the
 * code (ops/chan.c) see it; wechat keeps no webhook.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/setting.h"
#include "store/store.h"
#include "util/strbuf.h"

static const struct {
	const char	*name;
	int		 kind;		/* store_chan_kind; 0 none */
	int		 required;	/* a config must be named */
} default_channels[] = {
	{ "wechat", 0, 0 },
	{ "webhook", STORE_CHAN_WEBHOOK, 1 },
	{ "cp", STORE_CHAN_CP, 1 },
	{ "mail", STORE_CHAN_MAIL, 0 },
};

/* The user's config of kind named by code, or by its number: 0 or rc. */
static int
find_config(struct store *s, int64_t user, int kind, const char *name,
    struct store_chan *c)
{
	char *end;
	long long id;
	int rc;

	if ((rc = dir_chan_by_code(s, user, kind, name, c)) != FG_ENOENT)
		return rc;
	id = strtoll(name, &end, 10);
	if (*name < '0' || *name > '9' || *end != '\0' || id <= 0)
		return FG_ENOENT;
	if ((rc = dir_chan_get(s, id, c)) != 0)
		return rc;
	return c->owner_id == user && c->kind == kind ? 0 : FG_ENOENT;
}

/* Check and resolve in's default channel into st; FG_EINVAL: refused. */
static int
put_channel(struct store *s, const struct ops_setting *in,
    struct store_open_settings *st, struct strbuf *err)
{
	const char *hook = in->webhook ? in->webhook : "";
	struct store_chan c;
	size_t i, n = sizeof(default_channels) / sizeof(default_channels[0]);
	int rc;

	for (i = 0; i < n; i++)
		if (strcmp(in->channel, default_channels[i].name) == 0)
			break;
	if (i == n) {
		strbuf_setf(err, "渠道%s不能作为默认渠道: 此服务器不支持"
		    "该渠道发送 (channel '%s' cannot be the default: this "
		    "server does not send on it)", in->channel, in->channel);
		return FG_EINVAL;
	}
	*st->default_webhook = '\0';
	if (default_channels[i].kind == 0 ||
	    (*hook == '\0' && !default_channels[i].required))
		goto done;
	if (*hook == '\0') {
		strbuf_setf(err, "默认渠道为%s时defaultWebhook不能为空，"
		    "须填写编码或编号 (defaultWebhook is required for %s)",
		    in->channel, in->channel);
		return FG_EINVAL;
	}
	rc = find_config(s, in->user_id, default_channels[i].kind, hook, &c);
	if (rc == FG_ENOENT) {
		strbuf_setf(err, "defaultWebhook不存在: 没有编码或编号为"
		    "%.64s的%s配置 (no such %s config)", hook, in->channel,
		    in->channel);
		return FG_EINVAL;
	}
	if (rc != 0)
		return fg_err(rc, err, "%s config '%.64s'", in->channel, hook);
	snprintf(st->default_webhook, sizeof(st->default_webhook), "%s",
	    c.code);
done:
	snprintf(st->default_channel, sizeof(st->default_channel), "%s",
	    in->channel);
	return 0;
}

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
	struct strbuf scratch = STRBUF_INIT;
	int rc;

	if ((rc = dir_settings_get(s, in->user_id, &st)) != 0)
		goto fail;
	if (in->field == OPS_SET_CHANNEL) {
		rc = put_channel(s, in, &st, err ? err : &scratch);
		strbuf_release(&scratch);
		if (rc != 0)
			return rc;
	} else if ((size_t)in->field < N_INT_FIELDS &&
	    int_fields[in->field] != 0) {
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
