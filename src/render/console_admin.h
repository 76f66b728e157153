/*
 * console_admin.h: what the console's operator pages draw (issue 12,
 * "Operators"), one renderer per page, each from a view the adapter
 * (api/console/console_admin*.c) fills from the store, the queue, the
 * metrics and the configuration.  Strings are borrowed; every one is
 * escaped when drawn.  The words are the catalog's "adm.*" keys
 * (console_admin_msg.c).
 */
#ifndef FG_RENDER_CONSOLE_ADMIN_H
#define FG_RENDER_CONSOLE_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "render/console.h"

extern const struct console_msg console_msgs_admin[];
extern const size_t console_n_msgs_admin;

/* ---- users (console_admin.c) ---- */
struct con_adm_user {
	int64_t id;
	const char *uid, *name, *token;
	int admin, disabled;
	int64_t created_ms;
	int daily_limit, rate_limit; /* -1: the server setting */
};
struct con_adm_users_view {
	int lang;
	const char *csrf;
	const struct con_adm_user *rows;
	size_t n;
	int more; /* more users than shown */
	/* the add form after a refused submit */
	const char *add_name, *err_name;
	/* the limits form of user lim_id after a refused submit */
	int64_t lim_id;
	const char *lim_daily, *lim_rate, *err_daily, *err_rate;
};
int console_adm_users_page(struct strbuf *, const struct con_adm_users_view *);

/* ---- queue and deliveries (console_admin.c) ---- */
/* Deliveries of a channel in one state: failed, or a retry scheduled. */
struct con_adm_state {
	const char *channel;
	int failed; /* 1 failed, 0 retrying */
	int64_t n, last_ms;
	const char *last_error;
};
struct con_adm_failed {
	int64_t id;
	const char *short_code, *uid, *channel, *title, *error;
	int attempts;
	int64_t failed_ms;
};
struct con_adm_queue_view {
	int lang;
	const char *csrf;
	/* the queue in memory (queue_stats) */
	int64_t depth, oldest_ms;
	int workers, alive, busy, stuck;
	const struct con_adm_state *states;
	size_t n_states;
	/* one page of failed deliveries, of channel ("" = all) */
	const char *channel;
	const struct con_adm_failed *failed;
	size_t n_failed;
	int64_t next; /* ?before= of the next page, 0: none */
};
int console_adm_queue_page(struct strbuf *, const struct con_adm_queue_view *);

/* ---- channel health (console_admin_sys.c) ---- */
/* A counter since the start: two labels and a value. */
struct con_adm_count {
	const char *a, *b;
	int64_t n;
};
struct con_adm_health_view {
	int lang;
	const struct con_adm_count *deliveries; /* channel, outcome */
	size_t n_deliveries;
	const struct con_adm_count *pushes; /* device type, outcome */
	size_t n_pushes;
	const struct con_adm_count *callbacks; /* outcome, "" */
	size_t n_callbacks;
	const struct con_adm_state *states; /* the newest errors */
	size_t n_states;
};
int console_adm_health_page(struct strbuf *,
    const struct con_adm_health_view *);

/* ---- storage, version, configuration (console_admin_sys.c) ---- */
struct con_adm_opt {
	const char *name, *value, *help;
	int secret;
};
struct con_adm_system_view {
	int lang;
	const char *version;
	const char *data_dir;
	int64_t db, wal, shm, images, n_images, total;
	const struct con_adm_opt *opts;
	size_t n_opts;
};
int console_adm_system_page(struct strbuf *,
    const struct con_adm_system_view *);

/* ---- upstreams (console_admin_up.c) ---- */
/* An upstream host: its answers since the start. */
struct con_adm_host {
	const char *host, *last_error;
	int64_t ok, failed, last_ok_ms, last_fail_ms;
	int last_status;
};
/* A bound ClawBot as its poller sees it. */
struct con_adm_bot {
	int64_t user_id;
	const char *bot_id;
	int64_t paused_until_ms, window_end_ms, used, created_ms;
};
struct con_adm_up_view {
	int lang;
	int64_t now_ms;
	const struct con_adm_host *hosts;
	size_t n_hosts;
	int wechat;	   /* the official account is configured */
	const char *token; /* its access token's state */
	int64_t followers; /* following the account (wechat_followers) */
	int64_t bound;	   /* persons bound to it */
	int64_t refused;   /* follows refused by the limit */
	int follower_limit; /* wechat.follower_limit, 0 none */
	int clawbot;	   /* the pollers run */
	const struct con_adm_bot *bots;
	size_t n_bots;
};
int console_adm_up_page(struct strbuf *, const struct con_adm_up_view *);

/* ---- SMS provider (console_admin_sms.c) ---- */
struct console_channels_view;
struct con_adm_sms_view {
	int lang;
	const char *csrf;
	const struct con_adm_opt *rows; /* sms.* in effect */
	size_t n_rows;
	const char *why_sms, *why_voice; /* NULL: ready */
	/* the test form: typed values, reasons (keys) */
	const char *phone, *kind, *err_phone, *err_kind;
	const struct console_channels_view *test; /* its result, or NULL */
};
int console_adm_sms_page(struct strbuf *, const struct con_adm_sms_view *);

/* </tbody></table></div>: the end of a console_thead() table. */
int console_adm_tend(struct strbuf *);
/* <td>text</td>, escaped; <td> with a number. */
int console_adm_td(struct strbuf *, const char *text);
int console_adm_tdn(struct strbuf *, int64_t n);
/* <td> with a time, empty for 0. */
int console_adm_tdt(struct strbuf *, int64_t ms);
/* The per-channel failed/retrying rows, without buttons. */
int console_adm_states(struct strbuf *, int lang,
    const struct con_adm_state *, size_t n);

#endif
