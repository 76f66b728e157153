/*
 * wc_int.h: the pieces of the official account's adapter (api/wechat/)
 * that are pure functions, kept apart so the unit tests and the fuzz
 * target reach them without a server.
 *
 *   wc_sig.c   the server URL signature: SHA-1 over the sorted token,
 *              timestamp and nonce, lowercase hex (phones.md §1.5)
 *   wc_xml.c   the pushed XML (phones.md §1.6) into a struct
 *              ops_wechat_event, with expat, size and depth caps; and
 *              the passive text reply (§1.7)
 */
#ifndef FG_API_WC_INT_H
#define FG_API_WC_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ops/wechat.h"
#include "util/strbuf.h"

#define WC_XML_MAX	(64 * 1024)	/* an event body */
#define WC_XML_DEPTH	4		/* <xml><Field> and a little more */

/* 1 when sig is the signature of (token, timestamp, nonce). */
int	wc_sig_ok(const char *token, const char *timestamp, const char *nonce,
	    const char *sig);
/* The signature, 40 hex digits and a NUL, into out. */
void	wc_sig(const char *token, const char *timestamp, const char *nonce,
	    char out[41]);

/*
 * Parse an event: 0, or -1 (too large, too deep, a DOCTYPE, not
 * well-formed, no <xml> root, a field over its size).  A text message's
 * Content longer than OPS_WECHAT_CONTENT_MAX is cut at a character.
 */
int	wc_xml_parse(const char *buf, size_t len, struct ops_wechat_event *);

/* The passive text reply: to and from as given (already swapped). */
void	wc_xml_reply(struct strbuf *, const char *to, const char *from,
	    int64_t now_s, const char *content);

#endif
