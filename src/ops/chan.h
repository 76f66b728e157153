/*
 * chan.h: a user's channel configurations (pushplus "渠道配置": webhook,
 * mail and WeCom app rows, store_chan.h) and e-mail address as business
 * operations, shared by the open API (webhook/add, webhook/edit) and
 * the CLI (`feige webhook|mail|cp add|delete`, `feige user email`,
 * `feige user phone`).
 *
 * Same contract as group.h: inside the caller's transaction, 0 or a
 * negative enum fg_err with the detail in err (may be NULL).  Field
 * values (type, URL scheme, port) are checked by the adapter; codes are
 * unique per owner and kind, which the store enforces.
 */
#ifndef FG_OPS_CHAN_H
#define FG_OPS_CHAN_H

#include <stdint.h>

#include "store/store_chan.h"
#include "util/errors.h"

struct store;
struct store_chan;
struct strbuf;

/*
 * Add c (owner_id, kind and the kind's fields; id and created_ms
 * filled).  FG_EEXIST, err naming the code, for a code the owner has.
 */
FG_MUST int	ops_chan_add(struct store *, struct store_chan *c,
		    struct strbuf *err);

/*
 * Replace the fields of the owner's row c->id (FG_ENOENT when it is not
 * theirs or of another kind; FG_EEXIST on a code clash).  A webhook
 * whose code the owner's defaultWebhook names takes the default along
 * when renamed, so sends relying on it keep working; *moved (may be
 * NULL) is 1 then, and the caller drops its cached settings.
 */
FG_MUST int	ops_chan_update(struct store *, const struct store_chan *c,
		    int *moved, struct strbuf *err);

/*
 * Remove the owner's row of kind named code; out (may be NULL) gets
 * it.  FG_ENOENT ("webhook 'x': no such code") when there is none.
 */
FG_MUST int	ops_chan_delete(struct store *, int64_t owner, int kind,
		    const char *code, struct store_chan *out,
		    struct strbuf *err);

/* Set the address the mail channel sends the user's messages to. */
FG_MUST int	ops_chan_email(struct store *, int64_t user,
		    const char *addr, struct strbuf *err);

/*
 * A phone number as the sms and voice channels store it: E.164 with
 * its "+" ("+4915112345678"), or an 11-digit mainland China mobile
 * number ("13800138000", also "86..."/"0086...") as "+8613800138000".
 * Spaces and dashes are ignored.  0, or -1 when in is neither.
 */
int		ops_phone_normalize(const char *in,
		    char out[STORE_PHONE_MAX + 1]);
/* *have = 1 when the user has a phone number (havePhone), else 0. */
FG_MUST int	ops_have_phone(struct store *, int64_t user, int *have,
		    struct strbuf *err);
/* Set the user's phone number (normalized; "" = none). */
FG_MUST int	ops_chan_phone(struct store *, int64_t user,
		    const char *phone, struct strbuf *err);

#endif
