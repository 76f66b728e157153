/*
 * console_chantest.c: the result of a channel config's test send, at
 * the top of the channel configs page (issue 12): the config's code,
 * delivered or not, the upstream's HTTP status and the body it
 * answered (cut to CHANNEL_TEST_REPLY_MAX by the driver, escaped here
 * like every other value), and the driver's reason when it failed.
 *
 * The section is a live region, so a screen reader reads the answer
 * when the page comes back with it.
 */
#include <stdio.h>

#include "render/console_sender.h"
#include "render/render_int.h"

/* <dt>key</dt><dd><pre>text</pre></dd>, escaped. */
static int
pre_row(struct strbuf *out, int lang, const char *key, const char *id,
    const char *text)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<dt>")) != 0 ||
	    (rc = console_text(out, lang, key)) != 0 ||
	    (rc = strbuf_addf(out,
		 "</dt><dd><pre class=\"con-pre\" "
		 "id=\"%s\">",
		 id)) != 0 ||
	    (rc = render_esc_str(out, text)) != 0)
		return rc;
	return strbuf_addstr(out, "</pre></dd>");
}

int
console_chantest_result(struct strbuf *out,
    const struct console_channels_view *v)
{
	char status[16];
	int rc;

	if (v->t_code == NULL)
		return 0;
	snprintf(status, sizeof(status), "%d", v->t_status);
	if ((rc = strbuf_addstr(out,
		 "<section id=\"test-result\" "
		 "role=\"status\" aria-live=\"polite\"><h2>")) != 0 ||
	    (rc = console_text(out, v->lang, "chan.test.h")) != 0 ||
	    (rc = strbuf_addstr(out, " <code>")) != 0 ||
	    (rc = render_esc_str(out, v->t_code)) != 0 ||
	    (rc = strbuf_addstr(out,
		 v->t_ok ? "</code></h2><p>" :
			   "</code></h2><p class=\"con-err\">")) != 0 ||
	    (rc = console_text(out, v->lang,
		 v->t_ok ? "chan.test.ok" : "chan.test.failed")) != 0 ||
	    (rc = strbuf_addstr(out, "</p><dl><dt>")) != 0 ||
	    (rc = console_text(out, v->lang, "chan.test.status")) != 0 ||
	    (rc = strbuf_addstr(out, "</dt><dd id=\"test-status\">")) != 0 ||
	    (rc = v->t_status ?
		    strbuf_addstr(out, status) :
		    console_text(out, v->lang, "chan.test.nostatus")) != 0 ||
	    (rc = strbuf_addstr(out, "</dd>")) != 0 ||
	    (rc = pre_row(out, v->lang, "chan.test.reply", "test-reply",
		 v->t_reply ? v->t_reply : "")) != 0)
		return rc;
	if (!v->t_ok && v->t_detail && *v->t_detail &&
	    (rc = pre_row(out, v->lang, "chan.test.detail", "test-detail",
		 v->t_detail)) != 0)
		return rc;
	return strbuf_addstr(out, "</dl></section>");
}
