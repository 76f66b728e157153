/*
 * open_key.c: `POST /api/common/openApi/getAccessKey` (compat.md §4).
 *
 * The open API is off per user until `feige user openapi UID --enable
 * --secret S --ip LIST` turns it on.  getAccessKey takes the *user*
 * token (a message token is refused with a clear 903) and the
 * secretKey, checks the caller's IP against the allowlist (403) before
 * anything costly, then the secret against its argon2id hash
 * (crypto_pwhash_str_verify, constant time), and issues a random 128-bit
 * key valid openapi.key_ttl_s (7200).  Only the key's BLAKE2b hash is
 * stored, so keys survive a restart and a copy of the database holds
 * none.  Issuing a key leaves the previous ones valid for
 * openapi.key_overlap_s more (300: the documented overlap).
 *
 * Guessing: after SECRET_FAILS_USER wrong secrets for one user, or
 * SECRET_FAILS_IP from one address, within SECRET_WINDOW_MS, the next
 * attempts are refused (999) before the argon2id check runs, until the
 * window ends.  The argon2id check is also what would let a flood of
 * guesses hold the request threads (64 MiB and tens of milliseconds
 * each), so refusing early protects the other users too.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/fails.h"
#include "api/openapi/open_int.h"
#include "ops/key.h"
#include "util/errors.h"
#include "http/http.h"
#include "util/ids.h"
#include "util/iplist.h"
#include "util/xmalloc.h"

#define SECRET_FAILS_USER	5
#define SECRET_FAILS_IP		20
#define SECRET_WINDOW_MS	(15 * 60 * 1000)

static struct faillimit by_user = FAILLIMIT_INIT(SECRET_FAILS_USER,
    SECRET_WINDOW_MS);
static struct faillimit by_ip = FAILLIMIT_INIT(SECRET_FAILS_IP,
    SECRET_WINDOW_MS);

struct key_op {
	struct api_op		o;
	struct ops_key_add	a;
};

static int
key_apply(struct api_op *op, struct store *s)
{
	struct key_op *k = (struct key_op *)op;

	return ops_key_add(s, &k->a, NULL);
}

static void
key_reply(struct api_op *op, int rc)
{
	struct key_op *k = (struct key_op *)op;
	char data[128];

	if (rc != 0) {
		open_op_err(op, 500, "系统异常，请稍后再试");
		return;
	}
	snprintf(data, sizeof(data), "{\"accessKey\":\"%s\","
	    "\"expiresIn\":%lld}", k->a.key, (long long)k->a.ttl_s);
	open_op_ok(op, OPEN_OK_MSG, data);
	sodium_memzero(k->a.key, sizeof(k->a.key));
	sodium_memzero(data, sizeof(data));
}

static void
access_key(struct open_req *o)
{
	struct store_open_settings st;
	struct store_user mt;
	struct key_op *k;
	char token[64], secret[256], ip[64], ukey[24];
	int rc;

	if (open_arg(o, "token", token, sizeof(token)) == NULL ||
	    open_arg(o, "secretKey", secret, sizeof(secret)) == NULL)
		return open_err(o, 999, "token和secretKey不能为空 (token and "
		    "secretKey are required)");
	rc = dir_user_get(o->db, "token", token, &o->user);
	if (rc == FG_ENOENT) {
		if (dir_token_user(o->db, token, clock_ms(), &mt) == 0)
			return open_err(o, 903, "不支持使用消息token，请使用用户"
			    "token (a message token cannot get an AccessKey)");
		return open_err(o, 903, "无效的用户token");
	}
	if (rc != 0 || dir_settings_get(o->db, o->user.id, &st) != 0)
		return open_store_err(o);
	if (o->user.disabled)
		return open_err(o, 401, OPEN_USER_DISABLED);
	if (!st.enabled)
		return open_err(o, 401, "请求未授权: 开放接口未启用 (the open "
		    "API is disabled for this user)");
	http_client_ip(o->http, ip, sizeof(ip));
	if (!iplist_allowed(st.ips, ip)) {
		char msg[160];

		snprintf(msg, sizeof(msg), "请求IP未授权: %s (IP not on the "
		    "allowlist)", ip);
		return open_err(o, 403, msg);
	}
	snprintf(ukey, sizeof(ukey), "%lld", (long long)o->user.id);
	if (api_fail_blocked(&by_user, "key_user", ukey) ||
	    api_fail_blocked(&by_ip, "key_ip", ip)) {
		sodium_memzero(secret, sizeof(secret));
		return open_err(o, 999, "secretKey错误次数过多，请15分钟后再试");
	}
	if (st.secret_hash[0] == '\0' ||
	    crypto_pwhash_str_verify(st.secret_hash, secret,
	    strlen(secret)) != 0) {
		sodium_memzero(secret, sizeof(secret));
		api_fail_count(&by_user, "key_user", ukey);
		api_fail_count(&by_ip, "key_ip", ip);
		return open_err(o, 999, "secretKey错误 (wrong secretKey)");
	}
	api_fail_clear(&by_user, "key_user", ukey);
	sodium_memzero(secret, sizeof(secret));
	k = xcalloc(1, sizeof(*k));
	k->a.user_id = o->user.id;
	k->a.ttl_s = o->app->conf->oa_key_ttl_s;
	k->a.overlap_s = o->app->conf->oa_key_overlap_s;
	k->o.apply = key_apply;
	k->o.reply = key_reply;
	api_op_submit(o->http, &k->o);
}

void
api_open_access_key(struct http_req *r)
{
	struct open_req o;

	if (open_req_init(&o, r) == 0)
		access_key(&o);
	params_release(&o.q);
}
