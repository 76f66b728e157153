/*
 * fuzz_channel.c: libFuzzer target for what the network channels do with
 * sender content and upstream replies (src/channel/): every webhook
 * type's payload builder, the cp body and the mail MIME builder over a
 * fuzzed title and content, the custom type's request (the title doubles
 * as its header text and the content as its body template, so the
 * header parser and the placeholder expander see fuzzed input), and the
 * service-code check over a fuzzed reply.
 *
 * Input: byte 0 picks what runs (one webhook type's builder and its
 * reply check, the cp body, the mail, or the custom request), byte 1
 * the template, then title NUL content (no NUL: all content); the whole
 * input is also read as the picked type's reply.  One builder per input,
 * not all of them: every builder renders the content again (preview,
 * card, markdown), so running the twelve on each input made an
 * execution cost about 300 us under ASan, ten times the other targets,
 * and the long run crawled at 1 500 exec/s on a loaded machine.  A
 * mutation of byte 0 moves an input to another builder, so what is
 * covered stays the same; the corpus was carried over by giving every
 * old input each selector byte and merging (the union covers what the
 * old target did).
 *
 * Besides the sanitizers it checks what upstreams rely on: a body a
 * builder accepted is valid JSON, mail headers hold no bare CR or LF,
 * and no custom header line holds a CR or LF.
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

static const struct webhook_type *const types[] = { &webhook_wecom,
	&webhook_dingtalk, &webhook_feishu, &webhook_serverchan, &webhook_json,
	&webhook_bark, &webhook_gotify, &webhook_ifttt, &webhook_wxpusher };

#define N_TYPES (sizeof(types) / sizeof(types[0]))
enum { RUN_CP = N_TYPES, RUN_MAIL, RUN_CUSTOM, RUN__COUNT };

/* One webhook type: its payload is JSON, its check reads any reply. */
static void
webhook(const struct webhook_type *t, const struct message *m,
    const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	struct delivery_result res;

	/* the title doubles as the URL WxPusher reads fields from */
	if (t->build(&sb, m, m->title) == 0)
		check_json(&sb);
	strbuf_release(&sb);
	if (t->check == NULL)
		return;
	memset(&res, 0, sizeof(res));
	strbuf_init(&res.detail, 4096);
	t->check((const char *)data, size, "w", 200, &res);
	strbuf_release(&res.detail);
}

/* The mail: no bare CR or LF in the headers. */
static void
mail(const struct message *m)
{
	struct strbuf sb = STRBUF_INIT;
	char *hdr_end;
	size_t i;

	if (mail_build(&sb, "a@b.test", "c@d.test", m, 1, 0) == 0) {
		hdr_end = strstr(sb.buf, "\r\n\r\n");
		for (i = 0; hdr_end && sb.buf + i < hdr_end; i++)
			if ((sb.buf[i] == '\n' && (i == 0 ||
			    sb.buf[i - 1] != '\r')) || (sb.buf[i] == '\r' &&
			    sb.buf[i + 1] != '\n'))
				abort();
	}
	strbuf_release(&sb);
}

static void
cp(const struct message *m)
{
	static struct store_chan c;
	struct strbuf sb = STRBUF_INIT;

	memset(&c, 0, sizeof(c));
	c.agentid = 1;
	if (cp_build(&sb, m, &c, m->title) == 0)
		check_json(&sb);
	strbuf_release(&sb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct message m;
	char *buf, *nul;
	size_t n, run;

	if (size < 2)
		return 0;
	run = data[0] % RUN__COUNT;
	n = size - 2;
	buf = malloc(n + 1);
	memcpy(buf, data + 2, n);
	buf[n] = '\0';
	memset(&m, 0, sizeof(m));
	m.tpl = data[1] % TPL__COUNT;
	nul = memchr(buf, '\0', n);
	m.title = nul && nul < buf + n ? buf : (char *)"";
	m.content = nul && nul < buf + n ? nul + 1 : buf;
	m.content_len = strlen(m.content);
	memcpy(m.short_code, "0123456789abcdef0123456789abcdef", 33);
	if (run < N_TYPES)
		webhook(types[run], &m, data, size);
	else if (run == RUN_CP)
		cp(&m);
	else if (run == RUN_MAIL)
		mail(&m);
	else
		custom(&m);
	free(buf);
	return 0;
}
