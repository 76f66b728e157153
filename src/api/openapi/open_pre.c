/*
 * open_pre.c: pre-processing scripts ("预处理信息"): the open API's
 * pre/list, detail, add, edit, delete and test, and the `pre`
 * parameter of /send (api_open_pre_apply()).
 *
 * A script belongs to a user and is named by its preCode; contentType
 * 1 (JavaScript) is the only language.  In pre/add and pre/edit
 * `content` is the script; in pre/test `message` is the text it runs
 * on.  Scripts run in the pool of sandboxed workers (pre/pre.h) while
 * the request is parked (api/prewait.h), never on the request thread:
 * the script sees `content` and `title` and the new content is
 * `content`'s value at the end.  A failing script is a 999
 * with the script's error, for pre/test and /send alike: /send never
 * stores a message its sender's script could not process.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/prewait.h"
#include "api/openapi/open_int.h"
#include "ops/pre.h"
#include "util/errors.h"
#include "pre/pre.h"
#include "store/readers.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

enum pre_kind { PK_ADD, PK_EDIT, PK_DELETE };

struct pre_op {
	struct api_op		o;
	int			kind;
	struct store_open_pre	p;
};

static int
pre_apply(struct api_op *op, struct store *s)
{
	struct pre_op *k = (struct pre_op *)op;

	switch (k->kind) {
	case PK_ADD:
		return ops_pre_add(s, &k->p, NULL);
	case PK_EDIT:
		return ops_pre_edit(s, &k->p, NULL);
	default:
		return ops_pre_delete(s, k->p.id, NULL);
	}
}

static void
pre_reply(struct api_op *op, int rc)
{
	struct pre_op *k = (struct pre_op *)op;
	char data[32];

	if (rc == FG_EEXIST)
		return open_op_err(op, 999, "预处理编码已存在 (preCode is "
		    "taken)");
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	if (k->kind == PK_ADD) {
		snprintf(data, sizeof(data), "%lld", (long long)k->p.id);
		open_op_ok(op, OPEN_OK_MSG, data);
	} else {
		open_op_ok(op, k->kind == PK_EDIT ? OPEN_OK_MSG : OPEN_DONE_MSG,
		    k->kind == PK_EDIT ? "\"修改成功\"" : "\"删除成功\"");
	}
}

static void
pre_release(struct api_op *op)
{
	free(((struct pre_op *)op)->p.script);
}

static struct pre_op *
op_new(int kind)
{
	struct pre_op *k = xcalloc(1, sizeof(*k));

	k->kind = kind;
	k->o.apply = pre_apply;
	k->o.reply = pre_reply;
	k->o.release = pre_release;
	return k;
}

/* contentType: 0, or replies 999 and returns -1. */
static int
check_type(struct open_req *o, int *type)
{
	long long v;

	if (open_arg_int(o, "contentType", &v) != 0 || v != 1) {
		open_err(o, 999, "contentType须为1 (JavaScript) (contentType "
		    "must be 1)");
		return -1;
	}
	*type = 1;
	return 0;
}

/* name, code, type and script of add/edit: 0, or replies and -1. */
static int
read_fields(struct open_req *o, struct store_open_pre *p)
{
	const char *name = params_get(&o->q, "preName", NULL);
	const char *code = params_get(&o->q, "preCode", NULL);
	const char *script = params_get(&o->q, "content", NULL);

	if (name == NULL || *name == '\0' || code == NULL || *code == '\0' ||
	    script == NULL || *script == '\0') {
		open_err(o, 999, "content、preName、preCode不能为空 (content, "
		    "preName and preCode are required)");
		return -1;
	}
	if (strlen(name) > OPEN_NAME_MAX || strlen(code) > OPEN_NAME_MAX) {
		open_err(o, 999, "preName或preCode过长，最多64字节 (preName or "
		    "preCode too long)");
		return -1;
	}
	if (strlen(script) > PRE_SCRIPT_MAX) {
		open_err(o, 999, "预处理代码过长，最多64KB (script too long)");
		return -1;
	}
	if (check_type(o, &p->content_type) != 0)
		return -1;
	snprintf(p->name, sizeof(p->name), "%s", name);
	snprintf(p->code, sizeof(p->code), "%s", code);
	p->script = xstrdup(script);
	return 0;
}

