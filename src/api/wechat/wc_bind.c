/*
 * wc_bind.c: a bind QR code of the operator's official account, from a
 * button (issue 11 §1).
 *
 *   POST /wechat/bind  (form: for=me)             the person's own code:
 *                      a scan binds their WeChat (their page, /me)
 *   POST /wechat/bind  (form: for=app|topic, id)  a follow page's code:
 *                      a scan follows the app or topic (source scan)
 *                      as the WeChat user's person, made on first use
 *
 * The form carries the page's CSRF token (api_csrf_check: a button of
 * another site cannot spend WeChat calls or bind codes in someone's
 * name).  The answer is a page with the QR code (drawn by feige from the code's
 * content, so the page loads nothing from elsewhere) and a link to
 * WeChat's image of it.  GET does nothing: a code is made only by the
 * button, so link previews never spend a qrcode/create call.
 *
 * qrcode/create is an upstream request, and an HTTP handler never waits
 * on one (the event loop would stall for everyone): the request is
 * parked, and a short-lived thread asks WeChat (wechat_qr_create,
 * blocking, bounded by channel.timeout_ms), then hands the one-time
 * code to the writer (ops_wechat_code_add), and the writer's done()
 * answers and unparks.  At most WC_BIND_THREADS such threads run at
 * once; a click beyond that is answered 503 at once.  The code is
 * stored only once WeChat has made its QR code, so a failed call leaves
 * nothing behind, and the parked request keeps shutdown waiting for it.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "channel/wechat.h"
#include "core/limits.h"
#include "http/http.h"
#include "ops/wechat.h"
#include "render/render.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/params.h"
#include "util/xmalloc.h"

#define WC_BIND_THREADS 8

static atomic_int wc_bind_running;

struct bind_job {
	struct writer_op op; /* first */
	struct http_req *r;
	struct store_wechat_code code;
	struct wechat_qr qr;
	const char *title;
};

static int
bind_apply(struct writer_op *op, struct store *s)
{
	struct bind_job *j = (struct bind_job *)op;

	return ops_wechat_code_add(s, &j->code, NULL);
}

static void
bind_done(struct writer_op *op, int rc)
{
	struct bind_job *j = (struct bind_job *)op;
	struct render_wechat_qr q = { j->title, j->qr.url, j->qr.image,
		j->qr.expire_s };
	struct strbuf sb = STRBUF_INIT;
	struct http_req *r = j->r;

	if (rc != 0 || *j->qr.url == '\0' ||
	    render_wechat_qr_page(&sb, &q) != 0)
		api_notice_page(r, 500, "出错了", "系统异常，请稍后再试。");
	else
		api_html_page(r, 200, &sb);
	strbuf_release(&sb);
	atomic_fetch_sub(&wc_bind_running, 1);
	api_unpark(r);
}

static void *
bind_thread(void *arg)
{
	struct bind_job *j = arg;
	struct strbuf err = STRBUF_INIT;

	if (wechat_qr_create(j->code.code, wechat_settings()->bind_ttl_s,
		&j->qr, &err) != 0) {
		log_warnx("wechat: bind code: %s", err.buf);
		api_notice_page(j->r, 502, "暂时无法生成二维码",
		    "微信接口暂时不可用，请稍后再试。(WeChat did not answer)");
		strbuf_release(&err);
		atomic_fetch_sub(&wc_bind_running, 1);
		api_unpark(j->r);
		return NULL;
	}
	strbuf_release(&err);
	j->op.apply = bind_apply;
	j->op.done = bind_done;
	writer_submit(api_ctx(j->r)->writer, &j->op);
	return NULL;
}

/*
 * What the form asks a code for: 0 (j filled), or answered.  u: the
 * person of the request, NULL when none.
 */
static int
bind_what(struct http_req *r, struct params *p, const struct store_user *u,
    struct bind_job *j)
{
	const char *what = params_get(p, "for", NULL);
	const char *ids = params_get(p, "id", NULL);
	long long id = ids ? strtoll(ids, NULL, 10) : 0;
	struct store *db = store_reader();
	struct store_wx_app app;
	struct store_wx_topic topic;
	int kind = STORE_WECHAT_PERSON;

	if (what == NULL)
		what = "me";

	if (strcmp(what, "me") == 0 && u != NULL)
		j->title = "扫码绑定微信";
	else if (strcmp(what, "me") == 0) {
		api_notice_page(r, 403, "无法绑定",
		    "请先打开你的收件箱或关注一个应用。");
		return -1;
	} else if (strcmp(what, "app") == 0 &&
	    dir_wx_app_get(db, id, &app) == 0) {
		kind = STORE_WECHAT_APP;
		j->title = "用微信扫码关注";
	} else if (strcmp(what, "topic") == 0 &&
	    dir_wx_topic_get(db, id, &topic) == 0) {
		kind = STORE_WECHAT_TOPIC;
		j->title = "用微信扫码关注";
	} else {
		api_notice_page(r, 404, "不存在", "没有这个应用或主题。");
		return -1;
	}
	ops_wechat_code_make(&j->code, kind,
	    kind == STORE_WECHAT_PERSON ? u->id : 0,
	    kind == STORE_WECHAT_PERSON ? 0 : id, clock_ms(),
	    wechat_settings()->bind_ttl_s);
	return 0;
}

void
api_wechat_bind(struct http_req *r)
{
	struct params p;
	struct bind_job *j;
	struct store_user u;
	struct api_who who;
	pthread_attr_t at;
	pthread_t t;
	int known;

	if (strcmp(r->method, "POST") != 0)
		return api_notice_page(r, 405, "不支持", "请使用页面上的按钮。");
	if (!wechat_enabled())
		return api_notice_page(r, 404, "不存在",
		    "本服务没有配置微信公众号。");
	j = xcalloc(1, sizeof(*j));
	j->r = r;
	params_init(&p, LIM_PARAMS);
	known = api_person_who(r, &u, &who) == 0;
	if (intake_body(r, &p, NULL) != 0 ||
	    api_csrf_check(r, &p, known && who.how == API_WHO_TOKEN, 0) != 0 ||
	    bind_what(r, &p, known ? &u : NULL, j) != 0) {
		if (r->reply_status == 0)
			api_notice_page(r, 400, "请求有误", "请使用页面上的按钮。");
		params_release(&p);
		free(j);
		return;
	}
	params_release(&p);
	if (atomic_fetch_add(&wc_bind_running, 1) >= WC_BIND_THREADS) {
		atomic_fetch_sub(&wc_bind_running, 1);
		free(j);
		return api_notice_page(r, 503, "请稍后再试",
		    "正在生成的二维码太多，请稍后再试。(busy)");
	}
	api_park(r, j, free);
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &at, bind_thread, j) != 0) {
		atomic_fetch_sub(&wc_bind_running, 1);
		api_notice_page(r, 503, "请稍后再试", "系统繁忙 (busy)");
		api_unpark(r);
	}
	pthread_attr_destroy(&at);
}
