/*
 * key.h: the pushplus open API's credentials as business operations:
 * issuing an AccessKey (getAccessKey) and a user's open API switch,
 * secretKey and IP allowlist (`feige user openapi`).
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).  Checking
 * the caller (user token, allowlist, secretKey) is the adapter's.
 */
#ifndef FG_OPS_KEY_H
#define FG_OPS_KEY_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"
#include "util/ids.h"

#define OPS_KEY_HASH_HEX	65

/* The hex BLAKE2b-256 of an AccessKey, as the store keeps it. */
void	ops_key_hash(const char *key, char out[OPS_KEY_HASH_HEX]);

struct ops_key_add {
	int64_t	user_id;			/* in */
	int	ttl_s;				/* in: the key's life */
	int	overlap_s;			/* in: older keys' rest */
	char	key[ID_TOKEN_LEN + 1];		/* out: zero it when done */
};

/*
 * Issue a random AccessKey for a->user_id valid a->ttl_s seconds; the
 * user's older keys stay valid a->overlap_s more at most.  Only its
 * hash is stored; the key itself is in a->key.
 */
FG_MUST int	ops_key_add(struct store *, struct ops_key_add *a,
		    struct strbuf *err);

/*
 * The argon2id hash (libsodium's interactive limits) of a secretKey
 * into out[size] (at least crypto_pwhash_STRBYTES, as the settings'
 * secret_hash): FG_ENOMEM when hashing fails (it needs 64 MiB).
 */
FG_MUST int	ops_key_secret_hash(const char *secret, char *out,
		    size_t size, struct strbuf *err);

/* A secretKey's length in bytes (32 random letters and digits advised). */
#define OPS_SECRET_MIN 16
#define OPS_SECRET_MAX 128

struct ops_openapi {
	int64_t		 user_id;	/* in */
	const char	*secret_hash;	/* in: new hash, or NULL: keep */
	const char	*ips;		/* in: new allowlist, or NULL: keep */
	int		 enable;	/* in: 1 on, 0 off, -1 keep */
	struct store_open_settings st;	/* out: the settings after */
};

/*
 * Change the open API switch, secretKey hash and allowlist of a user
 * (nothing written when nothing changes).  The API can be on only with
 * a secretKey and an allowlist: FG_EINVAL, nothing written, otherwise.
 * A new secretKey, or turning the API off, revokes every AccessKey of
 * the user (call inside the write transaction).
 */
FG_MUST int	ops_key_openapi(struct store *, struct ops_openapi *o,
		    struct strbuf *err);

/*
 * Revoke the user's AccessKey id at once, or every one of them when id
 * is 0, without a new secretKey (the console's "revoke"): FG_ENOENT,
 * err saying so, when id is not a key of the user.
 */
FG_MUST int ops_key_revoke(struct store *, int64_t user, int64_t id,
    struct strbuf *err);

#endif
