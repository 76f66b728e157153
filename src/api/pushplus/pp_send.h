/*
 * pp_send.h: one pushplus request turned into messages, shared by /send
 * (pushplus.c, one message) and /batchSend (pp_batch.c, one message per
 * requested channel).  The rules of a send live once, in pp_send.c;
 * the two handlers differ only in how many items they build and how
 * they answer.
 *
 * A request goes through four steps, in this order (the order decides
 * which error a request with several faults gets, and /send keeps the
 * order it always had):
 *
 *   pp_req_open()     parameters (query, body or raw body), the sender
 *                     (token), and whether sending is turned on; then
 *                     the token's default config (pp_req_defaults())
 *   pp_item_count()   tie the item to the token's rate limit, per
 *                     item: the writer counts it with the message, on
 *                     either store, so only stored sends count (an
 *                     invalid or refused one does not) and on_done
 *                     gets FG_EBUSY over the limit (pp_item_limited()
 *                     says so)
 *   pp_req_pre()      the `pre` script, if any: the request is parked
 *                     and goes on from a callback once the script has
 *                     rewritten the content (pp_pre.c)
 *   pp_req_fields()   what every message of the request shares:
 *                     content, title, template, callbackUrl,
 *                     timestamp, topic and to
 *   pp_item_build()   one message for one channel and its option: the
 *                     channel, its config, the recipients (less those
 *                     whose recevieLimit refuses others' messages)
 *
 * A request-level failure leaves its reason in req->msg; an item-level
 * one in item->error.  Both return a pushplus code (999, 903, 500).
 * Items start zeroed, and pp_item_count() is the first call on each: it
 * ties the item to its request (item->owner, for the done callback).
 * A built item is ready for queue_submit() once the caller has set
 * req.on_done; the caller owns both structs and releases them after
 * the done callback (pp_item_release(), pp_req_release()).
 */
#ifndef FG_PP_SEND_H
#define FG_PP_SEND_H

#include <stddef.h>
#include <stdint.h>

#include "api/prewait.h"
#include "api/tokens.h"
#include "core/limits.h"
#include "queue/queue.h"
#include "store/store.h"
#include "util/params.h"

struct api_ctx;
struct http_req;

#define PP_OK_MSG	"请求成功"
#define PP_ERR_500	"系统异常，请稍后再试"

struct pp_req {
	struct http_req		*http;
	struct api_ctx		*app;
	struct params		 p;
	const char		*token;
	struct store_user	 u;
	struct tokens_prefs	 prefs;
	/* shared by every message of the request (pp_req_fields) */
	const char		*content;
	size_t			 content_len;
	const char		*title;
	int			 tpl;
	const char		*callback_url;
	int64_t			 not_after_ms;
	char			 push_id[LIM_PUSH_ID_BYTES + 1];	/* pp_push.c */
	char			 default_cb[LIM_PP_URL_BYTES + 1];
	char			 msg[320];	/* request-level reason */
	/* pp_req_pre(): the parked request's way back */
	struct api_pre_wait	 pre_wait;
	void			*pre_state;
	void			(*pre_next)(struct pp_req *, int code);
};

struct pp_item {
	struct send_request	 req;	/* first: the queue's handle */
	struct pp_req		*owner;
	int64_t			*users;
	size_t			 n_users;
	int64_t			 one_user;
	int			 refused;	/* recevieLimit left some out */
	struct store_msg_chan	 chan;	/* webhook, cp, mail config */
	char			 error[256];	/* reason; m->error */
};

/* Init p and read the parameters, sender and send switch of r. */
int	pp_req_open(struct pp_req *, struct http_req *,
	    const char *path_token);
/*
 * Called by pp_req_open(): the sender token's default config's pre and
 * option where the request leaves them out (pp_defaults.c).
 */
int	pp_req_defaults(struct pp_req *);
/* The option (formerly webhook) parameter of the request, or NULL. */
const char	*pp_req_option(const struct pp_req *);
void	pp_item_count(struct pp_req *, struct pp_item *);
/* The 999 "too many sends" of an item over limit (item->error). */
int	pp_item_limited(struct pp_item *, int limit);
/*
 * 0 when the request has no `pre` (go on with pp_req_fields()), a
 * pushplus code with the reason in msg when its script is unknown, or
 * PP_PARKED: the request is parked with (state, state_free) and next()
 * runs once, on another thread, with code 0 after the script has
 * replaced the content or a code and reason when it failed; next() then
 * answers and api_unpark()s, or goes on with pp_req_fields().
 */
#define PP_PARKED	(-1)
int	pp_req_pre(struct pp_req *, void *state, void (*state_free)(void *),
	    void (*next)(struct pp_req *, int code));
int	pp_req_fields(struct pp_req *);
/*
 * channel NULL: the token's default channel, and with it its default
 * option when option is NULL too.  option must live as long as the item.
 */
int	pp_item_build(struct pp_req *, struct pp_item *,
	    const char *channel, const char *option);

void	pp_req_release(struct pp_req *);
void	pp_item_release(struct pp_item *);

#endif
