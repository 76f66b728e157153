/*
 * errors.h: feige's internal error codes (libuv style: 0 is success, a
 * negative enum fg_err is a failure, fg_strerror() names it).  The human
 * detail of a failure travels separately in a struct strbuf *err.
 */
#ifndef FG_ERRORS_H
#define FG_ERRORS_H

enum fg_err {
	FG_OK = 0,
	FG_ENOMEM = -1,
	FG_EINVAL = -2,
	FG_ETOOBIG = -3,
	FG_ETIMEDOUT = -4,
	FG_ESTORE = -5,
	FG_ENOENT = -6,
	FG_EEXIST = -7,
	FG_EIO = -8,
	FG_ECLOSED = -9,
	FG_EPERM = -10,		/* refused by a rule (a blacklist) */
	FG_EBUSY = -11,		/* at a concurrency cap: try later */
};

const char	*fg_strerror(int);

struct strbuf;
/*
 * When rc is a failure and err is given, set err to the formatted text,
 * ": " and fg_strerror(rc).  Returns rc, so a call site can write
 * `return fg_err(dir_x(s, id), err, "delete x %lld", (long long)id);`.
 */
int	fg_err(int rc, struct strbuf *err, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* On a call whose result the caller must look at (ops, store). */
#define FG_MUST	__attribute__((warn_unused_result))

#endif
