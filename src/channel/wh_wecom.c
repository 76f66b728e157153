/*
 * wh_wecom.c: webhook type 1, the WeCom (企业微信) group bot.
 *
 * Body: {"msgtype":"markdown","markdown":{"content":"### title\n\n…"}}
 * for every template but txt, which goes as {"msgtype":"text","text":
 * {"content":"title\n\n…"}} so that text is not read as Markdown.  The
 * service caps markdown content at 4096 bytes and text at 2048; longer
 * content is cut on a character boundary with "…".
 * Reply: {"errcode":0,"errmsg":"ok"}; errcode 45009 (over the bot's
 * rate limit) is worth a retry, any other errcode is final.
 */
#include "channel/webhook_int.h"
#include "render/render.h"

#define WECOM_MD_MAX	4096
#define WECOM_TEXT_MAX	2048

static const int wecom_temp[] = { 45009, -1, 0 };

static int
wecom_build(struct strbuf *out, const struct message *m, const char *url)
{
	struct strbuf t = STRBUF_INIT;
	int rc;

	(void)url;
	if (m->tpl == TPL_TXT) {
		rc = webhook_text_body(&t, m, WECOM_TEXT_MAX);
		rc = rc ? rc : webhook_dump(out, json_pack("{s:s,s:{s:s%}}",
		    "msgtype", "text", "text", "content", t.buf, t.len));
	} else {
		rc = webhook_md_body(&t, m, "### ", WECOM_MD_MAX);
		rc = rc ? rc : webhook_dump(out, json_pack("{s:s,s:{s:s%}}",
		    "msgtype", "markdown", "markdown", "content", t.buf,
		    t.len));
	}
	strbuf_release(&t);
	return rc;
}

static void
wecom_check(const char *body, size_t len, const char *what, long status,
    struct delivery_result *res)
{
	webhook_check_code(body, len, what, status, "errcode", "errmsg", NULL,
	    NULL, wecom_temp, res);
}

const struct webhook_type webhook_wecom = {
	.id = 1, .name = "WeCom bot", .build = wecom_build,
	.check = wecom_check,
};
