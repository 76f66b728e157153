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
 * "html" template passes bytes through unchecked.  The sequence check is
 * util/ids.c's utf8_seq() and the entities are util/strbuf.c's
 * strbuf_add_html(), so the whole server agrees on both.
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
#include "util/ids.h"

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

static int
add_run(struct strbuf *out, const char *s, size_t n, int escape)
{
	return escape ? strbuf_add_html(out, s, n) : strbuf_add(out, s, n);
}

/*
 * Appends s with each byte that starts no well-formed UTF-8 sequence,
 * and each NUL, replaced by U+FFFD; when escape is set, the clean runs
 * between them also get the five HTML specials as entities.
 */
static int
add_clean(struct strbuf *out, const char *s, size_t n, int escape)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, k;
	int rc = 0;

	while (i < n && rc == 0) {
		if ((k = u[i] != '\0' ? utf8_seq(u, i, n) : 0) != 0) {
			i += k;
			continue;
		}
		if ((rc = add_run(out, s + run, i - run, escape)) == 0)
			rc = strbuf_addstr(out, replacement);
		run = ++i;
	}
	return rc ? rc : add_run(out, s + run, n - run, escape);
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

/* s escaped between open and close. */
static int
wrap(struct strbuf *out, const char *open, const char *close, const char *s,
    size_t n)
{
	int rc;

	if ((rc = strbuf_addstr(out, open)) == 0 &&
	    (rc = render_esc(out, s, n)) == 0)
		rc = strbuf_addstr(out, close);
	return rc;
}

/* text escaped in a <span class="cls">; nothing for NULL or "". */
int
render_span(struct strbuf *out, const char *cls, const char *text)
{
	int rc;

	if (text == NULL || *text == '\0')
		return 0;
	if ((rc = strbuf_addf(out, "<span class=\"%s\">", cls)) == 0 &&
	    (rc = render_esc_str(out, text)) == 0)
		rc = strbuf_addstr(out, "</span>");
	return rc;
}

/* The "txt" template: escaped, with line breaks and spaces kept by CSS. */
int
render_txt(struct strbuf *out, const char *s, size_t n)
{
	return wrap(out, "<div class=\"fg-txt\">", "</div>", s, n);
}

/* The last resort of every structured view: the text as sent. */
int
render_raw(struct strbuf *out, const char *s, size_t n)
{
	return wrap(out, "<pre class=\"fg-raw\">", "</pre>", s, n);
}
