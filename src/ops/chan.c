/*
 * chan.c: channel configurations (chan.h).
 *
 * A send names a config by its code in `option`, and the user's
 * default channel configs (ops/userdefault.c) name one by code too.
 * Renaming a config's code would leave those defaults pointing at
 * nothing, so the update moves them in the same transaction; a message
 * already accepted keeps the config's id (api/pushplus/pp_chan.c) and
 * is not affected.
 */
#include <stdio.h>
#include <string.h>

#include "ops/chan.h"
#include "store/store.h"
#include "util/strbuf.h"

int
ops_chan_add(struct store *s, struct store_chan *c, struct strbuf *err)
{
	struct strbuf scratch = STRBUF_INIT;
	int rc = dir_chan_add(s, c, err ? err : &scratch);

	strbuf_release(&scratch);
	return rc;
}

/* ops_chan_update() with an err to write to. */
static int
update(struct store *s, const struct store_chan *c, int *moved,
    struct strbuf *err)
{
	struct store_chan old;
	int rc;

	if ((rc = dir_chan_get(s, c->id, &old)) != 0) {
		strbuf_setf(err, "%s config %lld: %s",
		    store_chan_kind_name(c->kind), (long long)c->id,
		    rc == FG_ENOENT ? "not found" : fg_strerror(rc));
		return rc;
	}
	if ((rc = dir_chan_update(s, c, err)) != 0)
		return rc;
	if (old.owner_id != c->owner_id || strcmp(old.code, c->code) == 0)
		return 0;
	rc = dir_udef_rename(s, c->owner_id, store_chan_kind_name(c->kind),
	    old.code, c->code);
	*moved = rc == 0;
	if (rc == 0 || rc == FG_ENOENT)
		return 0;
	strbuf_setf(err, "default configs of user %lld: %s",
	    (long long)c->owner_id, fg_strerror(rc));
	return rc;
}

int
ops_chan_update(struct store *s, const struct store_chan *c, int *moved,
    struct strbuf *err)
{
	struct strbuf scratch = STRBUF_INIT;
	int dummy, rc;

	if (moved == NULL)
		moved = &dummy;
	*moved = 0;
	rc = update(s, c, moved, err ? err : &scratch);
	strbuf_release(&scratch);
	return rc;
}

int
ops_chan_delete(struct store *s, int64_t owner, int kind, const char *code,
    struct store_chan *out, struct strbuf *err)
{
	struct store_chan c;
	int rc;

	if ((rc = dir_chan_by_code(s, owner, kind, code, &c)) == 0)
		rc = dir_chan_delete(s, owner, c.id);
	if (rc != 0) {
		if (err)
			strbuf_setf(err, "%s '%s': %s",
			    store_chan_kind_name(kind), code, rc == FG_ENOENT ?
			    "no such code" : fg_strerror(rc));
		return rc;
	}
	if (out)
		*out = c;
	return 0;
}

int
ops_chan_email(struct store *s, int64_t user, const char *addr,
    struct strbuf *err)
{
	return fg_err(dir_user_email_set(s, user, addr), err,
	    "set e-mail");
}
