/*
 * open_join.c: the join links behind the open API's QR codes.
 *
 *   GET /join/{code}        the group or the owner, and a button
 *   POST /join/{code}       (the button) join the group (topic/qrCode)
 *                           or become the owner's friend (friend/getQrCode)
 *   GET /join/{code}.svg    the QR code of that page (SVG; .png: PNG,
 *                           api/qr.c)
 *
 * A link is a random code in open_joins with an expiry; an unknown or
 * expired code is a 404 page.  The person is identified like on the
 * WxPusher follow pages (their session, or a user token in the
 * request); GET changes nothing (link previews and scanners open links
 * too), the POST carries the page's CSRF token, and only the "create my
 * inbox" button of someone not signed in creates a feige user (at most
 * person.new_per_hour per address) and signs them in (api/person.c).
 * Joining and its callback (add_topic_user or add_friend, to the
 * owner's default callback URL) are one writer op around the
 * operations `feige group join` and `feige friend add` call too
 * (ops/group.h, ops/friend.h); the page is rendered after the commit.
 * Joining twice is not an error here and fires nothing.
 *
 * Since open API V1.11 a link may allow a number of successful scans
 * (scanCount): a join or a new friendship counts, a repeat or one's own
 * friend link does not, and the count is taken in the join's
 * transaction, so the last allowed scan and the refusal after it cannot
 * both succeed.  A used-up link answers 410 with a page saying so; a
 * person the group or the owner blacklisted (ops/blacklist.h) gets 403
 * and a page saying why, on the GET already when they are known.
 *
 * A group also has one permanent link, the one topic/detail's
 * qrCodeImgUrl shows (upstream, the group's own QR code next to the
 * temporary ones of topic/qrCode): "p{topicId}-{mac}", where mac is 16
 * hex digits of BLAKE2b keyed with the owner's user token over the
 * group id.  It needs no row (a GET of topic/detail writes nothing) and
 * cannot be guessed; it lives as long as the group and the owner's
 * token, so a token reset retires it along with everything else the
 * old token opened.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/intake.h"
#include "api/ctx.h"
#include "api/openapi/open_int.h"
#include "api/tokens.h"
#include "channel/wechat.h"
#include "util/errors.h"
#include "http/http.h"
#include "ops/blacklist.h"
#include "ops/friend.h"
#include "ops/group.h"
#include "ops/session.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"
#include "store/readers.h"


struct join_op {
	struct api_op		 o;	/* first */
	struct store_open_join	 j;
	struct store_group	 t;
	struct store_user	 owner;
	struct store_user	 u;
	struct api_who		 who;
	struct ops_session_new	 sess;	/* !known: the new person's */
	char			 ip[46];
	int			 known;
	int			 existed;
	int			 self;
	int			 refused;	/* enum refusal */
};

/* Why a join link does not let this person in. */
enum refusal { R_NONE, R_GONE, R_SPENT, R_BLOCKED };

static int
spent(const struct store_open_join *j)
{
	return j->scan_max >= 0 && j->scans >= j->scan_max;
}

/* The page of a refusal of a link of kind. */
static void
refuse(struct http_req *r, int kind, int why)
{
	if (why == R_BLOCKED)
		api_notice_page(r, 403, "无法加入", kind == OPEN_JOIN_TOPIC ?
		    "你已被群主加入黑名单，无法加入该群组。(blacklisted by the "
		    "group owner)" : "你们之间有一方已将对方加入黑名单，无法添加"
		    "好友。(blacklisted)");
	else if (why == R_SPENT)
		api_notice_page(r, 410, "二维码已失效", "这个二维码的扫码次数已"
		    "用完。(this link's scanCount is used up)");
	else
		api_notice_page(r, 404, "二维码已失效", "这个链接不存在或已过期。"
		    "(link expired or unknown)");
}

/* A group's permanent link ("p{id}-{mac}"; stored codes are hex). */
static int
permanent(const char *code)
{
	return code[0] == 'p';
}

