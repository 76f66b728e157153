/*
 * store_session.h: a person signed in (migration 14, issue 10 §1):
 * browser sessions, one-time sign-in links and optional passwords.
 *
 * Nothing here holds a secret a copy of the database could use: a
 * session row and a sign-in link are found by the BLAKE2b-256 hash of
 * the random value the browser or the link carries (ops/key.h
 * ops_key_hash(), as AccessKeys are), and a password is an argon2id
 * string (crypto_pwhash_str).  The raw values exist only in the cookie,
 * in the link sent to the person, and for the length of one request.
 */
#ifndef FG_STORE_SESSION_H
#define FG_STORE_SESSION_H

#include <stdint.h>

#define STORE_SESSION_HASH	65	/* hex BLAKE2b-256 and NUL */
#define STORE_SESSION_AGENT	120	/* User-Agent kept, bytes */
#define STORE_SESSION_IP	46
#define STORE_LOGIN_NEXT	200	/* a same-origin path */
#define STORE_PASSWORD_MAX	128	/* crypto_pwhash_STRBYTES */

struct store_session {
	int64_t	id;
	char	id_hash[STORE_SESSION_HASH];
	int64_t	user_id;
	int64_t	created_ms;
	int64_t	last_seen_ms;
	int64_t	expires_ms;
	char	agent[STORE_SESSION_AGENT + 1];
	char	ip[STORE_SESSION_IP];
};

/* A one-time sign-in link: taking it (login_take) deletes it. */
struct store_login {
	char	code_hash[STORE_SESSION_HASH];
	int64_t	user_id;
	int64_t	created_ms;
	int64_t	expires_ms;
	char	next[STORE_LOGIN_NEXT + 1];
};

typedef int (*store_session_cb)(void *, const struct store_session *);

#endif
