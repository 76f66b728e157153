/*
 * console.h: the web console's adapter (issue 12), shared by its page
 * files.  api_console() (console.c) takes every request under
 * /console/: it knows the person (a session only; anyone else is sent
 * to the sign-in page with next=), the language (?lang sets the
 * feige_lang cookie; Chinese by default), checks the CSRF field of a
 * POST, and hands the request to the page whose path it is under.
 *
 * A page is one row of a table (console_sender.c's for the sender
 * pages; further parts add a table of their own to console.c's list)
 * and one file: console_token.c, console_groups.c, ...  Its get()
 * reads through dir_*()/spool_*() on store_reader() and draws with its
 * renderer (render/console_*.c); its post() checks the form, answers a
 * bad one at once with the page and the reason beside the field (what
 * was typed kept), and hands a good one to an ops_*() call through a
 * console_op: the writer's group commit, then 303 back to the page
 * with a notice.  No page writes a business rule: that is ops/'s.
 */
#ifndef FG_API_CONSOLE_H
#define FG_API_CONSOLE_H

#include <stdint.h>

#include "api/api.h"
#include "api/commit.h"
#include "render/console.h"
#include "store/store.h"
#include "util/params.h"
#include "util/strbuf.h"

struct http_req;

/* One request of the console, as its page sees it. */
struct console_req {
	struct http_req *r;
	struct store_user u;
	struct api_who who;
	char csrf[33];
	int lang;	  /* CON_ZH, CON_EN */
	int post;	  /* method POST */
	const char *rest; /* after the page's path */
	struct params in; /* query, then the body */
	const struct console_page *page;
};

/* One page: a row of a page table. */
struct console_page {
	const char *path;  /* "/console/token" */
	const char *title; /* catalog key: nav label and <h1> */
	int group;	   /* CON_NAV_* */
	int admin;	   /* operators only */
	void (*get)(struct console_req *);
	void (*post)(struct console_req *); /* NULL: none */
};

extern const struct console_page console_sender_pages[];
extern const size_t console_n_sender_pages;
/* The operator pages (console_admin.c): admin set on every row. */
extern const struct console_page console_admin_pages[];
extern const size_t console_n_admin_pages;

/*
 * Fill c for request r (the query, the language, the person and the
 * CSRF token); -1 when no session signs r in.  console_close() releases
 * it.  api_console() does both; a page answering later (on another
 * thread) may open the request again to draw itself.
 */
int console_open(struct http_req *, struct console_req *);
void console_close(struct console_req *);

/* The page of path (any table, operator rows too), or NULL. */
const struct console_page *console_find(const char *path);

/*
 * The join link named by ?link=CODE (a group or friend link just made:
 * the redirect after the write carries its code) into link, the full
 * URL; the code, or NULL when there is none or it is not one.
 */
const char *console_join_of(struct console_req *, struct strbuf *link);

/* A parameter of the request, "" when absent. */
const char *console_in(const struct console_req *, const char *name);
/* The decimal id in s (a rest segment, a form field); -1 if none. */
int64_t console_id(const char *s);
/*
 * The person's WxPusher apps, at most max, in the store's order, into
 * rows (console_wx.c): how many; none on a store error.
 */
struct store_wx_app;
size_t console_my_apps(const struct console_req *, struct store_wx_app *rows,
    size_t max);

/*
 * Answer the page: the frame (navigation from every table, who is
 * signed in, the language switch) around body.  flash: the key of a
 * notice (NULL: from ?done=); error: the page's error (NULL: none).
 */
void console_reply(struct console_req *, unsigned int status,
    const struct strbuf *body, const char *error);
/*
 * console_reply(), or 500 when rendering the body failed (rendered:
 * the renderer's return, a strbuf error past its cap).
 */
void console_answer(struct console_req *, unsigned int status,
    const struct strbuf *body, const char *error, int rendered);
/* 303 to path (a console path) with ?done=flash. */
void console_redirect(struct http_req *, const char *path, const char *flash);
/* The page of a refused or impossible request: status, a sentence. */
void console_fail(struct console_req *, unsigned int status,
    const char *error);

/*
 * A write of a page: an api_op whose reply is the console's: 303 to
 * back with ?done=flash after a good commit, else a page with the
 * operation's reason (err) and a link back.  Pages embed it first and
 * set o.apply; err is released with the op.
 */
struct console_op {
	struct api_op o; /* first */
	int lang;
	int admin;
	char uid[40];
	char csrf[33];
	char back[128];
	const char *flash;
	struct strbuf err;
	/* optional: after a good commit, before the redirect (caches) */
	void (*done)(struct console_op *);
	/* optional: free what the page's op owns */
	void (*release)(struct console_op *);
};
/* Allocate a zeroed op of size bytes (>= sizeof console_op) for c. */
void *console_op_new(struct console_req *, size_t size,
    int (*apply)(struct api_op *, struct store *), const char *flash);
void console_op_submit(struct console_req *, struct console_op *);

#endif
