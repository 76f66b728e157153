/*
 * pp_push.h: the pushId parameter of the form, doc and excel templates
 * (pushplus send API 1.16/1.17, pushplus-today.md §1.5), read once per
 * request by pp_req_fields() (pp_send.c).
 */
#ifndef FG_PP_PUSH_H
#define FG_PP_PUSH_H

#include <stddef.h>

struct params;

/*
 * The pushId of p into out[size] when tpl is form, doc or excel ("" for
 * the other templates, which do not use it).  0, or 999 with the reason
 * in msg[msize]: missing, longer than LIM_PUSH_ID_BYTES, or not made of
 * letters, digits, '-' and '_'.
 */
int	pp_push_id(const struct params *p, int tpl, char *out, size_t size,
	    char *msg, size_t msize);

#endif
