/*
 * ilink.h: the wire of WeChat ClawBot's iLink bot API (phones.md §2),
 * as pure translation: requests into a struct route_req (route.h), and
 * answers parsed into plain structs.  Nothing here runs a request: the
 * ClawBot poller (queue/clawbot.c) runs the QR and getupdates calls on
 * its event loop, the push sender and the clawbot channel run
 * sendmessage through route_clawbot.c.
 *
 * The settings (base URL, app id, version, bot agent) are the
 * channel_settings' clawbot block, copied once at start.
 */
#ifndef FG_CHANNEL_ILINK_H
#define FG_CHANNEL_ILINK_H

#include <stddef.h>
#include <stdint.h>

struct curl_slist;

#include "channel/route.h"
#include "store/store_clawbot.h"

#define ILINK_RET_BUSY (-2)	/* sendmessage refused: budget, window */
#define ILINK_RET_EXPIRED (-14) /* session expired: pause one hour */
#define ILINK_PAUSE_MS (3600 * 1000)
#define ILINK_POLL_MS 35000 /* getupdates hold when iLink names none */

/* Is ClawBot configured (clawbot.enable)? */
int ilink_enabled(void);
/* clawbot.api_base, without a final '/'. */
const char *ilink_api_base(void);

/* POST get_bot_qrcode?bot_type=3 at clawbot.api_base. */
int ilink_req_qrcode(struct route_req *);
/*
 * GET get_qrcode_status?qrcode=... at base (NULL: clawbot.api_base; a
 * scaned_but_redirect host otherwise).
 */
int ilink_req_qrstatus(struct route_req *, const char *base,
    const char *qrcode);
/* POST getupdates for bot b, with its cursor. */
int ilink_req_updates(struct route_req *, const struct store_clawbot *b);
/* POST sendmessage of text to b's person, with b's context token. */
int ilink_req_send(struct route_req *, const struct store_clawbot *b,
    const char *text, size_t len);

/*
 * Set up a libcurl easy handle for req (url, method, headers into
 * *hdrs, body, timeout, the channels' CA file) and collect the reply
 * body into reply (capped by its strbuf).  The caller adds it to its
 * multi handle and frees *hdrs after the transfer.
 */
void ilink_easy(void *curl, const struct route_req *req,
    struct curl_slist **hdrs, long timeout_ms, struct strbuf *reply);

/*
 * The failure code of an iLink answer body: ret, else errcode (0 when
 * both are absent or 0, the plugin's rule), with errmsg copied into
 * msg.  FG_EINVAL when body is not a JSON object.
 */
int ilink_ret(const char *body, size_t len, int *code, char *msg,
    size_t msgsize);

struct ilink_qr {
	char qrcode[128];
	char url[1024]; /* qrcode_img_content */
};
int ilink_parse_qr(const char *body, size_t len, struct ilink_qr *);

/* get_qrcode_status: status and, when confirmed, the bot. */
struct ilink_qrstatus {
	char status[32];
	char redirect_host[256];
	char bot_token[STORE_CLAWBOT_TOKEN_MAX + 1];
	char bot_id[STORE_CLAWBOT_ID_MAX + 1];
	char user_id[STORE_CLAWBOT_ID_MAX + 1];
	char baseurl[256];
};
int ilink_parse_qrstatus(const char *body, size_t len,
    struct ilink_qrstatus *);

/* One message the person sent (getupdates). */
struct ilink_in {
	const char *from;	   /* from_user_id */
	const char *context_token; /* "" when none */
	int type;		   /* item: 1 text, 3 voice, ... */
	const char *text;	   /* text_item.text or voice text */
};
/*
 * A getupdates answer: each user message (message_type 1) to cb, the
 * next cursor into cursor (unchanged when absent), the next hold into
 * *hold_ms.  0, or FG_EINVAL (not JSON), or what cb returned.
 */
int ilink_parse_updates(const char *body, size_t len,
    int (*cb)(void *, const struct ilink_in *), void *arg, char *cursor,
    size_t cursor_size, int64_t *hold_ms);

#endif
