/*
 * api.h: the request handlers behind the router, and the reply envelopes
 * they share.  Adapters translate HTTP into messages and never call a
 * channel driver (design.md).
 */
#ifndef FG_API_H
#define FG_API_H

#include <stddef.h>
#include <stdint.h>

#include "render/render.h"
#include "store/store_session.h"

struct http_req;

/* pushplus send API (pushplus.c) and multi-channel send (pp_batch.c) */
void	api_pushplus_send(struct http_req *, const char *path_token);
/*
 * The same send answered by answer() instead of the JSON envelope (the
 * console's test message): code 200 with the shortCode, else pushplus's
 * code and reason; p is the request's parameters, for a page that shows
 * the form again.  Called once, on whichever thread finished the send.
 */
struct params;
typedef void (*api_pp_answer)(struct http_req *, void *arg,
    const struct params *p, int code, const char *msg, const char *short_code);
void api_pushplus_send_as(struct http_req *, const char *path_token,
    api_pp_answer answer, void *arg);
void	api_pushplus_batch_send(struct http_req *, const char *path_token);
/* Everything under /push/api: push form/doc/sheet APIs (pp_form.c) */
void	api_pp_push_api(struct http_req *, const char *rest);

/* pushplus open API (open*.c): getAccessKey and /api/open/{rest} */
void	api_open_access_key(struct http_req *);
void	api_open(struct http_req *, const char *rest);
/*
 * The image service (open_image.c): the upload target that
 * userImage/uploadToken hands out, and an uploaded image by its key.
 */
#define API_IMAGE_UPLOAD_PATH	"/api/open/userImage/upload"
void	api_open_image_upload(struct http_req *);
void	api_open_image_get(struct http_req *, const char *key);
/*
 * /send's `pre`: the user's pre-processing script named code (open_pre.c;
 * it runs through api/prewait.h).  0 and the script in *script (owned,
 * free()), or a pushplus code (999, 500) with the reason in msg.
 */
int	api_open_pre_script(int64_t user, const char *code, char **script,
	    char *msg, size_t size);
/* /join/{code} and /join/{code}.svg (open_join.c) */
void	api_open_join(struct http_req *, const char *name);

/*
 * WxPusher (wxpusher.c send, wx_query.c status/delete/followers,
 * wx_follow.c follow pages, QR codes and uplink).
 */
void	api_wx_send(struct http_req *);
void	api_wx_spt_get(struct http_req *, const char *spt,
	    const char *content);
void	api_wx_simple_push(struct http_req *);
void	api_wx_status(struct http_req *, const char *legacy_id);
void	api_wx_delete(struct http_req *);
void	api_wx_users(struct http_req *, int v2);
void	api_wx_remove(struct http_req *);
void	api_wx_reject(struct http_req *);
void	api_wx_qr_create(struct http_req *);
void	api_wx_qr_scan_uid(struct http_req *);
void	api_wx_pay_end_time(struct http_req *);
void	api_wx_follow_page(struct http_req *, int topic, const char *id);
void	api_wx_me_page(struct http_req *);
void	api_wx_me_spt(struct http_req *);
void	api_wx_unfollow(struct http_req *);
void	api_wx_uplink(struct http_req *, int form);

/*
 * The operator's WeChat official account (api/wechat/): its server URL
 * (wc_mp.c), and the bind QR code of a person or a follow page
 * (wc_bind.c).
 */
void	api_wechat_mp(struct http_req *);
void	api_wechat_bind(struct http_req *);
void	api_wx_qrcode_image(struct http_req *, const char *name);
/* The person's WeChat ClawBot page and its actions (clawbot_me.c). */
void	api_clawbot_page(struct http_req *);
void	api_clawbot_bind(struct http_req *);
void	api_clawbot_unbind_page(struct http_req *);
void	api_clawbot_qr_image(struct http_req *, const char *name);

