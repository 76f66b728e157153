/*
 * userdefault.c: per-token default channel configs (userdefault.h).
 *
 * A default is what every /send without `channel` through that token
 * uses, so a value that cannot send is refused here rather than failing
 * those sends later: only wechat, webhook, cp and mail (the channels
 * this server delivers), and for webhook and cp a config of the user's
 * named by its code or, as pushplus's document allows, its number
 * (webhook编号); mail may name one or none (the default sender).  The
 * code is what is stored, so /send and a later rename of the code
 * (ops/chan.c) see it; wechat keeps no option (pushplus's example puts
 * an official-account appId there: feige has one account, so it is
 * dropped).  A pre code must name one of the user's scripts.
 *
 * These rules were setting/changeDefaultChannel's before configs were
 * per token; that call now writes the user token's config through
 * ops_udef_put_user(), so both paths check the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/userdefault.h"
#include "store/store.h"
#include "util/strbuf.h"

static const struct {
	const char *name;
	int kind;     /* store_chan_kind; 0 none */
	int required; /* a config must be named */
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

/* Check channel and option into d; FG_EINVAL: refused. */
static int
check_channel(struct store *s, const struct ops_udef *in, struct store_udef *d,
    struct strbuf *err)
{
	const char *hook = in->option ? in->option : "";
	struct store_chan c;
	size_t i, n = sizeof(default_channels) / sizeof(default_channels[0]);
	int rc;

	for (i = 0; i < n; i++)
		if (strcmp(in->channel, default_channels[i].name) == 0)
			break;
	if (i == n) {
		strbuf_setf(err,
		    "渠道%s不能作为默认渠道: 此服务器不支持"
		    "该渠道发送 (channel '%s' cannot be the default: this "
		    "server does not send on it)",
		    in->channel, in->channel);
		return FG_EINVAL;
	}
	snprintf(d->channel, sizeof(d->channel), "%s", in->channel);
	*d->option = '\0';
	if (default_channels[i].kind == 0 ||
	    (*hook == '\0' && !default_channels[i].required))
		return 0;
	if (*hook == '\0') {
		strbuf_setf(err,
		    "默认渠道为%s时须填写渠道配置编码或编号 "
		    "(option, or defaultWebhook, is required for %s)",
		    in->channel, in->channel);
		return FG_EINVAL;
	}
	rc = find_config(s, in->user_id, default_channels[i].kind, hook, &c);
	if (rc == FG_ENOENT) {
		strbuf_setf(err,
		    "渠道配置不存在: 没有编码或编号为%.64s的%s"
		    "配置 (option/defaultWebhook: no such %s config)",
		    hook, in->channel, in->channel);
		return FG_EINVAL;
	}
	if (rc != 0)
		return fg_err(rc, err, "%s config '%.64s'", in->channel, hook);
	snprintf(d->option, sizeof(d->option), "%s", c.code);
	return 0;
}

/* Check the token and pre of in into d; FG_EINVAL: refused. */
static int
check_refs(struct store *s, const struct ops_udef *in, struct store_udef *d,
    struct strbuf *err)
{
	struct store_msg_token t;
	struct store_open_pre p;
	const char *pre = in->pre ? in->pre : "";
	int rc;

	d->token_id = in->token_id;
	if (in->token_id != 0) {
		rc = dir_token_get(s, in->token_id, &t);
		if (rc == 0 && t.user_id != in->user_id)
			rc = FG_ENOENT;
		if (rc == FG_ENOENT) {
			strbuf_setf(err,
			    "消息token不存在: tokenId %lld (no "
			    "such message token; 0 is the user token)",
			    (long long)in->token_id);
			return FG_EINVAL;
		}
		if (rc != 0)
			return fg_err(rc, err, "message token");
	}
	*d->pre = '\0';
	if (*pre == '\0')
		return 0;
	if (strlen(pre) >= sizeof(d->pre) ||
	    (rc = dir_pre_by_code(s, in->user_id, pre, &p)) == FG_ENOENT) {
		strbuf_setf(err,
		    "预处理编码不存在: %.64s (no such pre script)", pre);
		return FG_EINVAL;
	}
	if (rc != 0)
		return fg_err(rc, err, "pre script '%.64s'", pre);
	free(p.script);
	snprintf(d->pre, sizeof(d->pre), "%s", pre);
	return 0;
}

/* The user's config id into d: 0, FG_ENOENT (not the user's) or rc. */
static int
own(struct store *s, int64_t user, int64_t id, struct store_udef *d,
    struct strbuf *err)
{
	int rc = dir_udef_get(s, id, d);

	if (rc == 0 && d->user_id != user)
		rc = FG_ENOENT;
	if (rc == FG_ENOENT)
		strbuf_setf(err, "默认配置不存在 (no such default config)");
	return rc == FG_ENOENT ? rc : fg_err(rc, err, "default config");
}

static int
put(struct store *s, const struct ops_udef *in, int64_t *id,
    struct strbuf *err)
{
	struct store_udef d;
	int rc;

	memset(&d, 0, sizeof(d));
	if (in->id && (rc = own(s, in->user_id, in->id, &d, err)) != 0)
		return rc;
	d.id = in->id;
	d.user_id = in->user_id;
	if ((rc = check_channel(s, in, &d, err)) != 0 ||
	    (rc = check_refs(s, in, &d, err)) != 0)
		return rc;
	if ((rc = dir_udef_put(s, &d)) == FG_EEXIST) {
		strbuf_setf(err,
		    "该token已有默认配置，每个token只能配置一个 "
		    "(the token has a default config already)");
		return rc;
	}
	if (rc == 0 && id)
		*id = d.id;
	return fg_err(rc, err, "default config");
}

int
ops_udef_put(struct store *s, const struct ops_udef *in, int64_t *id,
    struct strbuf *err)
{
	struct strbuf scratch = STRBUF_INIT;
	int rc = put(s, in, id, err ? err : &scratch);

	strbuf_release(&scratch);
	return rc;
}

int
ops_udef_put_user(struct store *s, int64_t user, const char *channel,
    const char *option, struct strbuf *err)
{
	struct store_udef cur;
	struct ops_udef in = {
		.user_id = user,
		.channel = channel,
		.option = option,
	};
	int rc = dir_udef_for_token(s, user, NULL, &cur);

	if (rc == 0) {
		in.id = cur.id;
		in.pre = cur.pre;
	} else if (rc != FG_ENOENT) {
		return fg_err(rc, err, "default config of user %lld",
		    (long long)user);
	}
	return ops_udef_put(s, &in, NULL, err);
}

int
ops_udef_delete(struct store *s, int64_t user, int64_t id, struct strbuf *err)
{
	struct strbuf scratch = STRBUF_INIT;
	struct store_udef d;
	int rc;

	if ((rc = own(s, user, id, &d, err ? err : &scratch)) == 0)
		rc = fg_err(dir_udef_delete(s, id), err, "default config");
	strbuf_release(&scratch);
	return rc;
}
