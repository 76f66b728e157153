/*
 * fuzz_channel.c: libFuzzer target for what the network channels do with
 * sender content and upstream replies (src/channel/): every webhook
 * type's payload builder, the cp body and the mail MIME builder over a
 * fuzzed title and content, the custom type's request (the title doubles
 * as its header text and the content as its body template, so the
 * header parser and the placeholder expander see fuzzed input), and the service-code check over a fuzzed
 * reply.  Input: byte 0 picks the template, then title NUL content (no
 * NUL: all content); the whole input is also read as a reply.  Besides
 * the sanitizers it checks what upstreams rely on: a body a builder
 * accepted is valid JSON, mail headers hold no bare CR or LF, and no
 * custom header line holds a CR or LF.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/webhook.h"
#include "channel/webhook_int.h"
#include "render/render.h"
#include "store/store.h"
#include "util/strbuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_json(const struct strbuf *sb)
{
	json_t *j = json_loadb(sb->buf, sb->len, 0, NULL);

	if (j == NULL)
		abort();
	json_decref(j);
}

/* The custom type's request: header lines never carry CR or LF. */
static void
custom(const struct message *m)
{
	static struct store_chan c;
	struct wh_request rq;
	const char *const *h;

	memset(&c, 0, sizeof(c));
	c.type = 12;
	snprintf(c.url, sizeof(c.url), "https://h.test/{title}?c={content}");
	snprintf(c.headers, sizeof(c.headers), "%s", m->title);
	snprintf(c.body, sizeof(c.body), "%s", m->content);
	if (channel_webhook_custom_check(&c, NULL) != 0)
		return;
	if (wh_custom_build(&rq, &c, m, "https://p.test/m/x") == 0)
		for (h = rq.headers; *h; h++)
			if (strpbrk(*h, "\r\n") != NULL)
				abort();
	wh_request_release(&rq);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct webhook_type *types[] = { &webhook_wecom,
	    &webhook_dingtalk, &webhook_feishu, &webhook_serverchan,
	    &webhook_json, &webhook_bark, &webhook_gotify, &webhook_ifttt,
	    &webhook_wxpusher };
	struct message m;
	struct store_chan c;
	struct delivery_result res;
	struct strbuf sb = STRBUF_INIT;
	char *buf, *nul, *hdr_end;
	size_t i;

	if (size < 1)
		return 0;
	buf = malloc(size + 1);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	memset(&m, 0, sizeof(m));
	m.tpl = data[0] % TPL__COUNT;
	nul = memchr(buf, '\0', size - 1);
	m.title = nul && nul < buf + size - 1 ? buf : (char *)"";
	m.content = nul && nul < buf + size - 1 ? nul + 1 : buf;
	m.content_len = strlen(m.content);
	memcpy(m.short_code, "0123456789abcdef0123456789abcdef", 33);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		strbuf_reset(&sb);
		/* the title doubles as the URL WxPusher reads fields from */
		if (types[i]->build(&sb, &m, m.title) == 0)
			check_json(&sb);
	}
	memset(&c, 0, sizeof(c));
	c.agentid = 1;
	strbuf_reset(&sb);
	if (cp_build(&sb, &m, &c, m.title) == 0)
		check_json(&sb);
	strbuf_reset(&sb);
	if (mail_build(&sb, "a@b.test", "c@d.test", &m, 1, 0) == 0) {
		hdr_end = strstr(sb.buf, "\r\n\r\n");
		for (i = 0; hdr_end && sb.buf + i < hdr_end; i++)
			if ((sb.buf[i] == '\n' && (i == 0 ||
			    sb.buf[i - 1] != '\r')) || (sb.buf[i] == '\r' &&
			    sb.buf[i + 1] != '\n'))
				abort();
	}
	custom(&m);
	memset(&res, 0, sizeof(res));
	strbuf_init(&res.detail, 4096);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i]->check)
			types[i]->check((const char *)data, size, "w", 200,
			    &res);
	strbuf_release(&res.detail);
	strbuf_release(&sb);
	free(buf);
	return 0;
}
