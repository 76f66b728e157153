/*
 * ntfy.h: a person's inbox in ntfy's subscriber protocol, so the ntfy
 * Android app (F-Droid, no Google services) and any ntfy client can
 * subscribe to feige (binwiederhier/ntfy server/server.go, types.go,
 * docs/subscribe/api.md; ntfy-android msg/ApiService.kt, Message.kt).
 *
 * Topic: a person's topic is their UID ("UID_" + 28 base62, within
 * ntfy's [-_A-Za-z0-9]{1,64}).  It is not a secret: reading it takes the
 * person's token (api/ntfy/), as ntfy's access control would.
 *
 * Message ids: 12 characters of [0-9A-Za-z], like ntfy's, so a client
 * that resumes with since=<id> is understood (ntfy treats any valid
 * 12-character id as an id):
 *
 *   m + 11 base62 digits of the inbox item id     message events
 *   d / o / k + 11 base62 digits of epoch ms       message_delete, open,
 *                                                  keepalive
 *
 * A message id is stable (the inbox item's), so since=m… resumes right
 * after that item.  The others carry the time they were sent, so since=
 * of a delete event (which ntfy-android stores as its last id) resumes
 * at that second; a message repeated by that is dropped by the app,
 * which knows its id.  An id feige did not make means "all", as in ntfy
 * (an id unknown to its cache replays the whole cache).
 *
 * Recall: a recalled message becomes ntfy's `message_delete` event
 * (ntfy 2.16+, ntfy-android SubscriberService): every message carries
 * "sequence_id": its shortCode, and the delete names the same
 * sequence_id.  Apps older than that event ignore it and keep the
 * notification (docs/devices.md).
 */
#ifndef FG_STREAM_NTFY_H
#define FG_STREAM_NTFY_H

#include <stdint.h>

#include "stream/hub.h"

struct message;
struct strbuf;

#define NTFY_ID_LEN		12
#define NTFY_TOPIC_MAX		64	/* ntfy's topic name limit */
/* message: a plain-text summary of at most this many code points, so
 * it stays under ntfy's 4096-byte message limit in any UTF-8 */
#define NTFY_MESSAGE_CHARS	1000

/* Each subscriber's receiver argument (hub_subscribe's rcv_arg). */
struct ntfy_sub {
	char		 topic[NTFY_TOPIC_MAX + 1];	/* as subscribed */
	const char	*base_url;	/* click links; borrowed */
};

/* ntfy's receivers: /json (NDJSON), /sse and /raw (ntfy.c), /ws (ws.c). */
extern const struct hub_receiver hub_ntfy_json;
extern const struct hub_receiver hub_ntfy_sse;
extern const struct hub_receiver hub_ntfy_raw;
extern const struct hub_receiver hub_ntfy_ws;

/* The id of kind ('m', 'd', 'o', 'k') and value v (>= 0). */
void	ntfy_id(char out[NTFY_ID_LEN + 1], char kind, int64_t v);
/* 0 and *kind, *v for an id ntfy_id() makes; -1 for anything else. */
int	ntfy_id_parse(const char *s, char *kind, int64_t *v);

enum ntfy_since_kind {
	NTFY_SINCE_NONE,	/* no old messages */
	NTFY_SINCE_ALL,		/* every kept one (up to LIM_SSE_REPLAY) */
	NTFY_SINCE_LATEST,	/* the newest one */
	NTFY_SINCE_ID,		/* after inbox item v */
	NTFY_SINCE_TIME,	/* sent at or after epoch ms v */
};

struct ntfy_since {
	enum ntfy_since_kind	 kind;
	int64_t			 v;
};

/*
 * since= as ntfy reads it: empty (none, or all when polling), all,
 * none, latest, a message id, a unix time in seconds, or a duration
 * ("10m", "1h30m", "2.5h", "1d"; units ms s m h d).  Returns 0, or -1
 * when ntfy would answer 400 40008 "invalid since parameter".
 */
int	ntfy_since_parse(const char *s, int poll, int64_t now_ms,
	    struct ntfy_since *out);

/*
 * A message's notification text: its plain-text preview (one line, at
 * most NTFY_MESSAGE_CHARS code points), else its title, else
 * "triggered" (ntfy's word for an empty message).
 */
int	ntfy_message_text(struct strbuf *out, const struct message *m);

/*
 * One event as ntfy's message JSON (no newline), at now_ms:
 *   {"id":"o…","time":…,"event":"open","topic":"…"}      HELLO
 *   {"id":"k…",…,"event":"keepalive",…}                   PING
 *   {"id":"m…","time":…,"event":"message","topic":"…","title":"…",
 *    "message":"…","priority":3,"click":"<base>/message/<code>",
 *    "sequence_id":"<code>"}                               MESSAGE
 *   {"id":"d…","time":…,"event":"message_delete","topic":"…",
 *    "sequence_id":"<code>"}                               DELETE
 * Empty title is left out (ntfy's omitempty).  0 or an enum fg_err.
 */
int	ntfy_event_json(struct strbuf *out, const struct hub_event *ev,
	    const struct ntfy_sub *sub, int64_t now_ms);

#endif
