/*
 * console.h: the frame of the web console's pages (issue 12): the
 * message catalog, the layout around every page, and the forms.  The
 * pages themselves are one file each (console_token.c, ...) and declare
 * what they draw in console_sender.h (and console_operator.h).
 *
 * Everything here is pure string in, string out, like the message
 * pages: every value is escaped with render_esc (text.c), no script is
 * inline (the console is served with RENDER_CONSOLE_CSP; its one module
 * script is /static/console.js), and functions append to a strbuf and
 * return 0 or the strbuf's error.
 *
 * Language: Chinese first.  Every word the console shows is a key of
 * the catalog (console_msg.c), looked up with console_t(): a key the
 * catalog lacks is shown as itself, which is how text that is already
 * a sentence (an operation's error, a user's value) goes through the
 * same calls.
 */
#ifndef FG_RENDER_CONSOLE_H
#define FG_RENDER_CONSOLE_H

#include <stddef.h>

#include "util/strbuf.h"

/*
 * The console's CSP: the page CSP plus frames of feige's own (the live
 * preview of a test message is a sandboxed page of its own) and no
 * inline style either.
 */
#define RENDER_CONSOLE_CSP \
	"default-src 'none'; script-src 'self'; connect-src 'self'; " \
	"img-src 'self' data:; style-src 'self'; frame-src 'self'; " \
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

enum console_lang { CON_ZH = 0, CON_EN = 1 };

/* One catalog row: a key and its text in each language. */
struct console_msg {
	const char *key;
	const char *zh;
	const char *en;
};

/* The text of key in lang; key itself when the catalog lacks it. */
const char *console_t(int lang, const char *key);
/* 1 when the catalog has key. */
int console_has(const char *key);
/* Row i of the whole catalog, NULL past the end (tests walk it). */
const struct console_msg *console_msg_at(size_t i);
/*
 * The catalog's tables: the frame and sender pages (console_msg.c),
 * the operator pages (their own file); console_msg.c lists them.
 */
extern const struct console_msg console_msgs_sender[];
extern const size_t console_n_msgs_sender;

/*
 * A row of the navigation: a path and the key of its label.  The
 * adapter builds the list from its page tables (api/console/), so a new
 * page is one row there.
 */
struct console_nav {
	const char *path;
	const char *key;
	int group; /* CON_NAV_*: the heading it goes under */
};
enum {
	CON_NAV_SEND,
	CON_NAV_RECEIVE,
	CON_NAV_WX,
	CON_NAV_OPERATOR,
	CON_NAV__COUNT
};

/* What the layout needs to draw a page around its body. */
struct console_frame {
	int lang;
	const char *title; /* key */
	const char *here;  /* the path, for nav and lang */
	const char *uid;   /* signed in as; NULL: not */
	const char *csrf;  /* for the sign-out form */
	const struct console_nav *nav;
	size_t n_nav;
	const char *flash; /* key of a notice, or NULL */
	const char *error; /* a page-level error, or NULL */
};
int console_head(struct strbuf *, const struct console_frame *);
int console_tail(struct strbuf *, const struct console_frame *);

/* The text of key, escaped. */
int console_text(struct strbuf *, int lang, const char *key);
/* <h2>key</h2> and <p class="con-hint">key</p> */
/*
 * A scrolling table's start, up to <tbody>: a header cell (scope=col)
 * per key; the caller closes with </tbody></table></div>.
 */
int console_thead(struct strbuf *, int lang, const char *const *keys,
    size_t n);
int console_h2(struct strbuf *, int lang, const char *key);
int console_hint(struct strbuf *, int lang, const char *key);

/*
 * A list as a table (console_table.c): the hint "app.none" when n is 0,
 * else the head of cols and row(out, arg, i) for i in [0, n), closed.
 */
struct console_table {
	const char *const *cols;
	size_t ncols;
	size_t n;
	int (*row)(struct strbuf *, const void *arg, size_t i);
	const void *arg;
};
int console_table(struct strbuf *, int lang, const struct console_table *);

/*
 * Forms.  A field shows what the person typed (value) and, after a
 * refused submit, the reason under it (error, a key or a sentence),
 * tied to it with aria-describedby and aria-invalid, so nothing typed
 * is lost and a screen reader reads why.
 */
enum console_ftype {
	CF_TEXT,
	CF_NUMBER,
	CF_URL,
	CF_EMAIL,
	CF_DATETIME,
	CF_PASSWORD,
	CF_TEXTAREA,
	CF_CODE,
	CF_SELECT,
	CF_CHECK,
	CF_HIDDEN
};
struct console_opt {
	const char *value;
	const char *label; /* key */
};
struct console_field {
	enum console_ftype type;
	const char *name;
	const char *label;		/* key */
	const char *value;		/* NULL = "" */
	const char *error;		/* key or sentence, or NULL */
	const char *hint;		/* key, or NULL */
	const struct console_opt *opts; /* CF_SELECT */
	size_t n_opts;
	int required;
	int maxlen; /* 0: none */
};
struct console_form {
	const char *action;
	const char *csrf;
	const char *submit; /* key */
	const char *id;	    /* the form's id, or NULL */
	const char *target; /* a frame name, or NULL */
	int danger;
	/*
	 * A live preview: the action of a second button (id "pv") that
	 * sends the form to the frame "preview"; console.js presses it as
	 * the person types.  NULL: none.
	 */
	const char *preview;
};
/* One field (with its label, hint, error) of form id form (may be NULL). */
int console_field_html(struct strbuf *, int lang, const char *form,
    const struct console_field *);
int console_form(struct strbuf *, int lang, const struct console_form *,
    const struct console_field *, size_t n);
/*
 * A form of one button (delete, rotate), with one hidden field
 * (name may be NULL); confirm: the key of the question console.js asks
 * first, or NULL.
 */
int console_button(struct strbuf *, int lang, const char *action,
    const char *csrf, const char *label, const char *name, const char *value,
    const char *confirm);
/* A read-only value with a copy button; id names the field. */
int console_copy(struct strbuf *, int lang, const char *id, const char *label,
    const char *value);

/*
 * A join link (group or friend) just made: the link with a copy button
 * (field #con-join) and its PNG QR code (/join/CODE.png), alt a key.
 */
int console_join_link(struct strbuf *, int lang, const char *label,
    const char *link, const char *code, const char *alt);

/* The console's stylesheet and module script (console_assets.c). */
extern const char render_console_css[];
extern const char render_console_js[];

/* The root page "/": what this server is, sign in, the docs. */
int console_landing(struct strbuf *, int lang, const char *uid,
    const char *csrf);

#endif
