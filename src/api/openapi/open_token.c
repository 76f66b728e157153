/*
 * open_token.c: message tokens (token/list, add, edit, deleteToken).
 *
 * A message token is an extra send credential of a user: /send accepts
 * it as `token` like the user token (tokens_lookup() falls back to it),
 * until its expireTime passes or it is deleted.  It never authenticates
 * getAccessKey.  Edits and deletes drop the token from the send cache
 * after the commit (tokens_forget()), so they take effect at once in
 * this process; a CLI or second process sees it within TOKENS_TTL_MS.
 *
 * expireTime is "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-dd" (valid through
 * the end of that day), Asia/Shanghai; default 2999-12-31.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "api/tokens.h"
#include "http/http.h"
#include "ops/token.h"
#include "util/errors.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define DAY_END_MS	(86400 * 1000LL - 1000)

struct tok_op {
	struct api_op		o;
	struct store_msg_token	t;
	int			kind;	/* 0 add, 1 edit, 2 delete */
};

/* expireTime: 0, or replies 999 and returns -1. */
static int
arg_expire(struct open_req *o, int64_t *ms)
{
	char buf[64];
	const char *v = open_arg(o, "expireTime", buf, sizeof(buf));

	if (v == NULL)
		v = "2999-12-31";
	if (open_date_parse(v, ms) != 0) {
		open_err(o, 999, "expireTime格式不正确，须为yyyy-MM-dd HH:mm:ss "
		    "(invalid expireTime)");
		return -1;
	}
	if (strchr(v, ':') == NULL)		/* a date: through its end */
		*ms += DAY_END_MS;
	return 0;
}

/* name: 0, or replies 999 and returns -1. */
static int
arg_name(struct open_req *o, char *out, size_t size)
{
	const char *v = params_get(&o->q, "name", NULL);

	if (v == NULL || *v == '\0') {
		open_err(o, 999, "令牌名称不能为空 (name is required)");
		return -1;
	}
	if (strlen(v) >= size) {
		open_err(o, 999, "令牌名称过长 (name too long)");
		return -1;
	}
	snprintf(out, size, "%s", v);
	return 0;
}

/* The user's token of the id argument; 0, or replies and returns -1. */
static int
own_token(struct open_req *o, struct store_msg_token *t)
{
	long long id;
	int rc;

	if (open_arg_id(o, "id", &id) != 0)
		return -1;
	rc = dir_token_get(o->db, id, t);
	if (rc == 0 && t->user_id != o->user.id)
		rc = FG_ENOENT;
	return open_found(o, rc, "消息token不存在 (no such message token)");
}

static int
tok_apply(struct api_op *op, struct store *s)
{
	struct tok_op *k = (struct tok_op *)op;

	switch (k->kind) {
	case 0:
		return ops_token_add(s, &k->t, NULL);
	case 1:
		return ops_token_edit(s, k->t.id, k->t.name, k->t.expire_ms,
		    NULL);
	default:
		return ops_token_delete(s, k->t.id, NULL);
	}
}

static void
tok_reply(struct api_op *op, int rc)
{
	struct tok_op *k = (struct tok_op *)op;
	struct strbuf d = STRBUF_INIT;

	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	if (k->kind != 0)
		tokens_forget(api_ctx(op->http)->tokens, k->t.token);
	if (k->kind == 0) {
		strbuf_add_json_str(&d, k->t.token, strlen(k->t.token));
		open_op_ok(op, OPEN_DONE_MSG, d.buf);
		strbuf_release(&d);
	} else {
		open_op_ok(op, OPEN_OK_MSG, k->kind == 1 ? "\"修改成功\"" :
		    "\"删除成功\"");
	}
}

static void
submit(struct open_req *o, const struct store_msg_token *t, int kind)
{
	struct tok_op *k = xcalloc(1, sizeof(*k));

	k->t = *t;
	k->kind = kind;
	k->o.apply = tok_apply;
	k->o.reply = tok_reply;
	api_op_submit(o->http, &k->o);
}

static int
tok_item(void *arg, const struct store_msg_token *t)
{
	return open_list_add(arg, json_pack("{s:I,s:o,s:o,s:s}", "id",
	    (json_int_t)t->id, "name", jsonstr_new(t->name), "expireTime",
	    open_jdate(t->expire_ms), "token", t->token));
}

void
open_token_list(struct open_req *o)
{
	struct open_list l;

	open_list_init(o, &l);
	open_list_reply(o, OPEN_OK_MSG, &l, dir_token_list(o->db, o->user.id,
	    l.offset, l.pg.size, &l.total, tok_item, &l));
}

void
open_token_add(struct open_req *o)
{
	struct store_msg_token t;

	memset(&t, 0, sizeof(t));
	if (arg_name(o, t.name, sizeof(t.name)) != 0 ||
	    arg_expire(o, &t.expire_ms) != 0)
		return;
	t.user_id = o->user.id;
	submit(o, &t, 0);
}

void
open_token_edit(struct open_req *o)
{
	struct store_msg_token t;

	if (own_token(o, &t) != 0 || arg_name(o, t.name, sizeof(t.name)) != 0 ||
	    arg_expire(o, &t.expire_ms) != 0)
		return;
	submit(o, &t, 1);
}

void
open_token_delete(struct open_req *o)
{
	struct store_msg_token t;

	if (own_token(o, &t) != 0)
		return;
	submit(o, &t, 2);
}

/* token/selectTokenList: at most this many tokens (and configs) read. */
#define SELECT_MAX	1000

struct select_walk {
	json_t	*list;
	int64_t	*with;		/* token ids that have a default config */
	size_t	 n_with, alloc;
	int	 without;	/* type 1: only tokens without one */
};

static int
select_config(void *arg, const struct store_udef *d)
{
	struct select_walk *w = arg;

	w->with = xgrow(w->with, w->n_with, &w->alloc, sizeof(*w->with), 16);
	w->with[w->n_with++] = d->token_id;
	return 0;
}

static int
select_token(void *arg, const struct store_msg_token *t)
{
	struct select_walk *w = arg;
	size_t i;

	for (i = 0; w->without && i < w->n_with; i++)
		if (w->with[i] == t->id)
			return 0;
	json_array_append_new(w->list, json_pack("{s:I,s:o}", "id",
	    (json_int_t)t->id, "name", jsonstr_new(t->name)));
	return 0;
}

/*
 * token/selectTokenList?type=0|1 (open API 1.10): the message tokens,
 * all (0, the default) or those without a default channel config (1),
 * for a client choosing the token of a new config.
 */
void
open_token_select(struct open_req *o)
{
	struct select_walk w = { .list = json_array() };
	long long type = 0;
	int64_t total;
	int rc;

	rc = open_arg_int(o, "type", &type);
	if ((rc != 0 && rc != FG_ENOENT) || type < 0 || type > 1) {
		json_decref(w.list);
		return open_err(o, 999, "type须为0或1 (type must be 0 or 1)");
	}
	w.without = type == 1;
	rc = w.without ? dir_udef_list(o->db, o->user.id, 0, SELECT_MAX,
	    &total, select_config, &w) : 0;
	if (rc == 0)
		rc = dir_token_list(o->db, o->user.id, 0, SELECT_MAX, &total,
		    select_token, &w);
	free(w.with);
	if (rc != 0) {
		json_decref(w.list);
		return open_store_err(o);
	}
	open_json_reply(o, OPEN_DONE_MSG, w.list);
}
