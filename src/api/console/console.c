/*
 * console.c: the web console's front door (issue 12): one entry for
 * every path under /console/, the root page "/", and what every page
 * shares (reply in the frame, redirects, the write of a form).
 *
 * Who: the console is for a signed-in person, by session only.  A
 * token in the URL would end up in histories and logs, and a page that
 * rotates the token must not be opened by the token; so a request
 * without a session (or with only a token) is sent to
 * /login?next=<this path>, which comes back here after signing in.
 *
 * Language: ?lang=zh|en sets the feige_lang cookie (a year; HttpOnly:
 * only the server reads it) and wins for that request; else the
 * cookie; else Chinese, which is what the console is written for.
 *
 * Every POST passes api_csrf_check() (origin, then the form's csrf
 * field, derived from the session) before any page sees it; a page's
 * post() then checks its form and either answers it at once (the page,
 * with the reason beside the field and the typed values kept) or
 * submits one console_op.  After the commit the op answers 303 back to
 * the page with ?done=KEY, so a reload does not post again, and the page
 * shows the notice KEY (only a key the catalog has is shown).
 *
 * Pages come from a list of tables (sender pages here, operator pages
 * in their own file), walked for dispatch and for the navigation;
 * operator-only rows are listed for admins alone, and anyone else who
 * asks for one gets 403 and a sentence saying the page is for operators.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/console/console.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "http/http.h"
#include "util/errors.h"
#include "util/xmalloc.h"

#define CON_LANG_COOKIE "feige_lang"
#define CON_LANG_AGE (365L * 24 * 3600)
#define CON_NAV_MAX 64

static const struct {
	const struct console_page *rows;
	const size_t *n;
} tables[] = {
	{ console_sender_pages, &console_n_sender_pages },
	{ console_admin_pages, &console_n_admin_pages },
};

/* ---- request parts -------------------------------------------------- */

const char *
console_in(const struct console_req *c, const char *name)
{
	const char *v = params_get(&c->in, name, NULL);

	return v ? v : "";
}

int64_t
console_id(const char *s)
{
	char *end;
	long long v;

	if (s == NULL)
		return -1;
	while (*s == '/')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtoll(s, &end, 10);
	if (v <= 0 || (*end != '\0' && *end != '/'))
		return -1;
	return v;
}

static int
lang_of(struct http_req *r, const struct params *q)
{
	const char *v = params_get(q, "lang", NULL);
	char buf[8];

	if (v && (strcmp(v, "en") == 0 || strcmp(v, "zh") == 0)) {
		api_cookie_set(r, CON_LANG_COOKIE, v, CON_LANG_AGE);
		return strcmp(v, "en") == 0 ? CON_EN : CON_ZH;
	}
	if (api_cookie(r, CON_LANG_COOKIE, buf, sizeof(buf)) &&
	    strcmp(buf, "en") == 0)
		return CON_EN;
	return CON_ZH;
}

/* ---- replies -------------------------------------------------------- */

static size_t
nav_rows(int admin, struct console_nav *nav)
{
	size_t t, i, n = 0;

	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (i = 0; i < *tables[t].n && n < CON_NAV_MAX; i++) {
			if (tables[t].rows[i].admin && !admin)
				continue;
			nav[n].path = tables[t].rows[i].path;
			nav[n].key = tables[t].rows[i].title;
			nav[n].group = tables[t].rows[i].group;
			n++;
		}
	return n;
}

static void
send_page(struct http_req *r, unsigned int status, const struct strbuf *sb)
{
	http_reply(r, status, "text/html;charset=utf-8", sb->buf, sb->len);
	http_reply_header(r, "Content-Security-Policy", RENDER_CONSOLE_CSP);
	http_reply_header(r, "Cache-Control", "no-store");
	http_reply_header(r, "Referrer-Policy", "no-referrer");
	http_reply_header(r, "X-Content-Type-Options", "nosniff");
}

