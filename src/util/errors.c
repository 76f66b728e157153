/*
 * errors.c: names for enum fg_err.
 */
#include "util/errors.h"

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
	}
	return "unknown error";
}
