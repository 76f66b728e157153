/*
 * jsonview.c: the "json" template, a JSON value as nested tables.
 *
 * Objects become two-column tables (key, value) in the sender's key
 * order; arrays become tables indexed from 0; scalars are spans whose
 * class gives their type (fg-js string, fg-jn number, fg-jb boolean,
 * fg-jz null/empty), so a string "1" and a number 1 look different.
 * Text that is not JSON, even leniently (json.c), or that nests deeper
 * than RENDER_JSON_DEPTH, is shown as sent in a <pre>.  Under the table a
 * <details> block keeps the original text one tap away; it needs no
 * script, which the message page's CSP would not run anyway.
 *
 * render_json_value() is also how the cards show nested values.  Its recursion
 * is bounded: parsing refused deeper text, and past the cap a value is
 * printed compactly instead of descended into.
 */
#include <stdio.h>
#include <stdlib.h>

#include "render/render_int.h"

static int
scalar(struct strbuf *out, const char *cls, const char *text)
{
	return strbuf_addf(out, "<span class=\"%s\">%s</span>", cls, text);
}

static int
dump_flat(struct strbuf *out, const json_t *v)
{
	char *d = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	int rc;

	if (d == NULL)
		return 0;
	if ((rc = strbuf_addstr(out, "<code class=\"fg-js\">")) == 0 &&
	    (rc = render_esc_str(out, d)) == 0)
		rc = strbuf_addstr(out, "</code>");
	free(d);
	return rc;
}

/*
 * An object (key, value, in the sender's order) or an array (index,
 * value) as a table.
 */
static int
table(struct strbuf *out, const json_t *v, int depth)
{
	int obj = json_is_object(v), rc = 0;
	void *it = obj ? json_object_iter((json_t *)v) : NULL;
	size_t i, n = obj ? json_object_size(v) : json_array_size(v);
	const json_t *m;

	if (n == 0)
		return scalar(out, "fg-jz", obj ? "{}" : "[]");
	if ((rc = strbuf_addstr(out, obj ? "<table class=\"fg-j\">" :
	    "<table class=\"fg-j fg-ja\">")) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		if (obj) {
			m = json_object_iter_value(it);
			if ((rc = strbuf_addstr(out, "<tr><th>")) == 0 &&
			    (rc = render_esc_str(out,
			    json_object_iter_key(it))) == 0)
				rc = strbuf_addstr(out, "</th><td>");
			it = json_object_iter_next((json_t *)v, it);
		} else {
			m = json_array_get(v, i);
			rc = strbuf_addf(out, "<tr><th class=\"fg-ji\">"
			    "%zu</th><td>", i);
		}
		if (rc == 0 && (rc = render_json_value(out, m,
		    depth + 1)) == 0)
			rc = strbuf_addstr(out, "</td></tr>");
	}
	return rc ? rc : strbuf_addstr(out, "</table>");
}

int
render_json_value(struct strbuf *out, const json_t *v, int depth)
{
	char num[64];
	int rc;

	if (depth > RENDER_JSON_DEPTH && (json_is_object(v) ||
	    json_is_array(v)))
		return dump_flat(out, v);
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_ARRAY:
		return table(out, v, depth);
	case JSON_STRING:
		if (json_string_length(v) == 0)
			return scalar(out, "fg-jz", "\"\"");
		if ((rc = strbuf_addstr(out, "<span class=\"fg-js\">")) == 0 &&
		    (rc = render_esc(out, json_string_value(v),
		    json_string_length(v))) == 0)
			rc = strbuf_addstr(out, "</span>");
		return rc;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return scalar(out, "fg-jn", num);
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.15g", json_real_value(v));
		return scalar(out, "fg-jn", num);
	case JSON_TRUE:
		return scalar(out, "fg-jb", "true");
	case JSON_FALSE:
		return scalar(out, "fg-jb", "false");
	case JSON_NULL:
		return scalar(out, "fg-jz", "null");
	}
	return 0;
}

int
render_json(struct strbuf *out, const char *s, size_t n)
{
	json_t *v;
	int rc;

	if ((v = render_json_parse(s, n)) == NULL)
		return render_raw(out, s, n);
	if ((rc = strbuf_addstr(out, "<div class=\"fg-json\">")) == 0 &&
	    (rc = render_json_value(out, v, 1)) == 0 &&
	    (rc = strbuf_addstr(out, "</div><details class=\"fg-src\">"
	    "<summary>原始内容</summary>")) == 0 &&
	    (rc = render_raw(out, s, n)) == 0)
		rc = strbuf_addstr(out, "</details>");
	json_decref(v);
	return rc;
}

/* Scalars as plain text, containers as {…} and […]. */
static int
summary_value(struct strbuf *out, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return strbuf_addstr(out, "{…}");
	case JSON_ARRAY: return strbuf_addstr(out, "[…]");
	case JSON_STRING: return strbuf_add(out, json_string_value(v),
	    json_string_length(v));
	case JSON_INTEGER: return strbuf_addf(out, "%" JSON_INTEGER_FORMAT,
	    json_integer_value(v));
	case JSON_REAL: return strbuf_addf(out, "%.15g", json_real_value(v));
	case JSON_TRUE: return strbuf_addstr(out, "true");
	case JSON_FALSE: return strbuf_addstr(out, "false");
	case JSON_NULL: return strbuf_addstr(out, "null");
	}
	return 0;
}

/*
 * A one-line text of a JSON content for previews: "k: v; k: v" for an
 * object, "a, b" for an array.  Appends nothing if it is not JSON.
 */
int
render_json_summary(struct strbuf *out, const char *s, size_t n)
{
	const char *key;
	json_t *v, *m;
	size_t i;
	int rc = 0;

	if ((v = render_json_parse(s, n)) == NULL)
		return 0;
	if (json_is_object(v)) {
		json_object_foreach(v, key, m) {
			if ((rc = strbuf_addf(out, "%s%s: ", out->len ? "; " :
			    "", key)) != 0 || (rc = summary_value(out, m)) != 0)
				break;
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, m) {
			if ((i && (rc = strbuf_addstr(out, ", ")) != 0) ||
			    (rc = summary_value(out, m)) != 0)
				break;
		}
	} else
		rc = summary_value(out, v);
	json_decref(v);
	return rc;
}
