/*
 * open_udef.c: per-token default channel configs, the open API's
 * setting/listUserDefault, detailUserDefault, addUserDefault,
 * editUserDefault and deleteUserDefault (pushplus open API 1.10,
 * pushplus-today.md §2.10), with the success msg and data each shows.
 *
 * tokenId 0 is the user token, any other a message token of the
 * caller's; ids may come as numeric strings (open_arg_int()).  What may
 * be a default is ops/userdefault.c's, which changeDefaultChannel
 * (open_setting.c) shares: the channel's name is checked here against
 * the channels feige knows, then ops refuses what cannot send.  option
 * and pre may be "" (the document's edit example sends them so).
 *
 * A change drops from the send cache the user token and the message
 * tokens whose config it touched (the old and new tokenId of an edit),
 * so the next /send through them uses the new config at once.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "api/tokens.h"
#include "channel/channel.h"
#include "http/http.h"
#include "ops/userdefault.h"
#include "util/errors.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

enum { UDEF_ADD, UDEF_EDIT, UDEF_DELETE };

struct udef_op {
	struct api_op	o;
	int		kind;
	int64_t		id, user_id, token_id;
	char		channel[32];
	char		option[OPEN_WEBHOOK_MAX + 1];
	char		pre[OPEN_PRE_CODE_MAX + 1];
	/* the user token and the message tokens the change touches */
	char		forget[3][40];
	char		msg[256];	/* why ops refused */
};

/* Note token id's text (0: none) for the send cache to forget. */
static void
note_token(struct store *s, struct udef_op *k, int slot, int64_t id)
{
	struct store_msg_token t;

	if (id > 0 && dir_token_get(s, id, &t) == 0)
		snprintf(k->forget[slot], sizeof(k->forget[slot]), "%s",
		    t.token);
}

static int
udef_apply(struct api_op *op, struct store *s)
{
	struct udef_op *k = (struct udef_op *)op;
	struct ops_udef in = {
		.id = k->id,
		.user_id = k->user_id,
		.token_id = k->token_id,
		.channel = k->channel,
		.option = k->option,
		.pre = k->pre,
	};
	struct store_udef old;
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (k->id && dir_udef_get(s, k->id, &old) == 0 &&
	    old.user_id == k->user_id)
		note_token(s, k, 1, old.token_id);
	if (k->kind == UDEF_DELETE)
		rc = ops_udef_delete(s, k->user_id, k->id, &err);
	else
		rc = ops_udef_put(s, &in, NULL, &err);
	note_token(s, k, 2, k->token_id);
	snprintf(k->msg, sizeof(k->msg), "%s", err.buf);
	strbuf_release(&err);
	return rc;
}

static void
udef_reply(struct api_op *op, int rc)
{
	struct udef_op *k = (struct udef_op *)op;
	struct tokens *tk = api_ctx(op->http)->tokens;
	size_t i;

	if (rc == FG_EINVAL || rc == FG_EEXIST || rc == FG_ENOENT)
		return open_op_err(op, 999, k->msg);
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	for (i = 0; i < sizeof(k->forget) / sizeof(k->forget[0]); i++)
		if (*k->forget[i])
			tokens_forget(tk, k->forget[i]);
	if (k->kind == UDEF_ADD)
		open_op_ok(op, OPEN_OK_MSG, NULL);
	else if (k->kind == UDEF_EDIT)
		open_op_ok(op, OPEN_DONE_MSG, "\"修改成功\"");
	else
		open_op_ok(op, OPEN_OK_MSG, "\"默认配置删除成功\"");
}

static struct udef_op *
udef_new(struct open_req *o, int kind)
{
	struct udef_op *k = xcalloc(1, sizeof(*k));

	k->kind = kind;
	k->user_id = o->user.id;
	snprintf(k->forget[0], sizeof(k->forget[0]), "%s", o->user.token);
	k->o.apply = udef_apply;
	k->o.reply = udef_reply;
	return k;
}

/* channel, option, pre and tokenId into k: 0, or replies 999 and -1. */
static int
read_fields(struct open_req *o, struct udef_op *k)
{
	const struct channel_driver *drv;
	long long tid;
	char ch[64], msg[160];

	if (open_arg(o, "channel", ch, sizeof(ch)) == NULL) {
		open_err(o, 999, "channel不能为空 (channel is required)");
		return -1;
	}
	if ((drv = channel_lookup(ch)) == NULL) {
		snprintf(msg, sizeof(msg),
		    "不支持的渠道: %.40s (unknown "
		    "channel)",
		    ch);
		open_err(o, 999, msg);
		return -1;
	}
	if (open_arg_int(o, "tokenId", &tid) != 0 || tid < 0) {
		open_err(o, 999,
		    "tokenId不能为空，0为用户token (tokenId is "
		    "required; 0 is the user token)");
		return -1;
	}
	if (open_arg_text(o, "option", 0, k->option, sizeof(k->option)) != 0 ||
	    open_arg_text(o, "pre", 0, k->pre, sizeof(k->pre)) != 0)
		return -1;
	snprintf(k->channel, sizeof(k->channel), "%s", drv->name);
	k->token_id = tid;
	return 0;
}

static void
submit_fields(struct open_req *o, int kind, long long id)
{
	struct udef_op *k = udef_new(o, kind);

	k->id = id;
	if (kind != UDEF_DELETE && read_fields(o, k) != 0) {
		free(k);
		return;
	}
	api_op_submit(o->http, &k->o);
}

void
open_udef_add(struct open_req *o)
{
	submit_fields(o, UDEF_ADD, 0);
}

void
open_udef_edit(struct open_req *o)
{
	long long id;

	if (open_arg_id(o, "id", &id) == 0)
		submit_fields(o, UDEF_EDIT, id);
}

void
open_udef_delete(struct open_req *o)
{
	long long id;

	if (open_arg_id(o, "id", &id) == 0)
		submit_fields(o, UDEF_DELETE, id);
}

static int
udef_item(void *arg, const struct store_udef *d)
{
	return open_list_add(arg,
	    json_pack("{s:I,s:s,s:s,s:o,s:o}", "id", (json_int_t)d->id,
		"channel", d->channel, "channelTxt",
		open_channel_text(d->channel), "updateTime",
		open_jdate(d->updated_ms), "name", jsonstr_new(d->name)));
}

void
open_udef_list(struct open_req *o)
{
	struct open_list l;

	open_list_init(o, &l);
	open_list_reply(o, OPEN_OK_MSG, &l,
	    dir_udef_list(o->db, o->user.id, l.offset, l.pg.size, &l.total,
		udef_item, &l));
}

void
open_udef_detail(struct open_req *o)
{
	struct store_udef d;
	long long id;
	int rc;

	if (open_arg_id(o, "id", &id) != 0)
		return;
	rc = dir_udef_get(o->db, id, &d);
	if (rc == 0 && d.user_id != o->user.id)
		rc = FG_ENOENT;
	if (open_found(o, rc, "默认配置不存在 (no such default config)") != 0)
		return;
	open_json_reply(o, OPEN_DONE_MSG,
	    json_pack("{s:I,s:s,s:o,s:o,s:o,"
		      "s:o,s:I}",
		"id", (json_int_t)d.id, "channel", d.channel, "option",
		jsonstr_new(d.option), "pre", jsonstr_new(d.pre), "updateTime",
		open_jdate(d.updated_ms), "name", jsonstr_new(d.name),
		"tokenId", (json_int_t)d.token_id));
}
