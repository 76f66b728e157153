/*
 * intake.c: query and body decoding shared by the API adapters
 * (intake.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/intake.h"
#include "util/errors.h"
#include "http/http.h"
#include "util/jsonin.h"
#include "util/multipart.h"
#include "util/params.h"

int
intake_query(struct http_req *r, struct params *p)
{
	return params_parse_form(p, r->query, r->query_len);
}

/* The media type of Content-Type, trimmed, into buf (lowercase). */
static const char *
media_type(struct http_req *r, char *buf, size_t size, const char **params)
{
	const char *ct = http_header(r, "Content-Type");
	size_t n = 0;

	*params = "";
	if (ct == NULL)
		return NULL;
	while (isspace((unsigned char)*ct))
		ct++;
	while (ct[n] && ct[n] != ';' && !isspace((unsigned char)ct[n]) &&
	    n + 1 < size) {
		buf[n] = (char)tolower((unsigned char)ct[n]);
		n++;
	}
	buf[n] = '\0';
	if (strchr(ct, ';'))
		*params = strchr(ct, ';') + 1;
	return buf;
}

static int
sniff_json(const char *b, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)b[i]))
		i++;
	return i < len && b[i] == '{';
}

enum intake_kind
intake_body_kind(struct http_req *r)
{
	char mt[128];
	const char *params, *m;
	size_t n;

	if (r->body.len == 0)
		return INTAKE_EMPTY;
	if ((m = media_type(r, mt, sizeof(mt), &params)) != NULL) {
		n = strlen(m);
		if (strcmp(m, "application/json") == 0 ||
		    strcmp(m, "text/json") == 0 ||
		    (n > 5 && strcmp(m + n - 5, "+json") == 0))
			return INTAKE_JSON;
		if (strcmp(m, "application/x-www-form-urlencoded") == 0)
			return INTAKE_FORM;
		if (strcmp(m, "multipart/form-data") == 0)
			return INTAKE_MULTIPART;
	}
	return sniff_json(r->body.buf, r->body.len) ? INTAKE_JSON :
	    INTAKE_FORM;
}

static int
boundary(struct http_req *r, char *out, size_t size)
{
	char mt[128];
	const char *params, *b, *e;
	size_t n;

	(void)media_type(r, mt, sizeof(mt), &params);
	if ((b = strcasestr(params, "boundary=")) == NULL)
		return -1;
	b += 9;
	if (*b == '"') {
		b++;
		e = strchr(b, '"');
	} else {
		e = b + strcspn(b, "; \t");
	}
	n = e ? (size_t)(e - b) : strlen(b);
	if (n == 0 || n >= size)
		return -1;
	memcpy(out, b, n);
	out[n] = '\0';
	return (int)n;
}

int
intake_body(struct http_req *r, struct params *p, json_t **jout)
{
	char bnd[200];
	json_t *j;
	int n, rc;

	if (jout)
		*jout = NULL;
	switch (intake_body_kind(r)) {
	case INTAKE_EMPTY:
		return 0;
	case INTAKE_FORM:
		return params_parse_form(p, r->body.buf, r->body.len);
	case INTAKE_MULTIPART:
		if ((n = boundary(r, bnd, sizeof(bnd))) < 0)
			return FG_EINVAL;
		return multipart_parse(p, r->body.buf, r->body.len, bnd,
		    (size_t)n);
	case INTAKE_JSON:
		break;
	}
	/* a JSON content type with a blank body is not an error (Java SDK) */
	{
		size_t i = 0;

		while (i < r->body.len && isspace((unsigned char)r->body.buf[i]))
			i++;
		if (i == r->body.len)
			return 0;
	}
	if (jout == NULL)	/* the request path: no DOM needed */
		return jsonin_params(p, r->body.buf, r->body.len);
	if ((j = jsonin_parse(r->body.buf, r->body.len)) == NULL)
		return FG_EINVAL;
	if (!json_is_object(j)) {
		json_decref(j);
		return FG_EINVAL;
	}
	rc = jsonin_to_params(p, j);
	if (jout)
		*jout = j;
	else
		json_decref(j);
	return rc;
}

int
intake_file(struct http_req *r, struct multipart_file *f)
{
	char bnd[200];
	int n;

	if (intake_body_kind(r) != INTAKE_MULTIPART ||
	    (n = boundary(r, bnd, sizeof(bnd))) < 0)
		return FG_EINVAL;
	return multipart_file(r->body.buf, r->body.len, bnd, (size_t)n, f);
}
