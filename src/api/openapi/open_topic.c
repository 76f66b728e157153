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
 * permanent qrCodeImgUrl is "" and profile fields are empty or 0.
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
#include "util/ids.h"
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

static char *
dump(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(j);
	return s;
}

static void
reply_json(struct open_req *o, const char *msg, json_t *j)
{
	char *text = dump(j);

	open_ok(o, msg, text ? text : "null");
	free(text);
}

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
		    "\"%s/join/%s.svg\"%s}", k->base, k->j.code,
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
	if ((rc = dir_topic_get(o->db, id, t)) == FG_ENOENT) {
		open_err(o, 999, "群组不存在 (no such topic)");
		return -1;
	}
	if (rc != 0) {
		open_store_err(o);
		return -1;
	}
	if (own && t->owner_id != o->user.id) {
		open_err(o, 805, "无权查看 (the topic belongs to another user)");
		return -1;
	}
	return 0;
}

static int
topic_item(void *arg, const struct store_group *t)
{
	char date[20];

	clock_format_cn(t->created_ms, date);
	json_array_append_new(arg, json_pack("{s:I,s:o,s:o,s:o,s:s}",
	    "topicId", (json_int_t)t->id, "topicCode", jsonstr_new(t->code),
	    "topicName", jsonstr_new(t->name), "nickName",
	    jsonstr_new(t->owner_name), "createTime", date));
	return 0;
}

void
open_topic_list(struct open_req *o)
{
	struct open_page pg;
	json_t *list = json_array();
	long long type = 0;
	int64_t total = 0;
	int rc;

	open_arg_page(o, &pg);
	if ((rc = open_arg_param_int(o, "topicType", &type)) == FG_EINVAL ||
	    (rc == 0 && type != 0 && type != 1)) {
		json_decref(list);
		return open_err(o, 999, "topicType须为0或1 (topicType must be "
		    "0 or 1)");
	}
	rc = dir_topic_list(o->db, o->user.id, (int)type,
	    open_page_offset(&pg), pg.size, &total, topic_item, list);
	open_list_reply(o, OPEN_OK_MSG, &pg, rc, total, list);
}

void
open_topic_detail(struct open_req *o)
{
	struct store_group t;
	char date[20];

	if (get_topic(o, 0, 1, &t) != 0)
		return;
	clock_format_cn(t.created_ms, date);
	reply_json(o, OPEN_OK_MSG, json_pack("{s:I,s:o,s:o,s:s,s:o,s:o,s:o,"
	    "s:o,s:s,s:I}", "topicId", (json_int_t)t.id, "topicName",
	    jsonstr_new(t.name), "topicCode", jsonstr_new(t.code), "qrCodeImgUrl",
	    "", "contact", jsonstr_new(t.contact), "introduction",
	    jsonstr_new(t.introduction), "receiptMessage",
	    jsonstr_new(t.receipt_message), "nickName", jsonstr_new(t.owner_name),
	    "createTime", date,
	    "topicUserCount", (json_int_t)t.members));
}

void
open_topic_join_detail(struct open_req *o)
{
	struct store_group t;
	struct store_open_person m;
	char date[20];
	int rc;

	if (get_topic(o, 0, 0, &t) != 0)
		return;
	rc = dir_member_find(o->db, t.id, o->user.id, &m);
	if (rc == FG_ENOENT)
		return open_err(o, 999, "未加入该群组 (not a member of this "
		    "topic)");
	if (rc != 0)
		return open_store_err(o);
	clock_format_cn(m.created_ms, date);
	reply_json(o, OPEN_OK_MSG, json_pack("{s:o,s:o,s:I,s:o,s:o,s:o,s:s}",
	    "topicName", jsonstr_new(t.name), "topicCode", jsonstr_new(t.code),
	    "topicId", (json_int_t)t.id, "contact", jsonstr_new(t.contact),
	    "introduction", jsonstr_new(t.introduction), "nickName",
	    jsonstr_new(t.owner_name), "createTime", date));
}