/* recipient pages (pages.c) and the live stream (stream.c) */
/* ntfy's subscriber protocol (api/ntfy/): topics is the path's topic
 * list with what follows it ("UID_…/json") */
void	api_ntfy_json(struct http_req *, const char *topics);
void	api_ntfy_sse(struct http_req *, const char *topics);
void	api_ntfy_raw(struct http_req *, const char *topics);
void	api_ntfy_auth(struct http_req *, const char *topics);
void	api_ntfy_ws(struct http_req *, const char *topics);
void	api_ntfy_health(struct http_req *);
void	api_ntfy_topic(struct http_req *, const char *rest);
void	api_message_page(struct http_req *, const char *short_code);
void	api_inbox_page(struct http_req *);
void	api_inbox_json(struct http_req *);
void	api_inbox_stream(struct http_req *);
void	api_inbox_ws(struct http_req *);
void	api_static(struct http_req *, const char *name);
/*
 * The installable inbox (pages/webapp.c): /sw.js and
 * /manifest.webmanifest by r->path; an icon of /static/ by name (-1,
 * nothing answered, when name is no icon).
 */
void	api_webapp_file(struct http_req *);
int	api_webapp_icon(struct http_req *, const char *name);
void	api_health(struct http_req *);
/* The device API and the VAPID public key (pages/devices.c). */
void api_webpush_vapid(struct http_req *);
void api_devices(struct http_req *);
/* Confirming an e-mail device: its page, its button (device_verify.c). */
void api_device_verify(struct http_req *);
void api_device_delete(struct http_req *, const char *id);
/* /metrics on the main listener (metrics.enable) and on metrics.listen. */
void	api_metrics(struct http_req *);
void	api_metrics_listener(struct http_req *);
/*
 * The web console (api/console/console.c): every path under /console/
 * (rest ignored: the page is found by the whole path), /console itself,
 * and the root page "/" (what this server is, sign in, the docs).
 */
void api_console(struct http_req *, const char *rest);
void api_console_root(struct http_req *);
void api_landing(struct http_req *);

/*
 * {"code":N,"msg":"…","data":DATA}: data_json is raw JSON text, or NULL
 * for null.  HTTP status 200 unless http_status says otherwise.
 */
void	api_pp_reply(struct http_req *, unsigned int http_status, int code,
	    const char *msg, const char *data_json);
/* The same with data a JSON string (escaped here). */
void	api_pp_reply_str(struct http_req *, int code, const char *msg,
	    const char *data);
/* WxPusher envelope; success is code == 1000.  HTTP 200, or http_status. */
void	api_wx_reply(struct http_req *, int code, const char *msg,
	    const char *data_json);
void	api_wx_reply_http(struct http_req *, unsigned int http_status,
	    int code, const char *msg, const char *data_json);

/*
 * A page of the recipient side (follow, join and notice pages): HTML
 * with the page CSP, not cached, sent without a referrer.
 */
struct strbuf;
void	api_html_page(struct http_req *, unsigned int status,
	    const struct strbuf *html);
/* 303 See Other to the path to, not cached (after a form's POST). */
void	api_see_other(struct http_req *, const char *to);
/* A short notice (title, text) as such a page. */
void	api_notice_page(struct http_req *, unsigned int status,
	    const char *title, const char *text);
/*
 * QR code images (qr.c).  api_qr_name() splits "KEY.svg" or "KEY.png"
 * into key (size bytes) and answers the kind, API_QR_NONE for any
 * other name; api_qr_reply() answers the QR code of link as that kind.
 */
enum { API_QR_NONE, API_QR_SVG, API_QR_PNG };
int	api_qr_name(const char *name, char *key, size_t size);
void	api_qr_reply(struct http_req *, const char *link, int kind);

/* The user token of a recipient-side request (query, header), or NULL. */
const char	*api_request_token(struct http_req *, char *buf, size_t size);