static int
join_apply(struct api_op *op, struct store *s)
{
	struct join_op *k = (struct join_op *)op;
	struct ops_group_join gj;
	struct ops_friend_add fa;
	struct strbuf err = STRBUF_INIT;
	int rc;

	k->existed = k->self = k->refused = 0;
	if (!permanent(k->j.code) && (dir_join_get(s, k->j.code, &k->j) != 0 ||
	    k->j.expires_ms < clock_ms()))	/* as committed */
		k->refused = R_GONE;
	else if (spent(&k->j))
		k->refused = R_SPENT;
	if (k->refused)
		return 0;
	if (!k->known) {
		rc = dir_user_add(s, "pushplus follower", 0, &k->u, &err);
		strbuf_release(&err);
		k->sess.user_id = k->u.id;
		if (rc != 0 || (rc = ops_session_new(s, &k->sess, NULL)) != 0)
			return rc;
	}
	if (k->j.kind == OPEN_JOIN_TOPIC) {
		gj.topic_id = k->t.id;
		gj.user = &k->u;
		rc = ops_group_join(s, &gj, NULL);
		op->cb_added = rc == 0 && gj.queued;
	} else if (k->u.id == k->owner.id) {
		k->self = 1;
		return 0;
	} else {
		fa.owner_id = k->owner.id;
		fa.user = &k->u;
		fa.qr_code = k->j.content;
		rc = ops_friend_add(s, &fa, NULL);
		op->cb_added = rc == 0 && fa.queued;
	}
	if (rc == FG_EPERM) {	/* a blacklist: nothing was written */
		k->refused = R_BLOCKED;
		return 0;
	}
	if (rc == FG_EEXIST)	/* joining twice fires nothing */
		k->existed = 1;
	if (rc == 0 && !permanent(k->j.code))
		rc = ops_group_join_link_used(s, k->j.code, NULL);
	return rc == FG_EEXIST ? 0 : rc;
}

static void
join_reply(struct api_op *op, int rc)
{
	struct join_op *k = (struct join_op *)op;
	struct http_req *r = op->http;
	char text[LIM_NAME_BYTES * 2 + OPEN_TEXT_MAX + 256];

	if (rc != 0) {
		api_notice_page(r, 500, "出错了", "系统异常，请稍后再试。");
	} else if (k->refused) {
		refuse(r, k->j.kind, k->refused);
	} else {
		if (k->j.kind == OPEN_JOIN_TOPIC)
			snprintf(text, sizeof(text), "%s「%s」。%s%s",
			    k->existed ? "你已在群组" : "已加入群组", k->t.name,
			    k->t.receipt_message, k->known ? "" :
			    " 消息会出现在你的收件箱 /inbox。");
		else
			snprintf(text, sizeof(text), "%s「%s」%s", k->self ?
			    "这是你自己的好友码" : k->existed ? "你已是好友:" :
			    "已成为好友:", k->owner.name, k->known ? "" :
			    " 消息会出现在你的收件箱 /inbox。");
		api_notice_page(r, 200, k->j.kind == OPEN_JOIN_TOPIC ? "加入群组" :
		    "添加好友", text);
		if (!k->known)
			api_session_cookie(r, k->sess.id);
	}
}

void
open_join_permanent(const char *owner_token, int64_t topic,
    char code[OPEN_JOIN_CODE_MAX])
{
	unsigned char mac[8];
	char msg[32], hex[2 * sizeof(mac) + 1];
	int n = snprintf(msg, sizeof(msg), "topic:%lld", (long long)topic);

	crypto_generichash(mac, sizeof(mac), (const unsigned char *)msg,
	    (size_t)n, (const unsigned char *)owner_token,
	    strlen(owner_token));
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	snprintf(code, OPEN_JOIN_CODE_MAX, "p%lld-%s", (long long)topic, hex);
}

/* The join link of code: a stored one, or a group's permanent one. */
static int
join_get(struct store *db, const char *code, struct join_op *k)
{
	char want[OPEN_JOIN_CODE_MAX];
	long long id;

	if (!permanent(code)) {
		if (dir_join_get(db, code, &k->j) != 0 ||
		    k->j.expires_ms < clock_ms())
			return -1;
		return 0;
	}
	if ((id = strtoll(code + 1, NULL, 10)) <= 0 ||
	    dir_topic_get(db, id, &k->t) != 0 ||
	    dir_user_get_id(db, k->t.owner_id, &k->owner) != 0)
		return -1;
	open_join_permanent(k->owner.token, id, want);
	if (!ids_equal(want, code))
		return -1;
	memset(&k->j, 0, sizeof(k->j));
	snprintf(k->j.code, sizeof(k->j.code), "%s", code);
	k->j.kind = OPEN_JOIN_TOPIC;
	k->j.owner_id = k->t.owner_id;
	k->j.topic_id = id;
	k->j.expires_ms = INT64_MAX;
	k->j.scan_max = -1;		/* no scan limit, no row to count in */
	return 0;
}

/*
 * GET of a join link: what a POST would do, without doing it (link
 * previews and scanners open links too), and the button that posts it.
 */
