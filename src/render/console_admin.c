/*
 * console_admin.c: the operator pages "users" and "queue and
 * deliveries" of the console (issue 12), and the table helpers every
 * operator page uses (console_admin.h).
 *
 * Users: every user with its state, a disable/enable and a reset-token
 * button each (the reset asks first: the old token stops at once), the
 * token in a closed <details> (an operator hands it over; the CLI shows
 * it too), and a form to add one that keeps the typed name when it is
 * refused.  Each user's own limits (ops/user_limits.h) sit in a closed
 * <details> whose summary shows them, with a form of two number fields
 * (empty: the server setting); a refused form comes back open, its
 * typed values kept and each bad field marked.
 *
 * Queue: what the server holds in memory (waiting deliveries, the
 * oldest due one's wait, workers running and busy), then per channel
 * the failed and retrying deliveries with their newest error, each
 * channel with failures having a "retry all" button, then a page of
 * failed deliveries (newest first, filtered by channel, paged by id)
 * with a "retry" button each.  A retry is a POST with the CSRF field,
 * like every other form of the console.
 *
 * Tables are the frame's (console_thead(): a scrolling wrapper).
 */
#include <stdio.h>
#include <string.h>

#include "core/limits.h"
#include "render/console_admin.h"
#include "render/render_int.h"

int
console_adm_tend(struct strbuf *out)
{
	return strbuf_addstr(out, "</tbody></table></div>\n");
}

int
console_adm_td(struct strbuf *out, const char *text)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<td>")) != 0 ||
	    (rc = render_esc_str(out, text ? text : "")) != 0)
		return rc;
	return strbuf_addstr(out, "</td>");
}

int
console_adm_tdn(struct strbuf *out, int64_t n)
{
	return strbuf_addf(out, "<td>%lld</td>", (long long)n);
}

static int
td_key(struct strbuf *out, int lang, const char *key)
{
	return console_adm_td(out, console_t(lang, key));
}

int
console_adm_tdt(struct strbuf *out, int64_t ms)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<td>")) != 0 ||
	    (ms > 0 && (rc = render_time(out, ms)) != 0))
		return rc;
	return strbuf_addstr(out, "</td>");
}

/* ---- users ---------------------------------------------------------- */

/* A limit override as the form shows it: "" for the server setting. */
static const char *
limit_value(int v, char *buf, size_t len)
{
	if (v < 0)
		return "";
	snprintf(buf, len, "%d", v);
	return buf;
}

/* The summary's word for a limit: the number or "default". */
static int
limit_word(struct strbuf *out, int lang, int v)
{
	return v < 0 ? console_text(out, lang, "adm.lim.default") :
		       strbuf_addf(out, "%d", v);
}

static int
limits_cell(struct strbuf *out, const struct con_adm_users_view *v,
    const struct con_adm_user *u, const char *id)
{
	int bad = v->lim_id == u->id;
	char d[16], r[16], fid[32];
	const struct console_field fields[] = {
		{ .type = CF_HIDDEN, .name = "id", .value = id },
		{ .type = CF_NUMBER,
		    .name = "daily",
		    .label = "adm.lim.daily",
		    .value = bad ? v->lim_daily :
				   limit_value(u->daily_limit, d, sizeof(d)),
		    .error = bad ? v->err_daily : NULL,
		    .hint = "adm.lim.hint" },
		{ .type = CF_NUMBER,
		    .name = "rate",
		    .label = "adm.lim.rate",
		    .value = bad ? v->lim_rate :
				   limit_value(u->rate_limit, r, sizeof(r)),
		    .error = bad ? v->err_rate : NULL,
		    .hint = "adm.lim.hint" },
	};
	const struct console_form f = {
		.action = "/console/admin/users/limits",
		.csrf = v->csrf,
		.submit = "adm.lim.save",
		.id = fid
	};
	int rc;

	snprintf(fid, sizeof(fid), "lim%s", id);
	if ((rc = strbuf_addstr(out,
		 bad ? "<td><details open><summary>" :
		       "<td><details><summary>")) != 0 ||
	    (rc = limit_word(out, v->lang, u->daily_limit)) != 0 ||
	    (rc = strbuf_addstr(out, " / ")) != 0 ||
	    (rc = limit_word(out, v->lang, u->rate_limit)) != 0 ||
	    (rc = strbuf_addstr(out, "</summary>")) != 0 ||
	    (rc = console_form(out, v->lang, &f, fields, NELEM(fields))) != 0)
		return rc;
	return strbuf_addstr(out, "</details></td>");
}

