/*
 * open_topic.c: the open API's groups (topic/list, detail,
 * joinTopicDetail, add, qrCode, exitTopic) and their members
 * (topicUser/subscriberList, deleteTopicUser).
 *
 * A group belongs to its owner: detail, subscriberList and
 * deleteTopicUser on someone else's group answer 805 (无权查看).
 * topic/qrCode creates a join link (open_joins) valid `second` seconds
 * (default and maximum 30 days) and answers the URL of its QR code,
 * served by feige (open_join.c): scanning it opens the join page, which
 * makes the scanner a member and fires add_topic_user, as `feige group
 * join` does.  feige has no WeChat official account, so nickName (the
 * account's name upstream) is the group owner's name, detail's
 * qrCodeImgUrl is the PNG of the group's permanent join link
 * (open_join.c) and profile fields are empty or 0.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "util/errors.h"
#include "http/http.h"
#include "ops/group.h"
#include "ops/setting.h"
#include "util/jsonstr.h"
#include "util/xmalloc.h"

enum topic_kind { TK_ADD, TK_JOIN_LINK, TK_EXIT, TK_MEMBER_DEL };

struct topic_op {
	struct api_op		o;
	int			kind;
	int64_t			id;	/* member to delete */
	struct store_group	t;	/* TK_ADD */
	struct store_open_join	j;	/* TK_JOIN_LINK */
	long long		ttl_s;	/* TK_JOIN_LINK */
	char			base[256];
};

static int
topic_apply(struct api_op *op, struct store *s)
{
	struct topic_op *k = (struct topic_op *)op;

	switch (k->kind) {
	case TK_ADD:
		return ops_group_add(s, &k->t, NULL);
	case TK_JOIN_LINK:
		return ops_group_join_link(s, &k->j, k->ttl_s, NULL);
	default:
		return ops_group_member_delete(s, k->id, NULL);
	}
}

static void
topic_reply(struct api_op *op, int rc)
{
	struct topic_op *k = (struct topic_op *)op;
	char data[512];

	if (rc == FG_EEXIST && k->kind == TK_ADD)
		return open_op_err(op, 999, "群组编码已存在 (topicCode is "
		    "taken)");
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	switch (k->kind) {
	case TK_ADD:
		snprintf(data, sizeof(data), "%lld", (long long)k->t.id);
		return open_op_ok(op, OPEN_DONE_MSG, data);
	case TK_JOIN_LINK:	/* friend/getQrCode: no forever, † msg */
		snprintf(data, sizeof(data), "{\"qrCodeImgUrl\":"
		    "\"%s/join/%s.png\"%s}", k->base, k->j.code,
		    k->j.kind == OPEN_JOIN_TOPIC ? ",\"forever\":0" : "");
		return open_op_ok(op, k->j.kind == OPEN_JOIN_TOPIC ?
		    OPEN_OK_MSG : OPEN_DONE_MSG, data);
	case TK_EXIT:
		return open_op_ok(op, OPEN_OK_MSG, "\"退订成功\"");
	default:
		return open_op_ok(op, OPEN_OK_MSG, "\"删除成功\"");
	}
}

static struct topic_op *
op_new(int kind)
{
	struct topic_op *k = xcalloc(1, sizeof(*k));

	k->kind = kind;
	k->o.apply = topic_apply;
	k->o.reply = topic_reply;
	return k;
}

/*
 * The group of the id argument (query or params.topicId); own: it must
 * be the caller's.  0, or replies and returns -1.
 */
static int
get_topic(struct open_req *o, int in_params, int own,
    struct store_group *t)
{
	long long id;
	int rc;

	rc = in_params ? open_arg_param_int(o, "topicId", &id) :
	    open_arg_int(o, "topicId", &id);
	if (rc != 0 || id <= 0) {
		open_err(o, 999, "topicId不能为空，须为正整数 (topicId is "
		    "required)");
		return -1;
	}
	if (open_found(o, dir_topic_get(o->db, id, t),
	    "群组不存在 (no such topic)") != 0)
		return -1;
	if (own && t->owner_id != o->user.id) {
		open_err(o, 805, "无权查看 (the topic belongs to another user)");
		return -1;
	}
	return 0;
}

/* The group of the topicId argument and the caller's membership. */
static int
membership(struct open_req *o, struct store_group *t,
    struct store_open_person *m)
{
	if (get_topic(o, 0, 0, t) != 0)
		return -1;
	return open_found(o, dir_member_find(o->db, t->id, o->user.id, m),
	    "未加入该群组 (not a member of this topic)");
}

static int
topic_item(void *arg, const struct store_group *t)
{
	return open_list_add(arg, json_pack("{s:I,s:o,s:o,s:o,s:o}",
	    "topicId", (json_int_t)t->id, "topicCode", jsonstr_new(t->code),
	    "topicName", jsonstr_new(t->name), "nickName",
	    jsonstr_new(t->owner_name), "createTime",
	    open_jdate(t->created_ms)));
}

void
open_topic_list(struct open_req *o)
{
	struct open_list l;
	long long type = 0;
	int rc;

	if ((rc = open_arg_param_int(o, "topicType", &type)) == FG_EINVAL ||
	    (rc == 0 && type != 0 && type != 1))
		return open_err(o, 999, "topicType须为0或1 (topicType must be "
		    "0 or 1)");
	open_list_init(o, &l);
	open_list_reply(o, OPEN_OK_MSG, &l, dir_topic_list(o->db, o->user.id,
	    (int)type, l.offset, l.pg.size, &l.total, topic_item, &l));
}