/* The caller's script of the id argument: 0, or replies and -1. */
static int
own_pre(struct open_req *o, const char *arg, struct store_open_pre *p)
{
	long long id;
	int rc;

	if (open_arg_int(o, arg, &id) != 0 || id <= 0) {
		open_err(o, 999, "预处理信息编号不能为空 (id is required)");
		return -1;
	}
	rc = dir_pre_get(o->db, id, p);
	if (rc == 0 && p->user_id != o->user.id) {
		free(p->script);
		rc = FG_ENOENT;
	}
	return open_found(o, rc, "预处理信息不存在 (no such script)");
}

static int
pre_item(void *arg, const struct store_open_pre *p)
{
	return open_list_add(arg, json_pack("{s:I,s:o,s:o,s:i,s:o}", "id",
	    (json_int_t)p->id, "preName", jsonstr_new(p->name), "preCode",
	    jsonstr_new(p->code), "contentType", p->content_type, "createTime",
	    open_jdate(p->created_ms)));
}

void
open_pre_list(struct open_req *o)
{
	struct open_list l;

	open_list_init(o, &l);
	open_list_reply(o, OPEN_DONE_MSG, &l, dir_pre_list(o->db, o->user.id,
	    l.offset, l.pg.size, &l.total, pre_item, &l));
}

void
open_pre_detail(struct open_req *o)
{
	struct store_open_pre p;
	json_t *j;

	if (own_pre(o, "preId", &p) != 0)
		return;
	j = json_pack("{s:I,s:o,s:o,s:i,s:o}", "id", (json_int_t)p.id,
	    "preName", jsonstr_new(p.name), "preCode", jsonstr_new(p.code),
	    "contentType", p.content_type, "content",
	    jsonstr_new(p.script ? p.script : ""));
	free(p.script);
	open_json_reply(o, OPEN_OK_MSG, j);
}

/*
 * Submit k, an add (id 0) or an edit of the caller's script id, with the
 * fields of the request; or reply 999 and drop k.
 */
static void
submit_fields(struct open_req *o, struct pre_op *k, int64_t id)
{
	if (read_fields(o, &k->p) != 0) {
		pre_release(&k->o);
		free(k);
		return;
	}
	k->p.id = id;
	k->p.user_id = o->user.id;
	api_op_submit(o->http, &k->o);
}

void
open_pre_add(struct open_req *o)
{
	submit_fields(o, op_new(PK_ADD), 0);
}

void
open_pre_edit(struct open_req *o)
{
	struct store_open_pre cur;

	if (own_pre(o, "id", &cur) != 0)
		return;
	free(cur.script);
	submit_fields(o, op_new(PK_EDIT), cur.id);
}

void
open_pre_delete(struct open_req *o)
{
	struct store_open_pre cur;
	struct pre_op *k;

	if (own_pre(o, "preId", &cur) != 0)
		return;
	free(cur.script);
	k = op_new(PK_DELETE);
	k->p.id = cur.id;
	api_op_submit(o->http, &k->o);
}

/* pre/test: the request waits for the script (api/prewait.h). */
struct pre_test {
	struct api_pre_wait	w;
};

static void
test_resume(struct api_pre_wait *w, int rc, const char *text, size_t len)
{
	char reply[400];
	struct strbuf out = STRBUF_INIT;

	if (rc != 0) {
		api_pre_reason(rc, text, len, reply, sizeof(reply));
		api_pp_reply(w->http, 200, 999, reply, NULL);
	} else {
		strbuf_add(&out, text, len);
		api_pp_reply_str(w->http, 200, OPEN_OK_MSG, out.buf);
		strbuf_release(&out);
	}
	api_unpark(w->http);
}

void
open_pre_test(struct open_req *o)
{
	const char *script = params_get(&o->q, "content", NULL);
	const char *msg = params_get(&o->q, "message", NULL);
	struct pre_test *t;
	int type;

	if (script == NULL || *script == '\0' || msg == NULL)
		return open_err(o, 999, "content和message不能为空 (content and "
		    "message are required)");
	if (check_type(o, &type) != 0)
		return;
	t = xcalloc(1, sizeof(*t));
	t->w.http = o->http;
	t->w.resume = test_resume;
	api_pre_run(&t->w, t, free, o->user.id, script, msg, NULL);
}

int
api_open_pre_script(int64_t user, const char *code, char **script,
    char *msg, size_t size)
{
	struct store_open_pre pre;
	int rc;

	if ((rc = dir_pre_by_code(store_reader(), user, code, &pre)) != 0) {
		snprintf(msg, size, rc == FG_ENOENT ? "预处理信息不存在: %.64s "
		    "(unknown pre code)" : "系统异常，请稍后再试", code);
		return rc == FG_ENOENT ? 999 : 500;
	}
	*script = pre.script ? pre.script : xstrdup("");
	return 0;
}
