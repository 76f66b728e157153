/*
 * sqlite_open_topic.c: the open API's views and edits of pushplus groups
 * (topics with contact, introduction and receipt message), their
 * members, friends and join links (store_open.h).
 *
 * Groups, members and friends are the tables of the send foundation
 * (migration 1); the open API adds columns (contact, remark, ...) and
 * the open_joins table of join links behind topic/qrCode and
 * friend/getQrCode.  Management traffic: statements are prepared per
 * call (see sqlite_open.c).
 */
#include <stdio.h>
#include <string.h>

#include "util/errors.h"
#include "store/sqlite_open_int.h"
#include "util/ids.h"
#include "util/strbuf.h"

/* Step to the end, calling fn per row; 0 or FG_ESTORE. */
static int
each_row(sqlite3_stmt *st, int (*fn)(sqlite3_stmt *, void *, void *),
    void *a, void *b)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(st, a, b) != 0)
			break;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : FG_ESTORE;
}

/* Step once; fn reads the row.  0, FG_ENOENT or FG_ESTORE. */
static int
one_row(sqlite3_stmt *st, void (*fn)(sqlite3_stmt *, void *), void *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		fn(st, out);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? FG_ENOENT :
	    FG_ESTORE;
}

int
sqo_topic_add(struct store *s, struct store_open_topic *t, struct strbuf *err)
{
	sqlite3_stmt *st = sqo_prep(s, "INSERT INTO topics(owner_id, code, "
	    "name, created_ms, contact, introduction, receipt_message) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)");
	int rc;

	if (st == NULL)
		return FG_ESTORE;
	t->created_ms = clock_ms();
	sqlite3_bind_int64(st, 1, t->owner_id);
	sqlite3_bind_text(st, 2, t->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, t->created_ms);
	sqlite3_bind_text(st, 5, t->contact, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, t->introduction, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, t->receipt_message, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if (err)
			strbuf_setf(err,
			    rc == SQLITE_CONSTRAINT ? "topic code "
			    "'%s' is already taken" : "add topic '%s': store "
			    "error", t->code);
		return rc == SQLITE_CONSTRAINT ? FG_EEXIST : FG_ESTORE;
	}
	t->id = sqlite3_last_insert_rowid(SQ(s)->db);
	return 0;
}

#define TOPIC_COLS "t.id, t.owner_id, t.code, t.name, t.contact, " \
	"t.introduction, t.receipt_message, coalesce(u.name, ''), " \
	"t.created_ms"

static void
read_topic(sqlite3_stmt *st, void *out)
{
	struct store_open_topic *t = out;

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->owner_id = sqlite3_column_int64(st, 1);
	sq_col_copy(st, 2, t->code, sizeof(t->code));
	sq_col_copy(st, 3, t->name, sizeof(t->name));
	sq_col_copy(st, 4, t->contact, sizeof(t->contact));
	sq_col_copy(st, 5, t->introduction, sizeof(t->introduction));
	sq_col_copy(st, 6, t->receipt_message, sizeof(t->receipt_message));
	sq_col_copy(st, 7, t->owner_name, sizeof(t->owner_name));
	t->created_ms = sqlite3_column_int64(st, 8);
	t->joined_ms = sqlite3_column_int64(st, 9);
	t->members = sqlite3_column_int64(st, 9);
}

int
sqo_topic_get(struct store *s, int64_t id, struct store_open_topic *t)
{
	sqlite3_stmt *st = sqo_prep(s, "SELECT " TOPIC_COLS ", (SELECT "
	    "count(*) FROM topic_members m WHERE m.topic_id = t.id) "
	    "FROM topics t LEFT JOIN users u ON u.id = t.owner_id "
	    "WHERE t.id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return one_row(st, read_topic, t);
}

static int
topic_row(sqlite3_stmt *st, void *cb, void *arg)
{
	struct store_open_topic t;

	read_topic(st, &t);
	return ((store_open_topic_cb)cb)(arg, &t);
}

int
sqo_topic_list(struct store *s, int64_t user, int joined, int offset,
    int limit, int64_t *total, store_open_topic_cb cb, void *arg)
{
	sqlite3_stmt *st;
	int rc;

	if (joined) {
		rc = sqo_count1(s, "SELECT count(*) FROM topic_members "
		    "WHERE user_id = ?", user, total);
		st = rc ? NULL : sqo_prep(s, "SELECT " TOPIC_COLS ", "
		    "m.created_ms FROM topic_members m JOIN topics t ON "
		    "t.id = m.topic_id LEFT JOIN users u ON u.id = t.owner_id "
		    "WHERE m.user_id = ? ORDER BY m.id LIMIT ? OFFSET ?");
	} else {
		rc = sqo_count1(s, "SELECT count(*) FROM topics "
		    "WHERE owner_id = ?", user, total);
		st = rc ? NULL : sqo_prep(s, "SELECT " TOPIC_COLS ", "
		    "t.created_ms FROM topics t LEFT JOIN users u ON "
		    "u.id = t.owner_id WHERE t.owner_id = ? ORDER BY t.id "
		    "LIMIT ? OFFSET ?");
	}
	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, offset);
	return each_row(st, topic_row, (void *)cb, arg);
}

/* Columns: id, owner (topic/owner), user, uid, name, token, remark, created */
static void
read_person(sqlite3_stmt *st, void *out)
{
	struct store_open_person *p = out;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->owner_id = sqlite3_column_int64(st, 1);
	p->user_id = sqlite3_column_int64(st, 2);
	sq_col_copy(st, 3, p->uid, sizeof(p->uid));
	sq_col_copy(st, 4, p->name, sizeof(p->name));
	sq_col_copy(st, 5, p->token, sizeof(p->token));
	sq_col_copy(st, 6, p->remark, sizeof(p->remark));
	p->created_ms = sqlite3_column_int64(st, 7);
	p->has_email = sqlite3_column_int(st, 8);
}