/* A text argument into out: 0, or replies 999 and returns -1. */
static int
text_arg(struct open_req *o, const char *name, int required, char *out,
    size_t size)
{
	const char *v = params_get(&o->q, name, NULL);
	char msg[128];

	if (v == NULL || *v == '\0') {
		*out = '\0';
		if (!required)
			return 0;
		snprintf(msg, sizeof(msg), "%s不能为空 (%s is required)", name,
		    name);
		open_err(o, 999, msg);
		return -1;
	}
	if (strlen(v) >= size) {
		snprintf(msg, sizeof(msg), "%s过长，最多%zu字节 (%s too long)",
		    name, size - 1, name);
		open_err(o, 999, msg);
		return -1;
	}
	snprintf(out, size, "%s", v);
	return 0;
}

void
open_topic_add(struct open_req *o)
{
	struct topic_op *k = op_new(TK_ADD);
	struct store_group *t = &k->t;

	if (text_arg(o, "topicCode", 1, t->code, sizeof(t->code)) != 0 ||
	    text_arg(o, "topicName", 1, t->name, sizeof(t->name)) != 0 ||
	    text_arg(o, "contact", 0, t->contact, sizeof(t->contact)) != 0 ||
	    text_arg(o, "introduction", 0, t->introduction,
	    sizeof(t->introduction)) != 0 ||
	    text_arg(o, "receiptMessage", 0, t->receipt_message,
	    sizeof(t->receipt_message)) != 0) {
		free(k);
		return;
	}
	t->owner_id = o->user.id;
	api_op_submit(o->http, &k->o);
}

/* A join link of kind for the caller (and topic); used by friends too. */
void
open_join_link(struct open_req *o, int kind, int64_t topic, long long sec)
{
	struct topic_op *k = op_new(TK_JOIN_LINK);

	k->j.kind = kind;
	k->j.owner_id = o->user.id;
	k->j.topic_id = topic;
	k->ttl_s = sec;
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
	open_join_link(o, OPEN_JOIN_TOPIC, t.id, sec);
}

void
open_topic_exit(struct open_req *o)
{
	struct store_group t;
	struct store_open_person m;
	struct topic_op *k;
	int rc;

	if (get_topic(o, 0, 0, &t) != 0)
		return;
	rc = dir_member_find(o->db, t.id, o->user.id, &m);
	if (rc == FG_ENOENT)
		return open_err(o, 999, "未加入该群组 (not a member of this "
		    "topic)");
	if (rc != 0)
		return open_store_err(o);
	k = op_new(TK_EXIT);
	k->id = m.id;
	api_op_submit(o->http, &k->o);
}

static int
member_item(void *arg, const struct store_open_person *p)
{
	char date[20];

	clock_format_cn(p->created_ms, date);
	json_array_append_new(arg, json_pack("{s:I,s:o,s:s,s:s,s:i,s:i,s:i,"
	    "s:i,s:s,s:o}", "id", (json_int_t)p->id, "nickName",
	    jsonstr_new(p->name),
	    "openId", p->uid, "headImgUrl", "", "userSex", 0, "havePhone", 0,
	    "isFollow", 1, "emailStatus", p->has_email ? 2 : 0, "followTime",
	    date, "remark",
	    jsonstr_new(p->remark)));
	return 0;
}

void
open_topic_users(struct open_req *o)
{
	struct store_group t;
	struct open_page pg;
	json_t *list;
	int64_t total = 0;
	int rc;

	if (get_topic(o, 1, 1, &t) != 0)
		return;
	open_arg_page(o, &pg);
	list = json_array();
	rc = dir_member_list(o->db, t.id, open_page_offset(&pg),
	    pg.size, &total, member_item, list);
	open_list_reply(o, OPEN_OK_MSG, &pg, rc, total, list);
}

void
open_topic_user_delete(struct open_req *o)
{
	struct store_group t;
	struct store_open_person m;
	struct topic_op *k;
	long long id;
	int rc;

	if (open_arg_int(o, "topicRelationId", &id) != 0 || id <= 0)
		return open_err(o, 999, "topicRelationId不能为空，须为正整数 "
		    "(topicRelationId is required)");
	rc = dir_member_get(o->db, id, &m);
	if (rc == FG_ENOENT)
		return open_err(o, 999, "群组用户不存在 (no such topic user)");
	if (rc != 0 || dir_topic_get(o->db, m.owner_id, &t) != 0)
		return open_store_err(o);
	if (t.owner_id != o->user.id)
		return open_err(o, 805, "无权查看 (the topic belongs to another "
		    "user)");
	k = op_new(TK_MEMBER_DEL);
	k->id = m.id;
	api_op_submit(o->http, &k->o);
}
