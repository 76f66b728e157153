/*
 * user.c: a user's credentials (user.h).
 *
 * pushplus lets a user reset their token in its console; feige offers
 * the same through the CLI (and the console to come).  A token is
 * rotated because it leaked, so the AccessKeys obtained with it go as
 * well: otherwise whoever held the old token and a key would keep the
 * whole open API for the key's remaining two hours.
 */
#include "ops/user.h"
#include "store/store.h"

int
ops_user_set_disabled(struct store *s, int64_t user, int disabled,
    struct strbuf *err)
{
	int rc;

	if ((rc = dir_user_set_disabled(s, user, disabled)) == 0 && disabled)
		rc = dir_key_revoke(s, user);
	return fg_err(rc, err, "%s user %lld", disabled ? "disable" :
	    "enable", (long long)user);
}

int
ops_user_reset_token(struct store *s, int64_t user, struct store_user *out,
    struct strbuf *err)
{
	int rc;

	if ((rc = dir_user_reset_token(s, user, out)) == 0)
		rc = dir_key_revoke(s, user);
	return fg_err(rc, err, "reset the token of user %lld",
	    (long long)user);
}
