/*
 * open_block.c: the blacklists of the open API V1.16 (pushplus-today.md
 * §2.6, §2.11): a group's subscribers and a user's friends.
 *
 *   POST topicUser/addBlacklist?topicRelationId=  (a subscriberList id)
 *   POST topicUser/blacklistList  P + params.topicId
 *   POST topicUser/removeBlacklist?id=            (a blacklist record id)
 *   POST friend/addBlacklist?friendId=            (a friend/list friendId)
 *   POST friend/blacklistList     P
 *   POST friend/removeBlacklist?id=               (a blacklist record id)
 *
 * The SDKs send the add and remove calls as POST with the id in the
 * query and an empty body; a JSON body works too (open_arg.c).  Every
 * call answers "执行成功" with data null except topicUser/blacklistList
 * ("请求成功"), as upstream tables them.  What blacklisting does is
 * ops/blacklist.h: the membership or friendship goes, and the join page
 * refuses the person until the entry is removed; removing it restores
 * nothing.
 *
 * Who may: a group's lists follow topicUser/deleteTopicUser (another
 * user's group or its entry is 805 无权查看); the friend lists follow
 * friend/deleteFriend (someone else's friendship or entry is simply not
 * found, 999, so ids cannot be probed).  A blacklist record id of the
 * other kind is not found either.  Nobody blacklists themselves (999).
 * pushplus refuses the blacklist on points topics; feige has none.
 */
#include <jansson.h>
#include <stdlib.h>

#include "api/openapi/open_int.h"
#include "ops/blacklist.h"
#include "util/jsonstr.h"
#include "util/xmalloc.h"

#define NO_ENTRY	"黑名单记录不存在 (no such blacklist entry)"
#define NOT_SELF	"不能将自己加入黑名单 (you cannot blacklist yourself)"

enum { BK_MEMBER, BK_FRIEND, BK_REMOVE };

struct block_op {
	struct api_op	o;
	int		kind;
	int64_t		owner;		/* BK_FRIEND */
	int64_t		id;		/* member, friend user, entry */
};

static int
block_apply(struct api_op *op, struct store *s)
{
	struct block_op *k = (struct block_op *)op;

	switch (k->kind) {
	case BK_MEMBER:
		return ops_block_member(s, k->id, NULL, NULL);
	case BK_FRIEND:
		return ops_block_friend(s, k->owner, k->id, NULL, NULL);
	default:
		return ops_block_remove(s, k->id, NULL);
	}
}

static void
block_reply(struct api_op *op, int rc)
{
	if (rc == FG_ENOENT)	/* gone meanwhile */
		return open_op_err(op, 999, "记录不存在 (not found)");
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	open_op_ok(op, OPEN_DONE_MSG, NULL);
}

static void
submit(struct open_req *o, int kind, int64_t id)
{
	struct block_op *k = xcalloc(1, sizeof(*k));

	k->kind = kind;
	k->owner = o->user.id;
	k->id = id;
	k->o.apply = block_apply;
	k->o.reply = block_reply;
	api_op_submit(o->http, &k->o);
}

/*
 * The entry of argument id, of kind and (for friends) the caller's: 0,
 * or replies and returns -1.  A group's entry must be of one of the
 * caller's groups (805).
 */
static int
entry_mine(struct open_req *o, int kind, struct store_open_block *b)
{
	struct store_group t;
	long long id;
	int rc;

	if (open_arg_id(o, "id", &id) != 0)
		return -1;
	rc = dir_block_get(o->db, id, b);
	if (rc == 0 && (b->kind != kind || (kind == OPEN_BLOCK_FRIEND &&
	    b->scope_id != o->user.id)))
		rc = FG_ENOENT;
	if (open_found(o, rc, NO_ENTRY) != 0)
		return -1;
	if (kind == OPEN_BLOCK_TOPIC && (dir_topic_get(o->db, b->scope_id,
	    &t) != 0 || t.owner_id != o->user.id)) {
		open_err(o, 805, "无权查看 (the topic belongs to another user)");
		return -1;
	}
	return 0;
}

void
open_block_member_add(struct open_req *o)
{
	struct store_open_person m;

	if (open_member_mine(o, "topicRelationId", &m) != 0)
		return;
	if (m.user_id == o->user.id)
		return open_err(o, 999, NOT_SELF);
	submit(o, BK_MEMBER, m.id);
}

void
open_block_friend_add(struct open_req *o)
{
	struct store_open_person f;
	long long id;

	if (open_arg_id(o, "friendId", &id) != 0)
		return;
	if (id == o->user.id)
		return open_err(o, 999, NOT_SELF);
	if (open_found(o, dir_friend_find(o->db, o->user.id, id, &f),
	    "好友不存在 (no such friend)") != 0)
		return;
	submit(o, BK_FRIEND, f.user_id);
}

static void
remove_entry(struct open_req *o, int kind)
{
	struct store_open_block b;

	if (entry_mine(o, kind, &b) == 0)
		submit(o, BK_REMOVE, b.id);
}

void
open_block_member_remove(struct open_req *o)
{
	remove_entry(o, OPEN_BLOCK_TOPIC);
}

void
open_block_friend_remove(struct open_req *o)
{
	remove_entry(o, OPEN_BLOCK_FRIEND);
}

static int
member_item(void *arg, const struct store_open_block *b)
{
	return open_list_add(arg, json_pack("{s:I,s:I,s:o,s:s,s:s,s:o}", "id",
	    (json_int_t)b->id, "userId", (json_int_t)b->user_id, "nickName",
	    jsonstr_new(b->name), "openId", b->uid, "headImgUrl", "",
	    "createTime", open_jdate(b->created_ms)));
}

static int
friend_item(void *arg, const struct store_open_block *b)
{
	return open_list_add(arg, json_pack("{s:I,s:I,s:o,s:s,s:o}", "id",
	    (json_int_t)b->id, "friendId", (json_int_t)b->user_id, "nickName",
	    jsonstr_new(b->name), "headImgUrl", "", "createTime",
	    open_jdate(b->created_ms)));
}

void
open_block_member_list(struct open_req *o)
{
	struct store_group t;
	struct open_list l;

	if (open_topic_arg(o, "topicId", 1, 1, &t) != 0)
		return;
	open_list_init(o, &l);
	open_list_reply(o, OPEN_OK_MSG, &l, dir_block_list(o->db,
	    OPEN_BLOCK_TOPIC, t.id, l.offset, l.pg.size, &l.total,
	    member_item, &l));
}

void
open_block_friend_list(struct open_req *o)
{
	struct open_list l;

	open_list_init(o, &l);
	open_list_reply(o, OPEN_DONE_MSG, &l, dir_block_list(o->db,
	    OPEN_BLOCK_FRIEND, o->user.id, l.offset, l.pg.size, &l.total,
	    friend_item, &l));
}
