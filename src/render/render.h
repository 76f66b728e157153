/*
 * render.h: turning stored messages into HTML pages.  Pure functions:
 * string in, string out, no I/O, no globals, callable from any thread.
 *
 * Security: sender content is untrusted.  The message page is served with
 * a Content-Security-Policy sandbox (no scripts, unique origin; see
 * RENDER_MESSAGE_CSP), and every template other than "html" escapes the
 * sender's text.  "html" content is inserted as given: the CSP, not
 * escaping, is what keeps its scripts from running.
 *
 * All functions append to `out` and return 0, or a negative enum fg_err
 * (FG_ETOOBIG when out's cap is reached) with a reason in `err`.
 */
#ifndef FG_RENDER_H
#define FG_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* Header value for the message page: no script of the sender runs. */
#define RENDER_MESSAGE_CSP \
	"sandbox allow-popups allow-popups-to-escape-sandbox; " \
	"default-src 'none'; img-src * data:; media-src * data:; " \
	"style-src 'unsafe-inline'; font-src data:"

/*
 * Header value for feige's own pages (inbox): only feige's own files,
 * its service worker (/sw.js) and web app manifest included.
 */
#define RENDER_PAGE_CSP \
	"default-src 'none'; script-src 'self'; connect-src 'self'; " \
	"img-src 'self' data:; style-src 'self' 'unsafe-inline'; " \
	"worker-src 'self'; manifest-src 'self'; " \
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/*
 * Templates, matched case-insensitively on input; render_template_name()
 * gives the canonical spelling stored and shown ("cloudMonitor").
 */
enum render_template {
	TPL_HTML = 0, TPL_TXT, TPL_JSON, TPL_MARKDOWN, TPL_CLOUDMONITOR,
	TPL_JENKINS, TPL_ROUTE, TPL_PAY, TPL_FORM, TPL_DOC, TPL_EXCEL,
	TPL__COUNT
};

/* Returns the template for a name (len bytes), or -1 if unknown. */
int		 render_template_lookup(const char *name, size_t len);
const char	*render_template_name(int tpl);
/*
 * 1 when the template's content is HTML: html, and form, doc and excel
 * (pushplus's push-form/doc/sheet cards, whose content feige shows as
 * HTML beside a note about the pushId, card_push.c).
 */
int		 render_template_html(int tpl);
/*
 * The pushplus product a template points at through pushId: "form",
 * "doc" or "excel" for those templates (the path segment of its share
 * link), NULL for the others.
 */
const char	*render_push_kind(int tpl);

/* Everything the message page shows; strings borrowed, NUL-terminated. */
struct render_message {
	const char	*title;		/* "" when none */
	const char	*content;	/* raw content as sent */
	size_t		 content_len;
	int		 tpl;		/* enum render_template */
	const char	*short_code;
	const char	*sender;	/* sender's display name (WxPusher: app) */
	const char	*topic;		/* WxPusher topic(s) it went to, or NULL */
	const char	*channel;	/* "wechat", ... */
	int64_t		 created_ms;	/* epoch ms, shown in UTC+8 */
	int		 status;	/* 0 not sent .. 3 failed */
	const char	*error;		/* "" unless failed */
	const char	*url;		/* WxPusher "original link", or NULL */
	const char	*push_id;	/* form/doc/excel code, or NULL */
	const char	*push_base;	/* pushplus.form_base, "" = no link */
};

/*
 * The body fragment for one template: html as is, txt escaped and
 * line-preserving, json as a table/tree (invalid JSON, including the
 * single-quoted sample in the pushplus docs, is shown readably, never
 * rejected), markdown via md4c, cloudMonitor/jenkins/route/pay as cards
 * built from the fields those senders post (falling back to the json
 * view when the fields are missing).
 */
int	render_content(struct strbuf *out, int tpl, const char *content,
	    size_t len, struct strbuf *err);

/* A complete, mobile-friendly HTML document for one message. */
int	render_message_page(struct strbuf *out, const struct render_message *,
	    struct strbuf *err);

/*
 * Who an inbox item is from, as the inbox, its JSON and its live events
 * show it (inbox.c): "app · topic" for a WxPusher send, the group's name
 * for a pushplus group send, the friend's name for a send by another
 * user; nothing for one's own.  Strings borrowed, "" = none.
 */
