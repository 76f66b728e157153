/*
 * console_table.c: a console list's table (console.h): "none" as a hint
 * when the list is empty, else the scrolling table of console_thead()
 * with one row per item and its end.  Every list page (channels, groups
 * and their members, friends, devices, WxPusher apps and followers)
 * wrote the same loop; the page now says only what a row is.
 */
#include "render/console.h"

int
console_table(struct strbuf *out, int lang, const struct console_table *t)
{
	size_t i;
	int rc;

	if (t->n == 0)
		return console_hint(out, lang, "app.none");
	if ((rc = console_thead(out, lang, t->cols, t->ncols)) != 0)
		return rc;
	for (i = 0; i < t->n; i++)
		if ((rc = t->row(out, t->arg, i)) != 0)
			return rc;
	return strbuf_addstr(out, "</tbody></table></div>");
}
