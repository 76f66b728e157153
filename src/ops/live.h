/*
 * live.h: live events committed by other nodes on a shared store
 * (PostgreSQL) reach the streams open on this node (live.c).
 */
#ifndef FG_OPS_LIVE_H
#define FG_OPS_LIVE_H

struct hub;
struct store_live;
struct strbuf;

/*
 * Start the listener feeding h; *out NULL (and 0) when the store is
 * one node's (SQLite).  Stop it with store_live_stop() (cluster.h)
 * before freeing h.
 */
int ops_live_start(struct hub *h, struct store_live **out, struct strbuf *err);

#endif
