/*
 * wh_serverchan.c: webhook type 4, ServerChan (Server酱).  The webhook
 * URL is the user's send URL, https://sctapi.ftqq.com/<SendKey>.send.
 *
 * Body: {"title":"…","desp":"…"}: ServerChan renders desp as Markdown,
 * so every template but txt goes through the Markdown shaping, and txt
 * as sent.  title is required by the service (at most 32 characters), so
 * it is the title, or the start of the content, cut to 32 characters;
 * desp is capped at 32 KB.
 * Reply: {"code":0,"message":"","data":{…}}; any other code is final.
 */
#include <string.h>

#include "channel/webhook_int.h"
#include "util/errors.h"
#include "render/render.h"

#define SERVERCHAN_TITLE	32
#define SERVERCHAN_MAX		32000

static int
serverchan_build(struct strbuf *out, const struct message *m, const char *url)
{
	struct strbuf title = STRBUF_INIT, desp = STRBUF_INIT;
	int rc;

	(void)url;
	if (m->title && *m->title) {
		rc = render_preview(&title, TPL_TXT, m->title,
		    strlen(m->title), SERVERCHAN_TITLE);
	} else {
		rc = chan_title(&title, m, SERVERCHAN_TITLE);
	}
	if (rc == 0)
		rc = m->tpl == TPL_TXT ? strbuf_add(&desp, m->content,
		    m->content_len) : chan_markdown(&desp, m->tpl, m->content,
		    m->content_len);
	chan_truncate(&desp, SERVERCHAN_MAX);
	rc = (rc && rc != FG_ETOOBIG) ? rc : webhook_dump(out, json_pack("{s:s,s:s%}",
	    "title", title.buf, "desp", desp.buf, desp.len));
	strbuf_release(&title);
	strbuf_release(&desp);
	return rc;
}

static void
serverchan_check(const char *body, size_t len, const char *what,
    long status, struct delivery_result *res)
{
	webhook_check_code(body, len, what, status, "code", "message", NULL,
	    NULL, NULL, res);
}

const struct webhook_type webhook_serverchan = {
	.id = 4, .name = "ServerChan", .build = serverchan_build,
	.check = serverchan_check,
};
