/*
 * devices.c: the device API (issue 10 §3), where a person's browser,
 * phone app or page registers where it wants notifications pushed:
 *
 *   GET    /api/webpush/vapid   {"publicKey":"<base64url>"}, no token:
 *                               the page's applicationServerKey
 *   POST   /api/devices         {"type":"webpush","subscription":{...}}
 *                               (or bark server/key, email address,
 *                               unifiedpush endpoint) -> data {"id":N}
 *   GET    /api/devices         data [ {id, type, ...}, ... ]
 *   DELETE /api/devices/{id}    one of one's own devices
 *
 * The person is who api_person() finds: the session of the person
 * pages (feige_session), or their user token (Authorization: Bearer).  Answers
 * are in the pushplus envelope (code 200 "请求成功"; 401 without a
 * person, 999 for a refused input, 404 for a device that is not theirs,
 * which is not told apart from one that does not exist).
 *
 * The checks are ops_device_check()'s, run here before the write so a
 * refused device costs no commit; the cap of OPS_DEVICE_MAX is counted
 * inside the writer's transaction (ops_device_add).  A UnifiedPush
 * endpoint must also pass the discovery check (channel/up_discover.c:
 * GET the endpoint, the UnifiedPush discovery JSON back): an outbound
 * request that may take channel.timeout_ms, so the request is parked
 * and the check runs on a thread of its own, which then refuses it or
 * hands the op to the writer (adding such a device is rare; a thread
 * per add is simpler than a queue and never blocks the HTTP thread).  The subscription's
 * auth secret never leaves the server again: the list shows what tells
 * devices apart, not the keys.
 */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "channel/push.h"
#include "channel/up_discover.h"
#include "channel/webpush_crypto.h"
#include "http/http.h"
#include "ops/device.h"
#include "store/readers.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/jsonin.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

struct device_op {
	struct api_op base; /* first */
	struct store_device d;
	int64_t user;
	int64_t id; /* DELETE */
	struct strbuf err;
};

void
api_webpush_vapid(struct http_req *r)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "{\"publicKey\":\"");
	webpush_b64_add(&sb, api_ctx(r)->vapid->pub, WEBPUSH_PUBLIC_LEN);
	strbuf_addstr(&sb, "\"}");
	http_reply(r, 200, "application/json;charset=UTF-8", sb.buf, sb.len);
	strbuf_release(&sb);
}

static void
device_refuse(struct http_req *r, int rc, const char *msg)
{
	if (rc == FG_ENOENT)
		api_pp_reply(r, 404, 404, "设备不存在 (no such device)", NULL);
	else if (rc == FG_EINVAL || rc == FG_ETOOBIG)
		api_pp_reply(r, 200, 999, msg, NULL);
	else
		api_pp_reply(r, 500, 500, "服务器内部错误 (store failure)",
		    NULL);
}

static void
device_op_release(struct api_op *o)
{
	strbuf_release(&((struct device_op *)o)->err);
}

static struct device_op *
device_op_new(struct http_req *r, int64_t user)
{
	struct device_op *o = xcalloc(1, sizeof(*o));

	strbuf_init(&o->err, 0);
	o->base.http = r;
	o->base.release = device_op_release;
	o->user = user;
	return o;
}

static int
device_add_apply(struct api_op *o, struct store *s)
{
	struct device_op *d = (struct device_op *)o;

	return ops_device_add(s, &d->d, clock_ms(), &d->err);
}

/* A failed apply rolls back only the op: the batch goes on. */
static void
device_add_reply(struct api_op *o, int rc)
{
	struct device_op *d = (struct device_op *)o;
	char data[48];

	if (rc != 0) {
		device_refuse(o->http, rc, d->err.buf);
		return;
	}
	if (*d->d.verify) /* the confirmation mail was queued */
		push_kick(api_ctx(o->http)->pushes);
	snprintf(data, sizeof(data), "{\"id\":%lld}", (long long)d->d.id);
	api_pp_reply(o->http, 200, 200, "请求成功", data);
}

/* A string member of o, or NULL. */
static const char *
device_str(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* The discovery check's thread: refuse, or on to the writer. */
static void *
device_discover(void *arg)
{
	struct device_op *o = arg;
	struct http_req *r = o->base.http;

	if (up_discover(o->d.endpoint, &o->err) != 0) {
		api_pp_reply(r, 200, 999, o->err.buf, NULL);
		api_unpark(r);	/* o is freed with the request */
	} else
		api_op_submit_parked(&o->base);
	return NULL;
}

static void
device_discover_start(struct http_req *r, struct device_op *o)
{
	pthread_attr_t at;
	pthread_t th;
	int rc;

	api_op_park(r, &o->base);
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&th, &at, device_discover, o);
	pthread_attr_destroy(&at);
	if (rc != 0) {
		api_pp_reply(r, 503, 500, "服务器繁忙 (cannot start the "
		    "UnifiedPush discovery check)", NULL);
		api_unpark(r);
	}
}

