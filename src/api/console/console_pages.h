/*
 * console_pages.h: the entries of the console's sender pages, one
 * pair per page file, for the table in console_sender.c.
 */
#ifndef FG_API_CONSOLE_PAGES_H
#define FG_API_CONSOLE_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "render/console_sender.h"
#include "store/store_chan.h"

struct console_req;

/* The person's channel configs, every kind (console_send.c). */
#define CONSOLE_CFGS	64
struct console_cfgs {
	struct store_chan	rows[CONSOLE_CFGS];
	struct console_chancfg	view[CONSOLE_CFGS];
	size_t			n;
	const char		*kind;
};
void	console_cfgs_load(int64_t user, struct console_cfgs *);

void console_token_get(struct console_req *);
void console_token_post(struct console_req *);

void console_send_get(struct console_req *);
void console_send_post(struct console_req *);

void console_history_get(struct console_req *);
void console_history_post(struct console_req *);

void console_groups_get(struct console_req *);
void console_groups_post(struct console_req *);

void	console_channels_get(struct console_req *);
void	console_channels_post(struct console_req *);

void console_settings_get(struct console_req *);
void console_settings_post(struct console_req *);

#endif
