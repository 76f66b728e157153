/*
 * group.c: pushplus groups (group.h), shared by the open API (topic/add,
 * topic/qrCode, exitTopic, deleteTopicUser and the join page behind the
 * QR code, api/openapi/) and the CLI (`feige group add`, `group join`).
 *
 * Joining is the one with a rule beyond the row: the owner learns of it
 * through add_topic_user, posted to the owner's default callback URL.
 * The callback row goes to the outbox in the join's transaction
 * (ops/outbox.h), so a member without its callback, or a callback for
 * a join that rolled back, cannot happen.  The body is upstream's:
 *
 *   {"event":"add_topic_user","topicUserInfo":{"id":MEMBER,
 *    "openId":UID,"topicId":ID,"userSex":0,"isFollow":1,
 *    "nickName":NAME,"havePhone":0,"topicCode":CODE,
 *    "topicName":NAME,"headImgUrl":"","emailStatus":E}}
 *
 * emailStatus follows OPS_EMAIL_STATUS() (ops/setting.h), as in
 * user/myInfo and topicUser/subscriberList.
 *
 * Joining twice is refused with FG_EEXIST before anything is written:
 * the CLI reports it, the join page says "already in the group".  So is
 * a person the group blacklisted (FG_EPERM, ops/blacklist.h).
 *
 * A group's edits (open API V1.13) go through ops_group_edit, which
 * holds the rules on the fields: the type is 0 (normal) or 2 (public);
 * points topics (1) need pushplus's points, which a self-hosted server
 * does not have, so they are refused, and the price stays 0.  Deleting
 * a group takes its members, blacklist and join links with it; messages
 * already sent stay in their recipients' inboxes.  A join link counts
 * its successful scans (joins and friendships, not repeats) and stops
 * at its scanCount (ops_group_join_link_used).
 */
#include <stdio.h>

#include "ops/blacklist.h"
#include "ops/chan.h"
#include "ops/group.h"
#include "ops/outbox.h"
#include "ops/setting.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"

static int
fail(struct strbuf *err, int rc, const char *what, long long id)
{
	if (err)
		strbuf_setf(err, "%s %lld: %s", what, id, rc == FG_ENOENT ?
		    "not found" : fg_strerror(rc));
	return rc;
}

/* The field rules of add and edit (see the top). */
static int
fields_ok(const struct store_group *t, struct strbuf *err)
{
	if (t->topic_type == OPS_TOPIC_POINTS) {
		if (err)
			strbuf_setf(err, "points topics (topicType 1) need "
			    "pushplus points, which feige does not have");
		return FG_EINVAL;
	}
	if (t->topic_type != 0 && t->topic_type != OPS_TOPIC_PUBLIC) {
		if (err)
			strbuf_setf(err, "topicType is 0 or 2");
		return FG_EINVAL;
	}
	if (t->price_cents < 0 || (t->is_open != 0 && t->is_open != 1)) {
		if (err)
			strbuf_setf(err, "price >= 0, isOpen 0 or 1");
		return FG_EINVAL;
	}
	return 0;
}

int
ops_group_add(struct store *s, struct store_group *t,
    struct strbuf *err)
{
	int rc;

	if ((rc = fields_ok(t, err)) != 0)
		return rc;
	return dir_topic_add(s, t, err);
}

