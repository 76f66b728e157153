/*
 * cmd_login.c: signing a person in from the operator's shell.
 *
 *   feige user login-link UID [--json]   a one-time sign-in link,
 *                                        <public_url>/login/<code>,
 *                                        valid 15 minutes
 *   feige user password UID              a password for the sign-in
 *                                        form, read from stdin (one
 *                                        line; an empty line removes it)
 *
 * The link is how a person gets a browser session without a password
 * (issue 10 §1): the operator hands it over (mail, chat, a QR code on
 * the screen).  Only its hash is stored (ops/session.h), so the link
 * printed here is the only copy.  Without public_url the link is built
 * from the listen address, as the server's own first-run hint does;
 * behind a proxy, set public_url.
 *
 * The password is read from stdin, never from argv (which other users
 * of the machine can read in /proc), and stored as an argon2id string.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "ops/key.h"
#include "ops/session.h"
#include "util/strbuf.h"

/* The base of printed links: public_url, else http://LISTEN. */
static void
link_base(const struct conf *c, struct strbuf *out)
{
	const char *l = c->listen;

	if (*c->public_url) {
		strbuf_addstr(out, c->public_url);
		while (out->len && out->buf[out->len - 1] == '/')
			strbuf_setlen(out, out->len - 1);
		return;
	}
	if (strncmp(l, "0.0.0.0:", 8) == 0 || strncmp(l, "*:", 2) == 0)
		strbuf_addf(out, "http://127.0.0.1%s", strchr(l, ':'));
	else
		strbuf_addf(out, "http://%s", l);
}

int
cmd_user_login_link(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	struct ops_login_new ln;
	struct strbuf url = STRBUF_INIT;
	int rc;

	memset(&ln, 0, sizeof(ln));
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0) {
		ln.user_id = u.id;
		t.rc = ops_login_new(t.s, &ln, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	link_base(&a->conf, &url);
	strbuf_addf(&url, "/login/%s", ln.code);
	rc = cli_out(a, json_pack("{s:s,s:s,s:I}", "uid", u.uid, "url",
	    url.buf, "expiresIn", (json_int_t)(OPS_LOGIN_TTL_MS / 1000)),
	    "%s\n(one use, valid %d minutes)\n", url.buf,
	    OPS_LOGIN_TTL_MS / 60000);
	sodium_memzero(ln.code, sizeof(ln.code));
	sodium_memzero(url.buf, url.len);
	strbuf_release(&url);
	return rc;
}

int
cmd_user_password(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	char pw[256], hash[crypto_pwhash_STRBYTES] = "";
	size_t n;

	if (fgets(pw, sizeof(pw), stdin) == NULL)
		pw[0] = '\0';
	n = strcspn(pw, "\r\n");
	if (pw[n] == '\0' && n == sizeof(pw) - 1)
		return cli_fail("a password is at most %zu bytes",
		    sizeof(pw) - 2);
	pw[n] = '\0';
	if (n > 0 && n < OPS_PASSWORD_MIN)
		return cli_fail("a password is at least %d bytes (an empty "
		    "line removes it)", OPS_PASSWORD_MIN);
	if (n > 0 && ops_key_secret_hash(pw, hash, sizeof(hash), NULL) != 0)
		return cli_fail("hashing the password failed (out of memory)");
	sodium_memzero(pw, sizeof(pw));
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_password_set(t.s, u.id, hash, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:b}", "uid", u.uid, "password",
	    n > 0), "password of %s %s\n", u.uid, n > 0 ? "set" : "removed");
}
