/*
 * jsonstr.c: JSON strings of stored text (jsonstr.h).
 *
 * jansson refuses a string that is not valid UTF-8, and /send keeps
 * what senders send: a reply or a callback body built from stored text
 * would lose the field, or the whole body.  Each bad byte becomes
 * U+FFFD instead (utf8_repair), the rule the rest of feige follows.
 */
#include <string.h>

#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"

json_t *
jsonstr_new(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;

	if (s == NULL)
		s = "";
	if ((j = json_string(s)) != NULL)
		return j;
	(void)utf8_repair(&sb, s, strlen(s));
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j ? j : json_string("");
}