static void
device_add(struct http_req *r, int64_t user)
{
	struct ops_device_in in;
	struct device_op *o;
	json_t *j, *sub, *keys;
	struct strbuf err = STRBUF_INIT;

	if ((j = jsonin_parse(r->body.buf, r->body.len)) == NULL ||
	    !json_is_object(j)) {
		json_decref(j);
		api_pp_reply(r, 200, 999,
		    "请求体须为JSON对象 (the body must "
		    "be a JSON object)",
		    NULL);
		return;
	}
	if ((sub = json_object_get(j, "subscription")) == NULL)
		sub = j;
	keys = json_object_get(sub, "keys");
	memset(&in, 0, sizeof(in));
	in.type = device_str(j, "type");
	in.endpoint = device_str(sub, "endpoint");
	in.p256dh = device_str(keys, "p256dh");
	in.auth = device_str(keys, "auth");
	in.server = device_str(j, "server");
	in.key = device_str(j, "key");
	in.address = device_str(j, "address");
	in.allow_private = api_ctx(r)->conf->ch_allow_private;
	in.mail_ok = *api_ctx(r)->conf->mail_host != '\0';
	in.keys_ok = webpush_keys_ok;
	o = device_op_new(r, user);
	if (ops_device_check(&in, &o->d, &err) != 0) {
		json_decref(j);
		device_op_release(&o->base);
		free(o);
		api_pp_reply(r, 200, 999, err.buf, NULL);
		strbuf_release(&err);
		return;
	}
	json_decref(j);
	strbuf_release(&err);
	o->d.user_id = user;
	o->base.apply = device_add_apply;
	o->base.reply = device_add_reply;
	if (strcmp(o->d.type, "unifiedpush") == 0)
		device_discover_start(r, o);
	else
		api_op_submit(r, &o->base);
}

static void
device_json(struct strbuf *sb, const char *name, const char *v)
{
	strbuf_addf(sb, ",\"%s\":", name);
	strbuf_add_json_str(sb, v, strlen(v));
}

/* What the device's service said to its last settled push, or nulls. */
static void
device_last_push(struct strbuf *sb, int64_t id)
{
	struct store_push p;

	if (spool_push_last(store_reader(), id, &p) != 0) {
		strbuf_addstr(sb,
		    ",\"lastStatus\":null,\"lastError\":null,"
		    "\"lastPushMs\":null");
		return;
	}
	device_json(sb, "lastStatus", p.status);
	device_json(sb, "lastError", p.error);
	strbuf_addf(sb, ",\"lastPushMs\":%lld", (long long)p.updated_ms);
}

static int
device_list_one(void *arg, const struct store_device *d)
{
	struct strbuf *sb = arg;

	strbuf_addf(sb, "%s{\"id\":%lld", sb->len > 1 ? "," : "",
	    (long long)d->id);
	device_json(sb, "type", d->type);
	if (strcmp(d->type, "bark") == 0) {
		device_json(sb, "server", d->endpoint);
		device_json(sb, "key", d->dkey);
	} else
		device_json(sb,
		    strcmp(d->type, "email") == 0 ? "address" : "endpoint",
		    d->endpoint);
	strbuf_addf(sb,
	    ",\"createdMs\":%lld,\"lastSeenMs\":%lld,"
	    "\"active\":%s",
	    (long long)d->created_ms, (long long)d->last_seen_ms,
	    *d->verify ? "false" : "true");
	device_last_push(sb, d->id);
	strbuf_addch(sb, '}');
	return 0;
}

static void
device_list(struct http_req *r, int64_t user)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	strbuf_addch(&sb, '[');
	rc = dir_device_list(store_reader(), user, device_list_one, &sb);
	strbuf_addch(&sb, ']');
	if (rc != 0)
		device_refuse(r, rc, "");
	else
		api_pp_reply(r, 200, 200, "请求成功", sb.buf);
	strbuf_release(&sb);
}

static int
device_del_apply(struct api_op *o, struct store *s)
{
	struct device_op *d = (struct device_op *)o;

	return ops_device_delete(s, d->user, d->id, &d->err);
}

static void
device_del_reply(struct api_op *o, int rc)
{
	if (rc != 0)
		device_refuse(o->http, rc, "");
	else
		api_pp_reply(o->http, 200, 200, "请求成功", NULL);
}

/*
 * The person, or a 401 answered.  A change made by a session (the
 * PWA's fetch) must not come from another site (api/csrf.c: Origin,
 * Sec-Fetch-Site; the fetch carries no form field, and another site's
 * fetch with a JSON body cannot pass CORS preflight anyway).
 */
static int
device_person(struct http_req *r, struct store_user *u)
{
	struct api_who who;

	if (api_person_who(r, u, &who) == 0)
		return strcmp(r->method, "GET") != 0 &&
		    who.how == API_WHO_SESSION &&
		    api_csrf_check(r, NULL, 1, 1) != 0 ? -1 : 0;
	api_pp_reply(r, 401, 401,
	    "未登录或令牌无效，请用 Authorization: "
	    "Bearer 用户token (no valid user token)",
	    NULL);
	return -1;
}

void
api_devices(struct http_req *r)
{
	struct store_user u;

	if (device_person(r, &u) != 0)
		return;
	if (strcmp(r->method, "POST") == 0)
		device_add(r, u.id);
	else
		device_list(r, u.id);
}

void
api_device_delete(struct http_req *r, const char *rest)
{
	struct store_user u;
	struct device_op *o;
	char *end;
	long long id;

	if (device_person(r, &u) != 0)
		return;
	errno = 0;
	id = strtoll(rest, &end, 10);
	if (*rest < '0' || *rest > '9' || *end != '\0' || errno != 0) {
		device_refuse(r, FG_ENOENT, "");
		return;
	}
	o = device_op_new(r, u.id);
	o->id = id;
	o->base.apply = device_del_apply;
	o->base.reply = device_del_reply;
	api_op_submit(r, &o->base);
}
