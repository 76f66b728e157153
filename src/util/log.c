/*
 * log.c: one line per event, "ts=... level=... " followed by the caller's
 * key=value text, written with a single write(2) so lines from different
 * threads never interleave.
 *
 * A log line is only worth something if nobody else can write it.
 * Values that come from clients (a callbackUrl, an upstream's error
 * text) could carry a newline and forge a line of their own, or a quote
 * and forge a key.  Two rules close that: every control byte of the
 * finished line becomes a visible escape (\n, \r, \t, \xNN), whatever
 * the caller passed; and call sites quote client values with
 * log_quote(), which also escapes '"' and '\\', and write URLs with
 * log_url(), which masks user:password@ so credentials never reach a
 * log file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"

int log_verbosity = LOG_LVL_INFO;

static const char *names[] = { "error", "warn", "info", "debug" };

/* escape control bytes of p[0..n) into out; returns the new length */
static size_t
defang(char *out, size_t size, const char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < n && o + 4 < size; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c >= 0x20 && c != 0x7f) {
			out[o++] = (char)c;
			continue;
		}
		out[o++] = '\\';
		if (c == '\n' || c == '\r' || c == '\t')
			out[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
		else {
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	return o;
}

static void
vemit(int level, int err, const char *fmt, va_list ap)
{
	char line[2048], text[1536];
	struct timespec ts;
	struct tm tm;
	size_t n;
	int k;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(line, sizeof(line), "ts=%Y-%m-%dT%H:%M:%S", &tm);
	k = snprintf(line + n, sizeof(line) - n, ".%03ldZ level=%s ",
	    ts.tv_nsec / 1000000, names[level]);
	n += (size_t)k;
	k = vsnprintf(text, sizeof(text), fmt, ap);
	if (k > 0)
		n += defang(line + n, sizeof(line) - n - 128, text,
		    (size_t)k < sizeof(text) ? (size_t)k : sizeof(text) - 1);
	if (err)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    " errno=\"%s\"", strerror(err));
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

const char *
log_quote(char *buf, size_t size, const char *s)
{
	size_t o = 0;

	for (; s != NULL && *s && o + 3 < size; s++) {
		if (*s == '"' || *s == '\\')
			buf[o++] = '\\';
		buf[o++] = *s;
	}
	buf[o] = '\0';
	return buf;
}

const char *
log_url(char *buf, size_t size, const char *url)
{
	char tmp[LOG_VALUE_MAX];
	const char *host = strstr(url, "://"), *at, *end;

	if (host == NULL)
		return log_quote(buf, size, url);
	host += 3;
	end = host + strcspn(host, "/?#");
	at = memchr(host, '@', (size_t)(end - host));
	if (at == NULL)
		return log_quote(buf, size, url);
	/* keep scheme and host, hide the userinfo */
	snprintf(tmp, sizeof(tmp), "%.*s***%s", (int)(host - url), url, at);
	return log_quote(buf, size, tmp);
}

void
log_emit(int level, int with_errno, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	vemit(level, with_errno ? saved : 0, fmt, ap);
	va_end(ap);
	errno = saved;
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(LOG_LVL_ERROR, 0, fmt, ap);
	va_end(ap);
	exit(1);
}
