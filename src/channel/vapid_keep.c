/*
 * vapid_keep.c: the server's VAPID key (RFC 8292), made once and kept.
 *
 * It lives in the meta table next to the shortCode key, as base64url of
 * priv || pub, so that `feige backup` carries it with the devices it
 * belongs to: push services bind a subscription to the key the browser
 * was given (applicationServerKey), so a new key would silently orphan
 * every subscription.  The first writer wins (dir_meta_keep), so a
 * server and a CLI starting together agree on one key.  The loaded pair
 * is checked (vapid_check: pub is priv's point) before it is used:
 * a damaged row stops the start rather than sign with a wrong key.
 */
#include <string.h>

#include "channel/webpush.h"
#include "util/errors.h"

#define VAPID_META_KEY "vapid_key"

int
vapid_load(struct store *s, struct vapid_key *out, struct strbuf *err)
{
	struct vapid_key k;
	struct strbuf b = STRBUF_INIT;
	uint8_t raw[sizeof(k.priv) + sizeof(k.pub)];
	char kept[256];
	int rc;

	if ((rc = vapid_generate(&k, err)) != 0)
		return rc;
	memcpy(raw, k.priv, sizeof(k.priv));
	memcpy(raw + sizeof(k.priv), k.pub, sizeof(k.pub));
	webpush_b64_add(&b, raw, sizeof(raw));
	rc = dir_meta_keep(s, VAPID_META_KEY, b.buf, kept, sizeof(kept));
	strbuf_release(&b);
	memset(&k, 0, sizeof(k));
	if (rc != 0)
		return fg_err(rc, err, "VAPID key in the store");
	if (webpush_b64_decode(kept, raw, sizeof(raw)) != 0) {
		strbuf_setf(err,
		    "VAPID key in the store (meta %s) is not "
		    "base64url of %zu bytes",
		    VAPID_META_KEY, sizeof(raw));
		return FG_EINVAL;
	}
	memcpy(out->priv, raw, sizeof(out->priv));
	memcpy(out->pub, raw + sizeof(out->priv), sizeof(out->pub));
	memset(raw, 0, sizeof(raw));
	return vapid_check(out, err);
}
