/*
 * log.h: key=value logging to stderr (OpenBSD log.h names, redis-style
 * level check in the macro so disabled levels cost nothing).
 *
 *   log_info("delivery id=%lld channel=%s outcome=ok", id, ch);
 *
 * log_warn appends errno's text; log_warnx does not.  Thread safe: each
 * line is written with one write(2).
 */
#ifndef FG_LOG_H
#define FG_LOG_H

#include <stddef.h>

enum log_level { LOG_LVL_ERROR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

extern int log_verbosity;

void	log_emit(int level, int with_errno, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	fatalx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * A client-supplied value for a quoted key="value": '"' and '\\' escaped,
 * cut to size.  log_url: the same for a URL, with user:password@ masked
 * as ***@.  Both write buf (LOG_VALUE_MAX is enough) and return it.
 */
#define LOG_VALUE_MAX	512
const char	*log_quote(char *buf, size_t size, const char *s);
const char	*log_url(char *buf, size_t size, const char *url);

#define log_error(...) log_emit(LOG_LVL_ERROR, 0, __VA_ARGS__)
#define log_warn(...) log_emit(LOG_LVL_WARN, 1, __VA_ARGS__)
#define log_warnx(...) log_emit(LOG_LVL_WARN, 0, __VA_ARGS__)
#define log_info(...) do { if (log_verbosity >= LOG_LVL_INFO) \
	log_emit(LOG_LVL_INFO, 0, __VA_ARGS__); } while (0)
#define log_debug(...) do { if (log_verbosity >= LOG_LVL_DEBUG) \
	log_emit(LOG_LVL_DEBUG, 0, __VA_ARGS__); } while (0)

#endif
