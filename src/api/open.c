/*
 * open.c: the pushplus open API's front door (compat.md §4): the
 * AccessKey issue (`/api/common/openApi/getAccessKey`), authentication
 * of every `/api/open/...` call, its routing table, argument access, the
 * envelopes, and parked writer ops (open_int.h).
 *
 * Authentication.  The open API is off per user until `feige user
 * openapi UID --enable --secret S --ip LIST` turns it on.  getAccessKey
 * takes the *user* token (a message token is refused) and the secretKey,
 * checks the caller's IP against the allowlist (403) and the secret
 * against its argon2id hash (crypto_pwhash_str_verify, constant time),
 * and issues a random 128-bit key valid openapi.key_ttl_s (7200).  Only the
 * key's BLAKE2b hash is stored, so keys survive a restart and a copy of
 * the database holds none.  Issuing a key leaves the previous ones valid
 * for openapi.key_overlap_s more (300: the documented overlap).
 *
 * Every /api/open/... call needs header `access-key`; a missing, unknown
 * or expired key, or a user who has since disabled the open API, gets
 * HTTP 200 with code 401, which makes the official SDK fetch a new key
 * and retry.  Unknown paths get code 404 in the same envelope.
 *
 * Handlers run on the MHD thread and read through app_reader(); writes
 * go through the writer thread as parked ops, so a 200 means committed.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/intake.h"
#include "api/open_int.h"
#include "app.h"
#include "core/errors.h"
#include "http/http.h"
#include "util/ids.h"
#include "util/jsonin.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define KEY_HASH_HEX	65

struct route {
	const char	*path;		/* below /api/open/ */
	void		(*fn)(struct open_req *);
};

static const struct route routes[] = {
	{ "message/list", open_message_list },
	{ "message/sendMessageResult", open_message_result },
	{ "user/token", open_user_token },
	{ "user/myInfo", open_user_info },
	{ "user/userLimitTime", open_user_limit },
	{ "user/sendCount", open_user_send_count },
	{ "token/list", open_token_list },
	{ "token/add", open_token_add },
	{ "token/edit", open_token_edit },
	{ "token/deleteToken", open_token_delete },
	{ "setting/getUserSettings", open_setting_get },
	{ "setting/changeDefaultChannel", open_setting_channel },
	{ "setting/changeRecevieLimit", open_setting_recevie },
	{ "setting/changeIsSend", open_setting_is_send },
	{ "setting/changeOpenMessageType", open_setting_msg_type },
	{ "setting/extension", open_setting_extension },
	{ "topic/list", open_topic_list },
	{ "topic/detail", open_topic_detail },
	{ "topic/joinTopicDetail", open_topic_join_detail },
	{ "topic/add", open_topic_add },
	{ "topic/qrCode", open_topic_qrcode },
	{ "topic/exitTopic", open_topic_exit },
	{ "topicUser/subscriberList", open_topic_users },
	{ "topicUser/deleteTopicUser", open_topic_user_delete },
	{ "friend/getQrCode", open_friend_qrcode },
	{ "friend/list", open_friend_list },
	{ "friend/deleteFriend", open_friend_delete },
	{ "friend/editRemark", open_friend_remark },
	{ "pre/list", open_pre_list },
	{ "pre/detail", open_pre_detail },
	{ "pre/add", open_pre_add },
	{ "pre/edit", open_pre_edit },
	{ "pre/delete", open_pre_delete },
	{ "pre/test", open_pre_test },
	{ NULL, NULL }
};

static void
key_hash(const char *key, char out[KEY_HASH_HEX])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)key,
	    strlen(key), NULL, 0);
	sodium_bin2hex(out, KEY_HASH_HEX, h, sizeof(h));
}

/* ---- envelopes ---- */

void
open_ok(struct open_req *o, const char *msg, const char *data_json)
{
	api_pp_reply(o->http, 200, 200, msg, data_json);
}

void
open_ok_str(struct open_req *o, const char *msg, const char *data)
{
	api_pp_reply_str(o->http, 200, msg, data);
}

void
open_err(struct open_req *o, int code, const char *msg)
{
	api_pp_reply(o->http, 200, code, msg, NULL);
}

void
open_store_err(struct open_req *o)
{
	open_err(o, 500, "系统异常，请稍后再试");
}

void
open_page_reply(struct open_req *o, const char *msg,
    const struct open_page *pg, int64_t total, const char *list_json)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "{\"pageNum\":%d,\"pageSize\":%d,\"total\":%lld,"
	    "\"pages\":%lld,\"list\":", pg->current, pg->size,
	    (long long)total, (long long)open_page_count(total, pg->size));
	strbuf_addstr(&sb, list_json);
	strbuf_addch(&sb, '}');
	open_ok(o, msg, sb.buf);
	strbuf_release(&sb);
}

/* ---- arguments ---- */