void
open_topic_detail(struct open_req *o)
{
	struct store_group t;
	char code[OPEN_JOIN_CODE_MAX], qr[512];

	if (get_topic(o, 0, 1, &t) != 0)
		return;
	open_join_permanent(o->user.token, t.id, code);
	snprintf(qr, sizeof(qr), "%s/join/%s.png", o->app->base_url, code);
	open_json_reply(o, OPEN_OK_MSG, json_pack("{s:I,s:o,s:o,s:s,s:o,s:o,"
	    "s:o,s:o,s:o,s:I}", "topicId", (json_int_t)t.id, "topicName",
	    jsonstr_new(t.name), "topicCode", jsonstr_new(t.code), "qrCodeImgUrl",
	    qr, "contact", jsonstr_new(t.contact), "introduction",
	    jsonstr_new(t.introduction), "receiptMessage",
	    jsonstr_new(t.receipt_message), "nickName", jsonstr_new(t.owner_name),
	    "createTime", open_jdate(t.created_ms), "topicUserCount",
	    (json_int_t)t.members));
}

void
open_topic_join_detail(struct open_req *o)
{
	struct store_group t;
	struct store_open_person m;

	if (membership(o, &t, &m) != 0)
		return;
	open_json_reply(o, OPEN_OK_MSG, json_pack("{s:o,s:o,s:I,s:o,s:o,s:o,"
	    "s:o}", "topicName", jsonstr_new(t.name), "topicCode",
	    jsonstr_new(t.code), "topicId", (json_int_t)t.id, "contact",
	    jsonstr_new(t.contact), "introduction",
	    jsonstr_new(t.introduction), "nickName",
	    jsonstr_new(t.owner_name), "createTime",
	    open_jdate(m.created_ms)));
}

void
open_topic_add(struct open_req *o)
{
	struct topic_op *k = op_new(TK_ADD);
	struct store_group *t = &k->t;

	if (open_arg_text(o, "topicCode", 1, t->code, sizeof(t->code)) != 0 ||
	    open_arg_text(o, "topicName", 1, t->name, sizeof(t->name)) != 0 ||
	    open_arg_text(o, "contact", 1, t->contact,
	    sizeof(t->contact)) != 0 ||
	    open_arg_text(o, "introduction", 1, t->introduction,
	    sizeof(t->introduction)) != 0 ||
	    open_arg_text(o, "receiptMessage", 0, t->receipt_message,
	    sizeof(t->receipt_message)) != 0) {
		free(k);
		return;
	}
	t->owner_id = o->user.id;
	api_op_submit(o->http, &k->o);
}

/* A join link of kind for the caller (and topic); used by friends too. */
void
open_join_link(struct open_req *o, int kind, int64_t topic, long long sec,
    const char *content)
{
	struct topic_op *k = op_new(TK_JOIN_LINK);

	k->j.kind = kind;
	k->j.owner_id = o->user.id;
	k->j.topic_id = topic;
	k->ttl_s = sec;
	snprintf(k->j.content, sizeof(k->j.content), "%s",
	    content ? content : "");
	snprintf(k->base, sizeof(k->base), "%s", o->app->base_url);
	api_op_submit(o->http, &k->o);
}

void
open_topic_qrcode(struct open_req *o)
{
	struct store_group t;
	long long sec = 0;

	if (get_topic(o, 0, 1, &t) != 0)
		return;
	if (open_arg_int(o, "second", &sec) == FG_EINVAL)
		return open_err(o, 999, "second须为整数秒 (second must be a "
		    "number of seconds)");
	open_join_link(o, OPEN_JOIN_TOPIC, t.id, sec, NULL);
}

void
open_topic_exit(struct open_req *o)
{
	struct store_group t;
	struct store_open_person m;
	struct topic_op *k;

	if (membership(o, &t, &m) != 0)
		return;
	k = op_new(TK_EXIT);
	k->id = m.id;
	api_op_submit(o->http, &k->o);
}

static int
member_item(void *arg, const struct store_open_person *p)
{
	return open_list_add(arg, json_pack("{s:I,s:o,s:s,s:s,s:i,s:i,s:i,s:i,"
	    "s:o,s:o}", "id", (json_int_t)p->id, "nickName",
	    jsonstr_new(p->name), "openId", p->uid, "headImgUrl", "",
	    "userSex", 0, "havePhone", 0, "isFollow", 1, "emailStatus",
	    OPS_EMAIL_STATUS(p->has_email), "followTime",
	    open_jdate(p->created_ms), "remark", jsonstr_new(p->remark)));
}

void
open_topic_users(struct open_req *o)
{
	struct store_group t;
	struct open_list l;

	if (get_topic(o, 1, 1, &t) != 0)
		return;
	open_list_init(o, &l);
	open_list_reply(o, OPEN_OK_MSG, &l, dir_member_list(o->db, t.id,
	    l.offset, l.pg.size, &l.total, member_item, &l));
}

void
open_topic_user_delete(struct open_req *o)
{
	struct store_group t;
	struct store_open_person m;
	struct topic_op *k;
	long long id;

	if (open_arg_id(o, "topicRelationId", &id) != 0 ||
	    open_found(o, dir_member_get(o->db, id, &m),
	    "群组用户不存在 (no such topic user)") != 0)
		return;
	if (dir_topic_get(o->db, m.owner_id, &t) != 0)
		return open_store_err(o);
	if (t.owner_id != o->user.id)
		return open_err(o, 805, "无权查看 (the topic belongs to another "
		    "user)");
	k = op_new(TK_MEMBER_DEL);
	k->id = m.id;
	api_op_submit(o->http, &k->o);
}