static int
user_row(struct strbuf *out, const struct con_adm_users_view *v,
    const struct con_adm_user *u)
{
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)u->id);
	if ((rc = strbuf_addstr(out, "<tr>")) != 0 ||
	    (rc = console_adm_td(out, u->uid)) != 0 ||
	    (rc = console_adm_td(out, u->name)) != 0 ||
	    (rc = td_key(out, v->lang,
		 u->disabled  ? "adm.user.disabled" :
		     u->admin ? "adm.user.admin" :
				"adm.user.active")) != 0 ||
	    (rc = console_adm_tdt(out, u->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "<td><details><summary>")) != 0 ||
	    (rc = console_text(out, v->lang, "adm.user.show")) != 0 ||
	    (rc = strbuf_addstr(out, "</summary><code>")) != 0 ||
	    (rc = render_esc_str(out, u->token)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></details></td>")) != 0 ||
	    (rc = limits_cell(out, v, u, id)) != 0 ||
	    (rc = strbuf_addstr(out, "<td>")) != 0 ||
	    (rc = console_button(out, v->lang,
		 u->disabled ? "/console/admin/users/enable" :
			       "/console/admin/users/disable",
		 v->csrf, u->disabled ? "adm.user.enable" : "adm.user.disable",
		 "id", id, u->disabled ? NULL : "adm.user.disable.q")) != 0 ||
	    (rc = strbuf_addstr(out, " ")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/admin/users/reset",
		 v->csrf, "adm.user.reset", "id", id, "adm.user.reset.q")) !=
		0)
		return rc;
	return strbuf_addstr(out, "</td></tr>\n");
}

int
console_adm_users_page(struct strbuf *out, const struct con_adm_users_view *v)
{
	static const char *const head[] = { "adm.user.uid", "adm.user.name",
		"adm.user.state", "adm.user.created", "adm.user.token",
		"adm.user.limits", "adm.actions" };
	const struct console_field add[] = {
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "adm.user.name",
		    .value = v->add_name,
		    .error = v->err_name,
		    .required = 1,
		    .maxlen = LIM_NAME_BYTES },
	};
	const struct console_form f = { .action = "/console/admin/users/add",
		.csrf = v->csrf,
		.submit = "adm.user.add",
		.id = "add" };
	size_t i;
	int rc;

	if ((rc = console_hint(out, v->lang, "adm.users.hint")) != 0 ||
	    (rc = console_thead(out, v->lang, head, NELEM(head))) != 0)
		return rc;
	for (i = 0; i < v->n; i++)
		if ((rc = user_row(out, v, &v->rows[i])) != 0)
			return rc;
	if ((rc = console_adm_tend(out)) != 0 ||
	    (v->more && (rc = console_hint(out, v->lang, "adm.more")) != 0) ||
	    (rc = console_h2(out, v->lang, "adm.user.add")) != 0)
		return rc;
	return console_form(out, v->lang, &f, add, NELEM(add));
}

/* ---- queue and deliveries ------------------------------------------- */

static int
queue_part(struct strbuf *out, const struct con_adm_queue_view *v)
{
	static const char *const head[] = { "adm.q.depth", "adm.q.oldest",
		"adm.q.workers", "adm.q.busy", "adm.q.stuck" };
	int rc;

	if ((rc = console_h2(out, v->lang, "adm.q.memory")) != 0 ||
	    (rc = console_thead(out, v->lang, head, NELEM(head))) != 0 ||
	    (rc = strbuf_addstr(out, "<tr>")) != 0 ||
	    (rc = console_adm_tdn(out, v->depth)) != 0 ||
	    (rc = strbuf_addf(out, "<td>%lld s</td>",
		 (long long)(v->oldest_ms / 1000))) != 0 ||
	    (rc = strbuf_addf(out, "<td>%d / %d</td>", v->alive,
		 v->workers)) != 0 ||
	    (rc = console_adm_tdn(out, v->busy)) != 0 ||
	    (rc = console_adm_tdn(out, v->stuck)) != 0 ||
	    (rc = strbuf_addstr(out, "</tr>")) != 0 ||
	    (rc = console_adm_tend(out)) != 0)
		return rc;
	return console_hint(out, v->lang, "adm.q.hint");
}

/* The per-channel rows; with csrf, a "retry all" button by each failed. */
static int
states_part(struct strbuf *out, int lang, const char *csrf,
    const struct con_adm_state *st, size_t n)
{
	static const char *const head[] = { "adm.channel", "adm.state",
		"adm.count", "adm.last_at", "adm.last_error", "adm.actions" };
	size_t i;
	int rc;

	if (n == 0)
		return console_hint(out, lang, "adm.q.clean");
	if ((rc = console_thead(out, lang, head,
		 NELEM(head) - (csrf ? 0 : 1))) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = strbuf_addstr(out, "<tr>")) != 0 ||
		    (rc = console_adm_td(out, st[i].channel)) != 0 ||
		    (rc = td_key(out, lang,
			 st[i].failed ? "adm.failed" : "adm.retrying")) != 0 ||
		    (rc = console_adm_tdn(out, st[i].n)) != 0 ||
		    (rc = console_adm_tdt(out, st[i].last_ms)) != 0 ||
		    (rc = console_adm_td(out, st[i].last_error)) != 0)
			return rc;
		if (csrf && ((rc = strbuf_addstr(out, "<td>")) != 0 ||
		    (st[i].failed && (rc = console_button(out, lang,
			"/console/admin/queue/retry", csrf,
			"adm.retry.all", "channel", st[i].channel,
			"adm.retry.all.q")) != 0) ||
		    (rc = strbuf_addstr(out, "</td>")) != 0))
			return rc;
		if ((rc = strbuf_addstr(out, "</tr>\n")) != 0)
			return rc;
	}
	return console_adm_tend(out);
}

