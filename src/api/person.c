/*
 * person.c: who is behind a request to a person's page (follow links,
 * join links, sign-in, the "me" page, the inbox), and their session.
 *
 * A person is a users row; a browser proves to be one with a session
 * (issue 10 §1): the cookie feige_session carries 128 random bits whose
 * BLAKE2b hash finds the session row (ops/session.h), so neither the
 * cookie nor the database holds the person's send token.  The cookie is
 * HttpOnly (no script reads it), SameSite=Lax (a cross-site POST does
 * not carry it) and Secure when people reach feige over https
 * (public_url).  API clients keep naming the token instead:
 * Authorization: Bearer, X-Feige-Token, or ?token=; such a request
 * carries its credential itself, so no other site can forge it.
 *
 * Looking a session up is one indexed read on this thread's reader and
 * the user by id; last_seen is written through the writer at most once
 * a minute per session (OPS_SESSION_TOUCH_MS), fire and forget, so a
 * busy page costs no write per request.
 *
 * The old cookie.  Until this version the pages set feige_token = the
 * user token itself.  Browsers that still send it are recognised once
 * more: the request gets a new session (written before the reply, so
 * the next request finds it) and the old cookie is cleared with
 * Max-Age=0.  Refusing it would strand every follower who never saw a
 * sign-in link; keeping it would leave the token in cookie jars.  A
 * POST that arrives with only the old cookie is refused by the CSRF
 * check (api/csrf.c) like any cookie without a session, and the page
 * it gets back migrates the browser.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/fails.h"
#include "api/tokens.h"
#include "http/http.h"
#include "ops/session.h"
#include "store/readers.h"
#include "store/writer.h"
#include "util/ids.h"
#include "util/params.h"
#include "util/xmalloc.h"

#define OLD_COOKIE	"feige_token"
#define HOUR_MS		(3600 * 1000)

/*
 * New persons per client address and hour (person.new_per_hour): a
 * fixed table (util/faillimit.h) counting creations, so a flood of
 * addresses costs no memory.  max is set once, before requests run.
 */
static struct faillimit new_people = FAILLIMIT_INIT(5, HOUR_MS);

