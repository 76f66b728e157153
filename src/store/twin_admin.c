/*
 * twin_admin.c: the operator's view of the spool (store_admin.h),
 * written once for both backends (twin.h): failed deliveries page by
 * page, the counts of failing and retrying deliveries per channel, a
 * retry asked for (status -1), and the queue's claim of what was asked.
 * The one statement that differs is the claim: in PostgreSQL the
 * deliveries table has the cluster's lease columns (pg_lease.c), so a
 * claimed row is also marked as this node's until its lease runs out.
 *
 * None of this is on the send path, so statements are prepared per
 * call.  Every query reaches rows through an index: failed rows through
 * deliveries_failed (status = 3), retrying and requested rows through
 * deliveries_open (status < 2; "status = -1 AND status < 2" spells the
 * index's own condition so the planner may use it).  Pages are keyed by
 * id (before = the last id of the previous page), not by offset, so a
 * page costs its own rows.
 */
#include "core/message.h"
#include "store/store_admin.h"
#include "store/twin.h"
#include "store/twin_tables.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/shortcode.h"

static const struct sq_row failed_row = SQ_ROW(struct store_failed, id,
    message_id, uid, channel, title, attempts, updated_ms, error);
static const struct sq_row state_row = SQ_ROW(struct store_chan_state, channel,
    status, n, last_ms, last_error);

struct failed_walk {
	struct store *s;
	store_failed_cb cb;
	void *arg;
};

/* Fill in the shortCode (the message id encrypted) before the caller. */
static int
failed_one(void *arg, const struct store_failed *f)
{
	struct failed_walk *w = arg;
	struct store_failed c = *f;

	shortcode_encode(twin_code_key(w->s), c.message_id, c.short_code);
	return w->cb(w->arg, &c);
}

int
twin_admin_failed(struct store *s, const char *channel, int64_t before,
    int limit, store_failed_cb cb, void *arg)
{
	struct failed_walk w = { s, cb, arg };

	return twin_each(s,
	    "SELECT d.id, d.message_id, coalesce(u.uid, ''), d.channel, "
	    "substr(coalesce(m.title, ''), 1, 40), d.attempts, d.updated_ms, "
	    "d.error FROM deliveries d LEFT JOIN users u ON u.id = d.user_id "
	    "LEFT JOIN messages m ON m.id = d.message_id WHERE d.status = 3 "
	    "AND (?1 = '' OR d.channel = ?1) AND (?2 = 0 OR d.id < ?2) "
	    "ORDER BY d.id DESC LIMIT ?3",
	    0, &failed_row, failed_one, &w, "sIi", channel, before, limit);
}

int
twin_admin_states(struct store *s, store_chan_state_cb cb, void *arg)
{
	/* status is constant in each branch: 3, then 1 */
	return twin_each(s,
	    "SELECT g.channel, g.status, g.n, e.updated_ms, e.error FROM "
	    "(SELECT channel, 3 AS status, count(*) AS n, max(id) AS last "
	    "FROM deliveries WHERE status = 3 GROUP BY channel UNION ALL "
	    "SELECT channel, 1, count(*), max(id) FROM deliveries WHERE "
	    "status = 1 AND status < 2 GROUP BY channel) g "
	    "JOIN deliveries e ON e.id = g.last ORDER BY g.channel, g.status",
	    0, &state_row, cb, arg, "");
}

/*
 * id > 0: that delivery, if it failed; else every failed delivery of
 * channel.  Their messages are in progress again (status 1, no error):
 * a message's status is settled from its deliveries when the last one
 * is final.
 */
int
twin_admin_retry(struct store *s, int64_t id, const char *channel, int64_t *n)
{
	int rc;

	*n = 0;
	rc = twin_run(s,
	    "UPDATE deliveries SET status = -1, attempts = 0, next_ms = 0, "
	    "error = '', updated_ms = ?1 WHERE status = 3 AND "
	    "(?2 > 0 AND id = ?2 OR ?2 = 0 AND channel = ?3)",
	    0, "IIs", clock_ms(), id, channel);
	if (rc != 0)
		return rc;
	*n = twin_changes(s);
	if (*n == 0)
		return 0;
	return twin_run(s,
	    "UPDATE messages SET status = 1, error = '', updated_ms = ?1 "
	    "WHERE status = 3 AND id IN (SELECT message_id FROM deliveries "
	    "WHERE status = -1 AND status < 2)",
	    0, "I", clock_ms());
}

int
twin_admin_requested(struct store *s, int limit, store_delivery_cb cb,
    void *arg)
{
	static const struct sq_row row = SQ_ROW(struct store_delivery, id,
	    message_id, user_id, uid, channel, status, attempts, next_ms,
	    error);

	return twin_each(s,
	    "SELECT d.id, d.message_id, d.user_id, coalesce(u.uid, ''), "
	    "d.channel, d.status, d.attempts, d.next_ms, d.error FROM "
	    "deliveries d LEFT JOIN users u ON u.id = d.user_id WHERE "
	    "d.status = -1 AND d.status < 2 ORDER BY d.id LIMIT ?",
	    0, &row, cb, arg, "i", limit);
}

int
twin_admin_claim(struct store *s, int64_t id)
{
	return twin_run(s,
	    TWIN_SQL(s,
		"UPDATE deliveries SET status = 0 WHERE "
		"status = -1 AND status < 2 AND (?1 = 0 OR id = ?1)",
		"UPDATE deliveries SET status = 0, claimed_by = feige_node(), "
		"lease_until = feige_lease() WHERE "
		"status = -1 AND status < 2 AND (?1 = 0 OR id = ?1)"),
	    id ? TWIN_CHANGES : 0, "I", id);
}
