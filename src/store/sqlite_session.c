/*
 * sqlite_session.c: sessions, sign-in links and passwords
 * (store_session.h, migration 14).
 *
 * A session is read on every request of a signed-in browser, by the
 * UNIQUE index on its id hash: one indexed read on the thread's reader.
 * The statement is prepared per call (sq_prep) rather than kept in the
 * connection's statement table: a parse costs microseconds next to the
 * page the request renders, and these rows stay out of the hot /send
 * path that the table is for.
 *
 * login_take is the one-time rule: the row is read and deleted in the
 * writer's transaction, so two POSTs of one link cannot both sign in.
 * Adding a session or a link also drops the expired ones of that user
 * (sessions) or of everyone (links: a handful live 15 minutes), so
 * neither table grows without bound.
 */
#include <stdio.h>

#include "util/errors.h"
#include "store/sqlite_int.h"
#include "store/sqlite_open_int.h"

#define SESSION_COLS \
	"id, id_hash, user_id, created_ms, last_seen_ms, expires_ms, " \
	"agent, ip"

static const struct sq_row session_row = SQ_ROW(struct store_session, id,
    id_hash, user_id, created_ms, last_seen_ms, expires_ms, agent, ip);

static const struct sq_row login_row = SQ_ROW(struct store_login,
    code_hash, user_id, created_ms, expires_ms, next);

int
sq_session_add(struct store *s, struct store_session *se)
{
	int rc;

	if ((rc = sq_run(sq_prep(s, "DELETE FROM sessions WHERE user_id = ? "
	    "AND expires_ms < ?"), SQO_RUN, "II", se->user_id,
	    se->created_ms)) != 0)
		return rc;
	return sq_write(sq_prep(s, "INSERT INTO sessions(id_hash, user_id, "
	    "created_ms, last_seen_ms, expires_ms, agent, ip) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)"), SQO_RUN, &se->id, "sIIIIss",
	    se->id_hash, se->user_id, se->created_ms, se->last_seen_ms,
	    se->expires_ms, se->agent, se->ip);
}

int
sq_session_find(struct store *s, const char *id_hash, struct store_session *out)
{
	return sq_one(sq_prep(s, "SELECT " SESSION_COLS " FROM sessions "
	    "WHERE id_hash = ?"), SQ_FINAL, &session_row, out, "s", id_hash);
}

int
sq_session_get(struct store *s, int64_t id, struct store_session *out)
{
	return sq_one(sq_prep(s, "SELECT " SESSION_COLS " FROM sessions "
	    "WHERE id = ?"), SQ_FINAL, &session_row, out, "I", id);
}

int
sq_session_delete(struct store *s, int64_t id)
{
	return sq_run(sq_prep(s, "DELETE FROM sessions WHERE id = ?"),
	    SQO_RUN | SQ_CHANGES, "I", id);
}

int
sq_session_touch(struct store *s, int64_t id, int64_t now_ms)
{
	return sq_run(sq_prep(s, "UPDATE sessions SET last_seen_ms = ? "
	    "WHERE id = ?"), SQO_RUN, "II", now_ms, id);
}

int
sq_session_end_user(struct store *s, int64_t user, int64_t keep)
{
	return sq_run(sq_prep(s, "DELETE FROM sessions WHERE user_id = ? "
	    "AND id != ?"), SQO_RUN, "II", user, keep);
}

int
sq_session_list(struct store *s, int64_t user, store_session_cb cb,
    void *arg)
{
	return sq_each(sq_prep(s, "SELECT " SESSION_COLS " FROM sessions "
	    "WHERE user_id = ? ORDER BY last_seen_ms DESC, id DESC"),
	    SQ_FINAL, &session_row, (sq_row_cb)cb, arg, "I", user);
}

int
sq_login_add(struct store *s, const struct store_login *l)
{
	int rc;

	if ((rc = sq_run(sq_prep(s, "DELETE FROM login_links WHERE "
	    "expires_ms < ?"), SQO_RUN, "I", l->created_ms)) != 0)
		return rc;
	return sq_run(sq_prep(s, "INSERT INTO login_links(code_hash, "
	    "user_id, created_ms, expires_ms, next) VALUES (?, ?, ?, ?, ?)"),
	    SQO_RUN, "sIIIs", l->code_hash, l->user_id, l->created_ms,
	    l->expires_ms, l->next);
}

int
sq_login_find(struct store *s, const char *code_hash, struct store_login *out)
{
	return sq_one(sq_prep(s, "SELECT code_hash, user_id, created_ms, "
	    "expires_ms, next FROM login_links WHERE code_hash = ?"),
	    SQ_FINAL, &login_row, out, "s", code_hash);
}

int
sq_login_take(struct store *s, const char *code_hash, struct store_login *out)
{
	int rc;

	if ((rc = sq_login_find(s, code_hash, out)) != 0)
		return rc;
	return sq_run(sq_prep(s, "DELETE FROM login_links WHERE "
	    "code_hash = ?"), SQO_RUN | SQ_CHANGES, "s", code_hash);
}

int
sq_password_set(struct store *s, int64_t user, const char *hash,
    int64_t now_ms)
{
	if (*hash == '\0')
		return sq_run(sq_prep(s, "DELETE FROM passwords WHERE "
		    "user_id = ?"), SQO_RUN, "I", user);
	return sq_run(sq_prep(s, "INSERT INTO passwords(user_id, hash, "
	    "set_ms) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET "
	    "hash = excluded.hash, set_ms = excluded.set_ms"), SQO_RUN,
	    "IsI", user, hash, now_ms);
}

int
sq_password_get(struct store *s, int64_t user, char *out, size_t size)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sq_prep(s, "SELECT hash FROM passwords WHERE user_id = ?"))
	    == NULL)
		return FG_ESTORE;
	sq_bind(st, "I", user);
	if ((rc = sq_step(st)) == 0)
		snprintf(out, size, "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc;
}

/* The user whose e-mail address is email (any case); the oldest. */
int
sq_user_by_email(struct store *s, const char *email, struct store_user *out)
{
	int64_t id;
	int rc;

	if (*email == '\0')
		return FG_ENOENT;
	if ((rc = sq_int64(sq_prep(s, "SELECT id FROM users WHERE "
	    "lower(email) = lower(?) AND email != '' ORDER BY id LIMIT 1"),
	    SQ_FINAL, &id, "s", email)) != 0)
		return rc;
	return sq_user_get_id(s, id, out);
}
