/*
 * open_topic_user.c: the members of the caller's groups in the open API
 * (topicUser/subscriberList, deleteTopicUser, editRemark; the blacklist
 * is open_block.c).  A member of someone else's group answers 805
 * (无权查看), one that does not exist 999 (open_member_mine()).
 * editRemark (V1.8, pushplus-today.md §2.6) takes at most 20 characters,
 * "" clearing the remark.  Profile fields feige has no source for
 * (headImgUrl, userSex) are empty or 0; isFollow is 1.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "ops/group.h"
#include "ops/setting.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/xmalloc.h"

/* A member's delete (remark 0) or new remark, through the writer. */
struct member_op {
	struct api_op	o;
	int		remark;
	int64_t		id;
	char		text[OPEN_TEXT_MAX + 1];
};

static int
member_apply(struct api_op *op, struct store *s)
{
	struct member_op *k = (struct member_op *)op;

	if (k->remark)
		return ops_group_member_remark(s, k->id, k->text, NULL);
	return ops_group_member_delete(s, k->id, NULL);
}

static void
member_reply(struct api_op *op, int rc)
{
	struct member_op *k = (struct member_op *)op;

	if (rc == FG_ENOENT)	/* deleted meanwhile */
		return open_op_err(op, 999, "群组不存在 (no such topic)");
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	if (k->remark)
		return open_op_ok(op, OPEN_DONE_MSG, NULL);
	open_op_ok(op, OPEN_OK_MSG, "\"删除成功\"");
}

static struct member_op *
op_new(int remark)
{
	struct member_op *k = xcalloc(1, sizeof(*k));

	k->remark = remark;
	k->o.apply = member_apply;
	k->o.reply = member_reply;
	return k;
}

int
open_member_mine(struct open_req *o, const char *name,
    struct store_open_person *m)
{
	struct store_group t;
	long long id;

	if (open_arg_id(o, name, &id) != 0 ||
	    open_found(o, dir_member_get(o->db, id, m),
	    "群组用户不存在 (no such topic user)") != 0)
		return -1;
	if (dir_topic_get(o->db, m->owner_id, &t) != 0) {
		open_store_err(o);
		return -1;
	}
	if (t.owner_id != o->user.id) {
		open_err(o, 805, "无权查看 (the topic belongs to another user)");
		return -1;
	}
	return 0;
}

static int
member_item(void *arg, const struct store_open_person *p)
{
	return open_list_add(arg, json_pack("{s:I,s:o,s:s,s:s,s:i,s:i,s:i,s:i,"
	    "s:o,s:o}", "id", (json_int_t)p->id, "nickName",
	    jsonstr_new(p->name), "openId", p->uid, "headImgUrl", "",
	    "userSex", 0, "havePhone", p->has_phone, "isFollow", 1, "emailStatus",
	    OPS_EMAIL_STATUS(p->has_email), "followTime",
	    open_jdate(p->created_ms), "remark", jsonstr_new(p->remark)));
}

void
open_topic_users(struct open_req *o)
{
	struct store_group t;
	struct open_list l;

	if (open_topic_arg(o, "topicId", 1, 1, &t) != 0)
		return;
	open_list_init(o, &l);
	open_list_reply(o, OPEN_OK_MSG, &l, dir_member_list(o->db, t.id,
	    l.offset, l.pg.size, &l.total, member_item, &l));
}

void
open_topic_user_delete(struct open_req *o)
{
	struct store_open_person m;
	struct member_op *k;

	if (open_member_mine(o, "topicRelationId", &m) != 0)
		return;
	k = op_new(0);
	k->id = m.id;
	api_op_submit(o->http, &k->o);
}

/*
 * topicUser/editRemark: JSON {id (a subscriber id), remark (at most 20
 * characters; "" clears it)}.
 */
void
open_topic_user_remark(struct open_req *o)
{
	const char *remark = params_get(&o->q, "remark", NULL);
	struct store_open_person m;
	struct member_op *k;

	if (open_member_mine(o, "id", &m) != 0)
		return;
	if (remark == NULL)
		return open_err(o, 999, "remark不能为空 (remark is required)");
	if (utf8_chars(remark, strlen(remark)) > OPEN_MEMBER_REMARK_MAX)
		return open_err(o, 999, "备注最多20个字 (remark is at most 20 "
		    "characters)");
	k = op_new(1);
	k->id = m.id;
	snprintf(k->text, sizeof(k->text), "%s", remark);
	api_op_submit(o->http, &k->o);
}