struct render_from {
	const char	*app;
	const char	*topic;
	const char	*group;
	const char	*sender;
};
int	render_inbox_from(struct strbuf *out, const struct render_from *);

/* One line of the inbox list. */
struct render_inbox_item {
	int64_t		 id;		/* inbox id (SSE event id) */
	const char	*short_code;
	const char	*title;		/* "" -> derived from content */
	const char	*content;	/* for the preview line */
	size_t		 content_len;
	int		 tpl;
	int64_t		 created_ms;
	const char	*from;		/* render_inbox_from(), or NULL */
};

struct render_inbox {
	const char			*user_name;
	const char			*uid;
	const char			*token;	/* passed to stream + page links */
	const struct render_inbox_item	*items;	/* newest first */
	size_t				 n_items;
};

/*
 * The inbox page: a list of the user's messages, each linking to
 * /message/{shortCode}; it loads /static/inbox.js (no inline script) which
 * listens on /inbox/stream and prepends new messages live.
 */
int	render_inbox_page(struct strbuf *out, const struct render_inbox *,
	    struct strbuf *err);

/* WxPusher pages (wx_pages.c); strings borrowed. */
struct render_wx_follow {
	const char	*app_name;
	const char	*topic_name;	/* NULL for an app follow */
	const char	*description;
	const char	*contact;
	const char	*uid;		/* a known person's; links to /inbox, /me */
	int		 existed;
	int		 blocked;
	/* A confirmation (nothing done yet): the form's target and fields. */
	const char	*action;	/* NULL: the follow happened */
	const char	*src;		/* "link" or "scan" */
	const char	*qr;		/* parametric code, or NULL */
	const char	*button;	/* its label; NULL: 关注 (follow) */
	const char	*qr_img;	/* the link's QR code image, or NULL */
	const char	*csrf;		/* the form's CSRF token */
	/* not signed in: the button creates a person; signin: where to
	 * sign in instead (/login?next=…) */
	int		 anon;
	const char	*signin;
	long long	 wechat_id;	/* app/topic id: the WeChat follow
					 * button (wechat.* set), 0 = none */
	int		 wechat_me;	/* the person's WeChat bind button */
};
struct render_wx_me_item {
	int64_t		 id;		/* follow id */
	int		 is_topic;
	int64_t		 target_id;	/* appId or topicId */
	const char	*name;
	int		 blocked;
	const char	*settings;	/* the app's settings page + uid, or NULL */
};
struct render_account;
struct render_wx_me {
	const char			*uid;
	const char			*csrf;	/* the forms' CSRF token */
	const struct render_wx_me_item	*items;
	size_t				 n;
	int				 clawbot;	/* ClawBot block */
	const struct render_account	*acct;	/* account.c's part */
	int				 wechat; /* the bind button */
};
int	render_wx_follow_page(struct strbuf *, const struct render_wx_follow *);
int	render_wx_me_page(struct strbuf *, const struct render_wx_me *);
/*
 * The person's WeChat ClawBot page, /me/clawbot (clawbot_page.c).
 * Strings are never NULL ("" = none).
 */
struct render_clawbot {
	int		 bound;
	const char	*created;	/* bound since, "yyyy-MM-dd HH:mm:ss" */
	const char	*status;	/* active, inactive or paused */
	int		 left;		/* pushes left in the window */
	const char	*until;		/* window end or pause end */
	int		 qr;		/* 1: a bind code to scan is shown */
	const char	*qr_img;	/* its image URL */
	const char	*qr_link;	/* what it says (a link for phones) */
	const char	*why;		/* where the code stands */
	const char	*csrf;		/* the forms' CSRF token */
};
int	render_clawbot_page(struct strbuf *, const struct render_clawbot *);
/* The block on /me that leads to it. */
int	render_clawbot_me_block(struct strbuf *);
int	render_wx_notice(struct strbuf *, const char *title, const char *text);
/*
 * The account part of the "me" page (account.c): the person's token
 * (masked, with reveal and copy), rotating it, their sessions with
 * "sign out other sessions", signing out, and "add this phone".
 */