static int
person_row(sqlite3_stmt *st, void *cb, void *arg)
{
	struct store_open_person p;

	read_person(st, &p);
	return ((store_open_person_cb)cb)(arg, &p);
}

#define MEMBER_SEL "SELECT m.id, m.topic_id, m.user_id, " \
	"coalesce(u.uid, ''), coalesce(u.name, ''), '', m.remark, " \
	"m.created_ms, coalesce(u.email, '') != '' " \
	"FROM topic_members m LEFT JOIN users u " \
	"ON u.id = m.user_id "

int
sqo_member_find(struct store *s, int64_t topic, int64_t user,
    struct store_open_person *out)
{
	sqlite3_stmt *st = sqo_prep(s, MEMBER_SEL "WHERE m.topic_id = ? AND "
	    "m.user_id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, topic);
	sqlite3_bind_int64(st, 2, user);
	return one_row(st, read_person, out);
}

int
sqo_member_get(struct store *s, int64_t id, struct store_open_person *out)
{
	sqlite3_stmt *st = sqo_prep(s, MEMBER_SEL "WHERE m.id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return one_row(st, read_person, out);
}

int
sqo_member_list(struct store *s, int64_t topic, int offset, int limit,
    int64_t *total, store_open_person_cb cb, void *arg)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sqo_count1(s, "SELECT count(*) FROM topic_members WHERE "
	    "topic_id = ?", topic, total)) != 0)
		return rc;
	if ((st = sqo_prep(s, MEMBER_SEL "WHERE m.topic_id = ? ORDER BY m.id "
	    "LIMIT ? OFFSET ?")) == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, topic);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, offset);
	return each_row(st, person_row, (void *)cb, arg);
}

static int
delete_id(struct store *s, const char *sql, int64_t id)
{
	sqlite3_stmt *st = sqo_prep(s, sql);

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return sqo_run(st);
}

int
sqo_member_delete(struct store *s, int64_t id)
{
	return delete_id(s, "DELETE FROM topic_members WHERE id = ?", id);
}

#define FRIEND_SEL "SELECT f.id, f.owner_id, f.friend_id, " \
	"coalesce(u.uid, ''), coalesce(u.name, ''), f.token, f.remark, " \
	"f.created_ms, coalesce(u.email, '') != '' " \
	"FROM friends f LEFT JOIN users u ON u.id = f.friend_id "

int
sqo_friend_get(struct store *s, int64_t id, struct store_open_person *out)
{
	sqlite3_stmt *st = sqo_prep(s, FRIEND_SEL "WHERE f.id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return one_row(st, read_person, out);
}

int
sqo_friend_find(struct store *s, int64_t owner, int64_t user,
    struct store_open_person *out)
{
	sqlite3_stmt *st = sqo_prep(s, FRIEND_SEL "WHERE f.owner_id = ? AND "
	    "f.friend_id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, owner);
	sqlite3_bind_int64(st, 2, user);
	return one_row(st, read_person, out);
}

int
sqo_friend_list(struct store *s, int64_t owner, int offset, int limit,
    int64_t *total, store_open_person_cb cb, void *arg)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sqo_count1(s, "SELECT count(*) FROM friends WHERE "
	    "owner_id = ?", owner, total)) != 0)
		return rc;
	if ((st = sqo_prep(s, FRIEND_SEL "WHERE f.owner_id = ? ORDER BY f.id "
	    "LIMIT ? OFFSET ?")) == NULL)
		return FG_ESTORE;
	sqlite3_bind_int64(st, 1, owner);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, offset);
	return each_row(st, person_row, (void *)cb, arg);
}

int
sqo_friend_delete(struct store *s, int64_t id)
{
	return delete_id(s, "DELETE FROM friends WHERE id = ?", id);
}

int
sqo_friend_remark(struct store *s, int64_t id, const char *remark)
{
	sqlite3_stmt *st = sqo_prep(s, "UPDATE friends SET remark = ? "
	    "WHERE id = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, remark, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	return sqo_run(st);
}

int
sqo_join_add(struct store *s, const struct store_open_join *j)
{
	sqlite3_stmt *st = sqo_prep(s, "INSERT INTO open_joins(code, kind, "
	    "owner_id, topic_id, expires_ms, created_ms) "
	    "VALUES (?, ?, ?, ?, ?, ?)");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, j->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, j->kind);
	sqlite3_bind_int64(st, 3, j->owner_id);
	sqlite3_bind_int64(st, 4, j->topic_id);
	sqlite3_bind_int64(st, 5, j->expires_ms);
	sqlite3_bind_int64(st, 6, j->created_ms);
	return sqo_run(st);
}

static void
read_join(sqlite3_stmt *st, void *out)
{
	struct store_open_join *j = out;

	memset(j, 0, sizeof(*j));
	sq_col_copy(st, 0, j->code, sizeof(j->code));
	j->kind = sqlite3_column_int(st, 1);
	j->owner_id = sqlite3_column_int64(st, 2);
	j->topic_id = sqlite3_column_int64(st, 3);
	j->expires_ms = sqlite3_column_int64(st, 4);
	j->created_ms = sqlite3_column_int64(st, 5);
}

int
sqo_join_get(struct store *s, const char *code, struct store_open_join *j)
{
	sqlite3_stmt *st = sqo_prep(s, "SELECT code, kind, owner_id, "
	    "topic_id, expires_ms, created_ms FROM open_joins WHERE code = ?");

	if (st == NULL)
		return FG_ESTORE;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return one_row(st, read_join, j);
}
