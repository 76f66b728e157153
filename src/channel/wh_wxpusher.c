/*
 * wh_wxpusher.c: webhook type 11, WxPusher (wxpusher.zjiecode.com).
 * pushplus documents the webhook URL as https://wxpusher.zjiecode.com/
 * api/send/message/?appToken=AT_… and not the body it sends ("暂无",
 * pushplus-today.md §2.7), so feige speaks WxPusher's own documented
 * send API (wxpusher/wxpusher-docs, "发送消息"): a JSON POST to that URL
 * whose body carries the application token and the recipients.
 *
 * The URL's query holds them, as in WxPusher's GET form of the same
 * call: appToken, and uid / topicId (each may repeat, or list several
 * values separated by commas; uids and topicIds are accepted too).
 * Body: {"appToken":"AT_…","content":"…","summary":"…","contentType":N,
 * "uids":["UID_…"],"topicIds":[123]} with contentType 1 (text) for txt,
 * 2 (HTML) for html and 3 (Markdown) for markdown, each content as sent;
 * json and the card templates go as Markdown (a fenced block).  summary
 * is the title, or the start of the content, at most 100 characters
 * (WxPusher's limit); content is capped at 40000 bytes.  A topicId that
 * is not a number is left out (WxPusher then answers with its error).
 * Reply: {"code":1000,"msg":"处理成功","data":[…],"success":true}; any
 * other code (1001 bad appToken, ...) is final.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/webhook_int.h"
#include "util/errors.h"
#include "render/render.h"

#define WXPUSHER_SUMMARY	100
#define WXPUSHER_MAX		40000
#define WXPUSHER_VALUE		512	/* one query value, decoded */

/* Percent-decode s[0..n) into out (NUL-terminated, capped). */
static void
unescape(char *out, size_t cap, const char *s, size_t n)
{
	size_t i, o = 0;
	char hex[3] = "";

	for (i = 0; i < n && o + 1 < cap; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			hex[0] = s[i + 1];
			hex[1] = s[i + 2];
			out[o++] = (char)strtol(hex, NULL, 16);
			i += 2;
		} else
			out[o++] = s[i] == '+' ? ' ' : s[i];
	}
	out[o] = '\0';
}

/* Each comma-separated value of v into the array a (topics: numbers). */
static void
add_values(json_t *a, const char *v, int numbers)
{
	char buf[WXPUSHER_VALUE], *p, *q, *end;
	long long n;

	snprintf(buf, sizeof(buf), "%s", v);
	for (p = buf; p; p = q) {
		if ((q = strchr(p, ',')) != NULL)
			*q++ = '\0';
		if (*p == '\0')
			continue;
		if (!numbers) {
			json_array_append_new(a, json_string(p));
			continue;
		}
		n = strtoll(p, &end, 10);
		if (*end == '\0')
			json_array_append_new(a, json_integer(n));
	}
}

/* appToken from the URL's query into j, uids and topicIds into theirs. */
static void
query_fields(const char *url, json_t *j, json_t *uids, json_t *topics)
{
	const char *p = strchr(url, '?'), *amp, *eq;
	char key[32], val[WXPUSHER_VALUE];
	size_t n;

	json_object_set_new(j, "appToken", json_string(""));
	for (p = p ? p + 1 : NULL; p && *p && *p != '#'; p = amp) {
		n = strcspn(p, "&#");
		amp = p[n] == '&' ? p + n + 1 : NULL;
		if ((eq = memchr(p, '=', n)) == NULL)
			continue;
		unescape(key, sizeof(key), p, (size_t)(eq - p));
		unescape(val, sizeof(val), eq + 1, (size_t)(p + n - eq - 1));
		if (strcmp(key, "appToken") == 0)
			json_object_set_new(j, "appToken", json_string(val));
		else if (strcmp(key, "uid") == 0 || strcmp(key, "uids") == 0)
			add_values(uids, val, 0);
		else if (strcmp(key, "topicId") == 0 ||
		    strcmp(key, "topicIds") == 0)
			add_values(topics, val, 1);
	}
}

static int
wxpusher_build(struct strbuf *out, const struct message *m,
    const char *url)
{
	struct strbuf sum = STRBUF_INIT, t = STRBUF_INIT;
	json_t *j, *uids, *topics;
	int rc, type;

	if (m->title && *m->title)
		rc = render_preview(&sum, TPL_TXT, m->title, strlen(m->title),
		    WXPUSHER_SUMMARY);
	else
		rc = chan_title(&sum, m, WXPUSHER_SUMMARY);
	type = m->tpl == TPL_TXT ? 1 : render_template_html(m->tpl) ? 2 : 3;
	if (rc == 0)
		rc = type < 3 || m->tpl == TPL_MARKDOWN ? strbuf_add(&t,
		    m->content, m->content_len) : chan_markdown(&t, m->tpl,
		    m->content, m->content_len);
	chan_truncate(&t, WXPUSHER_MAX);
	if (rc == 0 || rc == FG_ETOOBIG) {
		j = json_object();
		uids = json_array();
		topics = json_array();
		query_fields(url, j, uids, topics);
		json_object_set_new(j, "content", json_stringn(t.buf, t.len));
		json_object_set_new(j, "summary", json_string(sum.buf));
		json_object_set_new(j, "contentType", json_integer(type));
		json_object_set_new(j, "uids", uids);
		json_object_set_new(j, "topicIds", topics);
		rc = webhook_dump(out, j);
	}
	strbuf_release(&sum);
	strbuf_release(&t);
	return rc;
}

const struct webhook_type webhook_wxpusher = {
	.id = 11, .name = "WxPusher", .build = wxpusher_build,
	.ok_key = "code", .ok_msg_key = "msg", .ok_code = 1000,
};
