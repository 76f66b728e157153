/*
 * open_topic.c: the open API's groups (topic/list, detail,
 * joinTopicDetail, add, qrCode, exitTopic); their members
 * (topicUser/...) are open_topic_user.c.
 *
 * A group belongs to its owner: detail on someone else's group answers
 * 805 (无权查看), as the members' calls do (open_topic_user.c).
 * topic/qrCode creates a join link (open_joins) valid `second` seconds
 * (default and maximum 30 days) and answers the URL of its QR code,
 * served by feige (open_join.c): scanning it opens the join page, which
 * makes the scanner a member and fires add_topic_user, as `feige group
 * join` does.  feige has no WeChat official account, so nickName (the
 * account's name upstream) is the group owner's name, detail's
 * qrCodeImgUrl is the PNG of the group's permanent join link
 * (open_join.c) and profile fields are empty or 0.
 *
 * Open API V1.8-V1.13 (pushplus-today.md §2.5, §2.6): topic/delete,
 * editTopic and isOpen, and the V1.13 fields on
 * list, detail and joinTopicDetail (topic_fields()).  feige reviews no
 * group, so isApproved and firstIsApproved are 2 (approved) and
 * approveReason "".  topicType 1 (points topic) is refused at add: a
 * self-hosted server has no pushplus points.  isOpen is stored and
 * shown; feige has no market to list a group on.  appId (a WeChat
 * service account's) is "".  editTopic replaces the fields it is given
 * and keeps the others; its id field is `topic`, as is isOpen's.  The
 * blacklists are open_block.c; the join link's second and scanCount
 * are read by open_join_link().
 */
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "util/errors.h"
#include "http/http.h"
#include "ops/group.h"
#include "ops/setting.h"
#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/xmalloc.h"

enum topic_kind { TK_ADD, TK_JOIN_LINK, TK_EXIT, TK_EDIT, TK_OPEN,
	TK_DELETE };

struct topic_op {
	struct api_op		o;
	int			kind;
	int64_t			id;	/* member, topic (TK_DELETE) */
	struct store_group	t;	/* TK_ADD, TK_EDIT, TK_OPEN */
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
	case TK_EDIT:
		return ops_group_edit(s, &k->t, NULL);
	case TK_OPEN:
		return ops_group_set_open(s, k->t.id, k->t.is_open, NULL);
	case TK_DELETE:
		return ops_group_delete(s, k->id, NULL);
	default:	/* TK_EXIT */
		return ops_group_member_delete(s, k->id, NULL);
	}
}