const char *
api_cookie(struct http_req *r, const char *name, char *buf, size_t size)
{
	const char *c = http_header(r, "Cookie"), *p;
	size_t n, nl = strlen(name);

	for (p = c; p && *p; p += strcspn(p, ";"), p += *p == ';') {
		while (*p == ' ')
			p++;
		if (strncmp(p, name, nl) != 0 || p[nl] != '=')
			continue;
		p += nl + 1;
		n = strcspn(p, "; ");
		if (n == 0 || n >= size)
			return NULL;
		memcpy(buf, p, n);
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}

static int
https(struct http_req *r)
{
	return strncmp(api_ctx(r)->base_url, "https:", 6) == 0;
}

void
api_cookie_set(struct http_req *r, const char *name, const char *value,
    long max_age)
{
	char c[256];

	if (max_age >= 0)
		snprintf(c, sizeof(c), "%s=%s; Path=/; Max-Age=%ld; HttpOnly; "
		    "SameSite=Lax%s", name, value, max_age, https(r) ?
		    "; Secure" : "");
	else
		snprintf(c, sizeof(c), "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
		    name, value, https(r) ? "; Secure" : "");
	http_reply_header(r, "Set-Cookie", c);
}

void
api_session_cookie(struct http_req *r, const char *id)
{
	api_cookie_set(r, API_SESSION_COOKIE, id,
	    (long)api_ctx(r)->conf->person_session_days * 86400L);
}

void
api_session_clear(struct http_req *r)
{
	api_cookie_set(r, API_SESSION_COOKIE, "", 0);
}

void
api_session_fill(struct http_req *r, struct ops_session_new *a,
    char ip[46])
{
	a->ttl_ms = (int64_t)api_ctx(r)->conf->person_session_days *
	    86400000LL;
	a->agent = http_header(r, "User-Agent");
	a->ip = http_client_ip(r, ip, 46);
}

/* ---- last_seen, at most once a minute ------------------------------ */

struct touch_op {
	struct writer_op	 op;	/* first */
	int64_t			 id, now;
};

static int
touch_apply(struct writer_op *o, struct store *s)
{
	struct touch_op *t = (struct touch_op *)o;

	return dir_session_touch(s, t->id, t->now);
}

static void
touch_done(struct writer_op *o, int rc)
{
	(void)rc;	/* a lost touch only makes last_seen older */
	free(o);
}

static void
touch(struct http_req *r, const struct store_session *se)
{
	struct touch_op *t;
	int64_t now = clock_ms();

	if (now - se->last_seen_ms < OPS_SESSION_TOUCH_MS)
		return;
	t = xcalloc(1, sizeof(*t));
	t->op.apply = touch_apply;
	t->op.done = touch_done;
	t->id = se->id;
	t->now = now;
	writer_submit(api_ctx(r)->writer, &t->op);
}

/* ---- the old cookie: one more time, as a new session ---------------- */

struct migrate_op {
	struct writer_op	 op;	/* first */
	struct ops_session_new	 a;
};

static int
migrate_apply(struct writer_op *o, struct store *s)
{
	return ops_session_new(s, &((struct migrate_op *)o)->a, NULL);
}

static void
migrate_done(struct writer_op *o, int rc)
{
	(void)o;
	(void)rc;
}

static int
migrate(struct http_req *r, const struct store_user *u, struct api_who *who)
{
	struct migrate_op m;
	char ip[46];

	memset(&m, 0, sizeof(m));
	m.op.apply = migrate_apply;
	m.op.done = migrate_done;
	m.a.user_id = u->id;
	api_session_fill(r, &m.a, ip);
	api_cookie_set(r, OLD_COOKIE, "", 0);
	if (writer_submit_wait(api_ctx(r)->writer, &m.op) != 0)
		return -1;
	api_session_cookie(r, m.a.id);
	who->how = API_WHO_SESSION;
	who->session = m.a.row;
	snprintf(who->sid, sizeof(who->sid), "%s", m.a.id);
	sodium_memzero(&m.a.id, sizeof(m.a.id));
	return 0;
}

/* ---- who is it ------------------------------------------------------ */

static int
by_session(struct http_req *r, struct store *db, struct store_user *u,
    struct api_who *who)
{
	struct store_session se;
	char sid[64];

	if (api_cookie(r, API_SESSION_COOKIE, sid, sizeof(sid)) == NULL ||
	    ops_session_find(db, sid, &se) != 0 ||
	    dir_user_get_id(db, se.user_id, u) != 0 || u->disabled)
		return -1;
	touch(r, &se);
	who->how = API_WHO_SESSION;
	who->session = se.id;
	snprintf(who->sid, sizeof(who->sid), "%.32s", sid);
	return 0;
}

int
api_person_who(struct http_req *r, struct store_user *u,
    struct api_who *who)
{
	struct store *db = store_reader();
	struct tokens *tk = api_ctx(r)->tokens;
	char buf[64];

	memset(who, 0, sizeof(*who));
	if (db == NULL)
		return -1;
	if (by_session(r, db, u, who) == 0)
		return 0;
	if (api_request_token(r, buf, sizeof(buf)) != NULL &&
	    tokens_lookup(tk, db, buf, u) == 0) {
		who->how = API_WHO_TOKEN;
		return 0;
	}
	if (api_cookie(r, OLD_COOKIE, buf, sizeof(buf)) != NULL &&
	    tokens_lookup(tk, db, buf, u) == 0)
		return migrate(r, u, who);
	return -1;
}

int
api_person(struct http_req *r, struct store_user *u)
{
	struct api_who who;

	return api_person_who(r, u, &who);
}

/* ---- creating a person: deliberate and rate-limited ----------------- */

void
api_person_setup(const struct conf *c)
{
	new_people.max = c->person_new_per_hour;
}

int
api_person_new_gate(struct http_req *r, const struct params *form)
{
	const char *v = params_get(form, "new", NULL);
	char ip[46];

	if (v == NULL || strcmp(v, "1") != 0) {
		api_notice_page(r, 403, "请先登录", "请先登录，或在页面上按“创建我的"
		    "收件箱”按钮。(sign in first, or press the button that "
		    "creates your inbox)");
		return -1;
	}
	http_client_ip(r, ip, sizeof(ip));
	if (new_people.max == 0 ||
	    api_fail_blocked(&new_people, "new_person", ip)) {
		api_notice_page(r, 429, "创建太频繁", "这个网络地址在一小时内创建的"
		    "收件箱太多了，请稍后再试，或先登录已有的收件箱。(too many new "
		    "inboxes from this address within an hour: try later, or "
		    "sign in)");
		return -1;
	}
	api_fail_count(&new_people, "new_person", ip);
	return 0;
}
