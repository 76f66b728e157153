/*
 * login.c: signing a person in (issue 10 §1).
 *
 *   GET  /login[?next=PATH]   the password form and the e-mail form
 *   GET  /login/{code}        a sign-in link: who it is for, a button
 *   POST /login/{code}        use the link: a session, 303 to its next
 *                             path (or the form's), else /me
 *   POST /login/password      user (UID or e-mail) + password
 *   POST /login/mail          email: mail a sign-in link to it
 *
 * A GET of a link changes nothing: mail clients' link scanners and
 * chat previews fetch links, and must not use them up.  The POST uses
 * it in the writer's transaction (ops_login_take(): read and delete),
 * so it signs in once; a used or expired link gets 410 and a page
 * saying so.  Links are made by `feige user login-link`, by "add this
 * phone" (api/account.c) and by /login/mail; they live 15 minutes.
 *
 * next is a same-origin path only ("/x", never "//host" or "http:"),
 * checked where it is used (ops/session.c for links, here for forms),
 * so a sign-in cannot be turned into a redirect to another site.
 *
 * Passwords: argon2id (crypto_pwhash_str_verify), after the throttles:
 * PW_FAILS_USER wrong passwords for one person or PW_FAILS_IP from one
 * address within PW_WINDOW_MS, and the next attempts are refused before
 * the check runs (util/faillimit.h, as getAccessKey does).  The answer
 * to a wrong password and to an unknown person is the same, and so is
 * the time it takes: without a password to check, a stand-in hash made
 * once at the first attempt is checked instead.
 *
 * Mail: at most MAIL_PER_ADDR links per address and MAIL_PER_IP per
 * client address in MAIL_WINDOW_MS; the answer is the same page whether
 * or not the address belongs to anyone, and every request takes the
 * same path (one writer op, which writes a link only for a person), so
 * neither the page nor its timing tells.  The mail goes through the
 * operator's SMTP (mail.*) on its own thread (channel/mail_notice.c).
 *
 * Every POST carries the page's CSRF token (the double-submit cookie
 * before sign-in, api/csrf.c) and must not be cross-site.
 */
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/commit.h"
#include "api/ctx.h"
#include "api/fails.h"
#include "api/intake.h"
#include "channel/channel.h"
#include "http/http.h"
#include "ops/session.h"
#include "render/render.h"
#include "store/readers.h"
#include "util/params.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define PW_FAILS_USER	5
#define PW_FAILS_IP	20
#define PW_WINDOW_MS	(15 * 60 * 1000)
#define MAIL_PER_ADDR	3
#define MAIL_PER_IP	10
#define MAIL_WINDOW_MS	(60 * 60 * 1000)

static struct faillimit pw_user = FAILLIMIT_INIT(PW_FAILS_USER,
    PW_WINDOW_MS);
static struct faillimit pw_ip = FAILLIMIT_INIT(PW_FAILS_IP, PW_WINDOW_MS);
static struct faillimit mail_addr = FAILLIMIT_INIT(MAIL_PER_ADDR,
    MAIL_WINDOW_MS);
static struct faillimit mail_ip = FAILLIMIT_INIT(MAIL_PER_IP,
    MAIL_WINDOW_MS);

