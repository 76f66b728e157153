/*
 * wx_purge.h: the WxPusher retention purge, a maintenance thread of the
 * store (it lives beside the writer it feeds).  It runs at start and
 * then every `interval_s` seconds; each run deletes, through the writer
 * (spool_wx_purge(), one bounded step per writer op),
 * the send records older than `retention_days` with their deliveries,
 * parametric QR codes expired for more than a day, and daily receive
 * counters of the days before yesterday, step after step until nothing
 * is left.  Messages and inbox rows are kept.  Each run that deleted
 * anything logs one line:
 *
 *   msg="wxpusher purge" records=120 deliveries=3400 qrcodes=2 daily=80
 *       batches=3 ms=41
 *
 * The same thread then deletes the final pushes of the outbox
 * (spool_push_purge()) created more than push_retention_ms ago (0: it
 * keeps them), and logs
 *
 *   msg="push purge" pushes=4200 batches=3 ms=35
 *
 * Start after the writer, stop before it: a step in flight finishes
 * (its writer op cannot be abandoned), the rest of the run is dropped.
 */
#ifndef FG_WX_PURGE_H
#define FG_WX_PURGE_H

#include <stdint.h>

struct strbuf;
struct writer;
struct wx_purge;

struct wx_purge_config {
	struct writer	*writer;
	int		 retention_days;	/* wxpusher.retention_days */
	int		 interval_s;	/* wxpusher.purge_interval_s, > 0 */
	int		 batch;		/* rows per step, LIM_WX_PURGE_BATCH */
	int64_t		 push_retention_ms;	/* push.retention_days, 0 keep */
};

int	wx_purge_start(struct wx_purge **, const struct wx_purge_config *,
	    struct strbuf *err);
/* Stop and join the thread (NULL: no-op). */
void	wx_purge_stop(struct wx_purge *);

#endif
