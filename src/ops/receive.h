/*
 * receive.h: who does not want the messages of others: the open API's
 * recevieLimit (setting/changeRecevieLimit, upstream's spelling).
 *
 * pushplus documents recevieLimit 1 as "不接收消息" (receive nothing).
 * feige reads it as the person's guard against others: a recipient who
 * set it is left out of messages someone else sends to them through a
 * topic they joined or a friend token in `to`, while what they send to
 * themselves still arrives.  The rule is the sender's recipient list
 * filtered in place; the caller decides what an emptied list means.
 */
#ifndef FG_OPS_RECEIVE_H
#define FG_OPS_RECEIVE_H

#include <stddef.h>
#include <stdint.h>

#include "util/errors.h"

struct store;
struct strbuf;

/*
 * Drop from ids[0..*n) every user other than sender whose recevieLimit
 * is 1, keeping the order of the rest; *n becomes what is left and
 * *dropped (may be NULL) how many were left out.  On a store error
 * ids is unchanged and the detail is in err (may be NULL).
 */
FG_MUST int	ops_receive_filter(struct store *, int64_t sender,
		    int64_t *ids, size_t *n, size_t *dropped,
		    struct strbuf *err);

#endif
