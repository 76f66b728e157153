/*
 * receive.c: the recevieLimit rule (receive.h).
 *
 * One statement for the whole list, on the caller's connection (the
 * request thread's reader for /send): the directory joins the ids with
 * the settings rows, so a topic of thousands of members costs one
 * query, not one per member.  A user without a settings row has the
 * default, recevieLimit 0.  On a store error the list is unchanged.
 */

#include "ops/receive.h"
#include "store/store.h"
#include "util/strbuf.h"

int
ops_receive_filter(struct store *s, int64_t sender, int64_t *ids,
    size_t *n, size_t *dropped, struct strbuf *err)
{
	size_t before = *n;
	int rc;

	if (dropped)
		*dropped = 0;
	if ((rc = dir_receiving_filter(s, sender, ids, n)) != 0)
		return fg_err(rc, err, "cannot read the recipients' settings");
	if (dropped)
		*dropped = before - *n;
	return 0;
}
