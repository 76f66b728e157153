/*
 * card.c: the frame shared by the four "card" templates (cloudMonitor,
 * jenkins, route, pay).
 *
 * A card is a header line (a colored badge and a title) over a key/value
 * table.  Every card follows the same sequence:
 *
 *	card_begin(out, tone)		<div class="fg-card fg-TONE">
 *	card_head(out, title, badge)	header, then opens the table
 *	card_rows() / card_row()	the fields the card knows, labelled
 *	card_rest(out, obj)		closes the table; other fields, if any
 *	card_link() ...			optional extras below the tables
 *	card_end(out)			</div>
 *
 * card_rows() removes each field it shows from the object (the card owns
 * the object card_parse() returned), so card_rest() shows exactly the
 * fields nobody labelled: a sender's unknown field is never dropped.
 * Keys match case-insensitively because router scripts and payment
 * bridges disagree on "ip"/"IP", "orderNo"/"OrderNo".
 *
 * Values: strings that hold JSON (CloudMonitor's dimensions and
 * expression are JSON inside a string) are parsed and shown as tables;
 * absolute http(s) URLs become links; nothing else is interpreted.
 * Empty strings and nulls are skipped, since a blank row says nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/render_int.h"
#include "util/xmalloc.h"

/* The content as an object: JSON, lenient JSON or a form body; or NULL. */
json_t *
card_parse(const char *s, size_t n)
{
	json_t *v = rjson_parse(s, n);

	if (v != NULL && json_is_object(v))
		return v;
	if (v != NULL) {
		json_decref(v);
		return NULL;
	}
	return rjson_form(s, n);
}

const json_t *
card_get(const json_t *obj, const char *key)
{
	const char *k;
	json_t *v;

	if (!json_is_object(obj))
		return NULL;
	if ((v = json_object_get(obj, key)) != NULL)
		return v;
	json_object_foreach((json_t *)obj, k, v)
		if (strcasecmp(k, key) == 0)
			return v;
	return NULL;
}

const char *
card_str(const json_t *obj, const char *key)
{
	const json_t *v = card_get(obj, key);

	if (v == NULL || !json_is_string(v) || json_string_length(v) == 0)
		return NULL;
	return json_string_value(v);
}

/* Removes key from obj and returns its value (a new reference). */
static json_t *
take(json_t *obj, const char *key)
{
	const char *k;
	json_t *v;
	char *copy;

	json_object_foreach(obj, k, v) {
		if (strcasecmp(k, key) != 0)
			continue;
		json_incref(v);
		copy = xstrdup(k);
		json_object_del(obj, copy);
		free(copy);
		return v;
	}
	return NULL;
}

static int
blank(const json_t *v)
{
	return json_is_null(v) ||
	    (json_is_string(v) && json_string_length(v) == 0);
}

const char *
card_tone_class(enum card_tone tone)
{
	switch (tone) {
	case TONE_OK: return "fg-ok";
	case TONE_WARN: return "fg-warn";
	case TONE_BAD: return "fg-bad";
	case TONE_MUTE: return "fg-mute";
	case TONE_INFO: break;
	}
	return "fg-info";
}

int
card_begin(struct strbuf *out, enum card_tone tone)
{
	return strbuf_addf(out, "<div class=\"fg-card %s\">",
	    card_tone_class(tone));
}

int
card_head(struct strbuf *out, const char *title, const char *badge,
    enum card_tone tone)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<div class=\"fg-card-h\">")) != 0)
		return rc;
	if (badge && *badge && ((rc = strbuf_addf(out, "<span class=\""
	    "fg-badge %s\">", card_tone_class(tone))) != 0 ||
	    (rc = rtext_str(out, badge)) != 0 ||
	    (rc = strbuf_addstr(out, "</span>")) != 0))
		return rc;
	if ((rc = strbuf_addstr(out, "<span class=\"fg-card-t\">")) != 0 ||
	    (rc = rtext_str(out, title)) != 0)
		return rc;
	return strbuf_addstr(out, "</span></div><table class=\"fg-kv\">");
}

int
card_is_url(const char *s)
{
	size_t i;

	if (s == NULL || (strncasecmp(s, "http://", 7) != 0 &&
	    strncasecmp(s, "https://", 8) != 0) || strlen(s) < 10)
		return 0;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= ' ')
			return 0;
	return 1;
}

