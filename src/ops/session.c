/*
 * session.c: sessions, sign-in links and passwords (session.h).
 *
 * A session id and a link code are 128 random bits in hex (ids_token,
 * the size of every feige credential); the store keeps their
 * BLAKE2b-256 hash, the way AccessKeys are kept (ops/key.c), so a copy
 * of the database opens no browser session and no link.  A plain hash
 * suffices where argon2id is needed for passwords: the values are
 * random, so there is nothing to guess from the hash.
 *
 * Expiry is checked on read (find, peek, take), so an expired row that
 * is still there is as dead as a deleted one; the rows are dropped when
 * new ones are added (sqlite_session.c).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ops/key.h"
#include "ops/session.h"
#include "util/strbuf.h"

int
ops_session_new(struct store *s, struct ops_session_new *a,
    struct strbuf *err)
{
	struct store_session se;
	int rc;

	memset(&se, 0, sizeof(se));
	ids_token(a->id);
	ops_key_hash(a->id, se.id_hash);
	se.user_id = a->user_id;
	se.created_ms = se.last_seen_ms = clock_ms();
	se.expires_ms = se.created_ms + a->ttl_ms;
	snprintf(se.agent, sizeof(se.agent), "%s", a->agent ? a->agent : "");
	snprintf(se.ip, sizeof(se.ip), "%s", a->ip ? a->ip : "");
	/* a User-Agent cut inside a character stays valid text */
	se.agent[utf8_prefix(se.agent, strlen(se.agent),
	    STORE_SESSION_AGENT)] = '\0';
	if ((rc = dir_session_add(s, &se)) != 0)
		sodium_memzero(a->id, sizeof(a->id));
	a->row = se.id;
	return fg_err(rc, err, "session of user %lld", (long long)a->user_id);
}

int
ops_session_find(struct store *s, const char *id, struct store_session *out)
{
	char hash[OPS_KEY_HASH_HEX];
	int rc;

	if (strlen(id) != ID_TOKEN_LEN)
		return FG_ENOENT;
	ops_key_hash(id, hash);
	if ((rc = dir_session_find(s, hash, out)) != 0)
		return rc;
	return out->expires_ms < clock_ms() ? FG_ENOENT : 0;
}

int
ops_login_next_ok(const char *p)
{
	return p && p[0] == '/' && p[1] != '/' && p[1] != '\\' &&
	    strlen(p) <= STORE_LOGIN_NEXT && strpbrk(p, "\r\n\t\\") == NULL;
}

int
ops_login_new(struct store *s, struct ops_login_new *a, struct strbuf *err)
{
	struct store_login l;
	int rc;

	memset(&l, 0, sizeof(l));
	ids_token(a->code);
	ops_key_hash(a->code, l.code_hash);
	l.user_id = a->user_id;
	l.created_ms = clock_ms();
	l.expires_ms = l.created_ms + OPS_LOGIN_TTL_MS;
	if (ops_login_next_ok(a->next))
		snprintf(l.next, sizeof(l.next), "%s", a->next);
	if ((rc = dir_login_add(s, &l)) != 0)
		sodium_memzero(a->code, sizeof(a->code));
	return fg_err(rc, err, "sign-in link of user %lld",
	    (long long)a->user_id);
}

static int
login_read(struct store *s, const char *code, struct store_login *out,
    int take)
{
	char hash[OPS_KEY_HASH_HEX];
	int rc;

	if (strlen(code) != ID_TOKEN_LEN)
		return FG_ENOENT;
	ops_key_hash(code, hash);
	rc = take ? dir_login_take(s, hash, out) : dir_login_find(s, hash,
	    out);
	if (rc != 0)
		return rc;
	return out->expires_ms < clock_ms() ? FG_ENOENT : 0;
}

int
ops_login_peek(struct store *s, const char *code, struct store_login *out)
{
	return login_read(s, code, out, 0);
}

int
ops_login_take(struct store *s, const char *code, struct store_login *out)
{
	return login_read(s, code, out, 1);
}

int
ops_password_set(struct store *s, int64_t user, const char *hash,
    struct strbuf *err)
{
	return fg_err(dir_password_set(s, user, hash, clock_ms()), err,
	    "password of user %lld", (long long)user);
}