const char *
open_arg(struct open_req *o, const char *name, char *buf, size_t size)
{
	const char *v = params_get(&o->q, name, NULL);

	if (v == NULL || *v == '\0')
		return NULL;
	snprintf(buf, size, "%s", v);
	return buf;
}

static int
parse_int(const char *s, long long *out)
{
	char *end;
	long long v;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return FG_ENOENT;
	v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end != '\0' || end == s)
		return FG_EINVAL;
	*out = v;
	return 0;
}

int
open_arg_int(struct open_req *o, const char *name, long long *out)
{
	char buf[32];
	const char *v = params_get(&o->q, name, NULL);

	if (v == NULL || *v == '\0')
		return FG_ENOENT;
	if (strlen(v) >= sizeof(buf))
		return FG_EINVAL;
	snprintf(buf, sizeof(buf), "%s", v);
	return parse_int(buf, out);
}

void
open_arg_page(struct open_req *o, struct open_page *pg)
{
	long long cur = 0, size = 0;

	if (open_arg_int(o, "current", &cur) != 0)
		cur = 0;
	if (open_arg_int(o, "pageSize", &size) != 0)
		size = 0;
	open_page_norm(cur, size, pg);
}

int
open_arg_param_int(struct open_req *o, const char *name, long long *out)
{
	const char *p = params_get(&o->q, "params", NULL);
	json_t *j, *v;
	int rc = FG_ENOENT;

	if (p && *p == '{' && (j = jsonin_parse(p, strlen(p))) != NULL) {
		v = json_object_get(j, name);
		if (json_is_integer(v)) {
			*out = json_integer_value(v);
			rc = 0;
		} else if (json_is_string(v)) {
			rc = parse_int(json_string_value(v), out);
		} else if (v && !json_is_null(v)) {
			rc = FG_EINVAL;
		}
		json_decref(j);
		if (rc != FG_ENOENT)
			return rc;
	}
	return open_arg_int(o, name, out);
}

/* ---- parked writer ops ---- */

static int
op_apply(struct writer_op *op, struct store *s,
    const struct store_backend *be)
{
	struct open_op *o = (struct open_op *)op;

	return o->apply(o, s, be);
}

static void
op_done(struct writer_op *op, int rc)
{
	struct open_op *o = (struct open_op *)op;
	struct http_req *r = o->http;

	o->reply(o, rc);
	atomic_fetch_sub(&r->app->inflight, 1);
	http_req_unpark(r);
}

static void
op_free(void *arg)
{
	struct open_op *o = arg;

	if (o->release)
		o->release(o);
	free(o);
}

static void
op_submit(struct http_req *r, struct open_op *o)
{
	o->http = r;
	o->op.apply = op_apply;
	o->op.done = op_done;
	r->hstate = o;
	r->hstate_free = op_free;
	atomic_fetch_add(&r->app->inflight, 1);
	http_req_park(r);
	writer_submit(r->app->writer, &o->op);
}

void
open_op_submit(struct open_req *q, struct open_op *o)
{
	o->user_id = q->user.id;
	op_submit(q->http, o);
}

void
open_op_ok(struct open_op *o, const char *msg, const char *data_json)
{
	api_pp_reply(o->http, 200, 200, msg, data_json);
}

void
open_op_err(struct open_op *o, int code, const char *msg)
{
	api_pp_reply(o->http, 200, code, msg, NULL);
}

/* ---- requests ---- */

/* Query and body parameters; 0, or replies 999 and returns -1. */
static int
req_init(struct open_req *o, struct http_req *r)
{
	int rc;

	memset(o, 0, sizeof(*o));
	o->http = r;
	o->app = r->app;
	o->be = r->app->be;
	params_init(&o->q, LIM_PARAMS);
	if (intake_query(r, &o->q) != 0) {
		open_err(o, 999, "参数过多 (too many parameters)");
		return -1;
	}
	if (r->body_too_big) {
		open_err(o, 999, "请求体过大 (request body too large)");
		return -1;
	}
	if ((rc = intake_body(r, &o->q, NULL)) != 0) {
		open_err(o, 999, rc == FG_ETOOBIG ? "参数过多 (too many "
		    "parameters)" : "请求体不是合法的JSON (malformed JSON "
		    "body)");
		return -1;
	}
	if ((o->db = app_reader(r->app)) == NULL) {
		open_store_err(o);
		return -1;
	}
	return 0;
}