int
card_value(struct strbuf *out, const json_t *v)
{
	const char *s;
	json_t *inner;
	int rc;

	if (!json_is_string(v))
		return rjson_value(out, v, 2);
	s = json_string_value(v);
	if (card_is_url(s)) {
		if ((rc = strbuf_addstr(out, "<a href=\"")) == 0 &&
		    (rc = rtext_str(out, s)) == 0 &&
		    (rc = strbuf_addstr(out, "\">")) == 0 &&
		    (rc = rtext_str(out, s)) == 0)
			rc = strbuf_addstr(out, "</a>");
		return rc;
	}
	s += strspn(s, " \t\r\n");
	if ((*s == '{' || *s == '[') && (inner = rjson_parse(s,
	    strlen(s))) != NULL) {
		rc = json_is_object(inner) || json_is_array(inner) ?
		    rjson_value(out, inner, 2) :
		    rtext(out, json_string_value(v), json_string_length(v));
		json_decref(inner);
		return rc;
	}
	return rtext(out, json_string_value(v), json_string_length(v));
}

/* An epoch in seconds or milliseconds, as a number or digits. */
int
card_time(struct strbuf *out, const json_t *v)
{
	const char *s;
	json_int_t t = -1;
	int rc;

	if (json_is_integer(v))
		t = json_integer_value(v);
	else if (json_is_string(v) && (s = json_string_value(v))[0] &&
	    strspn(s, "0123456789") == strlen(s) && strlen(s) <= 15)
		t = (json_int_t)strtoll(s, NULL, 10);
	if (t <= 0)
		return card_value(out, v);
	if (t < 100000000000LL)	/* before 5138 AD in s: seconds */
		t *= 1000;
	if ((rc = strbuf_addstr(out, "<time>")) == 0 &&
	    (rc = rtime(out, (int64_t)t)) == 0)
		rc = strbuf_addstr(out, "</time>");
	return rc;
}

/* Multi-line text (logs, messages) kept as written. */
int
card_pre(struct strbuf *out, const json_t *v)
{
	int rc;

	if (!json_is_string(v))
		return card_value(out, v);
	if ((rc = strbuf_addstr(out, "<div class=\"fg-txt\">")) == 0 &&
	    (rc = rtext(out, json_string_value(v),
	    json_string_length(v))) == 0)
		rc = strbuf_addstr(out, "</div>");
	return rc;
}

const struct card_word *
card_word(const struct card_word *w, size_t n, const char *in)
{
	size_t i;

	for (i = 0; in && i < n; i++)
		if (strcasecmp(w[i].in, in) == 0)
			return &w[i];
	return NULL;
}

/* A known word as a colored badge in Chinese, then the word as sent. */
int
card_fmt_word(struct strbuf *out, const json_t *v, const struct card_word *w,
    size_t n)
{
	const struct card_word *f;
	int rc;

	if (!json_is_string(v) ||
	    (f = card_word(w, n, json_string_value(v))) == NULL)
		return card_value(out, v);
	if ((rc = strbuf_addf(out, "<span class=\"fg-badge %s\">%s</span> ",
	    card_tone_class(f->tone), f->text)) == 0)
		rc = rtext_str(out, json_string_value(v));
	return rc;
}

int
card_row(struct strbuf *out, const char *label, const json_t *v,
    int (*fmt)(struct strbuf *, const json_t *))
{
	int rc;

	if (v == NULL || blank(v))
		return 0;
	if ((rc = strbuf_addstr(out, "<tr><th>")) != 0 ||
	    (rc = rtext_str(out, label)) != 0 ||
	    (rc = strbuf_addstr(out, "</th><td>")) != 0 ||
	    (rc = (fmt ? fmt : card_value)(out, v)) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
card_rows(struct strbuf *out, json_t *obj, const struct card_label *labels,
    size_t n)
{
	json_t *v;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		while (rc == 0 && (v = take(obj, labels[i].key)) != NULL) {
			rc = card_row(out, labels[i].label, v, labels[i].fmt);
			json_decref(v);
		}
	}
	return rc;
}

int
card_rest(struct strbuf *out, const json_t *obj)
{
	const char *key;
	json_t *v;
	int rc, any = 0;

	if ((rc = strbuf_addstr(out, "</table>")) != 0)
		return rc;
	json_object_foreach((json_t *)obj, key, v) {
		if (blank(v))
			continue;
		if (!any++ && (rc = strbuf_addstr(out, "<div class=\"fg-card-"
		    "sub\">其他字段</div><table class=\"fg-kv\">")) != 0)
			return rc;
		if ((rc = card_row(out, key, v, NULL)) != 0)
			return rc;
	}
	return any ? strbuf_addstr(out, "</table>") : 0;
}

int
card_link(struct strbuf *out, const char *url, const char *text)
{
	int rc;

	if (!card_is_url(url))
		return 0;
	if ((rc = strbuf_addstr(out, "<a class=\"fg-btn\" href=\"")) == 0 &&
	    (rc = rtext_str(out, url)) == 0 &&
	    (rc = strbuf_addstr(out, "\">")) == 0 &&
	    (rc = rtext_str(out, text)) == 0)
		rc = strbuf_addstr(out, "</a>");
	return rc;
}

int
card_end(struct strbuf *out)
{
	return strbuf_addstr(out, "</div>");
}
