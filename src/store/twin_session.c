/*
 * twin_session.c: sessions, sign-in links and passwords, written once
 * for both backends (twin.h; store_session.h, SQLite migration 14,
 * PostgreSQL migration 2).
 *
 * A session is read on every request of a signed-in browser, by the
 * UNIQUE index on its id hash: one indexed read on the thread's reader.
 * The statement is prepared per call rather than kept in the
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
#include <stdlib.h>

#include "util/errors.h"
#include "store/dir.h"
#include "store/twin.h"
#include "store/twin_tables.h"

#define SESSION_COLS \
	"id, id_hash, user_id, created_ms, last_seen_ms, expires_ms, " \
	"agent, ip"

static const struct sq_row session_row = SQ_ROW(struct store_session, id,
    id_hash, user_id, created_ms, last_seen_ms, expires_ms, agent, ip);

static const struct sq_row login_row = SQ_ROW(struct store_login, code_hash,
    user_id, created_ms, expires_ms, next);

int
twin_session_add(struct store *s, struct store_session *se)
{
	int rc;

	if ((rc = twin_run(s,
		 "DELETE FROM sessions WHERE user_id = ? AND expires_ms < ?",
		 TWIN_PLAIN, "II", se->user_id, se->created_ms)) != 0)
		return rc;
	return twin_insert(s,
	    "INSERT INTO sessions(id_hash, user_id, created_ms, "
	    "last_seen_ms, expires_ms, agent, ip) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	    TWIN_PLAIN, &se->id, "sIIIIss", se->id_hash, se->user_id,
	    se->created_ms, se->last_seen_ms, se->expires_ms, se->agent,
	    se->ip);
}

int
twin_session_find(struct store *s, const char *id_hash,
    struct store_session *out)
{
	return twin_one(s,
	    "SELECT " SESSION_COLS " FROM sessions WHERE id_hash = ?", 0,
	    &session_row, out, "s", id_hash);
}

int
twin_session_get(struct store *s, int64_t id, struct store_session *out)
{
	return twin_one(s,
	    "SELECT " SESSION_COLS " FROM sessions WHERE id = ?", 0,
	    &session_row, out, "I", id);
}

int
twin_session_delete(struct store *s, int64_t id)
{
	return twin_run(s, "DELETE FROM sessions WHERE id = ?",
	    TWIN_PLAIN | TWIN_CHANGES, "I", id);
}

int
twin_session_touch(struct store *s, int64_t id, int64_t now_ms)
{
	return twin_run(s, "UPDATE sessions SET last_seen_ms = ? WHERE id = ?",
	    TWIN_PLAIN, "II", now_ms, id);
}

int
twin_session_end_user(struct store *s, int64_t user, int64_t keep)
{
	return twin_run(s,
	    "DELETE FROM sessions WHERE user_id = ? AND id != ?", TWIN_PLAIN,
	    "II", user, keep);
}

int
twin_session_list(struct store *s, int64_t user, store_session_cb cb,
    void *arg)
{
	return twin_each(s,
	    "SELECT " SESSION_COLS
	    " FROM sessions WHERE user_id = ? ORDER BY last_seen_ms DESC, "
	    "id DESC",
	    0, &session_row, cb, arg, "I", user);
}

int
twin_login_add(struct store *s, const struct store_login *l)
{
	int rc;

	if ((rc = twin_run(s, "DELETE FROM login_links WHERE expires_ms < ?",
		 TWIN_PLAIN, "I", l->created_ms)) != 0)
		return rc;
	return twin_run(s,
	    "INSERT INTO login_links(code_hash, user_id, created_ms, "
	    "expires_ms, next) VALUES (?, ?, ?, ?, ?)",
	    TWIN_PLAIN, "sIIIs", l->code_hash, l->user_id, l->created_ms,
	    l->expires_ms, l->next);
}

int
twin_login_find(struct store *s, const char *code_hash,
    struct store_login *out)
{
	return twin_one(s,
	    "SELECT code_hash, user_id, created_ms, expires_ms, next FROM "
	    "login_links WHERE code_hash = ?",
	    0, &login_row, out, "s", code_hash);
}

int
twin_login_take(struct store *s, const char *code_hash,
    struct store_login *out)
{
	int rc;

	if ((rc = twin_login_find(s, code_hash, out)) != 0)
		return rc;
	return twin_run(s, "DELETE FROM login_links WHERE code_hash = ?",
	    TWIN_PLAIN | TWIN_CHANGES, "s", code_hash);
}

int
twin_password_set(struct store *s, int64_t user, const char *hash,
    int64_t now_ms)
{
	if (*hash == '\0')
		return twin_run(s, "DELETE FROM passwords WHERE user_id = ?",
		    TWIN_PLAIN, "I", user);
	return twin_run(s,
	    "INSERT INTO passwords(user_id, hash, set_ms) VALUES (?, ?, ?) "
	    "ON CONFLICT(user_id) DO UPDATE SET hash = excluded.hash, "
	    "set_ms = excluded.set_ms",
	    TWIN_PLAIN, "IsI", user, hash, now_ms);
}

int
twin_password_get(struct store *s, int64_t user, char *out, size_t size)
{
	struct twin_text t;
	int rc;

	if ((rc = twin_one(s, "SELECT hash FROM passwords WHERE user_id = ?",
		 0, &twin_text_row, &t, "I", user)) == 0) {
		snprintf(out, size, "%s", t.text);
		free(t.text);
	}
	return rc;
}

/* The user whose e-mail address is email (any case); the oldest. */
int
twin_user_by_email(struct store *s, const char *email, struct store_user *out)
{
	int64_t id;
	int rc;

	if (*email == '\0')
		return FG_ENOENT;
	if ((rc = twin_i64(s,
		 "SELECT id FROM users WHERE lower(email) = lower(?) "
		 "AND email != '' ORDER BY id LIMIT 1",
		 0, &id, "s", email)) != 0)
		return rc;
	return dir_user_get_id(s, id, out);
}
