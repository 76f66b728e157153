/*
 * wx_int.h: what the WxPusher adapter's files share (wxpusher.c send,
 * wx_query.c status/delete/users/QR, wx_follow.c pages and uplink).
 *
 * Writes are parked struct api_op (api/commit.h): apply() runs in the
 * writer's group commit and calls one operation of src/ops/ (the
 * business rules and the store writes) with a narrow input built from
 * what the adapter parsed and checked; reply() after the commit (any
 * thread) sets the HTTP reply in the WxPusher envelope.
 */
#ifndef FG_API_WX_INT_H
#define FG_API_WX_INT_H

#include <stdint.h>

#include "api/ctx.h"
#include "api/commit.h"
#include "store/store.h"

struct http_req;
struct params;
struct api_ctx;

#define WX_OK_MSG	"处理成功"

/*
 * An error reply: msg is the Chinese text WxPusher would write, the
 * only text on the wire; why (English, may be NULL) goes to the log.
 */
void	wx_refuse(struct http_req *, int code, const char *msg,
	    const char *why);
/* Query (and body) parameters; 0, or replies 1001/1005 and returns -1. */
int	wx_params(struct http_req *, struct params *, int body);
/* The app of the appToken parameter; replies 1001 and returns -1. */
int	wx_app_auth(struct http_req *, const struct params *,
	    struct store_wx_app *);
/* A positive decimal id parameter, or -1. */
long long	wx_param_id(const struct params *, const char *);
/*
 * A decimal parameter in [lo, hi]: 0 when absent or empty (*out kept),
 * 1 when set, -1 when not a number or out of range (nothing replied).
 */
int	wx_param_num(const struct params *, const char *, long long lo,
	    long long hi, long long *out);

/* Send records' status text. */
const char	*wx_status_text(int status);

/* Publish one committed inbox item to the user's live streams. */
void	wx_publish(struct api_ctx *, int64_t user, int64_t inbox_id,
	    const struct message *);

#endif
