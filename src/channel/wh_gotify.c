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
	struct strbuf t = STRBUF_INIT;
	json_t *j;
	int rc;

	(void)url;
	rc = m->tpl == TPL_TXT ? strbuf_add(&t, m->content, m->content_len) :
	    chan_markdown(&t, m->tpl, m->content, m->content_len);
	chan_truncate(&t, GOTIFY_MAX);
	if (rc == 0 || rc == FG_ETOOBIG) {
		j = json_object();
		if (m->title && *m->title)
			json_object_set_new(j, "title", json_string(m->title));
		json_object_set_new(j, "message", json_stringn(t.buf, t.len));
		if (m->tpl != TPL_TXT)
			json_object_set_new(j, "extras", json_pack(
			    "{s:{s:s}}", "client::display", "contentType",
			    "text/markdown"));
		rc = webhook_dump(out, j);
	}
	strbuf_release(&t);
	return rc;
}

const struct webhook_type webhook_gotify = {
	.id = 10, .name = "Gotify", .build = gotify_build, .check = NULL,
};
