/*
 * webpush.h: Web Push with the server's state around the pure crypto of
 * webpush_crypto.h: the VAPID key kept in the store (vapid_keep.c).
 */
#ifndef FG_WEBPUSH_H
#define FG_WEBPUSH_H

#include "channel/webpush_crypto.h"
#include "store/store.h"

/*
 * The server's VAPID key: made at the first start, kept in the store's
 * meta table, and checked (vapid_check) at every start.  0, or an
 * enum fg_err with err.
 */
int vapid_load(struct store *, struct vapid_key *out, struct strbuf *err);

#endif
