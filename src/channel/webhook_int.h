/*
 * webhook_int.h: the webhook types behind channel=webhook, one file per
 * service (wh_*.c), like the drivers behind channel.h.  A type turns a
 * message into the exact request body its service expects, and reads the
 * service's own success code from a 2xx reply.  webhook.c does the HTTP
 * and the transport half of the outcome.
 */
#ifndef FG_WEBHOOK_INT_H
#define FG_WEBHOOK_INT_H

#include <jansson.h>

#include "channel/channel_int.h"
#include "store/store.h"

struct webhook_type {
	int		 id;		/* pushplus webhookType */
	const char	*name;		/* for details: "WeCom bot" */
	/*
	 * The request body (JSON) for m, posted to url (the config's
	 * webhookUrl, which some services also carry fields in); 0 or
	 * FG_ETOOBIG.
	 */
	int		(*build)(struct strbuf *out,
			    const struct message *m, const char *url);
	/* Read a 2xx reply: res OK, or the service's error (NULL: any 2xx). */
	void		(*check)(const char *body, size_t len, const char *what,
			    long status, struct delivery_result *res);
	/*
	 * Or, for services whose reply is only a success code: the code's
	 * key, the message's key and the success value; check is then
	 * webhook_check_ok() with these (ok_key NULL: not used).
	 */
	const char	*ok_key, *ok_msg_key;
	int		 ok_code;
	/*
	 * Or the whole request, for a type whose request is not a JSON
	 * POST (custom, wh_custom.c): build and check are then unused
	 * (any 2xx is success).  0, or -1 with res final.
	 */
	int		(*make)(const struct store_chan *, const struct message *,
			    struct chan_req *, struct delivery_result *res);
};

/* Read a 2xx reply by the type's rule (check, ok_key, or any 2xx). */
void	webhook_type_check(const struct webhook_type *, const char *body,
	    size_t len, const char *what, long status,
	    struct delivery_result *res);

extern const struct webhook_type webhook_wecom, webhook_dingtalk,
    webhook_feishu, webhook_serverchan, webhook_json, webhook_qinglian,
    webhook_ifttt, webhook_jijyun, webhook_gotify, webhook_wxpusher,
    webhook_bark, webhook_custom;

/* The type for a webhookType, or NULL. */
const struct webhook_type	*webhook_type_lookup(int id);

/*
 * The service reply shape {"<code>":N,"<msg>":"..."} most services use:
 * N == 0 is OK; N in temp[] (0-terminated, e.g. rate limits) is
 * TEMPFAIL; other N, or no code at all, is PERMFAIL with the text.
 * alt_code/alt_msg: a second spelling to accept (NULL: none).
 */
void	webhook_check_code(const char *body, size_t len, const char *what,
	    long status, const char *code, const char *msg,
	    const char *alt_code, const char *alt_msg, const int *temp,
	    struct delivery_result *res);

/*
 * webhook_check_code for services whose success code is ok (not 0) and
 * that have no retryable codes (Bark 200, WxPusher 1000).
 */
void	webhook_check_ok(const char *body, size_t len, const char *what,
	    long status, const char *code, const char *msg, long long ok,
	    struct delivery_result *res);

/*
 * The generic JSON body of type 5, {"title","content","template",
 * "shortCode"} with the content as sent, for the services that take
 * whatever JSON arrives (type 5, Qinglian, Jijianyun).
 */
int	webhook_json_build(struct strbuf *out, const struct message *m,
	    const char *url);

/* Dump j compactly in key order into out (and free j). */
int	webhook_dump(struct strbuf *out, json_t *j);

/*
 * "### title\n\nbody" (Markdown) or "title\n\nbody" (text); body alone
 * when the message has no title.  Capped at max bytes on a UTF-8
 * boundary.
 */
int	webhook_md_body(struct strbuf *, const struct message *,
	    const char *heading, size_t max);
int	webhook_text_body(struct strbuf *, const struct message *,
	    size_t max);

/*
 * {title_key: title (only when the message has one), text_key: text}
 * with the content as plain text (WH_PLAIN), as Markdown (WH_MARKDOWN)
 * or as sent (WH_RAW), cut to max bytes on a UTF-8 boundary: the body
 * of the title-and-text services (Bark, Gotify), to which the caller
 * may add its own keys before webhook_dump().  NULL with *rc set when
 * the content cannot be shaped.
 */
enum webhook_shape { WH_PLAIN, WH_MARKDOWN, WH_RAW };
json_t	*webhook_title_text(const struct message *, const char *title_key,
	    const char *text_key, enum webhook_shape, size_t max, int *rc);

/*
 * The custom type (wh_custom.c), its pieces exposed for the unit tests
 * and the fuzz target.
 *
 * wh_expand: tmpl with {title}, {content} and {url} replaced, each value
 * escaped for where it lands: WH_ESC_JSON inside a JSON string (no
 * quotes added), WH_ESC_URL percent-encoded (all but A-Z a-z 0-9 - . _
 * ~), WH_ESC_RAW as it is.  Other braces stay as written.
 */
enum wh_esc { WH_ESC_RAW, WH_ESC_JSON, WH_ESC_URL };
struct wh_vars {
	const char	*title;
	const char	*content;
	size_t		 content_len;
	const char	*url;
};
int	wh_expand(struct strbuf *out, const char *tmpl, enum wh_esc,
	    const struct wh_vars *);

/*
 * Each header of text (a JSON object text, or "Name: value" lines) to
 * cb, name and value trimmed; 0, or FG_EINVAL with the reason in err
 * (bad syntax, a CR, LF or other control character, a refused name, too
 * many headers).  cb returns non-zero to stop (returned as is).
 */
typedef int	(*wh_header_cb)(void *arg, const char *name, size_t nlen,
		    const char *value, size_t vlen);
int	wh_headers_each(const char *text, wh_header_cb, void *arg,
	    struct strbuf *err);

/* One custom request, built without sending it (wh_custom_build). */
#define WH_HEADERS_MAX	32
struct wh_request {
	char		 method[LIM_WH_METHOD_BYTES + 1];
	struct strbuf	 url;
	struct strbuf	 body;
	int		 has_body;	/* 0: no body at all (GET) */
	struct strbuf	 lines;		/* "Name: value\0" each */
	const char	*headers[WH_HEADERS_MAX + 2];	/* into lines, NULL */
};
int	wh_custom_build(struct wh_request *, const struct store_chan *,
	    const struct message *, const char *page_url);
void	wh_request_release(struct wh_request *);

#endif
