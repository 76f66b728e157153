/*
 * wh_feishu.c: webhook type 3, the Feishu (飞书) group bot.
 *
 * Feishu's bot has no plain Markdown message; Markdown goes in a card:
 * {"msg_type":"interactive","card":{"header":{"title":{"tag":
 * "plain_text","content":"title"}},"elements":[{"tag":"markdown",
 * "content":"…"}]}} (no header when the message has no title).  txt goes
 * as {"msg_type":"text","content":{"text":"title\n\n…"}}.  Requests are
 * capped by the service at 20 KB; content is cut at 16000 bytes.
 * Reply: {"code":0,"msg":"success"}, or the older {"StatusCode":0,
 * "StatusMessage":"success"}; code 11232 (rate limited) is retried, any
 * other code (19024 keyword missing, 19021 bad signature, ...) is final.
 */
#include <string.h>

#include "channel/webhook_int.h"
#include "util/errors.h"
#include "render/render.h"

#define FEISHU_MAX	16000

static const int feishu_temp[] = { 11232, 0 };

static int
feishu_build(struct strbuf *out, const struct message *m, const char *url)
{
	struct strbuf t = STRBUF_INIT;
	json_t *card;
	int rc;

	(void)url;
	if (m->tpl == TPL_TXT) {
		rc = webhook_text_body(&t, m, FEISHU_MAX);
		rc = rc ? rc : webhook_dump(out, json_pack("{s:s,s:{s:s%}}",
		    "msg_type", "text", "content", "text", t.buf, t.len));
		strbuf_release(&t);
		return rc;
	}
	if ((rc = chan_markdown(&t, m->tpl, m->content, m->content_len)) ==
	    0 || rc == FG_ETOOBIG) {
		chan_truncate(&t, FEISHU_MAX);
		card = json_object();
		if (m->title && *m->title)
			json_object_set_new(card, "header", json_pack(
			    "{s:{s:s,s:s}}", "title", "tag", "plain_text",
			    "content", m->title));
		json_object_set_new(card, "elements", json_pack("[{s:s,s:s%}]",
		    "tag", "markdown", "content", t.buf, t.len));
		rc = webhook_dump(out, json_pack("{s:s,s:o}", "msg_type",
		    "interactive", "card", card));
	}
	strbuf_release(&t);
	return rc;
}

static void
feishu_check(const char *body, size_t len, const char *what, long status,
    struct delivery_result *res)
{
	webhook_check_code(body, len, what, status, "code", "msg",
	    "StatusCode", "StatusMessage", feishu_temp, res);
}

const struct webhook_type webhook_feishu = {
	.id = 3, .name = "Feishu bot", .build = feishu_build,
	.check = feishu_check,
};