/* The frame around body; a failure to render answers 500. */
static void
framed(struct http_req *r, unsigned int status, struct console_frame *f,
    int admin, const struct strbuf *body)
{
	struct console_nav nav[CON_NAV_MAX];
	struct strbuf sb = STRBUF_INIT;

	f->nav = nav;
	f->n_nav = nav_rows(admin, nav);
	if (console_head(&sb, f) != 0 ||
	    (body && strbuf_add(&sb, body->buf, body->len) != 0) ||
	    console_tail(&sb, f) != 0) {
		strbuf_reset(&sb);
		(void)strbuf_addstr(&sb, "console page too large");
		status = 500;
	}
	send_page(r, status, &sb);
	strbuf_release(&sb);
}

void
console_reply(struct console_req *c, unsigned int status,
    const struct strbuf *body, const char *error)
{
	struct console_frame f = { .lang = c->lang,
		.uid = c->u.uid,
		.csrf = c->csrf,
		.error = error,
		.title = "app.notfound",
		.here = c->r->path };
	const char *done = console_in(c, "done");

	if (c->page) {
		f.title = c->page->title;
		f.here = c->page->path;
	}
	if (*done)
		f.flash = done;
	framed(c->r, status, &f, c->u.is_admin, body);
}

void
console_answer(struct console_req *c, unsigned int status,
    const struct strbuf *body, const char *error, int rendered)
{
	if (rendered != 0)
		console_fail(c, 500, "page too large");
	else
		console_reply(c, status, body, error);
}

void
console_fail(struct console_req *c, unsigned int status, const char *error)
{
	console_reply(c, status, NULL, error);
}

void
console_redirect(struct http_req *r, const char *path, const char *flash)
{
	char to[256];

	if (flash)
		snprintf(to, sizeof(to), "%s%cdone=%s", path,
		    strchr(path, '?') ? '&' : '?', flash);
	else
		snprintf(to, sizeof(to), "%s", path);
	api_see_other(r, to);
}

const char *
console_join_of(struct console_req *c, struct strbuf *link)
{
	const char *code = console_in(c, "link");
	size_t n = strlen(code);

	if (n == 0 || n >= 64 || strspn(code, "0123456789abcdef") != n)
		return NULL;
	if (strbuf_addf(link, "%s/join/%s", api_ctx(c->r)->base_url, code) !=
	    0)
		return NULL;
	return code;
}

/* ---- writes --------------------------------------------------------- */

static void
op_reply(struct api_op *o, int rc)
{
	struct console_op *k = (struct console_op *)o;
	struct console_frame f = { .lang = k->lang,
		.title = "app.error",
		.here = k->back,
		.uid = k->uid,
		.csrf = k->csrf };
	struct strbuf body = STRBUF_INIT;

	if (rc == 0) {
		if (k->done)
			k->done(k);
		console_redirect(o->http, k->back, k->flash);
		return;
	}
	f.error = k->err.len ? k->err.buf : fg_strerror(rc);
	(void)strbuf_addstr(&body, "<p><a href=\"");
	(void)strbuf_addstr(&body, k->back);
	(void)strbuf_addf(&body, "\">%s</a></p>",
	    k->lang == CON_EN ? "Back" : "返回");
	framed(o->http, rc == FG_ENOENT ? 404 : 422, &f, k->admin, &body);
	strbuf_release(&body);
}

static void
op_release(struct api_op *o)
{
	struct console_op *k = (struct console_op *)o;

	if (k->release)
		k->release(k);
	strbuf_release(&k->err);
}

void *
console_op_new(struct console_req *c, size_t size,
    int (*apply)(struct api_op *, struct store *), const char *flash)
{
	struct console_op *k = xcalloc(1, size);

	k->o.apply = apply;
	k->o.reply = op_reply;
	k->o.release = op_release;
	k->lang = c->lang;
	k->flash = flash;
	k->admin = c->u.is_admin;
	memcpy(k->uid, c->u.uid, sizeof(k->uid));
	memcpy(k->csrf, c->csrf, sizeof(k->csrf));
	strbuf_init(&k->err, 1024);
	snprintf(k->back, sizeof(k->back), "%s",
	    c->page ? c->page->path : "/console");
	return k;
}