static char		 dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t	 dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_make(void)
{
	if (crypto_pwhash_str(dummy_hash, "feige", 5,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
}

/* Whether pw is the password of hash ("": none; as slow either way). */
static int
pw_ok(const char *hash, const char *pw)
{
	if (*hash)
		return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	pthread_once(&dummy_once, dummy_make);
	if (*dummy_hash && crypto_pwhash_str_verify(dummy_hash, pw,
	    strlen(pw)) == 0)
		return 0;	/* the stand-in's password opens nothing */
	return 0;
}

/* A same-origin path, else "/me". */
static const char *
next_path(const char *p)
{
	return ops_login_next_ok(p) ? p : "/me";
}

static void
login_page(struct http_req *r, unsigned int status, const char *next,
    const char *notice)
{
	struct strbuf sb = STRBUF_INIT;
	char csrf[33];

	api_csrf_token(r, NULL, csrf);
	render_login_page(&sb, csrf, next_path(next), notice);
	api_html_page(r, status, &sb);
	strbuf_release(&sb);
}

static void
link_gone(struct http_req *r)
{
	api_notice_page(r, 410, "链接已失效", "这个登录链接已经用过或已过期，请重新"
	    "获取。(sign-in link used or expired)");
}

/* ---- the writer op of every sign-in -------------------------------- */

enum login_kind { LOGIN_LINK, LOGIN_PASSWORD, LOGIN_MAIL };

struct login_op {
	struct api_op		 o;	/* first */
	enum login_kind		 kind;
	char			 code[ID_TOKEN_LEN + 1];	/* LINK */
	struct store_login	 link;
	struct ops_session_new	 sess;
	struct ops_login_new	 ln;				/* MAIL */
	char			 ip[46];
	char			 next[STORE_LOGIN_NEXT + 1];
	char			 email[256];
	int			 gone;
	int64_t			 replaced;	/* this browser's old session */
};

static int
login_apply(struct api_op *o, struct store *s)
{
	struct login_op *k = (struct login_op *)o;
	int rc;

	if (k->kind == LOGIN_MAIL)	/* a link only for a person */
		return k->ln.user_id ? ops_login_new(s, &k->ln, NULL) : 0;
	if (k->kind == LOGIN_LINK) {
		rc = ops_login_take(s, k->code, &k->link);
		if (rc == FG_ENOENT) {
			k->gone = 1;
			return 0;
		}
		if (rc != 0)
			return rc;
		k->sess.user_id = k->link.user_id;
		if (*k->link.next)
			snprintf(k->next, sizeof(k->next), "%s", k->link.next);
	}
	/* signing in again in one browser replaces its session */
	if (k->replaced && (rc = dir_session_delete(s, k->replaced)) != 0 &&
	    rc != FG_ENOENT)
		return rc;
	return ops_session_new(s, &k->sess, NULL);
}

/* The mail with the link of k (a person was found). */
static void
mail_link(struct http_req *r, struct login_op *k)
{
	struct strbuf text = STRBUF_INIT;

	strbuf_addf(&text, "你好！\r\n\r\n打开这个链接登录 feige（15分钟内有效，只能"
	    "用一次）：\r\n%s/login/%s\r\n\r\n如果不是你要求的，忽略这封邮件即可。"
	    "\r\n\r\nOpen the link above to sign in to feige (one use, valid "
	    "15 minutes). If you did not ask for it, ignore this mail.\r\n",
	    api_ctx(r)->base_url, k->ln.code);
	(void)channel_mail_notice(k->email, "feige 登录链接 (sign-in link)",
	    text.buf);
	sodium_memzero(text.buf, text.len);
	strbuf_release(&text);
}

static void
login_reply(struct api_op *o, int rc)
{
	struct login_op *k = (struct login_op *)o;
	struct http_req *r = o->http;

	if (rc != 0)
		api_notice_page(r, 500, "出错了", "系统异常，请稍后再试。");
	else if (k->kind == LOGIN_MAIL) {
		if (k->ln.user_id)
			mail_link(r, k);
		login_page(r, 200, k->next, "如果这个邮箱属于一个收件箱，登录链接已"
		    "发出，15分钟内有效。(if the address belongs to an inbox, a "
		    "sign-in link is on its way)");
	} else if (k->gone)
		link_gone(r);
	else {
		api_session_cookie(r, k->sess.id);
		api_see_other(r, next_path(k->next));
	}
	sodium_memzero(k->sess.id, sizeof(k->sess.id));
	sodium_memzero(k->ln.code, sizeof(k->ln.code));
	sodium_memzero(k->code, sizeof(k->code));
}

static void
login_submit(struct http_req *r, struct login_op *k)
{
	struct store_session se;
	char sid[64];

	if (k->kind != LOGIN_MAIL)
		api_session_fill(r, &k->sess, k->ip);
	if (k->kind != LOGIN_MAIL && store_reader() &&
	    api_cookie(r, API_SESSION_COOKIE, sid, sizeof(sid)) &&
	    ops_session_find(store_reader(), sid, &se) == 0)
		k->replaced = se.id;
	k->o.apply = login_apply;
	k->o.reply = login_reply;
	api_op_submit(r, &k->o);
}

/* ---- the handlers -------------------------------------------------- */

void
api_login(struct http_req *r)
{
	struct params p;

	params_init(&p, LIM_PARAMS);
	(void)intake_query(r, &p);
	login_page(r, 200, params_get(&p, "next", NULL), NULL);
	params_release(&p);
}

/* GET /login/{code}: who the link is for, and the button. */
static void
link_page(struct http_req *r, const char *code)
{
	struct store *db = store_reader();
	struct store_login l;
	struct store_user u;
	struct strbuf sb = STRBUF_INIT, action = STRBUF_INIT;
	char csrf[33];

	if (db == NULL || ops_login_peek(db, code, &l) != 0 ||
	    dir_user_get_id(db, l.user_id, &u) != 0)
		return link_gone(r);
	api_csrf_token(r, NULL, csrf);
	strbuf_addf(&action, "/login/%s", code);
	render_login_link_page(&sb, action.buf, csrf, u.uid);
	api_html_page(r, 200, &sb);
	strbuf_release(&sb);
	strbuf_release(&action);
}

/* A password sign-in; k is submitted or freed. */
static void
by_password(struct http_req *r, struct params *p, struct login_op *k)
{
	struct store *db = store_reader();
	struct store_user u;
	const char *who = params_get(p, "user", NULL);
	const char *pw = params_get(p, "password", NULL);
	char hash[STORE_PASSWORD_MAX + 1] = "", ip[46], ukey[24];
	int found;

	http_client_ip(r, ip, sizeof(ip));
	found = who && pw && db && (strncmp(who, "UID_", 4) == 0 ?
	    dir_user_get(db, "uid", who, &u) : dir_user_by_email(db, who,
	    &u)) == 0 && !u.disabled;
	snprintf(ukey, sizeof(ukey), "%lld", found ? (long long)u.id : -1LL);
	if (api_fail_blocked(&pw_ip, "pw_ip", ip) ||
	    (found && api_fail_blocked(&pw_user, "pw_user", ukey))) {
		login_page(r, 429, k->next, "密码错误次数过多，请15分钟后再试。"
		    "(too many wrong passwords: try again in 15 minutes)");
		free(k);
		return;
	}
	if (!found || dir_password_get(db, u.id, hash, sizeof(hash)) != 0)
		hash[0] = '\0';
	if (!pw_ok(hash, pw ? pw : "")) {
		api_fail_count(&pw_ip, "pw_ip", ip);
		if (found)
			api_fail_count(&pw_user, "pw_user", ukey);
		login_page(r, 401, k->next, "UID/邮箱或密码不对。(wrong user or "
		    "password)");
		free(k);
		return;
	}
	api_fail_clear(&pw_user, "pw_user", ukey);
	k->sess.user_id = u.id;
	login_submit(r, k);
}

/* A mailed link; k is submitted or freed. */
static void
by_mail(struct http_req *r, struct params *p, struct login_op *k)
{
	struct store *db = store_reader();
	struct store_user u;
	const char *addr = params_get(p, "email", NULL);
	char ip[46], key[FAILLIMIT_KEY];
	size_t i;

	http_client_ip(r, ip, sizeof(ip));
	if (addr == NULL || strlen(addr) >= sizeof(k->email) ||
	    strchr(addr, '@') == NULL) {
		free(k);
		return login_page(r, 400, NULL, "请填写邮箱地址。(an e-mail "
		    "address, please)");
	}
	for (i = 0; addr[i] && i < sizeof(key) - 1; i++)
		key[i] = (char)tolower((unsigned char)addr[i]);
	key[i] = '\0';
	if (api_fail_blocked(&mail_ip, "mail_ip", ip) ||
	    api_fail_blocked(&mail_addr, "mail_addr", key)) {
		free(k);
		return login_page(r, 429, NULL, "发送太频繁，请稍后再试。(too "
		    "many sign-in mails: try again later)");
	}
	api_fail_count(&mail_ip, "mail_ip", ip);
	api_fail_count(&mail_addr, "mail_addr", key);
	snprintf(k->email, sizeof(k->email), "%s", addr);
	if (db && dir_user_by_email(db, addr, &u) == 0 && !u.disabled) {
		k->ln.user_id = u.id;
		k->ln.next = k->next;
	}
	login_submit(r, k);
}

void
api_login_rest(struct http_req *r, const char *rest)
{
	struct login_op *k;
	struct params p;

	if (strcmp(r->method, "POST") != 0) {
		if (strcmp(rest, "password") == 0 || strcmp(rest, "mail") == 0)
			return api_login(r);
		return link_page(r, rest);
	}
	if (strcmp(rest, "mail") == 0 && *api_ctx(r)->conf->mail_host == '\0')
		return api_notice_page(r, 503, "不能发邮件", "这台服务器没有配置"
		    "发信邮箱 (mail.host)，请用其他方式登录。(no SMTP server "
		    "configured)");
	params_init(&p, LIM_PARAMS);
	(void)intake_body(r, &p, NULL);
	if (api_csrf_check(r, &p, 0, 0) != 0) {
		params_release(&p);
		return;
	}
	k = xcalloc(1, sizeof(*k));
	snprintf(k->next, sizeof(k->next), "%s",
	    next_path(params_get(&p, "next", NULL)));
	if (strcmp(rest, "password") == 0) {
		k->kind = LOGIN_PASSWORD;
		by_password(r, &p, k);
	} else if (strcmp(rest, "mail") == 0) {
		k->kind = LOGIN_MAIL;
		by_mail(r, &p, k);
	} else {
		k->kind = LOGIN_LINK;
		if (strlen(rest) != ID_TOKEN_LEN) {
			free(k);
			link_gone(r);
		} else {
			memcpy(k->code, rest, ID_TOKEN_LEN + 1);
			/* the link's own next wins; the form's is kept */
			login_submit(r, k);
		}
	}
	params_release(&p);
}
