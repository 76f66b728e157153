/*
 * friend.c: pushplus friends (friend.h), shared by the open API (the
 * friend join page, deleteFriend, editRemark; api/openapi/) and the
 * CLI (`feige friend add`).
 *
 * Befriending tells the owner through add_friend, posted to the owner's
 * default callback URL; the row goes to the outbox in the same
 * transaction as the friendship (ops/outbox.h).  The body is upstream's:
 *
 *   {"event":"add_friend","qrCode":CONTENT,"friendInfo":{
 *    "token":FRIEND_TOKEN,"friendId":ID,"isFollow":1,"nickName":NAME,
 *    "havePhone":0,"createTime":"yyyy-MM-dd HH:mm:ss","emailStatus":E}}
 *
 * friendId is the friend's user number, the one friend/list shows as
 * friendId and friend/deleteFriend takes; emailStatus follows
 * OPS_EMAIL_STATUS() (ops/setting.h).  qrCode is the content given to
 * friend/getQrCode when the friend came through that link ("" if none),
 * and absent otherwise (`feige friend add`, upstream's V1.7 body).
 *
 * A user cannot befriend themselves, nor twice, nor across a blacklist
 * entry either way (ops/blacklist.h): all are refused before anything
 * is written, so the callers decide what to show.
 */
#include "ops/blacklist.h"
#include "ops/chan.h"
#include "ops/friend.h"
#include "ops/outbox.h"
#include "ops/setting.h"
#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"

/* ops_friend_add() with an err to write to. */
static int
add(struct store *s, struct ops_friend_add *a, struct strbuf *err)
{
	struct store_open_person p;
	struct store_user owner;
	const struct store_user *u = a->user;
	json_t *body, *info;
	char when[20];
	int rc, email, phone;

	if (u->id == a->owner_id) {
		strbuf_setf(err, "a user cannot befriend themselves");
		return FG_EINVAL;
	}
	if ((rc = ops_block_check(s, OPEN_BLOCK_FRIEND, a->owner_id, u->id,
	    err)) != 0)
		return rc;
	if ((rc = dir_friend_find(s, a->owner_id, u->id, &p)) == 0) {
		strbuf_setf(err, "already friends");
		return FG_EEXIST;
	}
	if (rc != FG_ENOENT || (rc = dir_user_get_id(s, a->owner_id,
	    &owner)) != 0) {
		strbuf_setf(err, "friend of user %lld: %s",
		    (long long)a->owner_id, fg_strerror(rc));
		return rc;
	}
	if ((rc = dir_friend_add(s, owner.id, u->id, &a->f, err)) != 0)
		return rc;
	if (*owner.callback_url == '\0')
		return 0;
	if ((rc = ops_email_status(s, u->id, &email, err)) != 0 ||
	    (rc = ops_have_phone(s, u->id, &phone, err)) != 0)
		return rc;
	a->queued = 1;
	clock_format_cn(a->f.created_ms, when);
	info = json_pack("{s:s,s:I,s:i,s:o,s:i,s:s,s:i}", "token",
	    a->f.token, "friendId", (json_int_t)u->id, "isFollow", 1,
	    "nickName", jsonstr_new(u->name), "havePhone", phone, "createTime",
	    when, "emailStatus", email);
	body = a->qr_code ? json_pack("{s:s,s:o,s:o}", "event", "add_friend",
	    "qrCode", jsonstr_new(a->qr_code), "friendInfo", info) :
	    json_pack("{s:s,s:o}", "event", "add_friend", "friendInfo", info);
	return ops_outbox_add_for(s, owner.id, "add_friend",
	    owner.callback_url, body, err);
}

int
ops_friend_add(struct store *s, struct ops_friend_add *a,
    struct strbuf *err)
{
	struct strbuf scratch = STRBUF_INIT;
	int rc;

	a->queued = 0;
	rc = add(s, a, err ? err : &scratch);
	strbuf_release(&scratch);
	return rc;
}

int
ops_friend_delete(struct store *s, int64_t id, struct strbuf *err)
{
	return fg_err(dir_friend_delete(s, id), err,
	    "delete friend %lld", (long long)id);
}

int
ops_friend_remark(struct store *s, int64_t id, const char *remark,
    struct strbuf *err)
{
	return fg_err(dir_friend_remark(s, id, remark), err,
	    "remark on friend %lld", (long long)id);
}
