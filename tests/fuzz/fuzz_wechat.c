/*
 * fuzz_wechat.c: libFuzzer target for the XML the official account's
 * server URL takes (api/wechat/wc_xml.c) before anything else looks at
 * it (the signature is checked first in the handler, but the parser
 * must hold against any body).  Besides the sanitizers it checks the
 * parser's promises: every field is NUL-terminated within its buffer,
 * a refused body leaves the event empty, and the passive reply built
 * from a parsed event parses back to the same sender, receiver and
 * content (CDATA splitting of "]]>" included).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/wechat/wc_int.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TERMINATED(f) (memchr((f), '\0', sizeof(f)) != NULL)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ops_wechat_event ev, back;
	struct strbuf sb = STRBUF_INIT;

	if (wc_xml_parse((const char *)data, size, &ev) != 0) {
		if (ev.from[0] || ev.content[0] || ev.create_time)
			abort();
		return 0;
	}
	if (!TERMINATED(ev.to) || !TERMINATED(ev.from) ||
	    !TERMINATED(ev.msg_type) || !TERMINATED(ev.event) ||
	    !TERMINATED(ev.event_key) || !TERMINATED(ev.msg_id) ||
	    !TERMINATED(ev.status) || !TERMINATED(ev.content))
		abort();
	/* XML reads a CR as LF: such text does not come back byte for byte */
	if (strchr(ev.to, '\r') || strchr(ev.from, '\r') ||
	    strchr(ev.content, '\r'))
		return 0;
	wc_xml_reply(&sb, ev.to, ev.from, 1700000000, ev.content);
	/* the reply reads back as what was put in (to/from swapped) */
	if (wc_xml_parse(sb.buf, sb.len, &back) == 0 &&
	    (strcmp(back.from, ev.from) != 0 || strcmp(back.to, ev.to) != 0 ||
		strcmp(back.content, ev.content) != 0))
		abort();
	strbuf_release(&sb);
	return 0;
}
