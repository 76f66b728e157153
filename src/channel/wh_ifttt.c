/*
 * wh_ifttt.c: webhook type 8, IFTTT's Webhooks service.  The webhook URL
 * is the applet's trigger URL, https://maker.ifttt.com/trigger/<event>/
 * with/key/<key> (pushplus's extend/webhook.md shows the key page,
 * https://maker.ifttt.com/use/<key>, where the trigger URL is found).
 *
 * Body: {"value1":"title","value2":"content"}: IFTTT passes value1..3
 * to the applet as its ingredients, and pushplus documents value1 as
 * the title and value2 as the content (extend/ifttt.md).  The content
 * goes as text for every template (html tags removed, json
 * pretty-printed), cut at 16000 bytes.  pushplus's value3 is a link to
 * its message page; feige's delivery workers do not know the server's
 * public address, so value3 is left out.
 * Reply: 200 with the text "Congratulations! You've fired the <event>
 * event"; a bad key is a 4xx, so any 2xx is success.
 */
#include "channel/webhook_int.h"
#include "util/errors.h"

#define IFTTT_MAX	16000

static int
ifttt_build(struct strbuf *out, const struct message *m, const char *url)
{
	struct strbuf t = STRBUF_INIT;
	int rc;

	(void)url;
	rc = chan_text(&t, m->tpl, m->content, m->content_len);
	chan_truncate(&t, IFTTT_MAX);
	if (rc == 0 || rc == FG_ETOOBIG)
		rc = webhook_dump(out, json_pack("{s:s,s:s%}", "value1",
		    m->title ? m->title : "", "value2", t.buf, t.len));
	strbuf_release(&t);
	return rc;
}

const struct webhook_type webhook_ifttt = {
	.id = 8, .name = "IFTTT", .build = ifttt_build, .check = NULL,
};
