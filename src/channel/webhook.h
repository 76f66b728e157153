/*
 * webhook.h: what the layers above need to know about webhook types
 * beyond channel.h's yes/no (channel_webhook_type_ok): the pushplus
 * name of a type (webhookTypeName), why a type is refused, and the
 * checks of the custom type's (12) fields, which the open API's
 * webhook/add and edit and `feige webhook add` run before a config is
 * stored, so a custom webhook that cannot be sent fails when it is made.
 *
 * The names live in the type table of webhook.c, the one place that
 * lists the pushplus webhookType enum.
 */
#ifndef FG_CHANNEL_WEBHOOK_H
#define FG_CHANNEL_WEBHOOK_H

#include "util/strbuf.h"

struct message;
struct store_chan;

/* The custom type: any URL, request built from the config's fields. */
#define WEBHOOK_TYPE_CUSTOM	12

/* The pushplus name of a type ("企业微信机器人"), "" when unknown. */
const char	*channel_webhook_type_name(int id);
/* Its English name ("WeCom bot"), for English pages; "" when unknown. */
const char	*channel_webhook_type_name_en(int id);

/*
 * Why a type of the pushplus enum is refused when feige has a better
 * road to it (6, WeCom application: channel=cp), or NULL.
 */
const char	*channel_webhook_type_note(int id);

/*
 * Check and normalise the custom fields of c (http_method, headers,
 * body): for type 12 the method is upper-cased, "" becoming POST, and
 * must be GET, POST, PUT, PATCH or DELETE; the headers must parse
 * (wh_custom.c: a JSON object text or "Name: value" lines) and name
 * none of Host, Content-Length, Transfer-Encoding; a GET has no body.
 * Other types must leave the three fields empty.  0, or FG_EINVAL with
 * the reason (Chinese, then English in parentheses) in err.
 */
int	channel_webhook_custom_check(struct store_chan *c,
	    struct strbuf *err);

/*
 * Does message m fit the request config c builds?  Only the custom type
 * (12) can fail: its URL and body template may repeat the message's
 * fields ({content} ten times over a long message) past the request
 * cap, which the built-in types' payloads cannot.  Asked at send time,
 * so such a message is refused (999) instead of accepted and failed.
 * 0, or -1 with the reason (Chinese, then English) in why.
 */
int	channel_webhook_fits(const struct store_chan *c,
	    const struct message *m, char *why, size_t size);

/*
 * The server's public base URL ("https://push.example.com"), from which
 * the custom type's {url} (the message page) is built.  Set once the
 * server knows it; until then {url} is a path ("/message/CODE").
 * Thread-safe.
 */
void	channel_webhook_page_base(const char *base);
/* The message page of short_code on that base (any thread). */
void	channel_page_url(char *out, size_t size, const char *short_code);

#endif
