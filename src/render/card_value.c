/*
 * card_value.c: how the cards show one value (card.c draws the frame).
 *
 *  - card_value(): the default.  A string holding JSON (CloudMonitor's
 *    dimensions and expression are JSON inside a string) is parsed and
 *    shown as a table; an absolute http(s) URL becomes a link; any other
 *    string is escaped text; numbers, booleans and nested values use the
 *    json view.
 *  - card_time(): an epoch in seconds or milliseconds, as a number or as
 *    digits, in UTC+8; anything else falls back to card_value().
 *  - card_duration(): milliseconds as "1 小时 2 分 3 秒".
 *  - card_pre(): multi-line text (logs, remarks) with its line breaks.
 *  - card_a(): a link, only ever to an absolute http(s) URL.
 *
 * Links are only ever made from http: and https: URLs, so a sender's
 * "javascript:" never becomes an href (the page's CSP is the second
 * fence).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/render_int.h"

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

/*
 * A link to url with text, opened by open ("<a href=\""); nothing when url
 * is not an absolute http(s) URL.
 */
int
card_a(struct strbuf *out, const char *open, const char *url,
    const char *text)
{
	int rc;

	if (!card_is_url(url))
		return 0;
	if ((rc = strbuf_addstr(out, open)) == 0 &&
	    (rc = render_esc_str(out, url)) == 0 &&
	    (rc = strbuf_addstr(out, "\">")) == 0 &&
	    (rc = render_esc_str(out, text)) == 0)
		rc = strbuf_addstr(out, "</a>");
	return rc;
}

int
card_value(struct strbuf *out, const json_t *v)
{
	const char *s;
	json_t *inner;
	int rc;

	if (!json_is_string(v))
		return render_json_value(out, v, 2);
	s = json_string_value(v);
	if (card_is_url(s))
		return card_a(out, "<a href=\"", s, s);
	s += strspn(s, " \t\r\n");
	if ((*s == '{' || *s == '[') && (inner = render_json_parse(s,
	    strlen(s))) != NULL) {
		rc = json_is_object(inner) || json_is_array(inner) ?
		    render_json_value(out, inner, 2) :
		    render_esc(out, json_string_value(v),
		    json_string_length(v));
		json_decref(inner);
		return rc;
	}
	return render_esc(out, json_string_value(v), json_string_length(v));
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
	    (rc = render_time(out, (int64_t)t)) == 0)
		rc = strbuf_addstr(out, "</time>");
	return rc;
}

/* Milliseconds as "1 小时 2 分 3 秒". */
int
card_duration(struct strbuf *out, const json_t *v)
{
	json_int_t ms;

	if (!json_is_integer(v) || (ms = json_integer_value(v)) < 0)
		return card_value(out, v);
	if (ms < 1000)
		return strbuf_addf(out, "%" JSON_INTEGER_FORMAT " 毫秒", ms);
	ms /= 1000;
	if (ms >= 3600)
		return strbuf_addf(out, "%" JSON_INTEGER_FORMAT " 小时 %"
		    JSON_INTEGER_FORMAT " 分 %" JSON_INTEGER_FORMAT " 秒",
		    ms / 3600, ms / 60 % 60, ms % 60);
	if (ms >= 60)
		return strbuf_addf(out, "%" JSON_INTEGER_FORMAT " 分 %"
		    JSON_INTEGER_FORMAT " 秒", ms / 60, ms % 60);
	return strbuf_addf(out, "%" JSON_INTEGER_FORMAT " 秒", ms);
}

/* Multi-line text (logs, messages) kept as written. */
int
card_pre(struct strbuf *out, const json_t *v)
{
	if (!json_is_string(v))
		return card_value(out, v);
	return render_txt(out, json_string_value(v), json_string_length(v));
}
