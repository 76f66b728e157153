/*
 * key.c: open API credentials (key.h).
 *
 * An AccessKey is 128 random bits in hex; only its BLAKE2b-256 hash is
 * stored, so keys survive a restart and a copy of the database holds
 * none.  The secretKey is stored only as an argon2id hash
 * (crypto_pwhash_str), which getAccessKey verifies in constant time.
 * The open API is off until its owner turns it on, and it cannot be
 * turned on without a secretKey and an IP allowlist (design.md).
 * Turning it off or setting a new secretKey revokes every AccessKey
 * issued: otherwise a key taken before the change (or a leaked secret's
 * key) would work again once the API is back on.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ops/key.h"
#include "util/strbuf.h"

void
ops_key_hash(const char *key, char out[OPS_KEY_HASH_HEX])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)key,
	    strlen(key), NULL, 0);
	sodium_bin2hex(out, OPS_KEY_HASH_HEX, h, sizeof(h));
}

int
ops_key_add(struct store *s, struct ops_key_add *a, struct strbuf *err)
{
	char hash[OPS_KEY_HASH_HEX];
	int64_t now = clock_ms();
	int rc;

	ids_token(a->key);
	ops_key_hash(a->key, hash);
	if ((rc = dir_key_add(s, a->user_id, hash, now,
	    now + a->ttl_s * 1000LL, now + a->overlap_s * 1000LL)) != 0) {
		sodium_memzero(a->key, sizeof(a->key));
		if (err)
			strbuf_setf(err, "AccessKey of user %lld: %s",
			    (long long)a->user_id, fg_strerror(rc));
	}
	return rc;
}

int
ops_key_secret_hash(const char *secret, char *out, size_t size,
    struct strbuf *err)
{
	if (size < crypto_pwhash_STRBYTES || crypto_pwhash_str(out, secret,
	    strlen(secret), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		if (err)
			strbuf_setf(err, "hashing the secretKey failed (out "
			    "of memory)");
		return FG_ENOMEM;
	}
	return 0;
}

int
ops_key_openapi(struct store *s, struct ops_openapi *o, struct strbuf *err)
{
	struct store_open_settings *st = &o->st;
	int rc;

	if ((rc = dir_settings_get(s, o->user_id, st)) != 0)
		goto fail;
	if (o->secret_hash == NULL && o->ips == NULL && o->enable < 0)
		return 0;
	/* a new secret, or switching off, ends every AccessKey issued */
	if ((o->secret_hash != NULL || (o->enable == 0 && st->enabled)) &&
	    (rc = dir_key_revoke(s, o->user_id)) != 0)
		goto fail;
	if (o->secret_hash)
		snprintf(st->secret_hash, sizeof(st->secret_hash), "%s",
		    o->secret_hash);
	if (o->ips)
		snprintf(st->ips, sizeof(st->ips), "%s", o->ips);
	if (o->enable == 1 && (st->secret_hash[0] == '\0' ||
	    st->ips[0] == '\0')) {
		if (err)
			strbuf_setf(err, "enabling the open API needs a "
			    "secretKey and an IP allowlist");
		return FG_EINVAL;
	}
	if (o->enable >= 0)
		st->enabled = o->enable;
	rc = dir_settings_put(s, st);
fail:
	return fg_err(rc, err, "open API settings of user %lld",
	    (long long)o->user_id);
}

int
ops_key_revoke(struct store *s, int64_t user, int64_t id, struct strbuf *err)
{
	int rc = id == 0 ? dir_key_revoke(s, user) :
			   dir_key_delete(s, user, id);

	return fg_err(rc, err, "AccessKey %lld of user %lld", (long long)id,
	    (long long)user);
}
