/*
 * cmd_openapi.c: `feige user openapi UID [--enable|--disable]
 * [--secret S] [--ip LIST] [--json]`, a user's pushplus open API switch,
 * secretKey and IP allowlist (docs/openapi.md).
 *
 * The secretKey is stored only as an argon2id hash (crypto_pwhash_str,
 * libsodium's interactive limits); getAccessKey verifies it.  The
 * change is the operation ops_key_openapi() (ops/key.h).  The open
 * API can be enabled only with a secretKey and an allowlist in place
 * (design.md: "off until the user turns it on, needs a secretKey and
 * an IP allowlist").  Without options the command prints the state.
 * Disabling takes effect at once: every call checks the switch.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "ops/key.h"
#include "util/iplist.h"
#include "util/strbuf.h"

#define SECRET_MIN OPS_SECRET_MIN
#define SECRET_MAX OPS_SECRET_MAX

/* The options in words, or 1 when they are wrong (and said so). */
static int
openapi_check(struct cli_args *a)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	if (a->enable && a->disable)
		return cli_fail("--enable and --disable exclude each other");
	if (a->secret && (strlen(a->secret) < SECRET_MIN ||
	    strlen(a->secret) > SECRET_MAX))
		return cli_fail("a secretKey is %d to %d bytes (32 random "
		    "letters and digits recommended)", SECRET_MIN, SECRET_MAX);
	if (a->ip && (strlen(a->ip) > OPEN_IPS_MAX ||
	    iplist_check(a->ip, &err) != 0))
		rc = cli_fail("--ip: %s", err.len ? err.buf :
		    "allowlist too long");
	strbuf_release(&err);
	return rc;
}

/* The argon2id hash of secret, when there is one (before the lock). */
static int
secret_hash(const char *secret, char *hash, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	if (secret && ops_key_secret_hash(secret, hash, size, &err) != 0)
		rc = cli_fail("%s", err.buf);
	strbuf_release(&err);
	return rc;
}

int
cmd_user_openapi(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	struct ops_openapi o = { .enable = -1 };
	char hash[sizeof(o.st.secret_hash)];
	const struct store_open_settings *st = &o.st;
	int rc;

	if (openapi_check(a) != 0 || cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 &&
	    secret_hash(a->secret, hash, sizeof(hash)) == 0 &&
	    cli_tx_begin(&t) == 0) {
		o.user_id = u.id;
		o.secret_hash = a->secret ? hash : NULL;
		o.ips = a->ip;
		if (a->enable || a->disable)
			o.enable = a->enable;
		t.rc = ops_key_openapi(t.s, &o, &t.err);
	}
	rc = cli_tx_end(&t, NULL);
	sodium_memzero(hash, sizeof(hash));
	if (rc < 0)
		return cli_fail("%s", rc == FG_EINVAL ? "enabling the open API "
		    "needs a secretKey (--secret) and an IP allowlist (--ip)" :
		    "storing the open API settings failed");
	if (rc != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:b,s:b,s:s}", "uid", u.uid,
	    "enabled", st->enabled, "secret", st->secret_hash[0] != '\0',
	    "ips", st->ips), "open API of %s: %s\n  secretKey: %s\n"
	    "  allowed IPs: %s\n", u.uid, st->enabled ? "enabled" :
	    "disabled", st->secret_hash[0] ? "set" : "not set",
	    st->ips[0] ? st->ips : "(none)");
}