/* ops_group_join() with an err to write to. */
static int
join(struct store *s, struct ops_group_join *j, struct strbuf *err)
{
	struct store_group t;
	struct store_open_person m;
	struct store_user owner;
	const struct store_user *u = j->user;
	int rc, email, phone;

	if ((rc = dir_topic_get(s, j->topic_id, &t)) != 0)
		return fail(err, rc, "group", (long long)j->topic_id);
	if ((rc = ops_block_check(s, OPEN_BLOCK_TOPIC, t.id, u->id,
	    err)) != 0)
		return rc;
	if ((rc = dir_member_find(s, t.id, u->id, &m)) == 0) {
		strbuf_setf(err, "already a member");
		return FG_EEXIST;
	}
	if (rc != FG_ENOENT)
		return fail(err, rc, "member of group", (long long)t.id);
	if ((rc = dir_topic_join(s, t.id, u->id, &j->member_id, err)) != 0)
		return rc;
	if ((rc = dir_user_get_id(s, t.owner_id, &owner)) != 0)
		return fail(err, rc, "owner of group", (long long)t.id);
	if (*owner.callback_url == '\0')
		return 0;
	if ((rc = ops_email_status(s, u->id, &email, err)) != 0 ||
	    (rc = ops_have_phone(s, u->id, &phone, err)) != 0)
		return rc;
	j->queued = 1;
	return ops_outbox_add_for(s, owner.id, "add_topic_user",
	    owner.callback_url,
	    json_pack("{s:s,s:{s:I,"
		      "s:s,s:I,s:i,s:i,s:o,s:i,s:o,s:o,s:s,s:i}}",
		"event", "add_topic_user", "topicUserInfo", "id",
		(json_int_t)j->member_id, "openId", u->uid, "topicId",
		(json_int_t)t.id, "userSex", 0, "isFollow", 1, "nickName",
		jsonstr_new(u->name), "havePhone", phone, "topicCode",
		jsonstr_new(t.code), "topicName", jsonstr_new(t.name),
		"headImgUrl", "", "emailStatus", email),
	    err);
}

int
ops_group_join(struct store *s, struct ops_group_join *j,
    struct strbuf *err)
{
	struct strbuf scratch = STRBUF_INIT;
	int rc;

	j->member_id = 0;
	j->queued = 0;
	rc = join(s, j, err ? err : &scratch);
	strbuf_release(&scratch);
	return rc;
}

int
ops_group_edit(struct store *s, const struct store_group *t,
    struct strbuf *err)
{
	int rc;

	if ((rc = fields_ok(t, err)) != 0)
		return rc;
	return dir_topic_put(s, t, err);
}

int
ops_group_set_open(struct store *s, int64_t topic_id, int is_open,
    struct strbuf *err)
{
	struct store_group t;
	int rc;

	if ((rc = dir_topic_get(s, topic_id, &t)) != 0)
		return fail(err, rc, "group", (long long)topic_id);
	t.is_open = is_open;
	return ops_group_edit(s, &t, err);
}

int
ops_group_delete(struct store *s, int64_t topic_id, struct strbuf *err)
{
	return fg_err(dir_topic_delete(s, topic_id), err, "delete group %lld",
	    (long long)topic_id);
}

int
ops_group_member_remark(struct store *s, int64_t member_id,
    const char *remark, struct strbuf *err)
{
	return fg_err(dir_member_remark(s, member_id, remark), err,
	    "remark on member %lld", (long long)member_id);
}

int
ops_group_join_link_used(struct store *s, const char *code,
    struct strbuf *err)
{
	int rc = dir_join_scan(s, code);

	if (rc == FG_ENOENT && err)
		strbuf_setf(err, "the link has no scans left");
	return rc == FG_ENOENT ? FG_EPERM : fg_err(rc, err, "join link scan");
}

int
ops_group_member_delete(struct store *s, int64_t member_id,
    struct strbuf *err)
{
	int rc;

	if ((rc = dir_member_delete(s, member_id)) != 0)
		return fail(err, rc, "delete member", (long long)member_id);
	return 0;
}

int
ops_group_join_link(struct store *s, struct store_open_join *j,
    long long ttl_s, struct strbuf *err)
{
	int rc;

	if (ttl_s <= 0)
		ttl_s = OPS_JOIN_LINK_DEFAULT_S;
	if (ttl_s > OPS_JOIN_LINK_MAX_S)
		ttl_s = OPS_JOIN_LINK_MAX_S;
	if (j->scan_max == 0 || j->scan_max < -1 ||
	    j->scan_max > OPS_JOIN_SCANS_MAX) {
		if (err)
			strbuf_setf(err, "scanCount is 1 to %d, or -1",
			    OPS_JOIN_SCANS_MAX);
		return FG_EINVAL;
	}
	j->scans = 0;
	ids_token(j->code);
	j->created_ms = clock_ms();
	j->expires_ms = j->created_ms + ttl_s * 1000;
	if ((rc = dir_join_add(s, j)) != 0 && err)
		strbuf_setf(err, "add join link: %s", fg_strerror(rc));
	return rc;
}
