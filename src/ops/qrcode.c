/*
 * qrcode.c: parametric QR code writes (qrcode.h).  The code string
 * itself is made by the store (a random, unguessable key), so the
 * record this returns is what the reply shows.
 */
#include <string.h>

#include "ops/qrcode.h"
#include "util/strbuf.h"

static int
fail(int rc, struct strbuf *err, const char *what)
{
	if (rc != 0 && err)
		strbuf_setf(err, "%s: %s", what, fg_strerror(rc));
	return rc;
}

int
ops_qrcode_create(struct store *s, const struct ops_qrcode_new *in,
    struct store_wx_qrcode *out, struct strbuf *err)
{
	struct store_wx_qrcode q;	/* in may point into out */
	size_t len = strlen(in->extra);
	int rc;

	if (len > WX_EXTRA_BYTES) {
		if (err)
			strbuf_setf(err, "extra is at most %d bytes",
			    WX_EXTRA_BYTES);
		return FG_EINVAL;
	}
	memset(&q, 0, sizeof(q));
	q.app_id = in->app_id;
	memcpy(q.extra, in->extra, len + 1);
	q.expires_ms = in->expires_ms;
	if ((rc = dir_wx_qrcode_add(s, &q)) == 0)
		*out = q;
	return fail(rc, err, "qrcode add");
}

int
ops_qrcode_scanned(struct store *s, int64_t id, const char *uid,
    struct strbuf *err)
{
	return fail(dir_wx_qrcode_scanned(s, id, uid), err, "qrcode scan");
}

int
ops_qrcode_polled(struct store *s, int64_t id, int64_t now_ms,
    struct strbuf *err)
{
	return fail(dir_wx_qrcode_polled(s, id, now_ms), err, "qrcode poll");
}