/* The user of the access-key header; 0, or replies and returns -1. */
static int
req_auth(struct open_req *o)
{
	const char *key = http_header(o->http, "access-key");
	struct store_open_settings st;
	char hash[KEY_HASH_HEX];
	int64_t uid;
	int rc;

	if (key == NULL || *key == '\0') {
		open_err(o, 401, "请求未授权: 缺少access-key请求头 (missing "
		    "access-key header)");
		return -1;
	}
	if (strlen(key) > 128) {
		open_err(o, 401, "请求未授权: access-key无效 (invalid "
		    "access-key)");
		return -1;
	}
	key_hash(key, hash);
	rc = o->be->oapi->key_user(o->db, hash, clock_ms(), &uid);
	if (rc == FG_ENOENT) {
		open_err(o, 401, "请求未授权: access-key无效或已过期 (invalid "
		    "or expired access-key)");
		return -1;
	}
	if (rc != 0 || o->be->user_get_id(o->db, uid, &o->user) != 0 ||
	    o->be->oapi->settings_get(o->db, uid, &st) != 0) {
		open_store_err(o);
		return -1;
	}
	if (!st.enabled) {
		open_err(o, 401, "请求未授权: 开放接口未启用 (the open API is "
		    "disabled for this user)");
		return -1;
	}
	return 0;
}

void
api_open(struct http_req *r, const char *rest)
{
	struct open_req o;
	const struct route *rt;
	size_t n = strlen(rest);

	/* "message/list/" is "message/list" (some scripts add the slash) */
	if (n && rest[n - 1] == '/')
		n--;
	for (rt = routes; rt->path; rt++)
		if (strlen(rt->path) == n && strncmp(rest, rt->path, n) == 0)
			break;
	if (req_init(&o, r) == 0 && req_auth(&o) == 0) {
		if (rt->fn)
			rt->fn(&o);
		else
			open_err(&o, 404, "接口不存在 (not found)");
	}
	params_release(&o.q);
}

/* ---- getAccessKey ---- */

struct key_op {
	struct open_op	o;
	char		key[ID_TOKEN_LEN + 1];
	char		hash[KEY_HASH_HEX];
	int64_t		now;
	int		ttl_s;
	int		overlap_s;
};

static int
key_apply(struct open_op *op, struct store *s, const struct store_backend *be)
{
	struct key_op *k = (struct key_op *)op;

	return be->oapi->key_add(s, op->user_id, k->hash, k->now,
	    k->now + k->ttl_s * 1000LL, k->now + k->overlap_s * 1000LL);
}

static void
key_reply(struct open_op *op, int rc)
{
	struct key_op *k = (struct key_op *)op;
	char data[128];

	if (rc != 0) {
		open_op_err(op, 500, "系统异常，请稍后再试");
		return;
	}
	snprintf(data, sizeof(data), "{\"accessKey\":\"%s\","
	    "\"expiresIn\":%lld}", k->key, (long long)k->ttl_s);
	open_op_ok(op, OPEN_OK_MSG, data);
	sodium_memzero(k->key, sizeof(k->key));
}

static void
access_key(struct open_req *o)
{
	struct store_open_settings st;
	struct store_user mt;
	struct key_op *k;
	char token[64], secret[256], ip[64];
	int rc;

	if (open_arg(o, "token", token, sizeof(token)) == NULL ||
	    open_arg(o, "secretKey", secret, sizeof(secret)) == NULL)
		return open_err(o, 999, "token和secretKey不能为空 (token and "
		    "secretKey are required)");
	rc = o->be->user_get(o->db, "token", token, &o->user);
	if (rc == FG_ENOENT) {
		if (o->be->oapi->token_user(o->db, token, clock_ms(), &mt) == 0)
			return open_err(o, 903, "不支持使用消息token，请使用用户"
			    "token (a message token cannot get an AccessKey)");
		return open_err(o, 903, "无效的用户token");
	}
	if (rc != 0 || o->be->oapi->settings_get(o->db, o->user.id, &st) != 0)
		return open_store_err(o);
	if (!st.enabled)
		return open_err(o, 401, "请求未授权: 开放接口未启用 (the open "
		    "API is disabled for this user)");
	http_client_ip(o->http, ip, sizeof(ip));
	if (!open_ip_allowed(st.ips, ip)) {
		char msg[160];

		snprintf(msg, sizeof(msg), "请求IP未授权: %s (IP not on the "
		    "allowlist)", ip);
		return open_err(o, 403, msg);
	}
	if (st.secret_hash[0] == '\0' ||
	    crypto_pwhash_str_verify(st.secret_hash, secret,
	    strlen(secret)) != 0) {
		sodium_memzero(secret, sizeof(secret));
		return open_err(o, 999, "secretKey错误 (wrong secretKey)");
	}
	sodium_memzero(secret, sizeof(secret));
	k = xcalloc(1, sizeof(*k));
	ids_token(k->key);
	key_hash(k->key, k->hash);
	k->now = clock_ms();
	k->ttl_s = o->app->conf.oa_key_ttl_s;
	k->overlap_s = o->app->conf.oa_key_overlap_s;
	k->o.apply = key_apply;
	k->o.reply = key_reply;
	open_op_submit(o, &k->o);
}

void
api_open_access_key(struct http_req *r)
{
	struct open_req o;

	if (req_init(&o, r) == 0)
		access_key(&o);
	params_release(&o.q);
}
