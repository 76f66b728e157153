/*
 * pp_defaults.c: the default channel config of the token a pushplus
 * send came with (open API 1.10, setting/...UserDefault), filled into
 * the request's parameters field by field (pp_send.h).
 *
 * pushplus-today.md §1.11: a request without `channel` uses the token's
 * config (a message token's own, else the user token's; both come
 * with the sender from the token cache, api/tokens.c), and explicit
 * request values win.  The channel itself is picked where the item is
 * built (pp_item_build(), /batchSend's split()), which already take
 * the config's channel and option when the request names no channel.
 * Here, once per request, the two that are not tied to that moment:
 *
 *   pre     the config's script code when the request names none (it
 *           rewrites the content every item shares);
 *   option  the config's option when the request names neither option
 *           nor webhook but does name the config's own channel (a
 *           webhook code means nothing to another channel, so an
 *           explicit different channel never inherits it).
 *
 * pp_req_option() is the request's own option: `option`, or the legacy
 * `webhook` when there is none (option wins when both are given).
 */
#include <stdio.h>
#include <string.h>

#include "api/pushplus/pp_send.h"
#include "util/errors.h"

const char *
pp_req_option(const struct pp_req *q)
{
	const char *o;

	if ((o = params_get(&q->p, "option", NULL)) != NULL)
		return o;
	return params_get(&q->p, "webhook", NULL);
}

int
pp_req_defaults(struct pp_req *q)
{
	const struct tokens_prefs *d = &q->prefs;
	const char *ch = params_get(&q->p, "channel", NULL);
	int rc = 0;

	if (*d->pre && params_get(&q->p, "pre", NULL) == NULL)
		rc = params_set(&q->p, "pre", 3, d->pre, strlen(d->pre));
	if (rc == 0 && *d->webhook && ch && strcmp(ch, d->channel) == 0 &&
	    pp_req_option(q) == NULL)
		rc = params_set(&q->p, "option", 6, d->webhook,
		    strlen(d->webhook));
	if (rc == 0)
		return 0;
	snprintf(q->msg, sizeof(q->msg), "参数过多 (too many parameters)");
	return 999;
}
