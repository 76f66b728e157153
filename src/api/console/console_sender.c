/*
 * console_sender.c: the table of the console's sender pages (issue
 * 12), in the order of the navigation.  A page is a row here and a
 * file of its own (console_<page>.c, whose get/post are declared in
 * console_pages.h); api/console/console.c dispatches by the path and
 * builds the navigation from this table and the operator table.
 */
#include "api/console/console.h"
#include "api/console/console_pages.h"

const struct console_page console_sender_pages[] = {
	{ "/console/token", "token.title", CON_NAV_SEND, 0, console_token_get,
	    console_token_post },
};
const size_t console_n_sender_pages = sizeof(console_sender_pages) /
    sizeof(console_sender_pages[0]);
