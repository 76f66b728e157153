/*
 * wx_message.h: WxPusher messages: the rows one send writes (the
 * message, one send record per target, one delivery per recipient, the
 * daily receive counters), an app deleting one of its messages (DELETE
 * /api/send/message), and the day number the daily receive limit counts
 * by, shared by the send and the retention purge (queue/wx_purge.c).
 *
 * The adapter (api/wxpusher) parses and resolves the targets on its
 * reader; the rows are written here inside the writer's transaction.
 */
#ifndef FG_OPS_WX_MESSAGE_H
#define FG_OPS_WX_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "ops/recall.h"
#include "store/store.h"
#include "util/errors.h"

struct strbuf;

/*
 * One send.  rec[i] is target i with user_id or topic_id, code and text
 * set; its id comes back in rec[i].id.  users[i] is a recipient reached
 * through target user_rec[i].  SPT sends have app_id 0.
 */
struct ops_wx_send {
	struct message		*msg;		/* msg->id set on return */
	const char		*channel;	/* the driver's name */
	int64_t			 app_id;
	const char		*summary;
	const char		*url;		/* NULL = none */
	struct store_wx_record	*rec;
	size_t			 n_rec;
	const int64_t		*users;
	const size_t		*user_rec;
	size_t			 n_users;
	int64_t			 day;		/* ops_wx_day() of the send */
};

/*
 * The message, its WxPusher columns, the records, one delivery per
 * recipient tied to its record (ids to dids[n_users]) and one count per
 * recipient on the day, each with one bulk statement.
 */
FG_MUST int	ops_wx_send_rows(struct store *, const struct ops_wx_send *,
		    int64_t *dids, struct strbuf *err);

/*
 * Delete message id of app app_id: ops_recall() (recall.h: the page and
 * the inbox items go, the records keep their status), the recipients to
 * tell in out.  FG_ENOENT when it is not a message of that app.
 * Deleting a deleted message again is not an error.
 */
FG_MUST int	ops_wx_message_delete(struct store *, int64_t id,
		    int64_t app_id, struct ops_recall *out,
		    struct strbuf *err);

/* The day number (UTC+8) of a time, for the daily receive limit. */
int64_t	ops_wx_day(int64_t ms);

#endif
