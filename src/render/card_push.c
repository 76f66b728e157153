/*
 * card_push.c: the form, doc and excel templates (pushplus 1.16/1.17,
 * pushplus-today.md §1.5): a message that points at a pushplus push
 * form, push doc or push sheet by its code, the request's pushId.
 *
 * pushplus renders these as a card linking to the form or document on
 * its own site, https://www.pushplus.plus/push/form/{code} (doc and
 * excel alike).  feige has no form, doc or sheet product, so it cannot
 * show the thing itself.  The message page shows what it can: the title
 * (the page header, as for every message), the content as HTML (as the
 * html template shows it, kept inert by the page's CSP), and this note
 * in the header, saying plainly that the form lives on the pushplus
 * product under that code and that this server does not host it.
 *
 * The share link is shown only when the operator names the pushplus
 * site in pushplus.form_base (e.g. https://www.pushplus.plus): a code
 * means something only on the site where the form was made, and feige
 * cannot know that it was pushplus's public site rather than nowhere.
 * Without it (the default) the note has no link.  The code goes into
 * the link percent-encoded and into the text escaped, though pp_push.c
 * accepts only letters, digits, '-' and '_' for it.
 */
#include <string.h>

#include "render/render.h"
#include "render/render_int.h"

static const struct {
	int		 tpl;
	const char	*kind;		/* share link path segment */
	const char	*zh;		/* 表单, 文档, 表格 */
	const char	*en;
} kinds[] = {
	{ TPL_FORM, "form", "表单", "form" },
	{ TPL_DOC, "doc", "文档", "doc" },
	{ TPL_EXCEL, "excel", "表格", "sheet" },
};

const char *
render_push_kind(int tpl)
{
	size_t i;

	for (i = 0; i < NELEM(kinds); i++)
		if (kinds[i].tpl == tpl)
			return kinds[i].kind;
	return NULL;
}

/* base/push/kind/code, the code percent-encoded, all HTML-escaped. */
static int
share_link(struct strbuf *out, const char *base, const char *kind,
    const char *code)
{
	struct strbuf u = STRBUF_INIT;
	size_t n = strlen(base);
	int rc;

	while (n && base[n - 1] == '/')
		n--;
	rc = strbuf_addf(&u, "%.*s/push/%s/", (int)n, base, kind);
	rc = rc ? rc : strbuf_add_url(&u, code, strlen(code));
	rc = rc ? rc : render_esc_str(out, u.buf);
	strbuf_release(&u);
	return rc;
}

int
render_push_note(struct strbuf *out, const struct render_message *m)
{
	const char *base = m->push_base ? m->push_base : "";
	size_t i;
	int rc;

	for (i = 0; i < NELEM(kinds) && kinds[i].tpl != m->tpl; i++)
		;
	if (i == NELEM(kinds) || m->push_id == NULL || *m->push_id == '\0')
		return 0;
	if ((rc = strbuf_addf(out, "<div class=\"fg-push\"><p>这条消息关联"
	    "一份 pushplus 推送%s，编码 <code>", kinds[i].zh)) != 0 ||
	    (rc = render_esc_str(out, m->push_id)) != 0 ||
	    (rc = strbuf_addf(out, "</code>。该%s位于 pushplus 产品上，本服务器"
	    "不托管%s，无法在此打开。 (This message refers to pushplus %s ",
	    kinds[i].zh, kinds[i].zh, kinds[i].en)) != 0 ||
	    (rc = render_esc_str(out, m->push_id)) != 0 ||
	    (rc = strbuf_addf(out, ", which lives on the pushplus product; "
	    "this server does not host it.)</p>")) != 0)
		return rc;
	if (strncmp(base, "http://", 7) == 0 ||
	    strncmp(base, "https://", 8) == 0) {
		if ((rc = strbuf_addstr(out, "<p><a class=\"fg-push-link\" "
		    "href=\"")) != 0 ||
		    (rc = share_link(out, base, kinds[i].kind,
		    m->push_id)) != 0 ||
		    (rc = strbuf_addf(out, "\" rel=\"noopener noreferrer\" "
		    "target=\"_blank\">在 pushplus 打开%s (open on pushplus)"
		    "</a></p>", kinds[i].zh)) != 0)
			return rc;
	}
	return strbuf_addstr(out, "</div>");
}
