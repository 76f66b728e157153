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
	const char *spt; /* "" or NULL: none yet */
	const struct console_msgtok *toks;
	size_t n_toks;
	/* the add form after a refused submit: typed values, reasons */
	const char *add_name, *add_expire;
	const char *err_name, *err_expire;
};
int console_token_page(struct strbuf *, const struct console_token_view *);

/* ---- send a test message (console_send.c) ---- */
struct console_chancfg {
	const char *kind; /* "webhook", "cp", "mail" */
	const char *code;
	const char *name;
	int64_t id;
	int type;	 /* webhook type */
	const char *url; /* webhook URL, mail host, cp corpid */
};
struct console_send_view {
	int lang;
	const char *csrf;
	/* the form: typed values (NULL: defaults) */
	const char *channel, *webhook, *tpl, *title, *content, *topic;
	const char *error;		    /* pushplus's reason, or NULL */
	const char *sent;		    /* shortCode of the last send */
	const struct console_chancfg *cfgs; /* the person's configs */
	size_t n_cfgs;
};
/* The channels a send (and a default) may name, for selects. */
extern const struct console_opt console_channels[];
extern const size_t console_n_channels;
int console_send_page(struct strbuf *, const struct console_send_view *);

/* ---- message history (console_history.c) ---- */
struct console_hist_row {
	const char *short_code;
	const char *title; /* "" when none */
	const char *channel;
	int status; /* 0 not sent, 1 sending, 2 sent, 3 failed */
	const char *error;
	int64_t created_ms;
};
struct console_history_view {
	int lang;
	const char *q;	    /* the search, as typed */
	const char *status; /* "", "0".."3" */
	const struct console_hist_row *rows;
	size_t n;
};
int console_history_page(struct strbuf *, const struct console_history_view *);

/* One message: its deliveries and device pushes (`feige message show`). */
struct console_target {
	const char *who;    /* uid, or the device type */
	const char *via;    /* channel, or push kind */
	const char *status; /* text */
	const char *error;
	int attempts;
};
struct console_message_view {
	int lang;
	const char *csrf;
	struct console_hist_row m;
	const char *tpl;
	const struct console_target *targets;
	size_t n_targets;
	const struct console_target *pushes;
	size_t n_pushes;
};
int console_message_page(struct strbuf *, const struct console_message_view *);
const char *console_status_key(int status);

/* ---- groups (console_groups.c) ---- */
struct console_group {
	int64_t id;
	const char *code;
	const char *name;
	const char *contact;
	const char *intro;
	int64_t members;
};
struct console_member {
	int64_t id;
	const char *uid;
	const char *name;
	const char *remark;
	const char *token; /* friends: the friend token */
	int64_t created_ms;
};
struct console_groups_view {
	int lang;
	const char *csrf;
	const struct console_group *groups;
	size_t n;
	/* the create form: typed values and reasons */
	const char *code, *name, *err_code, *err_name;
};
int console_groups_page(struct strbuf *, const struct console_groups_view *);
struct console_group_view {
	int lang;
	const char *csrf;
	const struct console_group *g;
	const struct console_member *members;
	size_t n;
	const char *link; /* a join link just made, or NULL */
	const char *link_code;
	const char *err_name; /* the edit form's reason */
};
int console_group_page(struct strbuf *, const struct console_group_view *);

/* ---- channel configs (console_channels.c) ---- */
struct console_channels_view {
	int lang;
	const char *csrf;
	const struct console_chancfg *cfgs;
	size_t n;
	const struct console_opt *types; /* webhook types offered */
	size_t n_types;
	/* the add form: typed values and the reason of a refusal */
	const char *code, *name, *type, *url, *method, *headers, *body;
	const char *err_code, *err_name, *err_type, *err_url, *err_custom;
	/* a test send's result (console_chantest.c); t_code NULL: none */
	const char *t_code, *t_reply, *t_detail;
	int t_ok, t_status;
};
int console_channels_page(struct strbuf *,
    const struct console_channels_view *);
/* The test's result above the list (render/console_chantest.c). */
int console_chantest_result(struct strbuf *,
    const struct console_channels_view *);

