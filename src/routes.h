/*
 * routes.h: the route table's dispatcher (routes.c), handed by app.c to
 * http_start() as the one function the HTTP layer calls per request.
 */
#ifndef FG_ROUTES_H
#define FG_ROUTES_H

struct http_req;

/* Call the handler of r's path; unknown paths get a JSON 404. */
void	routes_dispatch(struct http_req *);

#endif
