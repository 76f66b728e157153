/*
 * console_groups.c: the console's groups (issue 12): the person's own
 * groups with a create form, and one group: edit, join link with its
 * QR code (the PNG of /join/CODE.png, the image the open API's
 * topic/qrCode names), members (remove, remove and block), delete.
 *
 * A join link is shown only on the page right after it was made (its
 * code comes back in the redirect): it is what the person hands out.
 */
#include <stdio.h>
#include <string.h>

#include "render/console_sender.h"
#include "render/render_int.h"

static int
group_row(struct strbuf *out, const void *arg, size_t i)
{
	const struct console_groups_view *v = arg;
	const struct console_group *g = &v->groups[i];
	int rc;

	if ((rc = strbuf_addf(out,
		 "<tr><td><a href=\"/console/groups/%lld\">"
		 "<code>",
		 (long long)g->id)) != 0 ||
	    (rc = render_esc_str(out, g->code)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></a></td><td>")) != 0 ||
	    (rc = render_esc_str(out, g->name)) != 0)
		return rc;
	return strbuf_addf(out, "</td><td>%lld</td></tr>",
	    (long long)g->members);
}

int
console_groups_page(struct strbuf *out, const struct console_groups_view *v)
{
	static const char *const cols[] = { "grp.code", "grp.name",
		"grp.members" };
	const struct console_field add[] = {
		{ .type = CF_TEXT,
		    .name = "code",
		    .label = "grp.code",
		    .value = v->code,
		    .error = v->err_code,
		    .hint = "grp.code.hint",
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "grp.name",
		    .value = v->name,
		    .error = v->err_name,
		    .required = 1,
		    .maxlen = 64 },
	};
	const struct console_form f = { .action = "/console/groups/add",
		.csrf = v->csrf,
		.submit = "grp.add",
		.id = "add" };
	const struct console_table t = { cols, NELEM(cols), v->n, group_row,
		v };
	int rc;

	if ((rc = console_hint(out, v->lang, "grp.hint")) != 0)
		return rc;
	rc = console_table(out, v->lang, &t);
	if (rc != 0 || (rc = console_h2(out, v->lang, "grp.add")) != 0)
		return rc;
	return console_form(out, v->lang, &f, add, NELEM(add));
}

static int
member_row(struct strbuf *out, const void *arg, size_t i)
{
	const struct console_group_view *v = arg;
	const struct console_member *m = &v->members[i];
	char action[96], id[24];
	int rc;

	snprintf(action, sizeof(action), "/console/groups/%lld/member",
	    (long long)v->g->id);
	snprintf(id, sizeof(id), "%lld", (long long)m->id);
	if ((rc = strbuf_addstr(out, "<tr><td><code>")) != 0 ||
	    (rc = render_esc_str(out, m->uid)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></td><td>")) != 0 ||
	    (rc = render_esc_str(out, m->name)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_esc_str(out, m->remark)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = render_time(out, m->created_ms)) != 0 ||
	    (rc = strbuf_addstr(out, "</td><td>")) != 0 ||
	    (rc = console_button(out, v->lang, action, v->csrf, "grp.remove",
		 "remove", id, "app.confirm")) != 0 ||
	    (rc = strbuf_addstr(out, " ")) != 0 ||
	    (rc = console_button(out, v->lang, action, v->csrf, "grp.block",
		 "block", id, "grp.block.q")) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

static int
link_part(struct strbuf *out, const struct console_group_view *v)
{
	if (v->link == NULL)
		return 0;
	return console_join_link(out, v->lang, "grp.link.made", v->link,
	    v->link_code, "grp.qr");
}

static int
members(struct strbuf *out, const struct console_group_view *v)
{
	static const char *const cols[] = { "token.uid", "token.name",
		"app.remark", "app.joined", "token.actions" };
	const struct console_table t = { cols, NELEM(cols), v->n, member_row,
		v };
	int rc;

	if ((rc = console_h2(out, v->lang, "grp.members")) != 0 ||
	    (rc = console_hint(out, v->lang, "grp.callback")) != 0)
		return rc;
	return console_table(out, v->lang, &t);
}

int
console_group_page(struct strbuf *out, const struct console_group_view *v)
{
	const struct console_field edit[] = {
		{ .type = CF_TEXT,
		    .name = "name",
		    .label = "grp.name",
		    .value = v->g->name,
		    .error = v->err_name,
		    .required = 1,
		    .maxlen = 64 },
		{ .type = CF_TEXT,
		    .name = "contact",
		    .label = "grp.contact",
		    .value = v->g->contact,
		    .maxlen = 200 },
		{ .type = CF_TEXTAREA,
		    .name = "intro",
		    .label = "grp.intro",
		    .value = v->g->intro,
		    .maxlen = 200 },
	};
	char edit_a[80], link_a[80], del_a[80];
	struct console_form f = { .action = edit_a,
		.csrf = v->csrf,
		.submit = "app.save",
		.id = "edit" };
	int rc;

	snprintf(edit_a, sizeof(edit_a), "/console/groups/%lld/edit",
	    (long long)v->g->id);
	snprintf(link_a, sizeof(link_a), "/console/groups/%lld/link",
	    (long long)v->g->id);
	snprintf(del_a, sizeof(del_a), "/console/groups/%lld/delete",
	    (long long)v->g->id);
	if ((rc = strbuf_addstr(out, "<p><a href=\"/console/groups\">← ")) !=
		0 ||
	    (rc = console_text(out, v->lang, "grp.back")) != 0 ||
	    (rc = strbuf_addstr(out, "</a></p><p>")) != 0 ||
	    (rc = console_text(out, v->lang, "grp.code")) != 0 ||
	    (rc = strbuf_addstr(out, "：<code>")) != 0 ||
	    (rc = render_esc_str(out, v->g->code)) != 0 ||
	    (rc = strbuf_addstr(out, "</code></p>")) != 0 ||
	    (rc = link_part(out, v)) != 0 ||
	    (rc = console_button(out, v->lang, link_a, v->csrf, "grp.link",
		 NULL, NULL, NULL)) != 0 ||
	    (rc = members(out, v)) != 0 ||
	    (rc = console_h2(out, v->lang, "grp.edit")) != 0 ||
	    (rc = console_form(out, v->lang, &f, edit, NELEM(edit))) != 0 ||
	    (rc = console_h2(out, v->lang, "grp.delete")) != 0)
		return rc;
	return console_button(out, v->lang, del_a, v->csrf, "grp.delete", NULL,
	    NULL, "grp.delete.q");
}
