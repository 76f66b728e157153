/*
 * wh_gotify.c: webhook type 10, a Gotify server.  The webhook URL is
 * https://<server>/message?token=<application token>, the form Gotify
 * documents for its message API (gotify/server api/message.go): the
 * token in the query authenticates the application.
 *
 * Body: {"title":"…","message":"…","extras":{"client::display":
 * {"contentType":"text/markdown"}}} for every template but txt, so the
 * Gotify apps render the Markdown shaping; txt goes as {"title":"…",
 * "message":"…"} (plain text, the apps' default).  No title key when the
 * message has none (Gotify then shows the application's name); no
 * priority (the application's default applies).  Content is capped at
 * 32000 bytes.
 * Reply: 200 with the stored message {"id":N,"appid":N,…}; errors are
 * 4xx with {"error","errorCode","errorDescription"} (401 bad token), so
 * any 2xx is success.
 */
#include "channel/webhook_int.h"
#include "util/errors.h"
#include "render/render.h"

#define GOTIFY_MAX	32000

static int
gotify_build(struct strbuf *out, const struct message *m, const char *url)
{
	int rc;
	json_t *j = webhook_title_text(m, "title", "message", m->tpl ==
	    TPL_TXT ? WH_RAW : WH_MARKDOWN, GOTIFY_MAX, &rc);

	(void)url;
	if (j == NULL)
		return rc;
	if (m->tpl != TPL_TXT)
		json_object_set_new(j, "extras", json_pack("{s:{s:s}}",
		    "client::display", "contentType", "text/markdown"));
	return webhook_dump(out, j);
}

const struct webhook_type webhook_gotify = {
	.id = 10, .name = "Gotify", .build = gotify_build, .check = NULL,
};
