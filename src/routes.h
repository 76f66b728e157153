/*
 * routes.h: the route table's dispatcher (routes.c), handed by app.c to
 * http_start() as the one function the HTTP layer calls per request.
 */
#ifndef FG_ROUTES_H
#define FG_ROUTES_H

#include <stddef.h>

struct http_req;

/* Call the handler of r's path; unknown paths get a JSON 404. */
void	routes_dispatch(struct http_req *);
/* The same for the metrics.listen listener: /metrics and /healthz. */
void	routes_metrics_dispatch(struct http_req *);

/*
 * The body cap of a path (http_config.body_max): LIM_HTTP_BODY, and
 * LIM_IMAGE_BODY for the image upload.
 */
size_t	routes_body_max(const char *path);

#endif
