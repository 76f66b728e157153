/*
 * console_sender.h: what the sender pages of the console draw (issue
 * 12), one renderer per page file (render/console_<page>.c), each from
 * a view the adapter (api/console/console_<page>.c) fills from the
 * store.  Strings are borrowed; every one is escaped when drawn.
 */
#ifndef FG_RENDER_CONSOLE_SENDER_H
#define FG_RENDER_CONSOLE_SENDER_H

#include <stddef.h>
#include <stdint.h>

#include "render/console.h"

/* ---- my token (console_token.c) ---- */
struct console_msgtok {
	int64_t id;
	const char *name;
	const char *token;
	int64_t expire_ms; /* 0: never */
};
struct console_token_view {
	int lang;
	const char *csrf;
	const char *uid;
	const char *token;
	const struct console_msgtok *toks;
	size_t n_toks;
	/* the add form after a refused submit: typed values, reasons */
	const char *add_name, *add_expire;
	const char *err_name, *err_expire;
};
int console_token_page(struct strbuf *, const struct console_token_view *);

#endif
