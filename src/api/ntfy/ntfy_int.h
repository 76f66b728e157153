/*
 * ntfy_int.h: shared by the files of api/ntfy/ (ntfy's subscriber
 * protocol in front of a person's inbox, stream/ntfy.h).
 */
#ifndef FG_API_NTFY_INT_H
#define FG_API_NTFY_INT_H

#include "http/http.h"
#include "store/store.h"

/*
 * ntfy's error reply: {"code":…,"http":…,"error":"…","link":"…"}\n
 * with Content-Type application/json (server/errors.go); link may be
 * NULL.
 */
void	ntfy_error(struct http_req *, unsigned int http, int code,
	    const char *error, const char *link);

/*
 * The person a request reads as, from ntfy's credentials: the
 * Authorization header (Bearer <token>, or Basic with the token as the
 * password, or as the user name when the password is empty), the same
 * value base64-encoded in ?auth= (ntfy's form for WebSocket clients),
 * or feige's own ?token= / X-Feige-Token.  Then every topic in topics
 * (the path's "a,b" list, up to a '/' or the end) must be the person's
 * (their UID).  0 and *u; else the 401 or 403 has been answered.
 */
int	ntfy_reader(struct http_req *, const char *topics,
	    struct store_user *u);

#endif