/* ---- settings (console_settings.c) ---- */
struct console_settings_view {
	int lang;
	const char *csrf;
	/* the form: stored or typed values ("1"/"" for the flags) */
	const char *channel, *webhook, *is_send, *receive, *callback;
	const char *err_callback;
};
int console_settings_page(struct strbuf *,
    const struct console_settings_view *);

/* ---- friends (console_friends.c): rows as group members ---- */
struct console_friends_view {
	int lang;
	const char *csrf;
	const struct console_member *friends;
	size_t n;
	const char *link; /* a friend link just made */
	const char *link_code;
};
int console_friends_page(struct strbuf *, const struct console_friends_view *);

/* ---- open API (console_openapi.c) ---- */
struct console_openapi_view {
	int lang;
	const char *csrf;
	int enabled;	/* stored */
	int has_secret; /* stored */
	/* the form: typed values ("1"/"" for enable) and reasons */
	const char *enable, *ips;
	const char *err_secret, *err_ips;
};
int console_openapi_page(struct strbuf *, const struct console_openapi_view *);

/* ---- WxPusher apps (console_wx.c) ---- */
struct console_wxapp {
	int64_t id;
	const char *name;
	const char *token; /* appToken */
	const char *description;
	const char *callback_url;
	const char *settings_url;
};
struct console_wxapps_view {
	int lang;
	const char *csrf;
	const struct console_wxapp *apps;
	size_t n;
	const char *name, *callback; /* typed */
	const char *err_name, *err_callback;
};
int console_wxapps_page(struct strbuf *, const struct console_wxapps_view *);
struct console_wxapp_view {
	int lang;
	const char *csrf;
	const struct console_wxapp *app;
	const char *follow; /* the follow link */
};
int console_wxapp_page(struct strbuf *, const struct console_wxapp_view *);

/* ---- devices (console_devices.c) ---- */
struct console_device {
	int64_t id;
	const char *type; /* webpush, bark, email, ... */
	int64_t created_ms;
	int64_t last_seen_ms;
	int pending; /* an e-mail device not confirmed yet */
	/* its last settled push (sent, failed, ...), status NULL: none */
	const char *last_status, *last_error;
	int64_t last_ms;
};
struct console_devices_view {
	int lang;
	const char *csrf;
	const struct console_device *devices;
	size_t n;
	int waiting; /* a test push has no answer yet: reload shortly */
};
int console_devices_page(struct strbuf *, const struct console_devices_view *);

/* ---- pre-processing scripts (console_pre.c) ---- */
struct console_pre_item {
	int64_t id;
	const char *name, *code;
	int64_t created_ms;
};
struct console_pre_view {
	int lang;
	const char *csrf;
	const struct console_pre_item *items;
	size_t n;
	/* the add/edit form: id "" adds; what was typed, the reasons */
	const char *id, *name, *code, *script;
	const char *err_name, *err_code, *err_script;
	/* the test run: typed, then the result or the script's error */
	const char *t_script, *t_msg, *err_t_script;
	const char *t_result, *t_error; /* NULL: not run */
};
int console_pre_page(struct strbuf *, const struct console_pre_view *);

/*
 * ---- WeCom app and mail configs (console_chanadd.c) ----
 * One form a kind; its fields are a table the adapter reads and checks
 * by (console_chanadd_fields()), so names, limits and the form agree.
 */
#define CONSOLE_CHANADD_MAX 8
struct console_chanadd_form {
	const char *val[CONSOLE_CHANADD_MAX]; /* typed, by field */
	const char *err[CONSOLE_CHANADD_MAX]; /* reasons, by field */
};
struct console_chanadd_view {
	int lang;
	const char *csrf;
	struct console_chanadd_form cp, mail;
};
/* The fields of kind "cp" or "mail" (n set), or NULL. */
const struct console_field *console_chanadd_fields(const char *kind,
    size_t *n);
int console_chanadd_page(struct strbuf *, const struct console_chanadd_view *);

/* ---- open API AccessKeys (console_keys.c) ---- */
struct console_key {
	int64_t id;
	const char *short_id; /* the start of the key's hash */
	int64_t created_ms, expires_ms;
};
struct console_keys_view {
	int lang;
	const char *csrf;
	const struct console_key *keys;
	size_t n;
};
int console_keys_page(struct strbuf *, const struct console_keys_view *);

