/*
 * text.c: the bottom layer of the renderers: HTML escaping that also
 * repairs UTF-8, the "txt" template, raw-text fallbacks and the one time
 * format every page shows.
 *
 * UTF-8: sender content is bytes.  Everything feige escapes is also
 * checked, and any byte that does not start a well-formed sequence
 * (overlong forms, surrogates and values past U+10FFFF included) becomes
 * U+FFFD, as does NUL.  So escaped output is valid UTF-8 even when the
 * input is not, and a multibyte character is never split.  Only the
 * "html" template passes bytes through unchecked.
 *
 * Time: pushplus shows China Standard Time, so pages print UTC+8 as
 * "yyyy-MM-dd HH:mm:ss" whatever the server's TZ is.  The date is
 * computed here from days since the epoch (the civil-from-days method),
 * with no libc time zone state, so it is thread-safe and works for any
 * int64 millisecond value.
 */
#include <inttypes.h>
#include <string.h>

#include "render/render_int.h"

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

/* Length of the well-formed UTF-8 sequence at s, or 0 if there is none. */
size_t
render_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/*
 * Appends s with bad bytes replaced; when escape is set, also with the
 * five HTML specials as entities.
 */
static int
add_clean(struct strbuf *out, const char *s, size_t n, int escape)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, k;
	int rc = 0;

	while (i < n && rc == 0) {
		const char *rep = NULL;

		if (u[i] >= 0x80) {
			if ((k = render_utf8_seq(u + i, n - i)) != 0) {
				i += k;
				continue;
			}
			rep = replacement;
		} else if (u[i] == '\0')
			rep = replacement;
		else if (escape) {
			switch (u[i]) {
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '&': rep = "&amp;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			}
		}
		if (rep == NULL) {
			i++;
			continue;
		}
		if ((rc = strbuf_add(out, s + run, i - run)) == 0)
			rc = strbuf_addstr(out, rep);
		run = ++i;
	}
	if (rc == 0)
		rc = strbuf_add(out, s + run, n - run);
	return rc;
}

/* HTML-escaped, UTF-8-repaired text. */
int
render_esc(struct strbuf *out, const char *s, size_t n)
{
	return add_clean(out, s, n, 1);
}

int
render_esc_str(struct strbuf *out, const char *s)
{
	return s ? add_clean(out, s, strlen(s), 1) : 0;
}

/* UTF-8-repaired text, not escaped (for plain-text output). */
int
render_utf8(struct strbuf *out, const char *s, size_t n)
{
	return add_clean(out, s, n, 0);
}

int
render_time(struct strbuf *out, int64_t ms)
{
	int64_t secs, days, rem, z, era, doe, yoe, y, doy, mp, d, m;

	secs = ms / 1000 - (ms % 1000 < 0);
	secs += 8 * 3600;
	days = secs / 86400;
	rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	return strbuf_addf(out, "%04" PRId64 "-%02" PRId64 "-%02" PRId64
	    " %02" PRId64 ":%02" PRId64 ":%02" PRId64, y, m, d, rem / 3600,
	    rem / 60 % 60, rem % 60);
}

/* The "txt" template: escaped, with line breaks and spaces kept by CSS. */
int
render_txt(struct strbuf *out, const char *s, size_t n)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<div class=\"fg-txt\">")) == 0 &&
	    (rc = render_esc(out, s, n)) == 0)
		rc = strbuf_addstr(out, "</div>");
	return rc;
}

/* The last resort of every structured view: the text as sent. */
int
render_raw(struct strbuf *out, const char *s, size_t n)
{
	int rc;

	if ((rc = strbuf_addstr(out, "<pre class=\"fg-raw\">")) == 0 &&
	    (rc = render_esc(out, s, n)) == 0)
		rc = strbuf_addstr(out, "</pre>");
	return rc;
}
