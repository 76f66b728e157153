/*
 * console_admin_up.c: the operator page "upstreams" of the console
 * (issue 12): per upstream host since the start, good and bad answers,
 * when each last came and the last bad one (newest failure first); the
 * WeChat official account's access token; the bound ClawBots with
 * their poller's view of them (session paused until, the 24 h window
 * the person opened, pushes used in it).
 */
#include <stdio.h>

#include "render/console_admin.h"
#include "render/render_int.h"

static int
hosts(struct strbuf *out, const struct con_adm_up_view *v)
{
	static const char *const cols[] = { "adm.up.host", "adm.up.ok",
		"adm.up.failed", "adm.up.last_ok", "adm.up.last_fail",
		"adm.up.error" };
	char err[240];
	size_t i;
	int rc;

	if ((rc = console_h2(out, v->lang, "adm.up.hosts")) != 0)
		return rc;
	if (v->n_hosts == 0)
		return console_hint(out, v->lang, "adm.h.nothing");
	if ((rc = console_thead(out, v->lang, cols, NELEM(cols))) != 0)
		return rc;
	for (i = 0; i < v->n_hosts; i++) {
		const struct con_adm_host *h = &v->hosts[i];

		snprintf(err, sizeof(err), "%s",
		    h->failed ? h->last_error : "");
		if ((rc = strbuf_addstr(out, "<tr>")) != 0 ||
		    (rc = console_adm_td(out, h->host)) != 0 ||
		    (rc = console_adm_tdn(out, h->ok)) != 0 ||
		    (rc = console_adm_tdn(out, h->failed)) != 0 ||
		    (rc = console_adm_tdt(out, h->last_ok_ms)) != 0 ||
		    (rc = console_adm_tdt(out, h->last_fail_ms)) != 0 ||
		    (rc = console_adm_td(out, err)) != 0 ||
		    (rc = strbuf_addstr(out, "</tr>\n")) != 0)
			return rc;
	}
	return console_adm_tend(out);
}

static int
bots(struct strbuf *out, const struct con_adm_up_view *v)
{
	static const char *const cols[] = { "adm.up.user", "adm.up.bot",
		"adm.up.state", "adm.up.window", "adm.up.used", "dev.added" };
	size_t i;
	int rc;

	if ((rc = console_h2(out, v->lang, "adm.up.clawbot")) != 0 ||
	    (rc = console_hint(out, v->lang,
		 v->clawbot ? "adm.up.claw.on" : "adm.up.claw.off")) != 0)
		return rc;
	if (v->n_bots == 0)
		return 0;
	if ((rc = console_thead(out, v->lang, cols, NELEM(cols))) != 0)
		return rc;
	for (i = 0; i < v->n_bots; i++) {
		const struct con_adm_bot *b = &v->bots[i];
		int paused = b->paused_until_ms > v->now_ms;

		if ((rc = strbuf_addstr(out, "<tr>")) != 0 ||
		    (rc = console_adm_tdn(out, b->user_id)) != 0 ||
		    (rc = console_adm_td(out, b->bot_id)) != 0 ||
		    (rc = strbuf_addstr(out, "<td>")) != 0 ||
		    (rc = console_text(out, v->lang,
			 paused ? "adm.up.paused" : "adm.up.polling")) != 0 ||
		    (paused &&
			((rc = strbuf_addstr(out, " ")) != 0 ||
			    (rc = render_time(out, b->paused_until_ms)) !=
				0)) ||
		    (rc = strbuf_addstr(out, "</td>")) != 0 ||
		    (rc = console_adm_tdt(out, b->window_end_ms)) != 0 ||
		    (rc = console_adm_tdn(out, b->used)) != 0 ||
		    (rc = console_adm_tdt(out, b->created_ms)) != 0 ||
		    (rc = strbuf_addstr(out, "</tr>\n")) != 0)
			return rc;
	}
	return console_adm_tend(out);
}

/* Followers against the test account's limit, bound persons, refusals. */
static int
followers(struct strbuf *out, const struct con_adm_up_view *v)
{
	int rc;

	if ((rc = strbuf_addstr(out, "</code></p><p id=\"wechat-followers\">")) !=
		0 ||
	    (rc = console_text(out, v->lang, "adm.up.followers")) != 0 ||
	    (rc = strbuf_addf(out, " %lld", (long long)v->followers)) != 0 ||
	    (rc = (v->follower_limit > 0 ?
		    strbuf_addf(out, " / %d", v->follower_limit) :
		    strbuf_addstr(out, ""))) != 0 ||
	    (rc = strbuf_addstr(out, "; ")) != 0 ||
	    (rc = console_text(out, v->lang, "adm.up.bound")) != 0 ||
	    (rc = strbuf_addf(out, " %lld; ", (long long)v->bound)) != 0 ||
	    (rc = console_text(out, v->lang, "adm.up.refused")) != 0)
		return rc;
	return strbuf_addf(out, " %lld</p>", (long long)v->refused);
}

int
console_adm_up_page(struct strbuf *out, const struct con_adm_up_view *v)
{
	int rc;

	if ((rc = console_hint(out, v->lang, "adm.up.hint")) != 0 ||
	    (rc = hosts(out, v)) != 0 ||
	    (rc = console_h2(out, v->lang, "adm.up.wechat")) != 0)
		return rc;
	if (!v->wechat)
		rc = console_hint(out, v->lang, "adm.up.wx.off");
	else if ((rc = strbuf_addstr(out, "<p id=\"wechat-token\">")) == 0 &&
	    (rc = console_text(out, v->lang, "adm.up.token")) == 0 &&
	    (rc = strbuf_addstr(out, " <code>")) == 0 &&
	    (rc = render_esc_str(out, v->token)) == 0)
		rc = followers(out, v);
	return rc ? rc : bots(out, v);
}