/* ---- WxPusher topics (console_wxtopics.c) ---- */
struct console_wxtopic {
	int64_t id;
	const char *name;
	int64_t created_ms;
};
struct console_wxtopic_app {
	int64_t id;
	const char *name;
	const struct console_wxtopic *topics;
	size_t n;
	const char *typed, *err; /* the add form of this app, refused */
};
struct console_wxtopics_view {
	int lang;
	const char *csrf;
	const struct console_wxtopic_app *apps;
	size_t n;
};
int console_wxtopics_page(struct strbuf *,
    const struct console_wxtopics_view *);

/* ---- join callbacks (console_callbacks.c) ---- */
#define CONSOLE_CB_EVENTS 2 /* add_topic_user, add_friend */
struct console_callback {
	const char *url, *body, *error;
	int status; /* 0 due, 1 delivered, 2 gave up */
	int attempts;
	int64_t created_ms;
};
struct console_callbacks_view {
	int lang;
	const char *csrf;
	const char *url, *err_url; /* the form: stored or typed, reason */
	const struct console_callback *rows[CONSOLE_CB_EVENTS];
	size_t n[CONSOLE_CB_EVENTS];
};
int console_callbacks_page(struct strbuf *,
    const struct console_callbacks_view *);

/* ---- WxPusher products (console_wxproducts.c) ---- */
struct console_wxproduct {
	int64_t id;
	const char *name;
	const char *covers; /* the topic's name, NULL: the app */
	const char *price;  /* yuan, "9.90" */
	int price_fen;
	int64_t created_ms;
};
/* A product form's typed values and reasons (add or edit). */
struct console_wxproduct_form {
	const char *name, *price, *topic;
	const char *err_name, *err_price;
};
/* The grant form's typed values and reasons. */
struct console_wxproduct_grant {
	const char *uid, *prod, *days;
	const char *err_uid, *err_days;
};
struct console_wxproduct_app {
	int64_t id;
	const char *name;
	const struct console_wxproduct *products;
	size_t n;
	const struct console_opt *covers; /* "0" the app, then topics */
	size_t n_covers;
	const struct console_wxproduct *editing;   /* ?edit=, or NULL */
	const struct console_wxproduct_form *form; /* refused, or NULL */
	/* granting paid time: the products, the refused form or NULL */
	const struct console_opt *prods;
	size_t n_prods;
	const struct console_wxproduct_grant *grant;
};
struct console_wxproducts_view {
	int lang;
	const char *csrf;
	const struct console_wxproduct_app *apps;
	size_t n;
};
int console_wxproducts_page(struct strbuf *,
    const struct console_wxproducts_view *);

/* ---- WxPusher followers (console_wxfollowers.c) ---- */
struct console_wxfollower {
	int64_t id;
	const char *uid, *target, *source;
	int topic; /* follows a topic (target is its name) */
	int blocked;
	int64_t pay_end_ms; /* 0: never paid */
	int64_t created_ms;
};
struct console_wxfollowers_view {
	int lang;
	const char *csrf;
	const struct console_wxapp *apps; /* the person's, for the choice */
	size_t n_apps;
	int64_t app;	 /* the app shown, 0: none chosen */
	const char *uid; /* the search, as typed */
	const struct console_wxfollower *rows;
	size_t n;
	int64_t total;
};
int console_wxfollowers_page(struct strbuf *,
    const struct console_wxfollowers_view *);

/* ---- WxPusher parametric QR codes (console_wxqr.c) ---- */
struct console_wxqr_view {
	int lang;
	const char *csrf;
	const struct console_opt *apps; /* the person's apps, to choose */
	size_t n_apps;
	const char *app, *extra, *valid; /* typed */
	const char *err_app, *err_extra, *err_valid;
	/* a code just made (NULL: none): its image, link, poll secret */
	const char *code, *link, *secret;
	int64_t expires_ms;
};
int console_wxqr_page(struct strbuf *, const struct console_wxqr_view *);

#endif
