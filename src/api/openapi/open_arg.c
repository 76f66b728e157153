/*
 * open_arg.c: the open API's arguments (open_int.h).
 *
 * open_req_init() has merged the query and the JSON body (body wins)
 * into one parameter set, so every call reads its arguments by name
 * here, whichever way the script sent them.  Empty means absent.  The
 * checks every handler makes the same way live here too: a required
 * text capped by the field it goes to, and a positive id, each with
 * the 999 reply that names the argument.  What an argument must be
 * beyond that shape (a channel name, a date, 0 or 1) is the handler's.
 */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/openapi/open_int.h"
#include "util/errors.h"
#include "util/jsonin.h"
#include "util/params.h"

const char *
open_arg(struct open_req *o, const char *name, char *buf, size_t size)
{
	const char *v = params_get(&o->q, name, NULL);

	if (v == NULL || *v == '\0')
		return NULL;
	snprintf(buf, size, "%s", v);
	return buf;
}

static int
parse_int(const char *s, long long *out)
{
	return params_int(s, LLONG_MIN, LLONG_MAX, out);
}

int
open_arg_int(struct open_req *o, const char *name, long long *out)
{
	char buf[32];
	const char *v = params_get(&o->q, name, NULL);

	if (v == NULL || *v == '\0')
		return FG_ENOENT;
	if (strlen(v) >= sizeof(buf))
		return FG_EINVAL;
	snprintf(buf, sizeof(buf), "%s", v);
	return parse_int(buf, out);
}

void
open_arg_page(struct open_req *o, struct open_page *pg)
{
	long long cur = 0, size = 0;

	if (open_arg_int(o, "current", &cur) != 0)
		cur = 0;
	if (open_arg_int(o, "pageSize", &size) != 0)
		size = 0;
	open_page_norm(cur, size, pg);
}

int
open_arg_param_int(struct open_req *o, const char *name, long long *out)
{
	const char *p = params_get(&o->q, "params", NULL);
	json_t *j, *v;
	int rc = FG_ENOENT;

	if (p && *p == '{' && (j = jsonin_parse(p, strlen(p))) != NULL) {
		v = json_object_get(j, name);
		if (json_is_integer(v)) {
			*out = json_integer_value(v);
			rc = 0;
		} else if (json_is_string(v)) {
			rc = parse_int(json_string_value(v), out);
		} else if (v && !json_is_null(v)) {
			rc = FG_EINVAL;
		}
		json_decref(j);
		if (rc != FG_ENOENT)
			return rc;
	}
	return open_arg_int(o, name, out);
}

/* ---- parked writer ops ---- */

int
open_arg_text(struct open_req *o, const char *name, int required,
    char *out, size_t size)
{
	const char *v = params_get(&o->q, name, NULL);
	char msg[128];

	if (v == NULL || *v == '\0') {
		*out = '\0';
		if (!required)
			return 0;
		snprintf(msg, sizeof(msg), "%s不能为空 (%s is required)", name,
		    name);
		open_err(o, 999, msg);
		return -1;
	}
	if (strlen(v) >= size) {
		snprintf(msg, sizeof(msg), "%s过长，最多%zu字节 (%s too long)",
		    name, size - 1, name);
		open_err(o, 999, msg);
		return -1;
	}
	snprintf(out, size, "%s", v);
	return 0;
}

int
open_arg_id(struct open_req *o, const char *name, long long *id)
{
	char msg[128];

	if (open_arg_int(o, name, id) == 0 && *id > 0)
		return 0;
	snprintf(msg, sizeof(msg), "%s不能为空，须为正整数 (%s is required)",
	    name, name);
	open_err(o, 999, msg);
	return -1;
}

void
open_list_init(struct open_req *o, struct open_list *l)
{
	open_arg_page(o, &l->pg);
	l->offset = open_page_offset(&l->pg);
	l->total = 0;
	l->items = json_array();
}
