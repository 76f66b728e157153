/*
 * token.c: message tokens (token.h).  /send accepts a message token
 * like the user token until its expiry (api/tokens.c); it never
 * authenticates getAccessKey.  The token is random (util/ids.c) and
 * made here, at the write, so every adapter issues the same kind.
 */
#include "ops/token.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/strbuf.h"

static int
fail(struct strbuf *err, int rc, const char *what, long long id)
{
	if (rc != 0 && err)
		strbuf_setf(err, "%s message token %lld: %s", what, id,
		    fg_strerror(rc));
	return rc;
}

int
ops_token_add(struct store *s, struct store_msg_token *t,
    struct strbuf *err)
{
	ids_token(t->token);
	t->created_ms = clock_ms();
	return fail(err, dir_token_add(s, t), "add", 0);
}

int
ops_token_edit(struct store *s, int64_t id, const char *name,
    int64_t expire_ms, struct strbuf *err)
{
	return fail(err, dir_token_edit(s, id, name, expire_ms), "edit",
	    (long long)id);
}

int
ops_token_delete(struct store *s, int64_t id, struct strbuf *err)
{
	return fail(err, dir_token_delete(s, id), "delete", (long long)id);
}
