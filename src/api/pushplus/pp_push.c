/*
 * pp_push.c: pushId, the code of the pushplus push form, doc or sheet a
 * message with template form, doc or excel points at (pp_push.h).
 *
 * pushplus says a missing pushId with these templates is an error but
 * not which code (pushplus-today.md §1.5, §6); feige answers 999, its
 * code for a bad parameter, at once rather than accepting a message
 * whose card would point at nothing.  The code is kept with the message
 * (messages.push_id) for the page's note (render/card_push.c).  pushplus
 * codes are short tokens of letters and digits, so anything else is
 * refused too: the code ends up in a link.  For other templates pushId
 * is not used and not kept.
 */
#include <stdio.h>
#include <string.h>

#include "api/pushplus/pp_push.h"
#include "core/limits.h"
#include "render/render.h"
#include "util/params.h"

int
pp_push_id(const struct params *p, int tpl, char *out, size_t size,
    char *msg, size_t msize)
{
	const char *kind = render_push_kind(tpl);
	const char *v = params_get(p, "pushId", NULL);
	size_t n;

	*out = '\0';
	if (kind == NULL)
		return 0;
	if (v == NULL || *v == '\0') {
		snprintf(msg, msize, "pushId不能为空，模板%s需要已发布的%s编码 "
		    "(template %s needs pushId, the code of a published "
		    "pushplus %s)", kind, kind, kind, kind);
		return 999;
	}
	n = strlen(v);
	if (n > LIM_PUSH_ID_BYTES || n >= size || strspn(v, "abcdefghijklmn"
	    "opqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n) {
		snprintf(msg, msize, "pushId格式不正确 (pushId must be at most "
		    "%d letters, digits, '-' or '_')", LIM_PUSH_ID_BYTES);
		return 999;
	}
	memcpy(out, v, n + 1);
	return 0;
}
