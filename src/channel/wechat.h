/*
 * wechat.h: the operator's WeChat official account as an upstream
 * (issue 11 §1, phones.md §1.2 and §1.4): its settings, the one access
 * token every thread shares, and parametric QR codes.
 *
 * The token is fetched through stable_token (force_refresh false):
 * every caller (the push sender, the QR thread, a `feige wechat` run
 * beside the server) gets the same token while it is valid, so one
 * process never invalidates another's, which a plain /cgi-bin/token
 * fetch would.  It is kept under one mutex until five minutes before
 * its expiry; a call answered 40001, 40014 or 42001 hands the token
 * back with wechat_token_invalidate() and the next wechat_token()
 * fetches again (with force_refresh only when WeChat hands back the
 * very token just refused, at most once per 30 s).  The token and the
 * secret are never logged: errors name the call, not its URL.
 */
#ifndef FG_CHANNEL_WECHAT_H
#define FG_CHANNEL_WECHAT_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define WECHAT_TOKEN_MAX	1024	/* "store >= 512 characters" */
#define WECHAT_TICKET_MAX	512

struct wechat_settings {
	const char	*appid;		/* "" = not configured */
	const char	*secret;
	const char	*template_id;
	const char	*template_keys;	/* "title,content,source" */
	const char	*token;		/* the server URL's token */
	const char	*api_base;	/* https://api.weixin.qq.com */
	const char	*qr_base;	/* .../cgi-bin/showqrcode */
	int		 follower_limit;
	int		 bind_ttl_s;
};

/* Copy the settings (strings too); before any other call. */
void	wechat_configure(const struct wechat_settings *);
const struct wechat_settings *wechat_settings(void);
/* 1 when appid, secret and the server token are set. */
int	wechat_enabled(void);

/*
 * The access token into out: cached, or fetched now (blocking).  0;
 * WECHAT_REFUSED when WeChat refused the credentials (an errcode: a
 * wrong appid or secret, an IP not whitelisted: the operator's to fix);
 * -1 when it could not be asked (no answer, HTTP 5xx, busy): try later.
 */
#define WECHAT_REFUSED	(-2)
int	wechat_token(char out[WECHAT_TOKEN_MAX], struct strbuf *err);
/* The cached token into out, never fetching: 0, or -1 when none. */
int wechat_token_cached(char out[WECHAT_TOKEN_MAX]);
/*
 * The token for a thread that must not wait on WeChat (the push
 * sender): the cached one (0), else WECHAT_PENDING while a refresh runs
 * on a thread of its own (wechat_refresh.c; this call starts one when
 * none runs), or the last refresh's failure, kept for
 * WECHAT_RETRY_GAP_MS so one refusal answers every push waiting for it:
 * WECHAT_REFUSED or -1 with err as wechat_token() says them.
 */
#define WECHAT_PENDING (-3)
int wechat_token_nowait(char out[WECHAT_TOKEN_MAX], struct strbuf *err);
/* Wait for a refresh still running (at shutdown). */
void wechat_refresh_wait(void);
/*
 * tok was refused (40001, 40014, 42001): forget it.  NULL: forget the
 * cached token, whichever it is (a verdict that does not know which
 * token its request carried); stable_token then hands out the current
 * one without a forced refresh.
 */
void	wechat_token_invalidate(const char *tok);
/* 1 for the errcodes that mean "this token is no good". */
int	wechat_token_errcode(long errcode);
/* "valid, expires in N s", "none yet": for `feige wechat status`. */
void	wechat_token_state(struct strbuf *out);

struct wechat_qr {
	char	ticket[WECHAT_TICKET_MAX];
	char	url[512];	/* the QR's content (weixin.qq.com/q/...) */
	char	image[WECHAT_TICKET_MAX * 3 + 256]; /* qr_base?ticket= */
	int	expire_s;
};

/*
 * A temporary QR_STR_SCENE code for scene, valid expire_s: blocking,
 * one retry with a fresh token on a token error.  0, or -1 with err.
 */
int	wechat_qr_create(const char *scene, int expire_s, struct wechat_qr *,
	    struct strbuf *err);

/*
 * The template message's body (route_wechat.c): title, summary and
 * source each cut to the 20 characters a template field shows, under
 * the keys of keys ("title,content,source": three names, comma
 * separated, an empty one leaves its value out), url the message page.
 * Strings are never NULL.
 */
struct wechat_tpl {
	const char	*title;
	const char	*summary;
	const char	*source;
	const char	*url;
};
int	wechat_template_body(struct strbuf *, const char *openid,
	    const char *template_id, const char *keys,
	    const struct wechat_tpl *);

#endif
