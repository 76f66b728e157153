/*
 * pg_open_topic.c: the open API's views and edits of pushplus groups
 * (topics with contact, introduction and receipt message), their
 * members, friends and join links (store_open.h).
 *
 * Groups, members and friends are the tables of the send foundation
 * (migration 1); the open API adds columns (contact, remark, ...) and
 * the open_joins table of join links behind topic/qrCode and
 * friend/getQrCode.  Migration 7 adds the V1.13 topic fields and a
 * join link's scan limit (scan_max, scans).  Management traffic:
 * statements are prepared per call (see pg_open.c).
 */
#include "util/errors.h"
#include "store/pg_row.h"
#include "util/ids.h"
#include "util/strbuf.h"

/*
 * A deleted group's id is never given again: messages keep the id of
 * the group they went to (message/list names it), and an old id must
 * not come to mean a new group.  The SQLite backend keeps a floor in
 * meta for that; here the identity column never goes back by itself.
 */
int
pgo_topic_add(struct store *s, struct store_group *t, struct strbuf *err)
{
	struct pg_q *st = pg_prep(s,
	    "INSERT INTO topics(owner_id, "
	    "code, name, created_ms, contact, introduction, receipt_message, "
	    "icon, topic_type, price_cents, topic_describe, is_open) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	t->created_ms = clock_ms();
	rc = pg_write(st, PG_FINAL, &t->id, "IttIttttiIti", t->owner_id,
	    t->code, t->name, t->created_ms, t->contact, t->introduction,
	    t->receipt_message, t->icon, t->topic_type, t->price_cents,
	    t->describe, t->is_open);
	if (rc != 0 && err)
		strbuf_setf(err,
		    rc == FG_EEXIST ? "topic code '%s' is already "
				      "taken" :
				      "add topic '%s': store error",
		    t->code);
	return rc;
}

#define TOPIC_COLS \
	"t.id, t.owner_id, t.code, t.name, t.contact, " \
	"t.introduction, t.receipt_message, coalesce(u.name, ''), " \
	"t.created_ms, t.icon, t.topic_type, t.price_cents, " \
	"t.topic_describe, t.is_open, (SELECT count(*) FROM topic_members " \
	"c WHERE c.topic_id = t.id)"

/* TOPIC_COLS, then (lists) when it was joined. */
static const struct sq_row topic_row = SQ_ROW(struct store_group, id, owner_id,
    code, name, contact, introduction, receipt_message, owner_name, created_ms,
    icon, topic_type, price_cents, describe, is_open, members, joined_ms);

int
pgo_topic_get(struct store *s, int64_t id, struct store_group *t)
{
	return pg_one(pg_prep(s,
			  "SELECT " TOPIC_COLS " FROM topics t "
			  "LEFT JOIN users u ON u.id = t.owner_id WHERE t.id "
			  "= ?"),
	    PG_FINAL, &topic_row, t, "I", id);
}

int
pgo_topic_put(struct store *s, const struct store_group *t, struct strbuf *err)
{
	int rc;

	rc = pg_run(pg_prep(s,
			"UPDATE topics SET code = ?, name = ?, "
			"contact = ?, introduction = ?, receipt_message = ?, "
			"icon = ?, "
			"topic_type = ?, price_cents = ?, topic_describe = ?, "
			"is_open = ? WHERE id = ?"),
	    PG_FINAL | PG_CHANGES, "ttttttiItiI", t->code, t->name, t->contact,
	    t->introduction, t->receipt_message, t->icon, t->topic_type,
	    t->price_cents, t->describe, t->is_open, t->id);
	if (rc != 0 && err)
		strbuf_setf(err,
		    rc == FG_EEXIST ? "topic code '%s' is already "
				      "taken" :
				      "edit topic '%s': %s",
		    t->code, fg_strerror(rc));
	return rc;
}

/*
 * A group goes with everything that only means something with it: its
 * members, its blacklist and its join links.  Messages sent to it stay
 * (their inbox copies are the recipients'), and so does its id, spent
 * (the identity).
 */
int
pgo_topic_delete(struct store *s, int64_t id)
{
	static const char *const sql[] = {
		"DELETE FROM topic_members WHERE topic_id = ?",
		"DELETE FROM open_blocks WHERE kind = 1 AND scope_id = ?",
		"DELETE FROM open_joins WHERE kind = 1 AND topic_id = ?",
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if ((rc = pg_run(pg_prep(s, sql[i]), PGO_RUN, "I", id)) != 0)
			return rc;
	return pg_run(pg_prep(s, "DELETE FROM topics WHERE id = ?"),
	    PGO_RUN | PG_CHANGES, "I", id);
}

static const struct pg_page topic_pages[2] = {
	{ "SELECT count(*) FROM topics WHERE owner_id = ?",
	    "SELECT " TOPIC_COLS
	    ", t.created_ms FROM topics t LEFT JOIN users "
	    "u ON u.id = t.owner_id WHERE t.owner_id = ? ORDER BY t.id "
	    "LIMIT ? OFFSET ?",
	    &topic_row },
	{ "SELECT count(*) FROM topic_members WHERE user_id = ?",
	    "SELECT " TOPIC_COLS ", m.created_ms FROM topic_members m JOIN "
	    "topics t ON t.id = m.topic_id LEFT JOIN users u ON "
	    "u.id = t.owner_id WHERE m.user_id = ? ORDER BY m.id "
	    "LIMIT ? OFFSET ?",
	    &topic_row },
};

int
pgo_topic_list(struct store *s, int64_t user, int joined, int offset,
    int limit, int64_t *total, store_group_cb cb, void *arg)
{
	return pg_page(s, &topic_pages[joined != 0], user, offset, limit,
	    total, (sq_row_cb)cb, arg);
}

/*
 * Columns: id, owner (topic/owner), user, uid, name, token, remark,
 * created, has e-mail, has phone
 */
static const struct sq_row person_row = SQ_ROW(struct store_open_person, id,
    owner_id, user_id, uid, name, token, remark, created_ms, has_email,
    has_phone);

#define MEMBER_SEL \
	"SELECT m.id, m.topic_id, m.user_id, " \
	"coalesce(u.uid, ''), coalesce(u.name, ''), '', m.remark, " \
	"m.created_ms, coalesce(u.email, '') != '', " \
	"coalesce(u.phone, '') != '' " \
	"FROM topic_members m LEFT JOIN users u " \
	"ON u.id = m.user_id "

#define FRIEND_SEL \
	"SELECT f.id, f.owner_id, f.friend_id, " \
	"coalesce(u.uid, ''), coalesce(u.name, ''), f.token, f.remark, " \
	"f.created_ms, coalesce(u.email, '') != '', " \
	"coalesce(u.phone, '') != '' " \
	"FROM friends f LEFT JOIN users u ON u.id = f.friend_id "

/* A group's members [0] and a user's friends [1], a page at a time. */
static const struct pg_page person_pages[2] = {
	{ "SELECT count(*) FROM topic_members WHERE topic_id = ?",
	    MEMBER_SEL "WHERE m.topic_id = ? ORDER BY m.id LIMIT ? OFFSET ?",
	    &person_row },
	{ "SELECT count(*) FROM friends WHERE owner_id = ?",
	    FRIEND_SEL "WHERE f.owner_id = ? ORDER BY f.id LIMIT ? OFFSET ?",
	    &person_row },
};

int
pgo_member_find(struct store *s, int64_t topic, int64_t user,
    struct store_open_person *out)
{
	return pg_one(pg_prep(s,
			  MEMBER_SEL "WHERE m.topic_id = ? AND "
				     "m.user_id = ?"),
	    PG_FINAL, &person_row, out, "II", topic, user);
}

int
pgo_member_get(struct store *s, int64_t id, struct store_open_person *out)
{
	return pg_one(pg_prep(s, MEMBER_SEL "WHERE m.id = ?"), PG_FINAL,
	    &person_row, out, "I", id);
}

int
pgo_member_list(struct store *s, int64_t topic, int offset, int limit,
    int64_t *total, store_open_person_cb cb, void *arg)
{
	return pg_page(s, &person_pages[0], topic, offset, limit, total,
	    (sq_row_cb)cb, arg);
}

int
pgo_member_delete(struct store *s, int64_t id)
{
	return pg_run(pg_prep(s, "DELETE FROM topic_members WHERE id = ?"),
	    PGO_RUN, "I", id);
}

int
pgo_friend_get(struct store *s, int64_t id, struct store_open_person *out)
{
	return pg_one(pg_prep(s, FRIEND_SEL "WHERE f.id = ?"), PG_FINAL,
	    &person_row, out, "I", id);
}

int
pgo_friend_find(struct store *s, int64_t owner, int64_t user,
    struct store_open_person *out)
{
	return pg_one(pg_prep(s,
			  FRIEND_SEL "WHERE f.owner_id = ? AND "
				     "f.friend_id = ?"),
	    PG_FINAL, &person_row, out, "II", owner, user);
}

int
pgo_friend_delete(struct store *s, int64_t id)
{
	return pg_run(pg_prep(s, "DELETE FROM friends WHERE id = ?"), PGO_RUN,
	    "I", id);
}

int
pgo_friend_list(struct store *s, int64_t owner, int offset, int limit,
    int64_t *total, store_open_person_cb cb, void *arg)
{
	return pg_page(s, &person_pages[1], owner, offset, limit, total,
	    (sq_row_cb)cb, arg);
}

int
pgo_remark(struct store *s, int member, int64_t id, const char *remark)
{
	return pg_run(pg_prep(s,
			  member ?
			      "UPDATE topic_members SET remark = ? "
			      "WHERE id = ?" :
			      "UPDATE friends SET remark = ? WHERE id = ?"),
	    PGO_RUN, "tI", remark, id);
}

int
pgo_join_add(struct store *s, const struct store_open_join *j)
{
	return pg_run(pg_prep(s,
			  "INSERT INTO open_joins(code, kind, "
			  "owner_id, topic_id, expires_ms, created_ms, "
			  "content, scan_max) "
			  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
	    PGO_RUN, "tiIIIIti", j->code, j->kind, j->owner_id, j->topic_id,
	    j->expires_ms, j->created_ms, j->content, j->scan_max);
}

static const struct sq_row join_row = SQ_ROW(struct store_open_join, code,
    kind, owner_id, topic_id, expires_ms, created_ms, content, scan_max,
    scans);

int
pgo_join_get(struct store *s, const char *code, struct store_open_join *j)
{
	return pg_one(pg_prep(s,
			  "SELECT code, kind, owner_id, "
			  "topic_id, expires_ms, created_ms, content, "
			  "scan_max, scans "
			  "FROM open_joins WHERE code = ?"),
	    PG_FINAL, &join_row, j, "t", code);
}

int
pgo_join_scan(struct store *s, const char *code)
{
	return pg_run(pg_prep(s,
			  "UPDATE open_joins SET scans = scans + 1 "
			  "WHERE code = ? AND (scan_max < 0 OR scans < "
			  "scan_max)"),
	    PGO_RUN | PG_CHANGES, "t", code);
}