static void
confirm(struct http_req *r, const struct join_op *k, const char *code)
{
	struct render_wx_follow rf;
	struct strbuf sb = STRBUF_INIT, title = STRBUF_INIT,
	    action = STRBUF_INIT, img = STRBUF_INIT, signin = STRBUF_INIT;
	int topic = k->j.kind == OPEN_JOIN_TOPIC;
	char csrf[33];

	if (topic)
		strbuf_addf(&title, "加入群组「%s」", k->t.name);
	else
		strbuf_addf(&title, "添加「%s」为好友", k->owner.name);
	strbuf_addf(&action, "/join/%s", code);
	strbuf_addf(&img, "/join/%s.png", code);
	memset(&rf, 0, sizeof(rf));
	rf.app_name = title.buf;
	rf.description = topic ? k->t.introduction : NULL;
	rf.contact = topic ? k->t.contact : NULL;
	rf.action = action.buf;
	rf.qr_img = img.buf;
	rf.button = topic ? "加入 (join)" : "添加好友 (add friend)";
	api_csrf_token(r, &k->who, csrf);
	rf.csrf = csrf;
	if (k->known) {
		rf.uid = k->u.uid;
		rf.wechat_me = wechat_enabled(); /* WeChat bind (api/wechat) */
	} else {
		rf.anon = 1;
		strbuf_addf(&signin, "/login?next=/join/%s", code);
		rf.signin = signin.buf;
	}
	render_wx_follow_page(&sb, &rf);
	api_html_page(r, 200, &sb);
	strbuf_release(&sb);
	strbuf_release(&title);
	strbuf_release(&action);
	strbuf_release(&img);
	strbuf_release(&signin);
}

/*
 * What a GET shows instead of the button: a used-up link, or a known
 * person the group or the owner blacklisted.
 */
static int
refusal(struct store *db, const struct join_op *k)
{
	int kind = k->j.kind == OPEN_JOIN_TOPIC ? OPEN_BLOCK_TOPIC :
	    OPEN_BLOCK_FRIEND;

	if (spent(&k->j))
		return R_SPENT;
	if (k->known && ops_block_check(db, kind, kind == OPEN_BLOCK_TOPIC ?
	    k->t.id : k->owner.id, k->u.id, NULL) == FG_EPERM)
		return R_BLOCKED;
	return R_NONE;
}

/* The POST's CSRF token, and for someone new the "create" gate. */
static int
join_gate(struct http_req *r, struct join_op *k)
{
	struct params p;
	int rc;

	params_init(&p, LIM_PARAMS);
	(void)intake_body(r, &p, NULL);
	rc = api_csrf_check(r, &p, k->who.how == API_WHO_TOKEN, 0);
	if (rc == 0 && !k->known && (rc = api_person_new_gate(r, &p)) == 0)
		api_session_fill(r, &k->sess, k->ip);
	params_release(&p);
	return rc;
}

void
api_open_join(struct http_req *r, const char *name)
{
	struct store *db = store_reader();
	struct join_op *k = xcalloc(1, sizeof(*k));
	int why;
	char code[40];
	int img = api_qr_name(name, code, sizeof(code));
	struct strbuf link = STRBUF_INIT;

	if (img == API_QR_NONE && snprintf(code, sizeof(code), "%s", name) >=
	    (int)sizeof(code))
		goto nf;
	if (db == NULL)
		goto nf;
	if (join_get(db, code, k) != 0 ||
	    dir_user_get_id(db, k->j.owner_id, &k->owner) != 0 ||
	    (k->j.kind == OPEN_JOIN_TOPIC &&
	    dir_topic_get(db, k->j.topic_id, &k->t) != 0))
		goto nf;
	if (img != API_QR_NONE) {
		strbuf_addf(&link, "%s/join/%s", api_ctx(r)->base_url, code);
		api_qr_reply(r, link.buf, img);
		strbuf_release(&link);
		free(k);
		return;
	}
	k->known = api_person_who(r, &k->u, &k->who) == 0;
	if (strcmp(r->method, "POST") != 0) {
		if (strcmp(r->method, "GET") != 0 &&
		    strcmp(r->method, "HEAD") != 0)
			api_notice_page(r, 405, "不支持", "请使用页面上的按钮。");
		else if ((why = refusal(db, k)) != R_NONE)
			refuse(r, k->j.kind, why);
		else
			confirm(r, k, code);
		free(k);
		return;
	}
	if (join_gate(r, k) != 0) {
		free(k);
		return;
	}
	k->o.apply = join_apply;
	k->o.reply = join_reply;
	api_op_submit(r, &k->o);
	return;
nf:
	free(k);
	if (img != API_QR_NONE)
		api_pp_reply(r, 404, 404, "二维码不存在或已过期 (not found)", NULL);
	else
		refuse(r, 0, R_GONE);
}
