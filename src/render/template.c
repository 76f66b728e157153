/*
 * template.c: the template table and render_content(), which picks the
 * renderer for a template.
 *
 * The table is the single place that knows the template names: pushplus
 * clients spell them in any case ("cloudmonitor", "Markdown"), feige
 * stores and shows the spelling of the pushplus docs.  Each renderer
 * appends one HTML fragment to out; a fragment is always wrapped in a
 * <div> whose class names the template, so the stylesheet can tell the
 * views apart without knowing their insides.
 *
 * No renderer rejects content.  The only failure is running out of room
 * in out (FG_ETOOBIG), reported with a reason in err.
 */
#include <string.h>
#include <strings.h>

#include "util/errors.h"
#include "render/render.h"
#include "render/render_int.h"

static const struct {
	const char	*name;
	int		(*render)(struct strbuf *, const char *, size_t);
} templates[TPL__COUNT] = {
	[TPL_HTML] = { "html", NULL },
	[TPL_TXT] = { "txt", render_txt },
	[TPL_JSON] = { "json", render_json },
	[TPL_MARKDOWN] = { "markdown", render_markdown },
	[TPL_CLOUDMONITOR] = { "cloudMonitor", render_cloudmonitor },
	[TPL_JENKINS] = { "jenkins", render_jenkins },
	[TPL_ROUTE] = { "route", render_route },
	[TPL_PAY] = { "pay", render_pay },
	/* content as html; the note on pushId is page.c's (card_push.c) */
	[TPL_FORM] = { "form", NULL },
	[TPL_DOC] = { "doc", NULL },
	[TPL_EXCEL] = { "excel", NULL },
};

int
render_template_html(int tpl)
{
	return tpl == TPL_HTML || render_push_kind(tpl) != NULL;
}

int
render_template_lookup(const char *name, size_t len)
{
	int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < TPL__COUNT; i++)
		if (strlen(templates[i].name) == len &&
		    strncasecmp(templates[i].name, name, len) == 0)
			return i;
	return -1;
}

const char *
render_template_name(int tpl)
{
	if (tpl < 0 || tpl >= TPL__COUNT)
		return "html";
	return templates[tpl].name;
}

int
render_content(struct strbuf *out, int tpl, const char *content, size_t len,
    struct strbuf *err)
{
	size_t start = out->len;
	int rc;

	if (tpl < 0 || tpl >= TPL__COUNT)
		tpl = TPL_HTML;
	if (content == NULL)
		content = "", len = 0;
	rc = strbuf_addf(out, "<div class=\"fg-body fg-tpl-%s\">",
	    templates[tpl].name);
	if (rc == 0) {
		if (templates[tpl].render)
			rc = templates[tpl].render(out, content, len);
		else
			rc = strbuf_add(out, content, len);
	}
	if (rc == 0)
		rc = strbuf_addstr(out, "</div>");
	if (rc != 0) {
		strbuf_setlen(out, start);
		if (err)
			strbuf_setf(err, "render '%s': %s (output cap %zu "
			    "bytes)", templates[tpl].name, fg_strerror(rc),
			    out->cap);
	}
	return rc;
}
