/*
 * console_admin.h: the entries of the console's operator pages (issue
 * 12, "Operators"), one file each, for the table in console_admin.c.
 * Every row of that table is admin-only: console.c answers 403 to
 * anyone else before a page runs.
 */
#ifndef FG_API_CONSOLE_ADMIN_H
#define FG_API_CONSOLE_ADMIN_H

#include <stddef.h>

#include "render/console_admin.h"
#include "store/spool.h"

struct console_req;

/*
 * The failed and retrying deliveries per channel, from this thread's
 * reader (the queue page and the health page show them): the store's
 * rows and their views, pointing into them.  0 or a store error.
 */
#define CONSOLE_ADM_STATES 64
struct console_adm_states {
	struct store_chan_state st[CONSOLE_ADM_STATES];
	struct con_adm_state sv[CONSOLE_ADM_STATES];
	size_t n;
};
int console_adm_states_load(struct console_adm_states *);

/*
 * Answer a page whose renderer returned rc into body: the page in the
 * frame with status (a refused form's 422 with the error notice), or
 * 500 when it did not fit; body is released.
 */
void console_adm_answer(struct console_req *, int rc, struct strbuf *body,
    unsigned int status);

/* console_admin.c */
void console_adm_users_get(struct console_req *);
void console_adm_users_post(struct console_req *);
/* console_admin_queue.c */
void console_adm_queue_get(struct console_req *);
void console_adm_queue_post(struct console_req *);
/* console_admin_sys.c */
void console_adm_health_get(struct console_req *);
/* console_admin_sms.c */
void console_adm_sms_get(struct console_req *);
void console_adm_sms_post(struct console_req *);
/* console_admin_up.c */
void console_adm_up_get(struct console_req *);
void console_adm_system_get(struct console_req *);

#endif
