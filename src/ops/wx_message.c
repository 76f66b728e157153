/*
 * wx_message.c: the rows of a WxPusher send, deleting a message, and the
 * day of the daily receive limit (wx_message.h).
 *
 * A send is written in bulk: one statement for the records and one for
 * the deliveries however many targets there are, so a send to thousands
 * of followers costs the writer a handful of steps.  WxPusher's days
 * start at midnight in China (UTC+8), whatever the server's time zone.
 */
#include <stdlib.h>

#include "ops/wx_message.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

int64_t
ops_wx_day(int64_t ms)
{
	return (ms + 8 * 3600 * 1000LL) / 86400000LL;
}

int
ops_wx_send_rows(struct store *s, const struct ops_wx_send *in,
    int64_t *dids, struct strbuf *err)
{
	struct message *m = in->msg;
	int64_t *rids;
	size_t i;
	int rc;

	if ((rc = spool_message_insert(s, m, NULL, 0, in->channel, NULL,
	    NULL)) != 0 ||
	    (rc = spool_wx_message_set(s, m->id, in->app_id, in->summary,
	    in->url)) != 0)
		goto out;
	for (i = 0; i < in->n_rec; i++) {
		in->rec[i].message_id = m->id;
		in->rec[i].app_id = in->app_id;
		in->rec[i].created_ms = m->created_ms;
	}
	if ((rc = spool_wx_records_add(s, in->rec, in->n_rec)) != 0)
		goto out;
	if (in->n_users == 0)
		return 0;
	rids = xmalloc(in->n_users * sizeof(*rids));
	for (i = 0; i < in->n_users; i++)
		rids[i] = in->rec[in->user_rec[i]].id;
	rc = spool_delivery_add_many(s, m->id, in->users, rids, in->n_users,
	    in->channel, m->status, dids);
	free(rids);
	if (rc == 0)
		rc = spool_wx_daily_add_many(s, in->users, in->n_users,
		    in->day);
out:
	if (rc != 0 && err)
		strbuf_setf(err, "wxpusher send: %s", fg_strerror(rc));
	return rc;
}

int
ops_wx_message_delete(struct store *s, int64_t id, int64_t app_id,
    struct ops_recall *out, struct strbuf *err)
{
	struct store_wx_msg m;
	int rc;

	if ((rc = spool_wx_message_get(s, id, &m)) == 0 && m.app_id != app_id)
		rc = FG_ENOENT;
	if (rc == 0)
		return ops_recall(s, id, out, err);
	if (err)
		strbuf_setf(err, rc == FG_ENOENT ? "no message %lld in app "
		    "%lld" : "message %lld: store error", (long long)id,
		    (long long)app_id);
	return rc;
}
