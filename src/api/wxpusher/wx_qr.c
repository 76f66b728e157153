/*
 * wx_qr.c: QR codes.
 *
 *   GET  /qrcode/app-{appId}.svg|.png, /qrcode/topic-{topicId}.svg|.png
 *        the follow link of an app or topic (with ?src=scan) as SVG or
 *        PNG (api/qr.c)
 *   GET  /qrcode/{id}.svg|.png  a parametric code: /follow/app/{app}?qr=id
 *   POST /api/fun/create/qrcode {appToken, extra (1-64 chars), validTime}
 *        -> {expires (ms), code (the developer's secret), shortUrl (its
 *            PNG image), url (the link the code encodes), extra}
 *   GET  /api/fun/scan-qrcode-uid?code=SECRET  the UID of the last
 *        scanner, or data null; polling one code more often than every
 *        wxpusher.qr_poll_s seconds is refused (1001).
 *
 * scan-qrcode-uid takes no appToken (WxPusher documents it so: client
 * software without a backend polls it), so what it takes must be a
 * secret: each code has a public id, in its link and image URL, and a
 * separate random secret that only the create reply shows (migration
 * 11).  Knowing the QR code tells nothing about who scanned it.
 *
 * Links are absolute, built on the server's public URL (public_url, or
 * http://LISTEN).  shortUrl and url mean what they mean upstream:
 * WxPusher's shortUrl is the picture (…/api/qrcode/….jpg, which clients
 * put in an <img>), its url what the code says (WeChat's
 * http://weixin.qq.com/q/… link); here the picture is a PNG and what the
 * code says is the follow link.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/wxpusher/wx_int.h"
#include "util/errors.h"
#include "http/http.h"
#include "ops/qrcode.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"
#include "store/readers.h"

struct qr_op {
	struct api_op		 o;
	int			 poll;	/* 1: scan-qrcode-uid */
	struct store_wx_qrcode	 q;
	int64_t			 now;
};

static int
qr_apply(struct api_op *o, struct store *s)
{
	struct qr_op *q = (struct qr_op *)o;
	struct ops_qrcode_new in = { q->q.app_id, q->q.extra,
	    q->q.expires_ms };

	if (q->poll)
		return ops_qrcode_polled(s, q->q.id, q->now, NULL);
	return ops_qrcode_create(s, &in, &q->q, NULL);
}

static void
qr_reply(struct api_op *o, int rc)
{
	struct qr_op *q = (struct qr_op *)o;
	struct http_req *r = o->http;
	const char *base = api_ctx(r)->base_url;
	struct strbuf d = STRBUF_INIT;

	if (rc != 0)
		return wx_refuse(r, 1005, "系统异常", "store error");
	if (q->poll) {
		if (*q->q.last_uid)
			strbuf_addf(&d, "\"%s\"", q->q.last_uid);
		api_wx_reply(r, 1000, WX_OK_MSG, *q->q.last_uid ? d.buf : NULL);
	} else {
		strbuf_addf(&d, "{\"expires\":%lld,\"code\":\"%s\","
		    "\"shortUrl\":\"%s/qrcode/%s.png\","
		    "\"url\":\"%s/follow/app/%lld?qr=%s\",\"extra\":",
		    (long long)q->q.expires_ms, q->q.secret, base, q->q.code,
		    base, (long long)q->q.app_id, q->q.code);
		strbuf_add_json_str(&d, q->q.extra, strlen(q->q.extra));
		strbuf_addch(&d, '}');
		api_wx_reply(r, 1000, WX_OK_MSG, d.buf);
	}
	strbuf_release(&d);
}

/* Park r on the creation (poll 0) or a poll of q. */
static void
qr_submit(struct http_req *r, const struct store_wx_qrcode *q, int poll,
    int64_t now)
{
	struct qr_op *op = xcalloc(1, sizeof(*op));

	op->poll = poll;
	op->q = *q;
	op->now = now;
	op->o.apply = qr_apply;
	op->o.reply = qr_reply;
	api_op_submit(r, &op->o);
}

