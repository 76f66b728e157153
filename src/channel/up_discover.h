/*
 * up_discover.h: the UnifiedPush discovery check (up_discover.c).
 */
#ifndef FG_UP_DISCOVER_H
#define FG_UP_DISCOVER_H

struct strbuf;

/*
 * Ask endpoint whether it is a UnifiedPush push server: 0 yes, or
 * FG_EINVAL with the reason (Chinese, then English) in err.  Blocks up
 * to channel.timeout_ms: never call it on the HTTP thread.
 */
int	up_discover(const char *endpoint, struct strbuf *err);

#endif
