/*
 * intake.h: request parameters from the query string and the body, by
 * compat.md §6's dispatch rules:
 *   application/json, text/json, *+json      -> JSON object
 *   application/x-www-form-urlencoded        -> form
 *   multipart/form-data                      -> text fields
 *   anything else or missing                 -> first non-blank byte '{'
 *                                               ? JSON : form
 * The Content-Type value is trimmed, compared case-insensitively and its
 * parameters ignored (except multipart's boundary).  Body parameters
 * override query parameters.
 */
#ifndef FG_INTAKE_H
#define FG_INTAKE_H

#include <jansson.h>

struct http_req;
struct params;

enum intake_kind { INTAKE_EMPTY, INTAKE_JSON, INTAKE_FORM, INTAKE_MULTIPART };

int	intake_query(struct http_req *, struct params *);
/* The kind of the request body. */
enum intake_kind	intake_body_kind(struct http_req *);
/*
 * Add the body's parameters.  Returns 0, or FG_EINVAL for a body that
 * should be JSON and is not (or is not an object), FG_ETOOBIG past the
 * parameter cap.  *json (optional) receives the parsed object (caller
 * decrefs).
 */
int	intake_body(struct http_req *, struct params *, json_t **json);
/*
 * The file part of a multipart/form-data body whose name is f->name
 * (util/multipart.h): 0, FG_ENOENT (no such part) or FG_EINVAL (not a
 * multipart body, no boundary).
 */
struct multipart_file;
int	intake_file(struct http_req *, struct multipart_file *f);

#endif
