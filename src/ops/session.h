/*
 * session.h: a person signed in (issue 10 §1) as business operations:
 * a browser session, a one-time sign-in link, a password.  The web
 * pages (api/person.c, api/pages/login.c) and `feige user login-link`
 * / `feige user password` call these.
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).  The raw
 * session id and link code are made here and handed back once; only
 * their BLAKE2b-256 hashes are stored (ops_key_hash()).
 */
#ifndef FG_OPS_SESSION_H
#define FG_OPS_SESSION_H

#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"
#include "util/ids.h"

#define OPS_LOGIN_TTL_MS	(15 * 60 * 1000)	/* a sign-in link */
#define OPS_SESSION_TOUCH_MS	(60 * 1000)	/* last_seen resolution */

struct ops_session_new {
	int64_t		 user_id;		/* in */
	int64_t		 ttl_ms;		/* in */
	const char	*agent;			/* in: User-Agent, capped */
	const char	*ip;			/* in */
	char		 id[ID_TOKEN_LEN + 1];	/* out: the cookie's value */
	int64_t		 row;			/* out: the session's row */
};

/* A new session for a->user_id; only the hash of a->id is stored. */
FG_MUST int	ops_session_new(struct store *, struct ops_session_new *a,
		    struct strbuf *err);

/* The unexpired session whose cookie value is id (reader or writer). */
FG_MUST int	ops_session_find(struct store *, const char *id,
		    struct store_session *out);

struct ops_login_new {
	int64_t		 user_id;		/* in */
	const char	*next;			/* in: path or NULL */
	char		 code[ID_TOKEN_LEN + 1];	/* out: the link's code */
};

/*
 * Whether p may be where a sign-in leads: a path on this server ("/"
 * then neither '/' nor '\', so never "//host"), no control characters
 * or backslashes, at most STORE_LOGIN_NEXT bytes.
 */
int	ops_login_next_ok(const char *p);

/* A sign-in link for a->user_id valid OPS_LOGIN_TTL_MS (next: a path
 * that passes ops_login_next_ok(), else none). */
FG_MUST int	ops_login_new(struct store *, struct ops_login_new *a,
		    struct strbuf *err);

/* The unexpired, unused link of code, without using it (a GET). */
FG_MUST int	ops_login_peek(struct store *, const char *code,
		    struct store_login *out);

/*
 * Use the link of code: it is deleted either way; FG_ENOENT when it
 * was unknown, used or expired.
 */
FG_MUST int	ops_login_take(struct store *, const char *code,
		    struct store_login *out);

/*
 * Set (hash, an argon2id string from ops_key_secret_hash()) or remove
 * ("") the password of user; setting ends no session.
 */
FG_MUST int	ops_password_set(struct store *, int64_t user,
		    const char *hash, struct strbuf *err);

/* The shortest password accepted (bytes). */
#define OPS_PASSWORD_MIN	10

#endif
