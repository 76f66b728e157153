/*
 * store_chan.h: the pushplus channel configurations ("渠道配置") a user
 * keeps, as the store sees them: webhooks, mail senders and WeCom apps
 * ("cp").  One row shape serves the three kinds; the fields a kind does
 * not use stay empty.  A code is unique per user and kind, so `webhook`
 * in a send names exactly one row.
 *
 * Secrets (a mail sender's password, a WeCom app's secret) are stored as
 * given: the drivers must present them upstream, so they cannot be hashed.
 * Anyone who can read the database can read them (docs/channels.md).
 *
 * Included by store.h; the calls are members of struct store_backend.
 */
#ifndef FG_STORE_CHAN_H
#define FG_STORE_CHAN_H

#include <stdint.h>

#include "core/limits.h"

enum store_chan_kind {
	STORE_CHAN_WEBHOOK = 1,
	STORE_CHAN_MAIL = 2,
	STORE_CHAN_CP = 3,
};

#define STORE_CHAN_FIELD	256	/* account, host, corpid, secret */
#define STORE_EMAIL_MAX		254	/* RFC 5321 path limit */
#define STORE_PHONE_MAX		16	/* "+" and E.164's 15 digits */

struct store_chan {
	int64_t	id;
	int64_t	owner_id;
	int	kind;				/* enum store_chan_kind */
	char	code[LIM_NAME_BYTES + 1];
	char	name[LIM_NAME_BYTES + 1];
	int	type;				/* webhook type, 1.. */
	char	url[LIM_PP_URL_BYTES + 1];	/* webhook URL */
	char	host[STORE_CHAN_FIELD];		/* mail: SMTP server */
	int	port;				/* mail: SMTP port */
	int	ssl;				/* mail: 1 implicit TLS */
	char	account[STORE_CHAN_FIELD];	/* mail: login and From */
	char	password[STORE_CHAN_FIELD];	/* mail: as given */
	char	corpid[STORE_CHAN_FIELD];	/* cp */
	int64_t	agentid;			/* cp */
	char	secret[STORE_CHAN_FIELD];	/* cp: as given */
	/* webhook type 12 (custom): "" = not set (wh_custom.c) */
	char	http_method[LIM_WH_METHOD_BYTES + 1];
	char	headers[LIM_WH_HEADERS_BYTES + 1];
	char	body[LIM_WH_BODY_BYTES + 1];
	int64_t	created_ms;
};

/* What a channel send resolved at accept time (one per message). */
struct store_msg_chan {
	int64_t	message_id;
	int64_t	chan_id;			/* 0: server default */
	char	to[LIM_PP_FIELD_BYTES + 1];	/* cp: WeCom user ids */
};

typedef int (*store_chan_cb)(void *, const struct store_chan *);

/* The kind's name ("webhook", "mail", "cp"), or "?". */
const char	*store_chan_kind_name(int kind);

#endif
