/*
 * log.c: one line per event, "ts=... level=... " followed by the caller's
 * key=value text, written with a single write(2) so lines from different
 * threads never interleave.
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

static void
vemit(int level, int err, const char *fmt, va_list ap)
{
	char line[2048];
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
	k = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (k > 0)
		n = n + (size_t)k >= sizeof(line) - 64 ? sizeof(line) - 64 :
		    n + (size_t)k;
	if (err)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    " errno=\"%s\"", strerror(err));
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, n) < 0)
		return;
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