void
console_op_submit(struct console_req *c, struct console_op *k)
{
	api_op_submit(c->r, &k->o);
}

/* ---- dispatch ------------------------------------------------------- */

static const struct console_page *
page_of(const char *path, const char **rest)
{
	size_t t, i, len;

	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (i = 0; i < *tables[t].n; i++) {
			const struct console_page *p = &tables[t].rows[i];

			len = strlen(p->path);
			if (strncmp(path, p->path, len) != 0 ||
			    (path[len] != '\0' && path[len] != '/'))
				continue;
			*rest = path + len;
			return p;
		}
	return NULL;
}

const struct console_page *
console_find(const char *path)
{
	const char *rest;

	return page_of(path, &rest);
}

static void
to_login(struct http_req *r)
{
	struct strbuf to = STRBUF_INIT;

	/* the path only: the query may hold ?lang, not worth the escaping */
	if (strbuf_addstr(&to, "/login?next=") == 0 && strlen(r->path) < 200 &&
	    strspn(r->path,
		"abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.") == strlen(r->path))
		(void)strbuf_addstr(&to, r->path);
	else
		(void)strbuf_addstr(&to, "/console");
	api_see_other(r, to.buf);
	strbuf_release(&to);
}

static void
run(struct console_req *c)
{
	const char *rest = "";

	if (strcmp(c->r->path, "/console") == 0 ||
	    strcmp(c->r->path, "/console/") == 0) {
		api_see_other(c->r, console_sender_pages[0].path);
		return;
	}
	c->page = page_of(c->r->path, &rest);
	c->rest = rest;
	if (c->page == NULL)
		return console_fail(c, 404, "app.notfound");
	/* an operator page, for a person who is not one: said so */
	if (c->page->admin && !c->u.is_admin) {
		c->page = NULL;
		return console_fail(c, 403, "adm.forbidden");
	}
	if (!c->post)
		return c->page->get(c);
	if (c->page->post == NULL) {
		http_reply_header(c->r, "Allow", "GET, HEAD");
		return console_fail(c, 405, "app.notfound");
	}
	if (api_csrf_check(c->r, &c->in, 0, 0) != 0)
		return;
	c->page->post(c);
}

void
api_console(struct http_req *r, const char *rest)
{
	struct console_req *c = xcalloc(1, sizeof(*c));

	(void)rest;
	if (console_open(r, c) != 0)
		to_login(r);
	else if (c->post && intake_body(r, &c->in, NULL) != 0)
		console_fail(c, 400, "app.error");
	else
		run(c);
	console_close(c);
	free(c);
}

int
console_open(struct http_req *r, struct console_req *c)
{
	memset(c, 0, sizeof(*c));
	c->r = r;
	c->post = strcmp(r->method, "POST") == 0;
	params_init(&c->in, LIM_PARAMS);
	(void)intake_query(r, &c->in);
	c->lang = lang_of(r, &c->in);
	if (api_person_who(r, &c->u, &c->who) != 0 ||
	    c->who.how != API_WHO_SESSION)
		return -1;
	api_csrf_token(r, &c->who, c->csrf);
	return 0;
}

void
console_close(struct console_req *c)
{
	params_release(&c->in);
}

void
api_console_root(struct http_req *r)
{
	api_console(r, "");
}

void
api_landing(struct http_req *r)
{
	struct store_user u;
	struct api_who who;
	struct params q;
	struct strbuf sb = STRBUF_INIT;
	char csrf[33];
	int lang, in;

	params_init(&q, LIM_PARAMS);
	(void)intake_query(r, &q);
	lang = lang_of(r, &q);
	params_release(&q);
	in = api_person_who(r, &u, &who) == 0 && who.how == API_WHO_SESSION;
	if (in)
		api_csrf_token(r, &who, csrf);
	if (console_landing(&sb, lang, in ? u.uid : NULL, csrf) != 0) {
		strbuf_reset(&sb);
		(void)strbuf_addstr(&sb, "landing page too large");
	}
	send_page(r, 200, &sb);
	strbuf_release(&sb);
}
