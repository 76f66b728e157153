/*
 * access.h: the end of every request, seen from the HTTP layer
 * (access.c): one access log line and the request counter.
 */
#ifndef FG_HTTP_ACCESS_H
#define FG_HTTP_ACCESS_H

struct http_req;

/* r completed (its head had arrived): log it if log_on, count it. */
void	http_access_done(struct http_req *r, int log_on);

#endif
