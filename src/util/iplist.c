/*
 * iplist.c: IP allowlists (iplist.h): addresses and CIDR blocks, IPv4
 * and IPv6, separated by commas, semicolons or white space, as a pushplus
 * user types them into the open API's allowlist.
 *
 * Addresses are compared as bytes after inet_pton: an IPv4 peer matches
 * IPv4 entries, an IPv6 peer IPv6 entries (the server writes
 * IPv4-mapped peers as IPv4, see http_client_ip()).  An entry that does
 * not parse matches nothing; iplist_check() names it, so a list can be
 * refused when it is stored instead of failing silently when used.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/errors.h"
#include "util/iplist.h"
#include "util/strbuf.h"

struct ipnet {
	int		family;
	unsigned char	addr[16];
	int		bits;
};

/* One entry "addr" or "addr/bits"; 0 or -1. */
static int
ipnet_parse(const char *s, size_t len, struct ipnet *n)
{
	char buf[64], *slash, *end;
	long bits;
	int max;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	memset(n, 0, sizeof(*n));
	if (inet_pton(AF_INET, buf, n->addr) == 1) {
		n->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, n->addr) == 1) {
		n->family = AF_INET6;
		max = 128;
	} else {
		return -1;
	}
	n->bits = max;
	if (slash) {
		if (!isdigit((unsigned char)*slash))
			return -1;
		bits = strtol(slash, &end, 10);
		if (*end || bits < 0 || bits > max)
			return -1;
		n->bits = (int)bits;
	}
	return 0;
}

static int
ipnet_contains(const struct ipnet *net, const struct ipnet *ip)
{
	int full = net->bits / 8, rest = net->bits % 8;
	unsigned char mask;

	if (net->family != ip->family)
		return 0;
	if (memcmp(net->addr, ip->addr, (size_t)full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = (unsigned char)(0xff << (8 - rest));
	return (net->addr[full] & mask) == (ip->addr[full] & mask);
}

static int
is_sep(int c)
{
	return c == ',' || c == ';' || isspace(c);
}

/* Call fn on each entry of list; stops at a non-zero return. */
static int
each_entry(const char *list, int (*fn)(void *, const char *, size_t),
    void *arg)
{
	const char *p = list;
	size_t len;
	int rc;

	while (*p) {
		while (*p && is_sep((unsigned char)*p))
			p++;
		for (len = 0; p[len] && !is_sep((unsigned char)p[len]); len++)
			;
		if (len && (rc = fn(arg, p, len)) != 0)
			return rc;
		p += len;
	}
	return 0;
}

static int
match_one(void *arg, const char *s, size_t len)
{
	const struct ipnet *ip = arg;
	struct ipnet net;

	return ipnet_parse(s, len, &net) == 0 && ipnet_contains(&net, ip);
}

int
iplist_allowed(const char *list, const char *ip)
{
	struct ipnet peer;

	if (list == NULL || ip == NULL ||
	    ipnet_parse(ip, strlen(ip), &peer) != 0 ||
	    strchr(ip, '/') != NULL)
		return 0;
	return each_entry(list, match_one, &peer) == 1;
}

static int
check_one(void *arg, const char *s, size_t len)
{
	struct ipnet net;

	if (ipnet_parse(s, len, &net) == 0)
		return 0;
	strbuf_setf(arg, "not an IP address or CIDR block: '%.*s'",
	    (int)(len > 64 ? 64 : len), s);
	return FG_EINVAL;
}

int
iplist_check(const char *list, struct strbuf *err)
{
	return each_entry(list, check_one, err);
}