static void
topic_reply(struct api_op *op, int rc)
{
	struct topic_op *k = (struct topic_op *)op;
	char data[512];

	if (rc == FG_EEXIST && (k->kind == TK_ADD || k->kind == TK_EDIT))
		return open_op_err(op, 999, "群组编码已存在 (topicCode is "
		    "taken)");
	if (rc == FG_ENOENT)	/* deleted meanwhile */
		return open_op_err(op, 999, "群组不存在 (no such topic)");
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
	case TK_EDIT:
		return open_op_ok(op, OPEN_DONE_MSG, "\"修改成功\"");
	case TK_OPEN:
		return open_op_ok(op, OPEN_OK_MSG, "\"操作成功\"");
	default:	/* TK_DELETE */
		return open_op_ok(op, OPEN_OK_MSG, "\"群组删除成功\"");
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

int
open_topic_arg(struct open_req *o, const char *name, int in_params, int own,
    struct store_group *t)
{
	char msg[128];
	long long id;
	int rc;

	rc = in_params ? open_arg_param_int(o, name, &id) :
	    open_arg_int(o, name, &id);
	if (rc != 0 || id <= 0) {
		snprintf(msg, sizeof(msg), "%s不能为空，须为正整数 (%s is "
		    "required)", name, name);
		open_err(o, 999, msg);
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

/* open_topic_arg() of topicId. */
static int
get_topic(struct open_req *o, int in_params, int own,
    struct store_group *t)
{
	return open_topic_arg(o, "topicId", in_params, own, t);
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

/* Which V1.13 fields a reply carries, beyond icon and topicType. */
enum {
	TF_REVIEW = 1,		/* isApproved, firstIsApproved, approveReason,
				 * isOpen */
	TF_COUNT = 2,		/* topicUserCount */
	TF_PRICE = 4,		/* price, topicDescribe, userNickName */
	TF_APP = 8,		/* appId */
};

/* Add the V1.13 fields of t (which: TF_*) to j; returns j. */
static json_t *
topic_fields(json_t *j, const struct store_group *t, int which)
{
	if (j == NULL)
		return NULL;
	json_object_set_new(j, "icon", jsonstr_new(t->icon));
	json_object_set_new(j, "topicType", json_integer(t->topic_type));
	if (which & TF_REVIEW) {	/* feige reviews nothing: approved */
		json_object_set_new(j, "isApproved", json_integer(2));
		json_object_set_new(j, "firstIsApproved", json_integer(2));
		json_object_set_new(j, "approveReason", json_string(""));
		json_object_set_new(j, "isOpen", json_integer(t->is_open));
	}
	if (which & TF_COUNT)
		json_object_set_new(j, "topicUserCount",
		    json_integer((json_int_t)t->members));
	if (which & TF_PRICE) {
		json_object_set_new(j, "price",
		    json_real((double)t->price_cents / 100.0));
		json_object_set_new(j, "topicDescribe",
		    jsonstr_new(t->describe));
		json_object_set_new(j, "userNickName",
		    jsonstr_new(t->owner_name));
	}
	if (which & TF_APP)
		json_object_set_new(j, "appId", json_string(""));
	return j;
}

static int
topic_item(void *arg, const struct store_group *t)
{
	return open_list_add(arg, topic_fields(json_pack("{s:I,s:o,s:o,s:o,"
	    "s:o}", "topicId", (json_int_t)t->id, "topicCode",
	    jsonstr_new(t->code), "topicName", jsonstr_new(t->name),
	    "nickName", jsonstr_new(t->owner_name), "createTime",
	    open_jdate(t->created_ms)), t, TF_REVIEW | TF_COUNT));
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
	open_json_reply(o, OPEN_OK_MSG, topic_fields(json_pack("{s:I,s:o,s:o,"
	    "s:s,s:o,s:o,s:o,s:o,s:o,s:I}", "topicId", (json_int_t)t.id, "topicName",
	    jsonstr_new(t.name), "topicCode", jsonstr_new(t.code), "qrCodeImgUrl",
	    qr, "contact", jsonstr_new(t.contact), "introduction",
	    jsonstr_new(t.introduction), "receiptMessage",
	    jsonstr_new(t.receipt_message), "nickName", jsonstr_new(t.owner_name),
	    "createTime", open_jdate(t.created_ms), "topicUserCount",
	    (json_int_t)t.members), &t, TF_REVIEW | TF_PRICE | TF_APP));
}

void
open_topic_join_detail(struct open_req *o)
{
	struct store_group t;
	struct store_open_person m;

	if (membership(o, &t, &m) != 0)
		return;
	open_json_reply(o, OPEN_OK_MSG, topic_fields(json_pack("{s:o,s:o,s:I,"
	    "s:o,s:o,s:o,s:o}", "topicName", jsonstr_new(t.name), "topicCode",
	    jsonstr_new(t.code), "topicId", (json_int_t)t.id, "contact",
	    jsonstr_new(t.contact), "introduction",
	    jsonstr_new(t.introduction), "nickName",
	    jsonstr_new(t.owner_name), "createTime",
	    open_jdate(m.created_ms)), &t, TF_COUNT | TF_PRICE));
}

/*
 * The text fields add takes and editTopic replaces; required: 2 by both,
 * 1 by add only (pushplus-today.md §2.5), 0 by neither.
 */
static const struct topic_text {
	const char	*name;
	size_t		 off, size;
	int		 required;
} topic_texts[] = {
#define TT(n, f, r) { n, offsetof(struct store_group, f), \
	sizeof(((struct store_group *)0)->f), r }
	TT("topicCode", code, 2),
	TT("topicName", name, 2),
	TT("contact", contact, 1),
	TT("introduction", introduction, 1),
	TT("receiptMessage", receipt_message, 0),
	TT("icon", icon, 0),
	TT("topicDescribe", describe, 0),
#undef TT
};

/*
 * price (points per month, a decimal such as 100.00) into cents: 0, or
 * replies 999 and returns -1.  Absent keeps *cents.
 */
static int
arg_price(struct open_req *o, int64_t *cents)
{
	char buf[64], *end;
	const char *v = open_arg(o, "price", buf, sizeof(buf));
	double d;

	if (v == NULL)
		return 0;
	d = strtod(v, &end);
	if (end == v || *end != '\0' || !(d >= 0 && d <= 1e9)) {
		open_err(o, 999, "price须为非负数 (price must be a number >= 0)");
		return -1;
	}
	*cents = (int64_t)(d * 100.0 + 0.5);
	return 0;
}

/*
 * The fields of add (all: required ones must be there) or editTopic
 * (edit: those given replace t's, the required ones still may not be
 * emptied), then price.  0, or replies 999 and returns -1.
 */
static int
topic_args(struct open_req *o, int edit, struct store_group *t)
{
	const struct topic_text *f;
	size_t i;
	int need;

	for (i = 0; i < sizeof(topic_texts) / sizeof(topic_texts[0]); i++) {
		f = &topic_texts[i];
		need = edit ? f->required == 2 : f->required != 0;
		if (edit && !need && params_get(&o->q, f->name, NULL) == NULL)
			continue;	/* not given: kept */
		if (open_arg_text(o, f->name, need, (char *)t + f->off,
		    f->size) != 0)
			return -1;
	}
	return arg_price(o, &t->price_cents);
}

void
open_topic_add(struct open_req *o)
{
	struct topic_op *k = op_new(TK_ADD);
	struct store_group *t = &k->t;
	long long type = 0;
	int rc;

	if (topic_args(o, 0, t) != 0) {
		free(k);
		return;
	}
	rc = open_arg_int(o, "topicType", &type);
	if (rc == FG_EINVAL || (rc == 0 && type != 0 &&
	    type != OPS_TOPIC_POINTS && type != OPS_TOPIC_PUBLIC)) {
		free(k);
		return open_err(o, 999, "topicType须为0或2 (topicType must be "
		    "0 or 2)");
	}
	if (type == OPS_TOPIC_POINTS) {
		free(k);
		return open_err(o, 999, "不支持积分群组: 自建服务没有积分 "
		    "(points topics need pushplus points; use topicType 0)");
	}
	t->topic_type = (int)type;
	t->owner_id = o->user.id;
	api_op_submit(o->http, &k->o);
}

void
open_topic_edit(struct open_req *o)
{
	struct store_group t;
	struct topic_op *k;

	if (open_topic_arg(o, "topic", 0, 1, &t) != 0 ||
	    topic_args(o, 1, &t) != 0)
		return;
	k = op_new(TK_EDIT);
	k->t = t;
	api_op_submit(o->http, &k->o);
}

void
open_topic_delete(struct open_req *o)
{
	struct store_group t;
	struct topic_op *k;

	if (get_topic(o, 0, 1, &t) != 0)
		return;
	k = op_new(TK_DELETE);
	k->id = t.id;
	api_op_submit(o->http, &k->o);
}

void
open_topic_is_open(struct open_req *o)
{
	struct store_group t;
	struct topic_op *k;
	long long v;

	if (open_topic_arg(o, "topic", 0, 1, &t) != 0)
		return;
	if (open_arg_int(o, "isOpen", &v) != 0 || (v != 0 && v != 1))
		return open_err(o, 999, "isOpen须为0或1 (isOpen must be 0 or "
		    "1)");
	k = op_new(TK_OPEN);
	k->t = t;
	k->t.is_open = (int)v;
	api_op_submit(o->http, &k->o);
}

/*
 * The life (second) and scanCount of a join link: absent, 604800 s and
 * -1 (no limit); second above 30 days is cut to 30 days (V1.6 clients
 * asked for up to that and got it), zero or below is refused; scanCount
 * is 1 to 999 or -1.  0, or replies 999 and returns -1.
 */
static int
join_link_args(struct open_req *o, long long *sec, long long *scans)
{
	int rc;

	*sec = OPS_JOIN_LINK_DEFAULT_S;
	*scans = -1;
	if ((rc = open_arg_int(o, "second", sec)) == FG_EINVAL ||
	    (rc == 0 && *sec <= 0)) {
		open_err(o, 999, "second须为正整数秒，最长2592000 (second must "
		    "be a positive number of seconds)");
		return -1;
	}
	if ((rc = open_arg_int(o, "scanCount", scans)) == FG_EINVAL ||
	    (rc == 0 && *scans != -1 && (*scans < 1 ||
	    *scans > OPS_JOIN_SCANS_MAX))) {
		open_err(o, 999, "scanCount须为1-999或-1 (scanCount is 1 to "
		    "999, or -1 for no limit)");
		return -1;
	}
	return 0;
}

/* A join link of kind for the caller (and topic); used by friends too. */
void
open_join_link(struct open_req *o, int kind, int64_t topic,
    const char *content)
{
	struct topic_op *k;
	long long sec, scans;

	if (join_link_args(o, &sec, &scans) != 0)
		return;
	k = op_new(TK_JOIN_LINK);
	k->j.scan_max = (int)scans;
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

	if (get_topic(o, 0, 1, &t) != 0)
		return;
	open_join_link(o, OPEN_JOIN_TOPIC, t.id, NULL);
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
