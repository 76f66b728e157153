/*
 * fails.h: the failure limits of guessable secrets (util/faillimit.h)
 * for the whole cluster when several nodes share the store (fails.c).
 */
#ifndef FG_API_FAILS_H
#define FG_API_FAILS_H

#include "util/faillimit.h"

/*
 * name is the limit's short name ("pw_ip"), key its key (an address, a
 * user id).  Same meaning as faillimit_blocked/_fail/_clear.
 */
int api_fail_blocked(struct faillimit *, const char *name, const char *key);
void api_fail_count(struct faillimit *, const char *name, const char *key);
void api_fail_clear(struct faillimit *, const char *name, const char *key);

#endif
