/*
 * qrcode.h: the writes of WxPusher parametric QR codes (compat.md §5,
 * /api/fun/create/qrcode and /api/fun/scan-qrcode-uid).
 *
 * A parametric code is a follow link of one app carrying the
 * developer's extra; it is created, scanned (a person opens its link
 * and follows, recorded as the code's last scanner) and polled (the
 * developer asks who scanned it last, at most every wxpusher.qr_poll_s
 * seconds, so the poll time is written).  The adapter checks the shape
 * of the request (extra 1 to 64 characters, validTime, the poll
 * interval against the code it read); these run inside the caller's
 * transaction.
 */
#ifndef FG_OPS_QRCODE_H
#define FG_OPS_QRCODE_H

#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"

struct strbuf;

struct ops_qrcode_new {
	int64_t		 app_id;
	const char	*extra;		/* at most WX_EXTRA_BYTES */
	int64_t		 expires_ms;
};

/* A new code; out gets its id, code and times. */
FG_MUST int	ops_qrcode_create(struct store *,
		    const struct ops_qrcode_new *, struct store_wx_qrcode *out,
		    struct strbuf *err);
/* Person uid scanned (followed through) code id. */
FG_MUST int	ops_qrcode_scanned(struct store *, int64_t id,
		    const char *uid, struct strbuf *err);
/* The developer polled code id at now_ms. */
FG_MUST int	ops_qrcode_polled(struct store *, int64_t id, int64_t now_ms,
		    struct strbuf *err);

#endif