void
api_wx_qr_create(struct http_req *r)
{
	struct params p;
	struct store_wx_app app;
	struct store_wx_qrcode q;
	const char *extra;
	size_t len = 0;
	long long valid = 1800;

	params_init(&p, LIM_PARAMS);
	if (wx_params(r, &p, 1) != 0 || wx_app_auth(r, &p, &app) != 0)
		goto out;
	extra = params_get(&p, "extra", &len);
	if (extra == NULL || utf8_chars(extra, len) > 64 ||
	    len > WX_EXTRA_BYTES) {
		wx_refuse(r, 1001, "extra不能为空且最长64个字符",
		    "extra must be 1 to 64 characters");
		goto out;
	}
	if (params_get(&p, "validTime", NULL) != NULL &&
	    wx_param_num(&p, "validTime", 1, 2592000, &valid) <= 0) {
		wx_refuse(r, 1001, "validTime须在1到2592000秒之间",
		    "validTime must be 1 to 2592000 seconds");
		goto out;
	}
	memset(&q, 0, sizeof(q));
	q.app_id = app.id;
	memcpy(q.extra, extra, len + 1);
	q.expires_ms = clock_ms() + valid * 1000;
	qr_submit(r, &q, 0, 0);
out:
	params_release(&p);
}

void
api_wx_qr_scan_uid(struct http_req *r)
{
	struct params p;
	struct store_wx_qrcode q;
	const char *code;
	int64_t now = clock_ms();
	char msg[128];

	params_init(&p, LIM_PARAMS);
	if (wx_params(r, &p, 0) != 0)
		goto out;
	if ((code = params_get(&p, "code", NULL)) == NULL ||
	    strlen(code) >= sizeof(q.secret) ||
	    dir_wx_qrcode_by_secret(store_reader(), code, &q) != 0) {
		wx_refuse(r, 1001, "二维码不存在", "no such code");
		goto out;
	}
	if (q.last_poll_ms &&
	    now - q.last_poll_ms < api_ctx(r)->conf->wx_qr_poll_s * 1000LL) {
		snprintf(msg, sizeof(msg), "轮询间隔不能小于%d秒",
		    api_ctx(r)->conf->wx_qr_poll_s);
		wx_refuse(r, 1001, msg, "polled too fast");
		goto out;
	}
	qr_submit(r, &q, 1, now);
out:
	params_release(&p);
}

void
api_wx_qrcode_image(struct http_req *r, const char *name)
{
	struct store *db = store_reader();
	struct store_wx_qrcode q;
	struct strbuf link = STRBUF_INIT;
	char key[64];
	long long id;
	char *end;
	int kind = api_qr_name(name, key, sizeof(key));

	if (kind == API_QR_NONE || db == NULL)
		goto nf;
	if (strncmp(key, "app-", 4) == 0 || strncmp(key, "topic-", 6) == 0) {
		int topic = key[0] == 't';
		struct store_wx_app app;
		struct store_wx_topic t;

		id = strtoll(key + (topic ? 6 : 4), &end, 10);
		/* no code for an app or topic that does not exist */
		if (*end || id <= 0 || (topic ? dir_wx_topic_get(db, id, &t) :
		    dir_wx_app_get(db, id, &app)) != 0)
			goto nf;
		strbuf_addf(&link, "%s/follow/%s/%lld?src=scan",
		    api_ctx(r)->base_url, topic ? "topic" : "app", id);
	} else if (dir_wx_qrcode_get(db, key, &q) == 0) {
		strbuf_addf(&link, "%s/follow/app/%lld?qr=%s", api_ctx(r)->base_url,
		    (long long)q.app_id, q.code);
	} else {
		goto nf;
	}
	api_qr_reply(r, link.buf, kind);
	strbuf_release(&link);
	return;
nf:
	strbuf_release(&link);
	api_pp_reply(r, 404, 404, "二维码不存在 (not found)", NULL);
}
