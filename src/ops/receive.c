/*
 * receive.c: the recevieLimit rule (receive.h).
 *
 * One settings read per recipient other than the sender, on the
 * caller's connection (the request thread's reader for /send): a point
 * lookup by user id, so a topic of a few thousand members costs a few
 * milliseconds.  A user without a settings row has the default,
 * recevieLimit 0.  The list is first checked whole and only then
 * compacted, so a store error leaves it as it was.
 */
#include <stdlib.h>

#include "ops/receive.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

int
ops_receive_filter(struct store *s, int64_t sender, int64_t *ids,
    size_t *n, size_t *dropped, struct strbuf *err)
{
	struct store_open_settings st;
	unsigned char *off;
	size_t i, k;
	int rc;

	if (dropped)
		*dropped = 0;
	if (*n == 0)
		return 0;
	off = xcalloc(*n, 1);
	for (i = 0; i < *n; i++) {
		if (ids[i] == sender)
			continue;
		if ((rc = dir_settings_get(s, ids[i], &st)) != 0) {
			if (err)
				strbuf_addf(err, "cannot read the settings "
				    "of user %lld", (long long)ids[i]);
			free(off);
			return rc;
		}
		off[i] = st.recevie_limit == 1;
	}
	for (i = k = 0; i < *n; i++)
		if (!off[i])
			ids[k++] = ids[i];
	if (dropped)
		*dropped = *n - k;
	*n = k;
	free(off);
	return 0;
}