static int
failed_row(struct strbuf *out, const struct con_adm_queue_view *v,
    const struct con_adm_failed *f)
{
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)f->id);
	if ((rc = strbuf_addstr(out, "<tr>")) != 0 ||
	    (rc = console_adm_tdn(out, f->id)) != 0 ||
	    (rc = strbuf_addstr(out, "<td><a href=\"/message/")) != 0 ||
	    (rc = render_esc_str(out, f->short_code)) != 0 ||
	    (rc = strbuf_addstr(out, "\">")) != 0 ||
	    (rc = render_esc_str(out, *f->title ? f->title : f->short_code)) !=
		0 ||
	    (rc = strbuf_addstr(out, "</a></td>")) != 0 ||
	    (rc = console_adm_td(out, f->channel)) != 0 ||
	    (rc = console_adm_td(out, f->uid)) != 0 ||
	    (rc = console_adm_tdn(out, f->attempts)) != 0 ||
	    (rc = console_adm_tdt(out, f->failed_ms)) != 0 ||
	    (rc = console_adm_td(out, f->error)) != 0 ||
	    (rc = strbuf_addstr(out, "<td>")) != 0 ||
	    (rc = console_button(out, v->lang, "/console/admin/queue/retry",
		 v->csrf, "adm.retry", "id", id, NULL)) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>\n");
}

static int
filter_form(struct strbuf *out, const struct con_adm_queue_view *v)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<form method=\"get\" action=\""
				     "/console/admin/queue\" class=\"con-form\">"
				     "<div class=\"con-field\"><label for=\""
				     "adm-ch\">")) != 0 ||
	    (rc = console_text(out, v->lang, "adm.channel")) != 0 ||
	    (rc = strbuf_addstr(out, "</label><input id=\"adm-ch\" "
				     "name=\"channel\" maxlength=\"31\" "
				     "value=\"")) != 0 ||
	    (rc = render_esc_str(out, v->channel)) != 0 ||
	    (rc = strbuf_addstr(out, "\"></div><div><button type=\"submit\">"))
		!= 0 ||
	    (rc = console_text(out, v->lang, "adm.filter")) != 0)
		return rc;
	return strbuf_addstr(out, "</button></div></form>\n");
}

int
console_adm_queue_page(struct strbuf *out, const struct con_adm_queue_view *v)
{
	static const char *const head[] = { "adm.id", "adm.message",
		"adm.channel", "adm.user.uid", "adm.attempts", "adm.failed_at",
		"adm.last_error", "adm.actions" };
	size_t i;
	int rc;

	if ((rc = queue_part(out, v)) != 0 ||
	    (rc = console_h2(out, v->lang, "adm.q.channels")) != 0 ||
	    (rc = states_part(out, v->lang, v->csrf, v->states,
		 v->n_states)) != 0 ||
	    (rc = console_h2(out, v->lang, "adm.q.failed")) != 0 ||
	    (rc = filter_form(out, v)) != 0)
		return rc;
	if (v->n_failed == 0)
		return console_hint(out, v->lang, "app.none");
	if ((rc = console_thead(out, v->lang, head, NELEM(head))) != 0)
		return rc;
	for (i = 0; i < v->n_failed; i++)
		if ((rc = failed_row(out, v, &v->failed[i])) != 0)
			return rc;
	if ((rc = console_adm_tend(out)) != 0)
		return rc;
	if (v->next == 0)
		return 0;
	if ((rc = strbuf_addstr(out, "<p><a href=\"/console/admin/queue?"
				     "channel=")) != 0 ||
	    (rc = render_esc_str(out, v->channel)) != 0 ||
	    (rc = strbuf_addf(out, "&amp;before=%lld\">",
		 (long long)v->next)) != 0 ||
	    (rc = console_text(out, v->lang, "adm.next")) != 0)
		return rc;
	return strbuf_addstr(out, "</a></p>\n");
}

int
console_adm_states(struct strbuf *out, int lang,
    const struct con_adm_state *st, size_t n)
{
	return states_part(out, lang, NULL, st, n);
}
