/*
 * wx_callback.h: the three WxPusher callbacks (compat.md §5) as rows in
 * the outbox: app_subscribe when a person follows an app, send_up_cmd
 * when a person sends "#appId text" to it, order_pay when paid time is
 * granted or refunded.
 *
 * Each operation runs inside the caller's transaction (the writer's
 * group commit, or the CLI's own store_begin/store_commit), so the row
 * commits with the change it reports or not at all; the running
 * server's callback sender POSTs it later.  An app without a callback
 * URL gets no row, and that is not an error.  *queued is set to 1 when
 * a row was written (so the caller can kick the sender), and left alone
 * otherwise.
 */
#ifndef FG_OPS_WX_CALLBACK_H
#define FG_OPS_WX_CALLBACK_H

#include <stdint.h>

#include "store/store.h"
#include "util/errors.h"

struct strbuf;

/* A person followed the app (source "link", "scan" or "command"). */
struct ops_wx_subscribe {
	const struct store_wx_app	*app;
	const char			*uid;
	const char			*source;
	const char			*extra;		/* NULL = "" */
};

/* A person sent the app an uplink command. */
struct ops_wx_upcmd {
	const struct store_wx_app	*app;
	const char			*uid;
	const char			*content;
};

/* Paid time added (add_ms > 0, type 1) or refunded (< 0, type 2). */
struct ops_wx_order_pay {
	const struct store_wx_app	*app;
	const char			*uid;
	int64_t				 prod_id;
	int64_t				 add_ms;
	int				 amount_fen;
	const char			*trade_no;
};

FG_MUST int	ops_wx_callback_subscribe(struct store *,
		    const struct ops_wx_subscribe *, int *queued,
		    struct strbuf *err);
FG_MUST int	ops_wx_callback_upcmd(struct store *,
		    const struct ops_wx_upcmd *, int *queued,
		    struct strbuf *err);
FG_MUST int	ops_wx_callback_order_pay(struct store *,
		    const struct ops_wx_order_pay *, int *queued,
		    struct strbuf *err);

#endif