/*
 * The person behind a page request (person.c): their session (the
 * feige_session cookie), a user token in the request (Authorization:
 * Bearer, X-Feige-Token, ?token=), or the old feige_token cookie, which
 * is turned into a session once.  0 if known; who says how.
 */
struct store_user;
struct ops_session_new;
struct params;
#define API_SESSION_COOKIE	"feige_session"
enum { API_WHO_NONE, API_WHO_SESSION, API_WHO_TOKEN };
struct api_who {
	int	 how;		/* API_WHO_* */
	int64_t	 session;	/* API_WHO_SESSION: the row */
	char	 sid[33];	/* API_WHO_SESSION: the cookie's value */
};
int	api_person(struct http_req *, struct store_user *);
int	api_person_who(struct http_req *, struct store_user *,
	    struct api_who *);
/* The value of cookie name into buf, or NULL. */
const char	*api_cookie(struct http_req *, const char *name, char *buf,
		    size_t size);
/*
 * Set-Cookie name=value; Path=/; HttpOnly; SameSite=Lax (Secure under
 * an https public_url); max_age < 0: a browser-session cookie.  Any
 * time before or after the reply is prepared.
 */
void	api_cookie_set(struct http_req *, const char *name,
	    const char *value, long max_age);
/* The session cookie of session id id; and its removal. */
void	api_session_cookie(struct http_req *, const char *id);
void	api_session_clear(struct http_req *);
/* A new session's ttl, User-Agent and address (ip: 46 bytes) from r. */
void	api_session_fill(struct http_req *, struct ops_session_new *,
	    char ip[46]);

/*
 * The account part of /me (account.c): the person's token and, when
 * signed in, their sessions (the newest API_ACCOUNT_SESSIONS), for
 * render_account(); all inside the struct, nothing to free.
 */
#define API_ACCOUNT_SESSIONS	20
struct api_account {
	struct render_account	 view;
	struct render_session	 sessions[API_ACCOUNT_SESSIONS];
	struct store_session	 rows[API_ACCOUNT_SESSIONS];
	size_t			 n;
	int64_t			 current;
};
void	api_account_view(struct http_req *, const struct store_user *,
	    const struct api_who *, struct api_account *);
/* POST /me/token, /me/sessions/end, /logout; GET /me/phone */
void	api_me_token(struct http_req *);
void	api_me_sessions_end(struct http_req *);
void	api_logout(struct http_req *);
void	api_me_phone(struct http_req *);
/*
 * Signing in (login.c): GET /login (the password and e-mail forms),
 * GET and POST /login/{code} (a sign-in link: GET shows a button, POST
 * uses it), POST /login/password, POST /login/mail.
 */
void	api_login(struct http_req *);
void	api_login_rest(struct http_req *, const char *rest);

/*
 * Creating a person from a follow or join page (person.c): only by
 * the form's "create my inbox" button (field new=1), at most
 * person.new_per_hour per client address; otherwise it answers (403,
 * 429 with a page saying why) and returns -1.  api_person_setup() reads
 * the limit, once, before requests run.
 */
struct conf;
void	api_person_setup(const struct conf *);
int	api_person_new_gate(struct http_req *, const struct params *form);

/*
 * CSRF (csrf.c).  api_csrf_token(): the token this request's forms
 * carry (33 bytes: derived from who's session (may be NULL) or the
 * session cookie, else the double-submit cookie, set when missing).  api_csrf_check(): whether a
 * form POST may act: not cross-site (Origin, Sec-Fetch-Site) and its
 * "csrf" field right (unless by_token: the request names its
 * credential itself); otherwise it answers 403 (a page, or JSON when
 * json) and returns -1.
 */
#define API_CSRF_FIELD	"csrf"
void	api_csrf_token(struct http_req *, const struct api_who *,
	    char out[33]);
int	api_csrf_check(struct http_req *, const struct params *form,
	    int by_token, int json);

#endif
