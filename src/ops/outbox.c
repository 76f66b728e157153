/*
 * outbox.c: one way to write a callback row (outbox.h).  The open API's
 * join pages and the CLI's `group join` and `friend add` used to carry
 * a copy each; the operations in group.c and friend.c now call this.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ops/outbox.h"
#include "store/store.h"
#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"

int
ops_outbox_add(struct store *s, const char *url, json_t *body,
    struct strbuf *err)
{
	return ops_outbox_add_for(s, 0, NULL, url, body, err);
}

int
ops_outbox_add_for(struct store *s, int64_t user, const char *event,
    const char *url, json_t *body, struct strbuf *err)
{
	char *text = body ? json_dumps(body, JSON_COMPACT |
	    JSON_PRESERVE_ORDER) : NULL;
	int rc = text == NULL ?
	    FG_ENOMEM :
	    user ?
	    spool_outbox_add_for(s, user, event, url, text, clock_ms()) :
	    spool_outbox_add(s, url, text, clock_ms());

	free(text);
	json_decref(body);
	if (rc != 0 && err)
		strbuf_setf(err, "queue callback to '%s': %s", url,
		    fg_strerror(rc));
	return rc;
}
