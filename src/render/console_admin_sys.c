/*
 * console_admin_sys.c: the operator pages "channel health" and
 * "system" of the console (issue 12).
 *
 * Channel health has two sources, both cheap: the counters the server
 * keeps since its start anyway for /metrics (deliveries per channel and
 * outcome, pushes to devices per type and outcome, callbacks per
 * outcome), read in memory, and the newest error of each channel's
 * failing and retrying deliveries from the store (an index lookup, not
 * a scan).  Nothing is measured on the send path for this page.
 *
 * System: the version, the storage the data dir takes (database, WAL,
 * shm, images) and every configuration option in effect, a secret one
 * (passwords, API keys) shown only as set or not set (conf_each()).
 */
#include <stdio.h>
#include <string.h>

#include "render/console_admin.h"
#include "render/render_int.h"

static int
counts(struct strbuf *out, int lang, const char *title, const char *ka,
    const char *kb, const struct con_adm_count *c, size_t n)
{
	const char *head[] = { ka, kb, "adm.count" };
	size_t i;
	int rc;

	if ((rc = console_h2(out, lang, title)) != 0)
		return rc;
	if (n == 0)
		return console_hint(out, lang, "adm.h.nothing");
	if ((rc = console_thead(out, lang, kb ? head : (const char *[]){
		 ka, "adm.count" }, kb ? 3 : 2)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = strbuf_addstr(out, "<tr>")) != 0 ||
		    (rc = console_adm_td(out, c[i].a)) != 0 ||
		    (kb && (rc = console_adm_td(out, c[i].b)) != 0) ||
		    (rc = console_adm_tdn(out, c[i].n)) != 0 ||
		    (rc = strbuf_addstr(out, "</tr>\n")) != 0)
			return rc;
	return console_adm_tend(out);
}

int
console_adm_health_page(struct strbuf *out,
    const struct con_adm_health_view *v)
{
	int rc;

	if ((rc = console_hint(out, v->lang, "adm.h.hint")) != 0 ||
	    (rc = console_h2(out, v->lang, "adm.h.errors")) != 0 ||
	    (rc = console_adm_states(out, v->lang, v->states,
		 v->n_states)) != 0 ||
	    (rc = counts(out, v->lang, "adm.h.deliveries", "adm.channel",
		 "adm.outcome", v->deliveries, v->n_deliveries)) != 0 ||
	    (rc = counts(out, v->lang, "adm.h.pushes", "adm.h.type",
		 "adm.outcome", v->pushes, v->n_pushes)) != 0)
		return rc;
	return counts(out, v->lang, "adm.h.callbacks", "adm.outcome", NULL,
	    v->callbacks, v->n_callbacks);
}

static int
size_row(struct strbuf *out, int lang, const char *key, int64_t bytes)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<tr>")) != 0 ||
	    (rc = console_adm_td(out, console_t(lang, key))) != 0 ||
	    (rc = console_adm_tdn(out, bytes)) != 0)
		return rc;
	if (bytes >= 10 * 1024 * 1024)
		rc = strbuf_addf(out, "<td>%lld MiB</td>",
		    (long long)(bytes >> 20));
	else
		rc = strbuf_addf(out, "<td>%lld KiB</td>",
		    (long long)((bytes + 1023) >> 10));
	return rc != 0 ? rc : strbuf_addstr(out, "</tr>\n");
}

static int
storage_part(struct strbuf *out, const struct con_adm_system_view *v)
{
	static const char *const head[] = { "adm.s.what", "adm.s.bytes",
		"adm.s.size" };
	char files[32];
	int rc;

	snprintf(files, sizeof(files), " (%lld)", (long long)v->n_images);
	if ((rc = console_h2(out, v->lang, "adm.s.storage")) != 0 ||
	    (rc = strbuf_addstr(out, "<p><code>")) != 0 ||
	    (rc = render_esc_str(out, v->data_dir)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></p>")) != 0 ||
	    (rc = console_thead(out, v->lang, head, NELEM(head))) != 0 ||
	    (rc = size_row(out, v->lang, "adm.s.db", v->db)) != 0 ||
	    (rc = size_row(out, v->lang, "adm.s.wal", v->wal)) != 0 ||
	    (rc = size_row(out, v->lang, "adm.s.shm", v->shm)) != 0 ||
	    (rc = size_row(out, v->lang, "adm.s.images", v->images)) != 0 ||
	    (rc = size_row(out, v->lang, "adm.s.total", v->total)) != 0 ||
	    (rc = console_adm_tend(out)) != 0 ||
	    (rc = strbuf_addstr(out, "<p class=\"con-hint\">")) != 0 ||
	    (rc = console_text(out, v->lang, "adm.s.image_files")) != 0 ||
	    (rc = render_esc_str(out, files)) != 0)
		return rc;
	return strbuf_addstr(out, "</p>\n");
}

/* <dt><code>name</code> = value</dt><dd>help</dd>: reads on a phone. */
static int
opt_row(struct strbuf *out, int lang, const struct con_adm_opt *o)
{
	const char *v = o->value;
	int rc;

	if (o->secret)
		v = console_t(lang, *o->value ? "adm.s.secret_set" :
		    "adm.s.secret_unset");
	if ((rc = strbuf_addstr(out, "<dt><code>")) != 0 ||
	    (rc = render_esc_str(out, o->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</code> = <code>")) != 0 ||
	    (rc = render_esc_str(out, v)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></dt><dd class=\"con-hint\">")) !=
		0 ||
	    (rc = render_esc_str(out, o->help)) != 0)
		return rc;
	return strbuf_addstr(out, "</dd>\n");
}

int
console_adm_system_page(struct strbuf *out,
    const struct con_adm_system_view *v)
{
	size_t i;
	int rc;

	if ((rc = console_h2(out, v->lang, "adm.s.version")) != 0 ||
	    (rc = strbuf_addstr(out, "<p>feige <code>")) != 0 ||
	    (rc = render_esc_str(out, v->version)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></p>\n")) != 0 ||
	    (rc = storage_part(out, v)) != 0 ||
	    (rc = console_h2(out, v->lang, "adm.s.config")) != 0 ||
	    (rc = console_hint(out, v->lang, "adm.s.config.hint")) != 0 ||
	    (rc = strbuf_addstr(out, "<dl>\n")) != 0)
		return rc;
	for (i = 0; i < v->n_opts; i++)
		if ((rc = opt_row(out, v->lang, &v->opts[i])) != 0)
			return rc;
	return strbuf_addstr(out, "</dl>\n");
}