struct render_session {
	int64_t		 id;
	int64_t		 created_ms, last_seen_ms;
	const char	*agent;
	const char	*ip;
	int		 current;
};
struct render_account {
	const char			*token;
	const char			*csrf;
	const struct render_session	*sessions;
	size_t				 n_sessions;
	int				 signed_in;	/* by a session */
};
int	render_account(struct strbuf *, const struct render_account *);
/*
 * Sign-in pages (account.c).  A sign-in link's page: a button posting
 * the link (action) with csrf; the sign-in page: the password form and
 * the e-mail form (each posting with csrf, next kept); the "add this
 * phone" page: the QR code (SVG, inline) of link.
 */
int	render_login_link_page(struct strbuf *, const char *action,
	    const char *csrf, const char *uid);
int	render_login_page(struct strbuf *, const char *csrf, const char *next,
	    const char *notice);
int	render_phone_page(struct strbuf *, const char *link, int minutes);
/* A person's SPT (simple-push token), with a copy button. */
int	render_wx_spt_page(struct strbuf *, const char *uid, const char *spt);
/*
 * The operator's WeChat official account (issue 11 §1): the button that
 * asks for a bind QR code (POST /wechat/bind; what "me", "app" or
 * "topic", id the app or topic, csrf the page's form token), and the page showing the code: the QR
 * of qr_text drawn here (the page loads nothing from elsewhere) and a
 * link to WeChat's own image of it.
 */
int	render_wechat_bind_form(struct strbuf *, const char *what,
	    long long id, const char *csrf);
struct render_wechat_qr {
	const char	*title;
	const char	*qr_text;	/* the code's content (weixin.qq.com/q/…) */
	const char	*image_url;	/* showqrcode?ticket=… */
	int		 ttl_s;
};
int	render_wechat_qr_page(struct strbuf *, const struct render_wechat_qr *);
/*
 * qr.c: the QR code of text (a link), quiet zone included, as a
 * standalone SVG document or as a PNG image of scale pixels a module
 * (clamped to 1..RENDER_QR_SCALE_MAX).  FG_EINVAL when the text does
 * not fit a QR code.
 */
#define RENDER_QR_SCALE 8 /* default pixels per module */
#define RENDER_QR_SCALE_MAX 16
int	render_qr_svg(struct strbuf *, const char *text);
int render_qr_png(struct strbuf *, const char *text, int scale);

/*
 * Static files served by feige (assets.c): /static/feige.css and the
 * files of src/render/web/ compiled in (scripts/embed-web.sh): the
 * inbox's scripts, its service worker and its manifest.  name is the
 * path ("/static/inbox.js", "/sw.js", "/manifest.webmanifest") or the
 * bare file name.  NULL when there is no such file.
 */
const char	*render_static(const char *name, size_t *len,
		    const char **content_type);

/*
 * icon.c: feige's app icon (a white paper plane on blue) as a PNG of
 * size x size pixels, drawn here rather than kept as a binary file.
 * kind 0: a rounded square on transparency ("any"); 1: maskable, the
 * blue to the edges and the plane inside the safe zone; 2: the same,
 * opaque, for iOS's apple-touch-icon.  render_icon_name() maps
 * "icon-192.png", "icon-maskable-512.png", "apple-touch-icon.png" (180)
 * and the like to size and kind; FG_ENOENT for another name.
 */
#define RENDER_ICON_MAX	512
int	render_icon_png(struct strbuf *, int size, int kind);
int	render_icon_name(const char *name, int *size, int *kind);

/* The preview line of an inbox item, its JSON and its live event. */
#define RENDER_PREVIEW_CHARS	80
/* A preview line (plain text, <= max_chars code points) of a content. */
int	render_preview(struct strbuf *out, int tpl, const char *content,
	    size_t len, size_t max_chars);

/*
 * The JSON object a live receiver gets for inbox item inbox_id holding m
 * (event.c): id, shortCode, title, preview, template, createdAt.
 */
struct message;
int	render_inbox_event(struct strbuf *out, int64_t inbox_id,
	    const struct message *m);
/* The JSON of a recalled message (event.c): {"shortCode":"…"}. */
int	render_delete_event(struct strbuf *out, const char *short_code);
/*
 * The JSON of an item's push to a device that was answered (event.c):
 * {"id":42,"device":{"id":7,"type":"bark","status":"sent","error":""}}.
 */
int	render_update_event(struct strbuf *out, int64_t inbox_id,
	    int64_t device_id, const char *type, const char *status,
	    const char *error);

#endif
