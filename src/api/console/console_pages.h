/*
 * console_pages.h: the entries of the console's sender pages, one
 * pair per page file, for the table in console_sender.c.
 */
#ifndef FG_API_CONSOLE_PAGES_H
#define FG_API_CONSOLE_PAGES_H

struct console_req;

void console_token_get(struct console_req *);
void console_token_post(struct console_req *);

#endif
