/*
 * wh_dingtalk.c: webhook type 2, the DingTalk (钉钉) group bot.
 *
 * Body: {"msgtype":"markdown","markdown":{"title":"…","text":"### title
 * \n\n…"}} for every template but txt, which goes as {"msgtype":"text",
 * "text":{"content":"title\n\n…"}}.  DingTalk shows markdown.title in
 * the conversation list, so it is the title, or the start of the content
 * when there is none.  Content is capped at 20000 bytes.
 * Reply: {"errcode":0,"errmsg":"ok"}; 130101 (sending too fast) and -1
 * (system busy) are retried, other errcodes (310000 keyword or signature
 * mismatch, 300001 bad token, ...) are final.
 */
#include "channel/webhook_int.h"
#include "render/render.h"

#define DINGTALK_MAX	20000

static const int dingtalk_temp[] = { 130101, -1, 0 };

static int
dingtalk_build(struct strbuf *out, const struct message *m, const char *url)
{
	struct strbuf t = STRBUF_INIT, title = STRBUF_INIT;
	int rc;

	(void)url;
	if (m->tpl == TPL_TXT) {
		rc = webhook_text_body(&t, m, DINGTALK_MAX);
		rc = rc ? rc : webhook_dump(out, json_pack("{s:s,s:{s:s%}}",
		    "msgtype", "text", "text", "content", t.buf, t.len));
	} else {
		rc = chan_title(&title, m, 64);
		rc = rc ? rc : webhook_md_body(&t, m, "### ", DINGTALK_MAX);
		rc = rc ? rc : webhook_dump(out, json_pack("{s:s,s:{s:s,s:s%}}",
		    "msgtype", "markdown", "markdown", "title", title.buf,
		    "text", t.buf, t.len));
	}
	strbuf_release(&title);
	strbuf_release(&t);
	return rc;
}

static void
dingtalk_check(const char *body, size_t len, const char *what, long status,
    struct delivery_result *res)
{
	webhook_check_code(body, len, what, status, "errcode", "errmsg", NULL,
	    NULL, dingtalk_temp, res);
}

const struct webhook_type webhook_dingtalk = {
	.id = 2, .name = "DingTalk bot", .build = dingtalk_build,
	.check = dingtalk_check,
};
