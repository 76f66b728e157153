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
ops_phone_normalize(const char *in, char out[STORE_PHONE_MAX + 1])
{
	char d[STORE_PHONE_MAX + 8];
	size_t n = 0;
	int plus = 0;
	const char *p = in;

	while (*p == ' ')
		p++;
	if (*p == '+')
		plus = 1, p++;
	for (; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (*p < '0' || *p > '9' || n + 1 >= sizeof(d))
			return -1;
		d[n++] = *p;
	}
	d[n] = '\0';
	if (!plus && strncmp(d, "0086", 4) == 0 && n == 15)
		memmove(d, d + 2, n - 1), n -= 2;
	if (!plus && n == 11 && d[0] == '1') {		/* mainland mobile */
		snprintf(out, STORE_PHONE_MAX + 1, "+86%.11s", d);
		return 0;
	}
	if (!plus && n == 13 && strncmp(d, "861", 3) == 0)
		plus = 1;
	/* E.164: country code first (no leading 0), at most 15 digits */
	if (!plus || n < 8 || n > 15 || d[0] == '0')
		return -1;
	if (strncmp(d, "86", 2) == 0 && (n != 13 || d[2] != '1'))
		return -1;		/* +86: mobiles only (SMS, calls) */
	snprintf(out, STORE_PHONE_MAX + 1, "+%.15s", d);
	return 0;
}

int
ops_have_phone(struct store *s, int64_t user, int *have,
    struct strbuf *err)
{
	char phone[STORE_PHONE_MAX + 1];
	int rc;

	*have = 0;
	if ((rc = dir_user_phone_get(s, user, phone)) == 0)
		*have = *phone != '\0';
	return fg_err(rc, err, "phone number of user %lld", (long long)user);
}

int
ops_chan_phone(struct store *s, int64_t user, const char *phone,
    struct strbuf *err)
{
	return fg_err(dir_user_phone_set(s, user, phone), err,
	    "set phone number");
}

int
ops_chan_email(struct store *s, int64_t user, const char *addr,
    struct strbuf *err)
{
	return fg_err(dir_user_email_set(s, user, addr), err,
	    "set e-mail");
}
