/*
 * errors.c: names for enum fg_err, and fg_err(), the one way a failed
 * call's code becomes the human detail in a struct strbuf *err.
 */
#include <stdarg.h>

#include "util/errors.h"
#include "util/strbuf.h"

const char *
fg_strerror(int err)
{
	switch (err) {
	case FG_OK: return "success";
	case FG_ENOMEM: return "out of memory";
	case FG_EINVAL: return "invalid argument";
	case FG_ETOOBIG: return "too big";
	case FG_ETIMEDOUT: return "timed out";
	case FG_ESTORE: return "store failure";
	case FG_ENOENT: return "not found";
	case FG_EEXIST: return "already exists";
	case FG_EIO: return "i/o error";
	case FG_ECLOSED: return "closed";
	case FG_EPERM: return "not permitted";
	case FG_EBUSY: return "busy";
	}
	return "unknown error";
}

int
fg_err(int rc, struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	if (rc == 0 || err == NULL)
		return rc;
	strbuf_reset(err);
	va_start(ap, fmt);
	(void)strbuf_vaddf(err, fmt, ap);
	va_end(ap);
	(void)strbuf_addf(err, ": %s", fg_strerror(rc));
	return rc;
}
