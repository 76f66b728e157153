/*
 * open_friend.c: the open API's friends (friend/getQrCode, list,
 * deleteFriend, editRemark).
 *
 * A friend is a feige user who scanned the owner's friend QR code
 * (open_join.c) or was added with `feige friend add`; the owner sends
 * to them with the friend token in `to`.  In the list, id is the
 * friendship's number (editRemark takes it) and friendId the friend's
 * user number (deleteFriend takes it, and add_friend reports it), as
 * upstream.  getQrCode's content is kept with the link and comes back
 * as add_friend's qrCode; appId is accepted (feige has one join page);
 * second and scanCount (V1.11) as topic/qrCode's (open_join_link()).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/openapi/open_int.h"
#include "ops/friend.h"
#include "ops/setting.h"
#include "util/errors.h"
#include "util/jsonstr.h"
#include "util/xmalloc.h"

#define NO_FRIEND	"好友不存在 (no such friend)"

struct friend_op {
	struct api_op	o;
	int		remark_set;	/* else delete */
	int64_t		id;
	char		remark[OPEN_TEXT_MAX + 1];
};

static int
friend_apply(struct api_op *op, struct store *s)
{
	struct friend_op *k = (struct friend_op *)op;

	return k->remark_set ? ops_friend_remark(s, k->id, k->remark, NULL) :
	    ops_friend_delete(s, k->id, NULL);
}

static void
friend_reply(struct api_op *op, int rc)
{
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	open_op_ok(op, OPEN_DONE_MSG, NULL);
}

static void
submit(struct open_req *o, int64_t id, const char *remark)
{
	struct friend_op *k = xcalloc(1, sizeof(*k));

	k->id = id;
	if (remark) {
		k->remark_set = 1;
		snprintf(k->remark, sizeof(k->remark), "%s", remark);
	}
	k->o.apply = friend_apply;
	k->o.reply = friend_reply;
	api_op_submit(o->http, &k->o);
}

void
open_friend_qrcode(struct open_req *o)
{
	char content[OPEN_TEXT_MAX + 1];

	if (open_arg_text(o, "content", 0, content, sizeof(content)) != 0)
		return;
	open_join_link(o, OPEN_JOIN_FRIEND, 0, content);
}

static int
friend_item(void *arg, const struct store_open_person *p)
{
	return open_list_add(arg, json_pack("{s:I,s:I,s:s,s:s,s:o,s:i,s:i,s:i,"
	    "s:o,s:o}", "id", (json_int_t)p->id, "friendId",
	    (json_int_t)p->user_id, "token", p->token, "headImgUrl", "",
	    "nickName", jsonstr_new(p->name), "emailStatus",
	    OPS_EMAIL_STATUS(p->has_email), "havePhone", p->has_phone, "isFollow", 1,
	    "remark", jsonstr_new(p->remark), "createTime",
	    open_jdate(p->created_ms)));
}

void
open_friend_list(struct open_req *o)
{
	struct open_list l;

	open_list_init(o, &l);
	open_list_reply(o, OPEN_DONE_MSG, &l, dir_friend_list(o->db,
	    o->user.id, l.offset, l.pg.size, &l.total, friend_item, &l));
}

void
open_friend_delete(struct open_req *o)
{
	struct store_open_person f;
	long long id;

	if (open_arg_id(o, "friendId", &id) != 0 ||
	    open_found(o, dir_friend_find(o->db, o->user.id, id, &f),
	    NO_FRIEND) != 0)
		return;
	submit(o, f.id, NULL);
}

void
open_friend_remark(struct open_req *o)
{
	struct store_open_person f;
	const char *remark = params_get(&o->q, "remark", NULL);
	long long id;
	int rc;

	if (open_arg_id(o, "id", &id) != 0)
		return;
	if (remark == NULL)
		return open_err(o, 999, "remark不能为空 (remark is required)");
	if (strlen(remark) > OPEN_TEXT_MAX)
		return open_err(o, 999, "remark过长 (remark too long)");
	rc = dir_friend_get(o->db, id, &f);
	if (rc == 0 && f.owner_id != o->user.id)
		rc = FG_ENOENT;
	if (open_found(o, rc, NO_FRIEND) != 0)
		return;
	submit(o, f.id, remark);
}
