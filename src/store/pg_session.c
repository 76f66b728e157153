/*
 * pg_session.c: sessions, sign-in links and passwords of the
 * PostgreSQL backend (store_session.h; SQLite migration 14, PostgreSQL
 * migration 2), statement for statement as sqlite_session.c.
 *
 * A session is read on every request of a signed-in browser, by the
 * UNIQUE index on its id hash: one indexed read on the thread's reader.
 * The statement is run once (pg_prep) rather than kept in the
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
#include "store/pg_row.h"

#define SESSION_COLS \
	"id, id_hash, user_id, created_ms, last_seen_ms, expires_ms, " \
	"agent, ip"

static const struct sq_row session_row = SQ_ROW(struct store_session, id,
    id_hash, user_id, created_ms, last_seen_ms, expires_ms, agent, ip);

static const struct sq_row login_row = SQ_ROW(struct store_login, code_hash,
    user_id, created_ms, expires_ms, next);

int
pg_session_add(struct store *s, struct store_session *se)
{
	int rc;

	if ((rc = pg_run(pg_prep(s,
			     "DELETE FROM sessions WHERE user_id = ? "
			     "AND expires_ms < ?"),
		 PGO_RUN, "II", se->user_id, se->created_ms)) != 0)
		return rc;
	return pg_write(pg_prep(s,
			    "INSERT INTO sessions(id_hash, user_id, "
			    "created_ms, last_seen_ms, expires_ms, agent, ip) "
			    "VALUES "
			    "(?, ?, ?, ?, ?, ?, ?) RETURNING id"),
	    PGO_RUN, &se->id, "sIIIIss", se->id_hash, se->user_id,
	    se->created_ms, se->last_seen_ms, se->expires_ms, se->agent,
	    se->ip);
}

int
pg_session_find(struct store *s, const char *id_hash,
    struct store_session *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " SESSION_COLS " FROM sessions "
			  "WHERE id_hash = ?"),
	    PG_FINAL, &session_row, out, "s", id_hash);
}

int
pg_session_get(struct store *s, int64_t id, struct store_session *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " SESSION_COLS " FROM sessions "
			  "WHERE id = ?"),
	    PG_FINAL, &session_row, out, "I", id);
}

int
pg_session_delete(struct store *s, int64_t id)
{
	return pg_run(pg_prep(s, "DELETE FROM sessions WHERE id = ?"),
	    PGO_RUN | PG_CHANGES, "I", id);
}

int
pg_session_touch(struct store *s, int64_t id, int64_t now_ms)
{
	return pg_run(pg_prep(s,
			  "UPDATE sessions SET last_seen_ms = ? "
			  "WHERE id = ?"),
	    PGO_RUN, "II", now_ms, id);
}

int
pg_session_end_user(struct store *s, int64_t user, int64_t keep)
{
	return pg_run(pg_prep(s,
			  "DELETE FROM sessions WHERE user_id = ? "
			  "AND id != ?"),
	    PGO_RUN, "II", user, keep);
}

int
pg_session_list(struct store *s, int64_t user, store_session_cb cb, void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT " SESSION_COLS " FROM sessions "
			   "WHERE user_id = ? ORDER BY last_seen_ms DESC, id "
			   "DESC"),
	    PG_FINAL, &session_row, (sq_row_cb)cb, arg, "I", user);
}

int
pg_login_add(struct store *s, const struct store_login *l)
{
	int rc;

	if ((rc = pg_run(pg_prep(s,
			     "DELETE FROM login_links WHERE "
			     "expires_ms < ?"),
		 PGO_RUN, "I", l->created_ms)) != 0)
		return rc;
	return pg_run(pg_prep(s,
			  "INSERT INTO login_links(code_hash, "
			  "user_id, created_ms, expires_ms, next) VALUES (?, "
			  "?, ?, ?, ?)"),
	    PGO_RUN, "sIIIs", l->code_hash, l->user_id, l->created_ms,
	    l->expires_ms, l->next);
}

int
pg_login_find(struct store *s, const char *code_hash, struct store_login *out)
{
	return pg_one(pg_prep(s,
			  "SELECT code_hash, user_id, created_ms, "
			  "expires_ms, next FROM login_links WHERE code_hash "
			  "= ?"),
	    PG_FINAL, &login_row, out, "s", code_hash);
}

int
pg_login_take(struct store *s, const char *code_hash, struct store_login *out)
{
	int rc;

	if ((rc = pg_login_find(s, code_hash, out)) != 0)
		return rc;
	return pg_run(pg_prep(s,
			  "DELETE FROM login_links WHERE "
			  "code_hash = ?"),
	    PGO_RUN | PG_CHANGES, "s", code_hash);
}

int
pg_password_set(struct store *s, int64_t user, const char *hash,
    int64_t now_ms)
{
	if (*hash == '\0')
		return pg_run(pg_prep(s,
				  "DELETE FROM passwords WHERE "
				  "user_id = ?"),
		    PGO_RUN, "I", user);
	return pg_run(pg_prep(s,
			  "INSERT INTO passwords(user_id, hash, "
			  "set_ms) VALUES (?, ?, ?) ON CONFLICT(user_id) DO "
			  "UPDATE SET "
			  "hash = excluded.hash, set_ms = excluded.set_ms"),
	    PGO_RUN, "IsI", user, hash, now_ms);
}

int
pg_password_get(struct store *s, int64_t user, char *out, size_t size)
{
	PGresult *res;
	int rc;

	if ((rc = pg_first(pg_prep(s,
			       "SELECT hash FROM passwords WHERE "
			       "user_id = ?"),
		 &res, "I", user)) == 0) {
		pg_col_copy(res, 0, 0, out, size);
		PQclear(res);
	}
	return rc;
}

/* The user whose e-mail address is email (any case); the oldest. */
int
pg_user_by_email(struct store *s, const char *email, struct store_user *out)
{
	int64_t id;
	int rc;

	if (*email == '\0')
		return FG_ENOENT;
	if ((rc = pg_i64(pg_prep(s,
			     "SELECT id FROM users WHERE "
			     "lower(email) = lower(?) AND email != '' ORDER "
			     "BY id LIMIT 1"),
		 PG_FINAL, &id, "s", email)) != 0)
		return rc;
	return pg_user_get_id(s, id, out);
}
