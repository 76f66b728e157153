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
};

/* Results the caller must look at (ops, writer calls). */
#define FG_MUST __attribute__((warn_unused_result))

const char	*fg_strerror(int);

#endif
