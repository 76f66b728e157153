/*
 * iplist.h: IP allowlists with CIDR blocks (iplist.c).
 */
#ifndef FG_UTIL_IPLIST_H
#define FG_UTIL_IPLIST_H

struct strbuf;

/*
 * Is ip (text) in list?  list: IPv4/IPv6 addresses and CIDR blocks
 * separated by commas, semicolons or white space.  Empty list: no.
 */
int	iplist_allowed(const char *list, const char *ip);
/* 0 if every entry of list parses; else FG_EINVAL, the entry in err. */
int	iplist_check(const char *list, struct strbuf *err);

#endif
